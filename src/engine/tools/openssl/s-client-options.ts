import type { SClientVersionFlag } from '../../tls/client-hello.ts';
import { S_CLIENT_HELP } from './data/s-client-help.ts';
import { sClientUsageError } from './s-client-texts.ts';

/** The option table, read from `openssl s_client -help`: name -> argument type ('' for a flag). */
const OPTION_TYPES: ReadonlyMap<string, string> = new Map(
  S_CLIENT_HELP.split('\n').flatMap((line) => {
    const m = /^ (-\S+)(?: (\S+))? {2,}\S/.exec(line);
    return m === null || m[1] === undefined ? [] : [[m[1], m[2] ?? ''] as const];
  }),
);

/** `-starttls` values OpenSSL 3.0 accepts, in the order its error lists them (checked locally). */
export const STARTTLS_PROTOCOLS = [
  'smtp',
  'pop3',
  'imap',
  'ftp',
  'xmpp',
  'xmpp-server',
  'telnet',
  'irc',
  'mysql',
  'postgres',
  'lmtp',
  'nntp',
  'sieve',
  'ldap',
] as const;

export interface SClientOptions {
  readonly host: string;
  readonly port: string;
  readonly starttls: string | null;
  /** `-name`: the EHLO name (default mail.example.com). */
  readonly protohost: string;
  readonly servername: string | null;
  readonly noservername: boolean;
  readonly crlf: boolean;
  readonly quiet: boolean;
  readonly brief: boolean;
  readonly ignEof: boolean;
  readonly showcerts: boolean;
  readonly state: boolean;
  readonly nocommands: boolean;
  readonly caFile: string | null;
  readonly verifyReturnError: boolean;
  /** `-verify_hostname NAME`: the name the certificate must match. */
  readonly verifyHostname: string | null;
  /** `-verify N`: the depth s_client announces. */
  readonly verifyDepth: number | null;
  readonly only: SClientVersionFlag | null;
  readonly without: readonly SClientVersionFlag[];
  readonly cipher: string | null;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: SClientOptions }
  /** Nothing to run: print this on stderr and exit with this status (`-help`, bad options). */
  | { readonly kind: 'exit'; readonly stderr: string; readonly status: number };

const VERSION_FLAGS: Readonly<Record<string, SClientVersionFlag>> = {
  '-tls1': 'tls1',
  '-tls1_1': 'tls1_1',
  '-tls1_2': 'tls1_2',
  '-tls1_3': 'tls1_3',
};
const NO_FLAGS: Readonly<Record<string, SClientVersionFlag>> = {
  '-no_tls1': 'tls1',
  '-no_tls1_1': 'tls1_1',
  '-no_tls1_2': 'tls1_2',
  '-no_tls1_3': 'tls1_3',
};

/** `host:port` as BIO_parse_hostserv reads it; null when malformed. */
export function splitHostPort(target: string): { host: string; port: string } | null {
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(target);
  if (bracket !== null) return { host: bracket[1] ?? '', port: bracket[2] ?? '4433' };
  const parts = target.split(':');
  if (parts.length === 1) return { host: target, port: '4433' };
  if (parts.length === 2) return { host: parts[0] ?? '', port: parts[1] ?? '' };
  return null;
}

