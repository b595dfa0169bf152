/**
 * The two hex dump layouts the lab prints.
 *
 * Postfix (level 3, corpus log-smtpd-tls-loglevel-3/raw.log): `0000 16 03 01 02` ... 16 bytes a row, a `|`
 * after the 8th byte, then the printable characters with a space after the 8th; trailing NULs and spaces
 * are not dumped but summarised as `<offset> - <SPACES/NULLS>`.
 *
 * OpenSSL BIO_dump (s_client's `TLS session ticket:`, corpus tls-protocols-default/sclient-tls1_3.txt):
 * `    0000 - f1 5c b9 ea e6 fd 96 8d-b3 1f 27 0d 79 3f 26 90   .\........'.y?&.`
 */

function printable(b: number): string {
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

export function postfixHexdump(data: Uint8Array): string[] {
  let len = data.length;
  while (len > 0 && (data[len - 1] === 0 || data[len - 1] === 0x20)) len--;
  const lines: string[] = [];
  for (let row = 0; row * 16 < len; row++) {
    let hexPart = '';
    let text = '';
    for (let j = 0; j < 16; j++) {
      const i = row * 16 + j;
      if (i >= len) {
        hexPart += '   ';
        continue;
      }
      const b = data[i] ?? 0;
      hexPart += `${hex2(b)}${j === 7 ? '|' : ' '}`;
      text += printable(b);
      if (j === 7) text += ' ';
    }
    lines.push(`${(row * 16).toString(16).padStart(4, '0')} ${hexPart} ${text}`);
  }
  if (len < data.length) lines.push(`${len.toString(16).padStart(4, '0')} - <SPACES/NULLS>`);
  return lines;
}

export function bioDump(data: Uint8Array, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (let off = 0; off < data.length; off += 16) {
    let hexPart = '';
    let text = '';
    for (let j = 0; j < 16; j++) {
      const b = data[off + j];
      if (b === undefined) {
        hexPart += '   ';
        continue;
      }
      hexPart += `${hex2(b)}${j === 7 ? '-' : ' '}`;
      text += printable(b);
    }
    lines.push(`${pad}${off.toString(16).padStart(4, '0')} - ${hexPart}  ${text}`);
  }
  return lines;
}
