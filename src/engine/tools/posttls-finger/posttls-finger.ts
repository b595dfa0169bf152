import type { ParameterView } from '../../config/parameter-view.ts';
import type { ClientPolicy } from '../../tls/client-tls.ts';
import { clientTlsInitLog, finishClient, prepareClient } from '../../tls/client-tls.ts';
import type { FileLookup } from '../../tls/types.ts';
import type { ServerEndpoint, ServerOutput } from '../../world/network.ts';
import type { ToolEnv, ToolStep } from '../openssl/tool-io.ts';
import { Output } from '../openssl/tool-io.ts';
import {
  badPort,
  CHAT_RECEIVED,
  CHAT_SENT,
  connected,
  connectFailed,
  ehloRejected,
  failedToEstablish,
  invalidLevel,
  invalidOption,
  lookupFailed,
  missingArgument,
  PROGNAME,
  SERVER_ANONYMOUS,
  serviceNotAvailable,
  starttlsRejected,
  TIMEOUT_GREETING,
  unknownService,
  USAGE,
} from './texts.ts';

/**
 * posttls-finger(1) of Postfix 3.7 (corpus posttls-finger, more/strip-inbound-sclient): connects,
 * prints the SMTP chat (unless -c) and the TLS lines its -L options ask for, on stdout, and always exits 0
 * once it got as far as connecting. Messages of its own use Postfix's `posttls-finger: ` prefix.
 */

export interface PosttlsFingerEnv extends ToolEnv {
  /** main.cf as the tool reads it (myhostname, tls_*_cipherlist...); `-o` goes on top. */
  readonly params?: ParameterView;
  readonly files?: FileLookup;
}

/** A read of the greeting that blocks: what was printed before it, and the connection it waits on. */
export interface GreetingWait {
  readonly endpoint: ServerEndpoint;
  readonly output: ToolStep;
  readonly timeoutMs: number;
}

export type FingerSteps = Generator<GreetingWait, ToolStep, ServerOutput>;

/** posttls-finger.c's conn_tmout default (`-t`): how long the greeting read waits. */
const CONN_TMOUT_MS = 30_000;

/** getopt's option string: options with an argument carry a colon (posttls-finger.c, 3.7). */
const OPTSTRING = 'a:ch:o:RSt:T:vA:Cd:fF:g:H:k:K:l:L:m:M:p:P:r:s:wX';
const LEVELS = new Set(['none', 'may', 'encrypt', 'dane', 'dane-only', 'fingerprint', 'verify', 'secure']);
/** known_tcp_ports and /etc/services for the mail ports. */
const PORTS: Readonly<Record<string, number>> = { smtp: 25, submission: 587, submissions: 465, smtps: 465, lmtp: 24 };

interface Args {
  readonly nochat: boolean;
  readonly level: string;
  readonly logopts: string;
  readonly protocols: string;
  readonly grade: string;
  readonly caFile: string;
  readonly wrapper: boolean;
  readonly sni: string;
  readonly overrides: ReadonlyMap<string, string>;
  readonly dest: string;
  readonly match: readonly string[];
}

type Parsed = { readonly ok: true; readonly args: Args } | { readonly ok: false; readonly stdout: string; readonly stderr: string };

function parseArgs(argv: readonly string[]): Parsed {
  const usage = (stderr: string): Parsed => ({ ok: false, stdout: '', stderr: stderr + USAGE });
  let nochat = false;
  let level = 'secure';
  let logopts = 'routine,certmatch';
  let protocols = '>=TLSv1';
  let grade = 'medium';
  let caFile = '';
  let wrapper = false;
  let sni = '';
  const overrides = new Map<string, string>();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j] ?? '';
      const k = OPTSTRING.indexOf(c);
      if (k < 0 || c === ':') return usage(invalidOption(c));
      if (OPTSTRING[k + 1] !== ':') {
        if (c === 'c') nochat = true;
        if (c === 'w') wrapper = true;
        continue;
      }
      let value = a.slice(j + 1);
      if (value === '') {
        const next = argv[i + 1];
        if (next === undefined) return usage(missingArgument(c));
        value = next;
        i++;
      }
      switch (c) {
        case 'l':
          level = value;
          break;
        case 'L':
          logopts = value;
          break;
        case 'p':
          protocols = value;
          break;
        case 'g':
          grade = value;
          break;
        case 'F':
          caFile = value;
          break;
        case 's':
          sni = value;
          break;
        case 'o': {
          const eq = value.indexOf('=');
          if (eq <= 0) return usage('');
          overrides.set(value.slice(0, eq).trim(), value.slice(eq + 1).trim());
          break;
        }
        default:
          break;
      }
      break;
    }
  }
  const dest = argv[i];
  if (dest === undefined) return usage('');
  return {
    ok: true,
    args: {
      nochat,
      level: level.toLowerCase(),
      logopts,
      protocols,
      grade,
      caFile,
      wrapper,
      sni,
      overrides,
      dest,
      match: argv.slice(i + 1),
    },
  };
}

