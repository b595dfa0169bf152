/**
 * Data of the lab machine too large for its boot code, fetched the first time a command line may read it
 * (Registry.addLazyData; the shell awaits it with the line's programs, and a Tab awaits the file names it
 * completes). Node has it all at once (lab-programs.ts).
 */
import { provideCaCertificateBodies, provideCaCertificateList } from '../engine/world/data/ca-certificates.ts';
import { provideHostFileTexts } from '../engine/world/data/host-etc.ts';
import { loadRemoteCode } from '../engine/remote/remote-code.ts';
import { loadTlsCode } from '../engine/tls/tls-code.ts';
import { resolvePath } from './path.ts';

/** Where a line runs: what lets `wanted` follow `.`, `..`, globs and recursion from the current folder. */
export interface LineWhere {
  /** The shell's current folder when the line starts. */
  readonly cwd: string;
  /** The whole command line (its `cd`s may lead elsewhere before a word is used). */
  readonly line: string;
  /** Asked for a Tab, for the word under the cursor: only data with `names` matter. */
  readonly tab?: boolean;
}

export interface LazyData {
  /** For messages and tests. */
  readonly name: string;
  /**
   * Whether a word of a command line (or the base name of a path in it) may lead to the data; with `where`,
   * also a word relative to the current folder or to a folder the line changes to, and the current folder itself
   * for a recursive flag or a glob.
   */
  readonly wanted: (word: string, where?: LineWhere) => boolean;
  /** Whether the data holds file names (a listing), which Tab completion needs too. */
  readonly names?: boolean;
  readonly load: () => Promise<void>;
}

/** Whether the absolute path `p` is one of `dirs`, inside one, or a folder above one. */
function reaches(dirs: readonly string[], p: string): boolean {
  const slashed = p === '/' ? '/' : `${p}/`;
  return dirs.some((d) => p === d || p.startsWith(`${d}/`) || `${d}/`.startsWith(slashed));
}

/** Whether the absolute path `p` is one of `dirs` or inside one. */
function within(dirs: readonly string[], p: string): boolean {
  return dirs.some((d) => p === d || p.startsWith(`${d}/`));
}

