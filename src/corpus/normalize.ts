/**
 * Replaces what changes from run to run with the corpus's placeholders. The rules and
 * their order follow the recorder's own normalizer (the corpus's `pfrec.py`, `normalize`),
 * so that the lab's output and the recording are normalized alike.
 */
const MON = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function collectQueueIds(t: string): Set<string> {
  const ids = new Set<string>();
  const add = (re: RegExp, group = 1): void => {
    for (const m of t.matchAll(re)) {
      const v = m[group];
      if (v !== undefined) ids.add(v);
    }
  };
  add(/queued as ([0-9A-F]{6,})/g);
  add(/postfix\/[\w/-]+\[\d+\]: ([0-9A-F]{6,}): /g);
  add(/(?:^|^S: )([0-9A-F]{8,})[*!]?\s/gm);
  add(/\bid ([0-9A-F]{8,})[;\s]/g);
  add(/\b(\d{14})\.([0-9A-F]{8,})@/g, 2);
  return ids;
}

export function normalize(text: string): string {
  let t = text;
  const ids = [...collectQueueIds(t)].sort((a, b) => b.length - a.length);
  for (const q of ids) t = t.replace(new RegExp(`\\b${escapeRe(q)}\\b`, 'g'), '<QUEUEID>');
  const rules: [RegExp, string][] = [
    [new RegExp(`\\b${MON} [ 0-3]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?`, 'g'), '<TIMESTAMP>'],
    [new RegExp(`\\b${DAY},\\s+\\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}(?: \\([A-Z]+\\))?`, 'g'), '<DATE>'],
    [new RegExp(`\\b${DAY} ${MON} [ 0-3]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}`, 'g'), '<TIMESTAMP>'],
    [new RegExp(`\\b${DAY} ${MON} [ 0-3]\\d \\d\\d:\\d\\d:\\d\\d`, 'g'), '<TIMESTAMP>'],
    [/(\w)\[\d+\]:/g, '$1[<PID>]:'],
    [/\b(?:[0-9A-Fa-f]{2}:){15,}[0-9A-Fa-f]{2}\b/g, '<FINGERPRINT>'],
    [/\bdelay=[\d.]+, delays=[\d./]+/g, 'delay=<DELAY>, delays=<DELAYS>'],
    [/Session-ID: [0-9A-F]+/g, 'Session-ID: <SESSIONID>'],
    [/Master-Key: [0-9A-F]+/g, 'Master-Key: <MASTERKEY>'],
    [/Start Time: \d+/g, 'Start Time: <EPOCH>'],
    [/Resumption PSK: [0-9A-F]+/g, 'Resumption PSK: <PSK>'],
    [/(\n\s+)[0-9a-f]{4} - (?:[0-9a-f]{2}[ -]){1,16}.*/g, '$1<TICKET-HEXDUMP-LINE>'],
    [/(\]: )[0-9a-f]{4} (?:[0-9a-f]{2}[ |]){1,16}.*$/gm, '$1<HEXDUMP-LINE>'],
    [/\b(read from|write to) [0-9A-F]{6,} \[[0-9A-F]{6,}\]/g, '$1 <ADDR> [<ADDR>]'],
    [/key expiration: \d+/g, 'key expiration: <EPOCH>'],
    [/\b0x[0-9a-f]{6,}\b/g, '<ADDR>'],
    [/\b[0-9A-Fa-f]{32,}\b/g, '<HEX>'],
    [/<\d{14}\.[0-9A-F]+@mail\.example\.org>/g, '<MSGID@mail.example.org>'],
    [/\b(\d{14})\.([0-9A-F]{6,})@/g, '<MSGID>@'],
    [/127\.0\.0\.(\d):\d{5}\b/g, '127.0.0.$1:<PORT>'],
    [/CONNECTED\([0-9A-F]+\)/g, 'CONNECTED(<FD>)'],
    [/notBefore=.*/g, 'notBefore=<DATE>'],
    [/notAfter=.*/g, 'notAfter=<DATE>'],
    [/(NotBefore|NotAfter|v:NotBefore|NotAfter): [A-Z][a-z]{2} .* GMT/g, '$1: <DATE>'],
  ];
  for (const [re, rep] of rules) t = t.replace(re, rep);
  return t;
}

/**
 * What the comparison masks on both sides beyond the recorder's placeholders, because
 * it varies like a timestamp (corpus README: "Message-ID timestamps vary like any
 * timestamp") or is a process ID written inside a message text, or is the queue ID the
 * recorder's fake MX gave (`RX0007`: it counted across the whole recording session, and only
 * the Postfix side of those exchanges is ground truth), or OpenSSL's thread ID at the start of an
 * error line.
 */
export function maskVolatile(line: string): string {
  return (
    line
      .replace(/<\d{14}\.<QUEUEID>@/g, '<MSGTIME>.<QUEUEID>@')
      .replace(/\bpid \d+\b/g, 'pid <PID>')
      .replace(/\bPID: \d+\b/g, 'PID: <PID>')
      .replace(/\bqueued as RX\d{4}\b/g, 'queued as RX<N>')
      // OpenSSL starts its error lines with the thread's ID, different in every process.
      .replace(/^((?:[SE]: )?)[0-9A-F]{16}:error:/, '$1<THREAD>:error:')
      // A session ticket's bytes in a transcript (the recorder normalized them only in whole tool runs).
      .replace(/^([SE]:\s+)[0-9a-f]{4} - (?:[0-9a-f]{2}[ -]){1,16}.*$/, '$1<TICKET-HEXDUMP-LINE>')
  );
}