/** `-L` names (tls_misc.c tls_log_table) as a level and the peer-certificate line. */
function logMask(opts: string): { readonly level: number; readonly peerCert: boolean } {
  let level = 0;
  let peerCert = false;
  for (const w of opts.toLowerCase().split(/[,\s]+/)) {
    const n = (
      { '0': 0, none: 0, '1': 1, routine: 1, summary: 1, '2': 2, debug: 2, '3': 3, 'ssl-expert': 3, '4': 4, 'ssl-developer': 4 } as Record<
        string,
        number
      >
    )[w];
    if (n !== undefined) level = Math.max(level, n);
    if (w === 'certmatch' || w === 'peercert' || w === 'verbose') peerCert = true;
    if (w === 'ssl-debug' || w === 'verbose' || w === 'cache') level = Math.max(level, 2);
    if (w === 'ssl-handshake-packet-dump') level = Math.max(level, 3);
  }
  return { level, peerCert: peerCert || level >= 2 };
}

/** `[host]:port`, `host:port`, `inet:` prefix (host_port.c). */
function destination(dest: string): { host: string; service: string; bracketed: boolean } | null {
  const d = dest.startsWith('inet:') ? dest.slice(5) : dest;
  const b = /^\[([^\]]+)\](?::(.*))?$/.exec(d);
  if (b !== null) return { host: b[1] ?? '', service: b[2] ?? 'smtp', bracketed: true };
  if (d.includes('[') || d.includes(']')) return null;
  const parts = d.split(':');
  if (parts.length > 2) return null;
  return { host: parts[0] ?? '', service: parts[1] === undefined || parts[1] === '' ? 'smtp' : parts[1], bracketed: false };
}

class Finger {
  readonly #out = new Output();
  readonly #args: Args;
  readonly #env: PosttlsFingerEnv;
  readonly #params: ParameterView;

