import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';

/** The recorded ground truth (corpus README). */
export const CORPUS = `${GROUND_TRUTH}`;

export function corpusFile(...parts: string[]): string {
  return readFileSync(join(CORPUS, ...parts), 'utf8');
}

/**
 * The corpus's own normalisation (pfrec.py `normalize`), ported for the parts that TLS output has:
 * timestamps, PIDs, fingerprints, session IDs and keys, ticket and handshake hex dumps, BIO addresses,
 * ticket key expirations, s_client's file descriptor and certificate dates.
 */
export function normalize(text: string): string {
  let t = text;
  t = t.replace(/\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d \d\d:\d\d:\d\d(?:\.\d+)?/g, '<TIMESTAMP>');
  t = t.replace(/(\w)\[\d+\]:/g, '$1[<PID>]:');
  t = t.replace(/\b(?:[0-9A-Fa-f]{2}:){15,}[0-9A-Fa-f]{2}\b/g, '<FINGERPRINT>');
  t = t.replace(/Session-ID: [0-9A-F]+/g, 'Session-ID: <SESSIONID>');
  t = t.replace(/Master-Key: [0-9A-F]+/g, 'Master-Key: <MASTERKEY>');
  t = t.replace(/Start Time: \d+/g, 'Start Time: <EPOCH>');
  t = t.replace(/Resumption PSK: [0-9A-F]+/g, 'Resumption PSK: <PSK>');
  t = t.replace(/(\n\s+)[0-9a-f]{4} - (?:[0-9a-f]{2}[ -]){1,16}.*/g, '$1<TICKET-HEXDUMP-LINE>');
  t = t.replace(/(\]: )[0-9a-f]{4} (?:[0-9a-f]{2}[ |]){1,16}.*$/gm, '$1<HEXDUMP-LINE>');
  t = t.replace(/\b(read from|write to) [0-9A-F]{6,} \[[0-9A-F]{6,}\]/g, '$1 <ADDR> [<ADDR>]');
  t = t.replace(/key expiration: \d+/g, 'key expiration: <EPOCH>');
  t = t.replace(/CONNECTED\([0-9A-F]+\)/g, 'CONNECTED(<FD>)');
  return t;
}

/** The texts of a scenario's normalized log lines for one program (`postfix/smtpd`), after `[<PID>]: `. */
export function logTexts(scenario: string, program: string): string[] {
  const prefix = `<TIMESTAMP> mail ${program}[<PID>]: `;
  return corpusFile(scenario, 'raw.normalized.log')
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
}

/** Lines the TLS library writes (as opposed to smtpd's or smtp's own session lines). */
export function isTlsLine(text: string): boolean {
  return /^(initializing the (server|client)-side TLS engine|setting up TLS connection|\S+: TLS cipher list|SSL_accept|SSL_connect|SSL3 alert|read from|write to|<HEXDUMP-LINE>|[0-9a-f]{4} - <SPACES\/NULLS>|\S+: Issuing session ticket|(Anonymous|Untrusted|Trusted|Verified) TLS connection|warning: TLS library problem|(server )?certificate verification failed|\S+: depth=|\S+: subject_CN=|warning: cannot get RSA|warning: No server certs|warning: Invalid TLS protocol)/.test(
    text,
  );
}

/** Normalizes log texts produced by the model as the corpus normalized the real ones. */
export function normalizeTexts(lines: readonly string[]): string[] {
  // The corpus ran normalize() over whole log lines; put a prefix back so `]: ` anchored rules apply.
  return lines.map((l) => normalize(`x]: ${l}`).slice(4));
}

/** base/main.cf plus the scenario's `postconf -e` lines, as a plain map (the config engine is tested elsewhere). */
export function scenarioMainCf(scenario: string, base = 'base'): Record<string, string> {
  const values: Record<string, string> = {};
  const take = (text: string): void => {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const m = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
      if (m !== null && m[1] !== undefined) values[m[1]] = m[2] ?? '';
    }
  };
  const dir = scenario.startsWith('more/') ? 'more/base' : base;
  take(corpusFile(dir, 'main.cf'));
  take(corpusFile(scenario, 'config.txt').split('# --- master.cf')[0] ?? '');
  return values;
}
