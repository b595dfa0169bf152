/**
 * Reads the client's packets from a corpus `wire.txt`: lines `C> b'...'` hold the
 * Python repr() of each chunk the recorder's client wrote. Packet boundaries matter:
 * several commands in one packet are pipelined.
 */
export function parseClientPackets(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('C> ')) continue;
    const bytes = parsePythonBytes(line.slice(3));
    if (bytes !== null) out.push(bytes);
  }
  return out;
}

/** Decodes a Python bytes literal (`b'..'` or `b".."`) to a string of char codes 0..255; null if malformed. */
export function parsePythonBytes(lit: string): string | null {
  const m = /^b(['"])(.*)\1$/s.exec(lit.trim());
  if (m === null) return null;
  const body = m[2] ?? '';
  let s = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      s += ch;
      continue;
    }
    const n = body[i + 1] ?? '';
    i += 1;
    switch (n) {
      case 'r':
        s += '\r';
        break;
      case 'n':
        s += '\n';
        break;
      case 't':
        s += '\t';
        break;
      case '0':
        s += '\0';
        break;
      case 'x': {
        const hex = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
        s += String.fromCharCode(parseInt(hex, 16));
        i += 2;
        break;
      }
      default:
        s += n;
    }
  }
  return s;
}