  constructor(args: Args, env: PosttlsFingerEnv) {
    this.#args = args;
    this.#env = env;
    const base = env.params;
    const o = args.overrides;
    this.#params = {
      get: (n) => o.get(n) ?? base?.get(n) ?? '',
      raw: (n) => o.get(n) ?? base?.raw(n) ?? '',
      isSet: (n) => o.has(n) || (base?.isSet(n) ?? false),
    };
  }

  #say(text: string): void {
    this.#out.stdout(`${PROGNAME}: ${text}\n`);
  }

  #chat(prefix: string, text: string): void {
    if (!this.#args.nochat) this.#say(`${prefix}${text}`);
  }

  /** One SMTP reply: every line printed, then the code of the last. */
  #reply(out: ServerOutput): { code: number; text: string; lines: string[] } {
    const lines = out.data
      .split('\n')
      .filter((l, i, all) => l !== '' || i < all.length - 1)
      .map((l) => l.replace(/\r$/, ''));
    for (const l of lines) this.#chat(CHAT_RECEIVED, l.replace(/[^\x20-\x7e\t]/g, '?'));
    const last = lines[lines.length - 1] ?? '';
    const code = /^\d{3}/.test(last) ? Number(last.slice(0, 3)) : 0;
    return { code, text: lines.map((l) => l.slice(4)).join('\n'), lines };
  }

  #send(ep: ServerEndpoint, cmd: string): ServerOutput {
    this.#chat(CHAT_SENT, cmd);
    return ep.receive(`${cmd}\r\n`);
  }

  *run(): FingerSteps {
    const a = this.#args;
    if (!LEVELS.has(a.level)) {
      this.#say(invalidLevel(a.level));
      return this.#out.take(1);
    }
    const d = destination(a.dest);
    if (d === null) {
      this.#say(`fatal: ${a.dest}: bad destination`);
      return this.#out.take(1);
    }
    const port = /^\d+$/.test(d.service) ? Number(d.service) : PORTS[d.service];
    if (port === undefined) {
      this.#say(unknownService(d.service));
      return this.#out.take(1);
    }
    if (port === 0 || port >= 65536) {
      this.#say(badPort(d.service, a.dest));
      return this.#out.take(1);
    }
    const mask = logMask(a.logopts);
    if (a.level !== 'none') for (const l of clientTlsInitLog(mask.level)) this.#say(l);
    const address = this.#env.network.resolve(d.host);
    if (address === null) {
      this.#say(lookupFailed(d.host));
      return this.#out.take(0);
    }
    const name = d.host;
    const conn = this.#env.network.connect(d.host, port);
    if (!conn.ok) {
      this.#say(failedToEstablish(a.dest, name, connectFailed(name, address, port, conn.error)));
      return this.#out.take(0);
    }
    const ep = conn.endpoint;
    const peer = `${name}[${address}]:${port}`;
    this.#chat('', connected(peer));
    yield* this.#session(ep, peer, mask, d.bracketed);
    ep.clientClosed();
    return this.#out.take(0);
  }

  *#session(
    ep: ServerEndpoint,
    peer: string,
    mask: { readonly level: number; readonly peerCert: boolean },
    bracketed: boolean,
  ): Generator<GreetingWait, void, ServerOutput> {
    const a = this.#args;
    const greet = (banner: ServerOutput): boolean => {
      if (banner.data === '' && !banner.closed) {
        this.#say(TIMEOUT_GREETING);
        return false;
      }
      if (banner.data === '') {
        this.#say('lost connection while reading server greeting');
        return false;
      }
      const r = this.#reply(banner);
      if (Math.floor(r.code / 100) !== 2) {
        this.#say(serviceNotAvailable(r.code, r.text));
        return false;
      }
      return true;
    };
    const myhostname = this.#params.get('myhostname') || 'mail.example.org';
    const ehlo = (): { ok: boolean; starttls: boolean } => {
      const r = this.#reply(this.#send(ep, `EHLO ${myhostname}`));
      if (Math.floor(r.code / 100) !== 2) {
        this.#say(ehloRejected(r.code, r.text));
        return { ok: false, starttls: false };
      }
      return { ok: true, starttls: r.lines.slice(1).some((l) => /^STARTTLS\b/i.test(l.slice(4))) };
    };
    const startTls = (): boolean => {
      const policy: ClientPolicy = {
        client: 'posttls-finger',
        level: a.level === 'dane' || a.level === 'dane-only' ? 'secure' : a.level,
        protocols: a.protocols,
        grade: a.grade,
        // posttls-finger.c: the compiled-in exclusions, then aNULL when certificates must match, else eNULL.
        exclusions: ['verify', 'secure', 'fingerprint', 'dane', 'dane-only'].includes(a.level) ? 'aNULL' : 'eNULL',
        lookup: (p) => (this.#params.isSet(p) || this.#params.get(p) !== '' ? this.#params.get(p) : null),
        loglevel: mask.level,
        peerCert: mask.peerCert,
        caFile: a.caFile === '' ? '' : (this.#env.files?.(a.caFile)?.content ?? ''),
        matchNames: a.match.length > 0 ? a.match : [],
        nexthopIsAddress: bracketed && /^\d{1,3}(\.\d{1,3}){3}$/.test(peer.slice(0, peer.indexOf('['))),
        fingerprints: a.match,
        ...(a.sni === '' ? {} : { serverName: a.sni }),
      };
      const prepared = prepareClient(policy, peer);
      if (!prepared.ok) {
        for (const l of prepared.log) this.#say(l);
        return false;
      }
      const r = ep.handshake(prepared.hello);
      const rec = r.result.record;
      if (rec === undefined) return false;
      const done = finishClient(policy, prepared, rec, peer, this.#env.seed ?? String(this.#env.clock.now()));
      for (const l of done.log) this.#say(l);
      if (!done.ok) return false;
      if (a.wrapper && !greet(r.output)) return false;
      ehlo();
      if (rec.certificate === null) this.#say(SERVER_ANONYMOUS);
      return true;
    };
    if (a.wrapper) {
      if (ep.open().data !== '') {
        this.#say('SSL_connect error to ' + peer + ': -1');
        return;
      }
      if (!startTls()) return;
    } else {
      let banner = ep.open();
      // Nothing yet on a connection that can get it later (it waits in a throttled service's listen queue): the
      // greeting read waits up to conn_tmout for it (greeting(), posttls-finger.c).
      if (banner.data === '' && !banner.closed && ep.poll !== undefined)
        banner = yield { endpoint: ep, output: this.#out.take(null), timeoutMs: CONN_TMOUT_MS };
      if (!greet(banner)) return;
      const first = ehlo();
      if (!first.ok) return;
      if (first.starttls && a.level !== 'none') {
        const r = this.#reply(this.#send(ep, 'STARTTLS'));
        if (Math.floor(r.code / 100) !== 2) {
          this.#say(starttlsRejected(r.code, r.text));
          return;
        }
        if (!startTls()) return;
      }
    }
    const bye = this.#send(ep, 'QUIT');
    this.#reply(bye);
  }
}

/**
 * posttls-finger(1) as steps: `argv[0]` is the program name as typed. Where it blocks reading the greeting it
 * yields what it printed so far and the endpoint; the caller lets the time pass (up to `timeoutMs`) and passes
 * in what the server sent meanwhile (nothing: the read timed out).
 */
export function* posttlsFingerSteps(argv: readonly string[], env: PosttlsFingerEnv): FingerSteps {
  const parsed = parseArgs(argv.slice(1));
  if (!parsed.ok) {
    const out = new Output();
    out.stdout(parsed.stdout);
    out.stderr(parsed.stderr);
    return out.take(1);
  }
  return yield* new Finger(parsed.args, env).run();
}

/** posttls-finger(1) run to its end at once: a greeting that does not come at once times out. */
export function posttlsFinger(argv: readonly string[], env: PosttlsFingerEnv): ToolStep {
  const steps = posttlsFingerSteps(argv, env);
  const output: ToolStep['output'][number][] = [];
  let r = steps.next();
  while (r.done !== true) {
    output.push(...r.value.output.output);
    r = steps.next({ data: '', closed: false });
  }
  return { output: [...output, ...r.value.output], exitCode: r.value.exitCode };
}