/** argv (without `openssl s_client`) as OpenSSL 3.0's option parser reads it. */
export function parseSClientArgs(args: readonly string[]): ParsedArgs {
  const bad = (text: string): ParsedArgs => ({ kind: 'exit', stderr: text, status: 1 });
  let host = 'localhost';
  let port = '4433';
  let connect: string | null = null;
  let target: string | null = null;
  const o = {
    starttls: null as string | null,
    protohost: 'mail.example.com',
    servername: null as string | null,
    noservername: false,
    crlf: false,
    quiet: false,
    brief: false,
    ignEof: false,
    noIgnEof: false,
    showcerts: false,
    state: false,
    nocommands: false,
    caFile: null as string | null,
    verifyReturnError: false,
    verifyHostname: null as string | null,
    verifyDepth: null as number | null,
    only: null as SClientVersionFlag | null,
    onlyCount: 0,
    without: [] as SClientVersionFlag[],
    cipher: null as string | null,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('-') || a === '-') {
      if (target !== null) return bad(sClientUsageError(null));
      target = a;
      continue;
    }
    // OpenSSL accepts --opt for -opt.
    const name = a.startsWith('--') ? a.slice(1) : a;
    const type = OPTION_TYPES.get(name);
    if (type === undefined) return bad(sClientUsageError(`Unknown option: ${a}`));
    let value = '';
    if (type !== '') {
      const v = args[i + 1];
      if (v === undefined) return bad(sClientUsageError(`Option ${a} needs a value`));
      value = v;
      i++;
      if (type === '+int' || type === 'int') {
        if (!/^-?\d+$/.test(value)) return bad(sClientUsageError(`Can't parse "${value}" as a number`));
        if (type === '+int' && Number(value) <= 0) return bad(sClientUsageError(`Non-positive number "${value}" for option ${name}`));
      }
    }
    switch (name) {
      case '-help':
        return { kind: 'exit', stderr: S_CLIENT_HELP, status: 0 };
      case '-connect':
        connect = value;
        break;
      case '-host':
        host = value;
        break;
      case '-port':
        port = value;
        break;
      case '-starttls':
        if (!(STARTTLS_PROTOCOLS as readonly string[]).includes(value)) {
          return bad(`s_client: Value must be one of:\n${STARTTLS_PROTOCOLS.map((p) => `\t${p}\n`).join('')}`);
        }
        o.starttls = value;
        break;
      case '-name':
      case '-xmpphost':
        o.protohost = value;
        break;
      case '-servername':
        o.servername = value;
        break;
      case '-noservername':
        o.noservername = true;
        break;
      case '-crlf':
        o.crlf = true;
        break;
      case '-quiet':
        o.quiet = true;
        o.ignEof = true;
        break;
      case '-brief':
        o.brief = true;
        o.quiet = true;
        break;
      case '-ign_eof':
        o.ignEof = true;
        break;
      case '-no_ign_eof':
        o.noIgnEof = true;
        break;
      case '-showcerts':
        o.showcerts = true;
        break;
      case '-state':
        o.state = true;
        break;
      case '-nocommands':
        o.nocommands = true;
        break;
      case '-CAfile':
        o.caFile = value;
        break;
      case '-verify_return_error':
        o.verifyReturnError = true;
        break;
      case '-verify_hostname':
        o.verifyHostname = value;
        break;
      case '-verify':
        o.verifyDepth = Number(value);
        break;
      case '-cipher':
        o.cipher = value;
        break;
      default:
        if (VERSION_FLAGS[name] !== undefined) {
          o.only = VERSION_FLAGS[name] ?? null;
          o.onlyCount++;
        } else if (NO_FLAGS[name] !== undefined) {
          o.without.push(NO_FLAGS[name]);
        }
        // Every other option of the table is accepted and has no effect in the lab.
        break;
    }
  }
  if (o.onlyCount > 1) return bad('Cannot supply multiple protocol flags\n');
  if (o.only !== null && o.without.length > 0) return bad("Cannot supply both a protocol flag and '-no_<prot>'\n");
  if (target !== null && connect === null) connect = target;
  if (connect !== null) {
    const hp = splitHostPort(connect);
    if (hp === null) return bad('s_client: -connect argument or target parameter malformed or ambiguous\n');
    host = hp.host;
    port = hp.port;
  }
  return {
    kind: 'run',
    options: {
      host,
      port,
      starttls: o.starttls,
      protohost: o.protohost,
      servername: o.servername,
      noservername: o.noservername,
      crlf: o.crlf,
      quiet: o.quiet,
      brief: o.brief,
      ignEof: o.ignEof && !o.noIgnEof,
      showcerts: o.showcerts,
      state: o.state,
      nocommands: o.nocommands,
      caFile: o.caFile,
      verifyReturnError: o.verifyReturnError,
      verifyHostname: o.verifyHostname,
      verifyDepth: o.verifyDepth,
      only: o.only,
      without: o.without,
      cipher: o.cipher,
    },
  };
}