const GLOB = /[*?[]/;
const RECURSIVE = /^-[A-Za-z]{0,3}[rR][A-Za-z]{0,3}$|^--(?:dereference-)?recursive$/;

/** The folders a line may run in: the current one, then each `cd` target of the line in turn (bare `cd`: /root). */
function folders(where: LineWhere): string[] {
  const out = [where.cwd];
  let at = where.cwd;
  for (const m of where.line.matchAll(/(?:^|[\s;&|(])cd(?:[ \t]+([^\s;&|()<>]+))?/g)) {
    const target = (m[1] ?? '/root').replace(/["'\\]/g, '');
    if (target === '-') continue;
    at = resolvePath(at, target.replace(/^~(?=\/|$)/, '/root'));
    out.push(at);
  }
  return out;
}

/**
 * Whether `word`, run in `where`, may lead into `dirs`: a path to them or in them (relative to any folder of
 * the line); a path above them on a recursive line (`grep -r x ..`) or a glob in a folder above them
 * (`ls /etc/ssl/*`); a recursive flag in a folder above them; any word at all once the line is in them. For a
 * Tab, only the folder of the word being completed counts.
 */
function leadsInto(dirs: readonly string[], word: string, where: LineWhere): boolean {
  const w = word.replace(/^~(?=\/|$)/, '/root');
  if (where.tab === true) return folders(where).some((cwd) => within(dirs, resolvePath(cwd, w.slice(0, w.lastIndexOf('/') + 1))));
  const recursive = where.line.split(/[\s;&|()]+/).some((t) => RECURSIVE.test(t.replace(/["'\\]/g, '')));
  return folders(where).some((cwd) => {
    if (within(dirs, cwd)) return true;
    if (RECURSIVE.test(word)) return reaches(dirs, cwd);
    if (word.startsWith('-')) return false;
    const glob = w.search(GLOB);
    const p = resolvePath(cwd, glob < 0 ? w : w.slice(0, w.lastIndexOf('/', glob) + 1));
    return within(dirs, p) || ((recursive || glob >= 0) && reaches(dirs, p));
  });
}

/** The package's folders (ca-certificates.ts). */
const CA_DIRS = ['/etc/ssl/certs', '/usr/share/ca-certificates'];

/**
 * The certificates of ca-certificates: wanted by a line naming /etc/ssl, /usr/share/ca-certificates,
 * a .pem file, the folders on the way (`cd ssl`, `cd certs`) or a folder above them (`grep -r X /etc`), or reaching
 * them from the current folder (leadsInto). Not by the lab's own /etc/postfix/tls/*.crt, which lessons use all
 * the time, nor by /etc/ssl/openssl.cnf or /etc/ssl/private.
 */
const CA_WORD =
  /\/etc\/ssl(?!\/(?:openssl\.cnf|private(?:\/|$)))|ca-certificates|mozilla|\.pem$|^(?:ssl|certs)\/?$|^\/(?:etc|usr|usr\/share)?\/?$/;

function caWanted(word: string, where?: LineWhere): boolean {
  if (where?.tab === true) return leadsInto(CA_DIRS, word, where);
  return CA_WORD.test(word) || (where !== undefined && leadsInto(CA_DIRS, word, where));
}

/** The names, sizes and hash links of the certificates (about 3 kB gzip): for every line that wants their text, and for a Tab in their folders. */
export function caListingData(): LazyData {
  return {
    name: 'ca-certificates listing',
    wanted: caWanted,
    names: true,
    load: () => import('../engine/world/data/ca-certificates-list.ts').then((m) => provideCaCertificateList(m.CA_CERTIFICATES_LIST)),
  };
}

/** The certificates' text (about 200 kB), with their listing. */
export function caCertificatesData(): LazyData {
  return {
    name: 'ca-certificates',
    wanted: caWanted,
    load: () =>
      Promise.all([
        caListingData().load(),
        import('../engine/world/data/ca-certificates-pem.ts').then((m) => provideCaCertificateBodies(m.CA_CERTIFICATE_BODIES)),
      ]).then(() => undefined),
  };
}

/**
 * The text of host files the engine never reads or reads only through a table of its own (/etc/ssl/openssl.cnf,
 * /etc/services, a few kB each; host-etc.ts): wanted by a line naming a file or a folder on its way (`/etc/ssl`,
 * `ssl`, `/etc`, `/`), reaching one from the current folder, and, as they are small, by any line that may reach
 * them without naming them: a glob (`cat *`), `.` or `..`, a recursive flag (`grep -r x` in /etc).
 */
const HOST_WORD =
  /openssl\.cnf$|(?:^|\/)services$|^\/etc\/ssl|^(?:\.\/)?ssl\/?$|^\/(?:etc\/?)?$|^\.\.?\/?$|[*?[]|^-[A-Za-z]{0,3}[rR][A-Za-z]{0,3}$|^--(?:dereference-)?recursive$/;

const HOST_FILES = ['/etc/services', '/etc/ssl/openssl.cnf'];

export function hostFilesData(): LazyData {
  return {
    name: 'host files',
    wanted: (w, where) => where?.tab !== true && (HOST_WORD.test(w) || (where !== undefined && leadsInto(HOST_FILES, w, where))),
    load: () => import('../engine/world/data/host-etc-texts.ts').then((m) => provideHostFileTexts(m.HOST_FILE_TEXTS)),
  };
}

/** The folder of the lab's certificates and keys (engine/tls/data/lab-tls-files.ts). */
const LAB_TLS_DIRS = ['/etc/postfix/tls'];
const LAB_TLS_WORD = /^\/etc\/postfix\/tls(?:\/|$)|\.(?:crt|key|pem)$/;

/**
 * A telnet whose input is a pipe or a file connects and sends it all in one go: unlike a telnet reading the
 * terminal it cannot wait at connect for smtpd's TLS code (programs/net/outbound-gate.ts) when the lab's
 * certificates were changed, so such a line brings the code first.
 */
function pipedTelnet(word: string, where: LineWhere): boolean {
  return word === 'telnet' && /[|<]/.test(where.line);
}

/**
 * The text of the lab's certificates and keys, which comes with the servers' TLS code (engine/tls/
 * tls-code.browser.ts, about 16 kB): wanted by a line naming /etc/postfix/tls or a certificate or key file, or
 * reaching the folder from the current one (`cat *` there, `grep -r x /etc`), never for a Tab (their names are here).
 */
export function labTlsFilesData(): LazyData {
  return {
    name: 'lab certificates',
    wanted: (w, where) =>
      where?.tab !== true &&
      (LAB_TLS_WORD.test(w) || (where !== undefined && (leadsInto(LAB_TLS_DIRS, w, where) || pipedTelnet(w, where)))),
    load: () => loadTlsCode().then(() => undefined),
  };
}

/** telnet's options that take an argument (inetutils telnet 2.4: -X atype, -e char, -k realm, -l user, -n tracefile). */
const TELNET_OPTION_WITH_ARGUMENT = /^-[Xekln]$/;

/** The host operand of each `telnet` of a line ('' for a telnet without one, which may `open` any host later). */
function telnetHosts(line: string): string[] {
  const hosts: string[] = [];
  for (const m of line.matchAll(/(?:^|[\s;&|(])telnet((?:[ \t]+[^\s;&|()<>]+)*)/g)) {
    const words = (m[1] ?? '')
      .trim()
      .split(/[ \t]+/)
      .map((w) => w.replace(/["'\\]/g, ''));
    let host = '';
    for (let i = 0; i < words.length; i++) {
      const w = words[i] ?? '';
      if (w === '') continue;
      if (TELNET_OPTION_WITH_ARGUMENT.test(w)) i++;
      else if (!w.startsWith('-')) {
        host = w;
        break;
      }
    }
    hosts.push(host);
  }
  return hosts;
}

/**
 * The code of the simulated remote hosts (engine/remote/remote-code.browser.ts, about 3 kB: the fake MX, the
 * stripping proxy), which a telnet to one of them needs when it connects: wanted by the word `telnet` of a line
 * whose telnet names a host that is not the lab machine itself (resolved through the machine's /etc/hosts, as
 * telnet will; `::1` is refused before any connection), or names none (its `open` may reach one). Never for
 * `telnet localhost 25`. The other programs that reach remote hosts (nc, openssl s_client, swaks,
 * posttls-finger, sendmail, mail...) and the queue's deliveries come with the outbound code, which brings this
 * code too (engine/world/lab-outbound.browser.ts).
 */
export function remoteHostsData(resolve: (host: string) => string | null): LazyData {
  const remote = (host: string) => host === '' || (host !== '::1' && resolve(host) !== '127.0.0.1');
  return {
    name: 'remote hosts',
    wanted: (w, where) => w === 'telnet' && where !== undefined && where.tab !== true && telnetHosts(where.line).some(remote),
    load: () => loadRemoteCode().then(() => undefined),
  };
}
