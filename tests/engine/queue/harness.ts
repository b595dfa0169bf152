import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParameterView } from '../../../src/engine/config/parameter-view.ts';
import { formatLogRecord, MailLog } from '../../../src/engine/log/mail-log.ts';
import { MailQueue } from '../../../src/engine/queue/mail-queue.ts';
import type { RemoteServerEndpoint } from '../../../src/engine/remote/fake-mx.ts';
import { CORPUS_REMOTE_NAMES, RemoteWorld } from '../../../src/engine/remote/remote-world.ts';
import { clientTls } from '../../../src/engine/tls/client-tls.ts';
import type { ClientTlsEngine } from '../../../src/engine/tls/types.ts';
import { steppingClock } from '../../../src/engine/world/clock.ts';
import { sequentialIds } from '../../../src/engine/world/ids.ts';
import type { ConnectResult, Network, ServerEndpoint } from '../../../src/engine/world/network.ts';
import { SimFs } from '../../../src/engine/world/sim-fs.ts';
import { normalize } from '../../../src/corpus/normalize.ts';
import { CORPUS } from '../../corpus/corpus-path.ts';

export { CORPUS };

export function corpusFile(...parts: string[]): string {
  const p = join(CORPUS, ...parts);
  if (!existsSync(p)) throw new Error(`corpus file missing: ${p}`);
  return readFileSync(p, 'utf8');
}

export function corpusHas(...parts: string[]): boolean {
  return existsSync(join(CORPUS, ...parts));
}

/** main.cf text → name/value pairs (continuation lines, comments), later lines win as `postconf -e` would leave them. */
export function parseMainCf(text: string, into: Map<string, string> = new Map()): Map<string, string> {
  const logical: string[] = [];
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw) || raw.trim() === '') continue;
    if (/^\s/.test(raw) && logical.length > 0) logical[logical.length - 1] += ` ${raw.trim()}`;
    else logical.push(raw);
  }
  for (const l of logical) {
    const eq = l.indexOf('=');
    if (eq < 0) continue;
    into.set(l.slice(0, eq).trim(), l.slice(eq + 1).trim());
  }
  return into;
}

/** `$name` / `${name}` expansion over a map (enough for the corpus's main.cf). */
export function expandingView(values: ReadonlyMap<string, string>): ParameterView {
  const expand = (v: string, depth: number): string =>
    depth > 10 ? v : v.replace(/\$\{?([A-Za-z0-9_]+)\}?/g, (_m, n: string) => expand(values.get(n) ?? '', depth + 1));
  return {
    get: (n) => expand(values.get(n) ?? '', 0),
    raw: (n) => values.get(n) ?? '',
    isSet: (n) => values.has(n),
  };
}

/** base/main.cf plus the scenario's config.txt main.cf lines, plus `extra`. */
export function scenarioParams(scenario: string | null, extra: Readonly<Record<string, string>> = {}, root = ''): ParameterView {
  const values = parseMainCf(corpusFile(root, 'base', 'main.cf'));
  if (scenario !== null) {
    const cfg = corpusFile(root, scenario, 'config.txt');
    const main = cfg.split('# --- master.cf')[0] ?? '';
    parseMainCf(
      main
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
      values,
    );
  }
  for (const [k, v] of Object.entries(extra)) values.set(k, v);
  return expandingView(values);
}

/** One connection as the remote side saw it. */
export interface Tapped {
  readonly address: string;
  readonly port: number;
  /** `C: line` / `S: line` in order of the bytes. */
  readonly lines: string[];
  tls: string | null;
}

function splitCrlf(data: string): string[] {
  const out = data.split('\n').map((l) => l.replace(/\r$/, ''));
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** A Network over a RemoteWorld (IPv4 literals, the corpus's names), recording every remote session. */
export class TapNetwork implements Network {
  readonly remote: RemoteWorld;
  readonly sessions: Tapped[] = [];
  readonly #names: Readonly<Record<string, string>>;

  constructor(remote: RemoteWorld, names: Readonly<Record<string, string>> = CORPUS_REMOTE_NAMES) {
    this.remote = remote;
    this.#names = names;
  }

  resolve(host: string): string | null {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
    return this.#names[host.toLowerCase()] ?? null;
  }

  connect(host: string, port: number): ConnectResult {
    const address = this.resolve(host);
    if (address === null) return { ok: false, address: null, error: 'unknown-host' };
    if (!this.remote.hasAddress(address)) return { ok: false, address, error: 'unreachable' };
    const ep = this.remote.remoteEndpoint(address, port);
    if (ep === null) return { ok: false, address, error: 'refused' };
    const t: Tapped = { address, port, lines: [], tls: null };
    this.sessions.push(t);
    return { ok: true, address, endpoint: tapEndpoint(ep, t) };
  }
}

function tapEndpoint(ep: RemoteServerEndpoint, t: Tapped): ServerEndpoint & { readonly remoteTls: RemoteServerEndpoint['remoteTls'] } {
  const server = (data: string): void => {
    for (const l of splitCrlf(data)) t.lines.push(`S: ${l}`);
  };
  return {
    remoteTls: ep.remoteTls,
    open: () => {
      const o = ep.open();
      server(o.data);
      return o;
    },
    receive: (bytes) => {
      for (const l of splitCrlf(bytes)) t.lines.push(`C: ${l}`);
      const o = ep.receive(bytes);
      server(o.data);
      return o;
    },
    handshake: (hello) => {
      const r = ep.handshake(hello);
      if (r.result.ok) t.tls = `${r.result.session.version} ${r.result.session.cipher}`;
      return r;
    },
    clientClosed: () => ep.clientClosed(),
    get tls() {
      return ep.tls;
    },
  };
}

/** 2026-12-01 hh:mm:ss UTC from a `20261201071151` stamp. */
export function stampToMs(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (m === null) throw new Error(`bad stamp ${stamp}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export interface Lab {
  readonly queue: MailQueue;
  readonly log: MailLog;
  readonly net: TapNetwork;
  readonly fs: SimFs;
  readonly now: { ms: number };
  /** The log as maillog_file has it, normalized like the corpus. */
  normalizedLog(): string;
  rawLog(): string[];
}

export interface LabOptions {
  readonly params: ParameterView;
  readonly startMs: number;
  readonly remote?: RemoteWorld;
  readonly tls?: ClientTlsEngine;
  readonly files?: Readonly<Record<string, string>>;
  readonly running?: () => boolean;
}

/** A queue wired to a tapped remote world, a MailLog and a settable clock. */
export function makeLab(opts: LabOptions): Lab {
  const now = { ms: opts.startMs };
  const clock = { now: () => now.ms };
  const log = new MailLog(clock);
  const remote = opts.remote ?? new RemoteWorld();
  const net = new TapNetwork(remote);
  const fs = new SimFs(opts.files ?? { '/etc/aliases': '# See man 5 aliases for format\npostmaster:    root\n' });
  const queue = new MailQueue({
    clock,
    ids: sequentialIds(),
    log: log.write,
    paramsFor: () => opts.params,
    network: net,
    clientTls: opts.tls ?? clientTls,
    fs,
    remoteTls: (a, p) => remote.tlsOf(a, p),
    ...(opts.running !== undefined ? { running: opts.running } : {}),
  });
  const rawLog = (): string[] => log.records.map((r) => formatLogRecord(r, 'mail'));
  return {
    queue,
    log,
    net,
    fs,
    now,
    rawLog,
    normalizedLog: () =>
      normalize(
        rawLog()
          .map((l) => `${l}\n`)
          .join(''),
      ),
  };
}

/** `steppingClock` re-exported for tests that want one. */
export { steppingClock };
