import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../../../corpus/corpus-path.ts';

/** One recorded connection of a scenario: its port and what the transcript shows, in order. */
export interface RecordedConnection {
  readonly port: number;
  readonly title: string;
  readonly events: readonly RecordedEvent[];
}

export type RecordedEvent =
  | { readonly kind: 'client'; readonly text: string }
  | { readonly kind: 'server'; readonly text: string }
  | { readonly kind: 'tls' }
  | { readonly kind: 'note'; readonly text: string };

export interface ConfigDelta {
  /** `postconf -e` lines, in order. */
  readonly main: readonly (readonly [string, string])[];
  /** master.cf entries appended: service name and its `-o` overrides. */
  readonly master: readonly { readonly service: string; readonly overrides: readonly (readonly [string, string])[] }[];
  /** The `# --- other ---` lines (changes to files, e.g. `chmod 000 ...`). */
  readonly notes: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly config: ConfigDelta;
  readonly connections: readonly RecordedConnection[];
  /** Client packets in order, from wire.txt (exact bytes). */
  readonly clientPackets: readonly string[];
  /** raw.normalized.log lines. */
  readonly log: readonly string[];
  readonly file: (name: string) => string | null;
}

export function corpusText(...parts: string[]): string {
  const p = join(CORPUS, ...parts);
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p}`);
  return readFileSync(p, 'utf8');
}

/** Decodes one Python bytes repr (`b'...'` or `b"..."`) to a string of bytes. */
export function decodePyBytes(repr: string): string {
  const m = /^b(['"])(.*)\1$/s.exec(repr.trim());
  if (m === null) throw new Error(`not a bytes repr: ${repr.slice(0, 40)}`);
  const body = m[2] ?? '';
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body.charAt(++i);
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
    if (n === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (Object.hasOwn(simple, n)) out += simple[n] ?? '';
    else out += `\\${n}`;
  }
  return out;
}

export function parseConfig(text: string): ConfigDelta {
  const main: [string, string][] = [];
  const master: { service: string; overrides: [string, string][] }[] = [];
  const notes: string[] = [];
  let section: 'main' | 'master' | 'other' | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('# --- main.cf')) section = 'main';
    else if (line.startsWith('# --- master.cf')) section = 'master';
    else if (line.startsWith('# --- other')) section = 'other';
    if (line.startsWith('#') || line.trim() === '') continue;
    if (section === 'main') {
      const m = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
      if (m !== null) main.push([m[1] ?? '', (m[2] ?? '').trim()]);
    } else if (section === 'master') {
      const o = /^\s+-o\s+([^=\s]+)=(.*)$/.exec(line);
      if (o !== null) master[master.length - 1]?.overrides.push([o[1] ?? '', (o[2] ?? '').trim()]);
      else if (/^\S/.test(line)) master.push({ service: line.split(/\s+/)[0] ?? '', overrides: [] });
    } else if (section === 'other') {
      notes.push(line);
    }
  }
  return { main, master, notes };
}

function parseTranscript(text: string): RecordedConnection[] {
  const out: { port: number; title: string; events: RecordedEvent[] }[] = [];
  for (const line of text.split('\n')) {
    const conn = /^# --- new TCP connection to [\d.]+:(\d+)(.*)$/.exec(line);
    if (conn !== null) {
      out.push({ port: Number(conn[1]), title: (conn[2] ?? '').replace(/^\s*\(?|\)?\s*---\s*$/g, ''), events: [] });
      continue;
    }
    const cur = out[out.length - 1];
    if (cur === undefined) continue;
    if (line.startsWith('C: $ ')) continue; // a shell command, not SMTP
    if (line.startsWith('C: ') || line === 'C:') cur.events.push({ kind: 'client', text: line.slice(3) });
    else if (line.startsWith('S: ') || line === 'S:') cur.events.push({ kind: 'server', text: line.slice(3) });
    else if (line.startsWith('# TLS handshake complete')) cur.events.push({ kind: 'tls' });
    else if (line.startsWith('# ')) cur.events.push({ kind: 'note', text: line.slice(2) });
  }
  return out;
}

export function loadScenario(name: string): Scenario {
  const wire = corpusText(name, 'wire.txt')
    .split('\n')
    .filter((l) => l.startsWith('C> '))
    .map((l) => decodePyBytes(l.slice(3)));
  return {
    name,
    config: parseConfig(corpusText(name, 'config.txt')),
    connections: parseTranscript(corpusText(name, 'transcript.normalized.txt')),
    clientPackets: wire,
    log: corpusText(name, 'raw.normalized.log')
      .split('\n')
      .filter((l) => l !== ''),
    file: (f) => (existsSync(join(CORPUS, name, f)) ? readFileSync(join(CORPUS, name, f), 'utf8') : null),
  };
}
