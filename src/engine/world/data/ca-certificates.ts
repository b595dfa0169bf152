/**
 * Debian 12's package ca-certificates (20230311+deb12u1) as installed on a stock server: the certificates in
 * /usr/share/ca-certificates/mozilla/, and /etc/ssl/certs/ with a link NAME.pem -> the certificate (an
 * absolute target, as update-ca-certificates makes it), a hash link per certificate (HASH.0 -> NAME.pem) and
 * the bundle ca-certificates.crt (every certificate in /etc/ca-certificates.conf order). Recorded in
 * tests/corpus-extra/host-tools/ca-*.txt; the recording machine's own local CAs and Java keystore are left out
 * (not Debian's, see the recordings' headers).
 *
 * Only the folders are here. The listing (ca-certificates-list.ts: names, sizes, hash links, about 3 kB gzip)
 * and the certificates' text (about 200 kB, ca-certificates-pem.ts) are handed over later: the browser fetches
 * them when a command line or a Tab may reach these folders (the shell's lazy data, src/shell/lazy-data.ts),
 * Node loads them at once (src/shell/lab-programs.ts). Until the listing comes the two folders are empty (a
 * SimFs LazyTree); until the text comes a certificate reads as empty.
 */
import type { SimFs } from '../sim-fs.ts';

/**
 * Dates as `ls -l` shows them on the recording machine: the links (and, on a stock install, the bundle
 * written with them) date from the package's installation, Jun 24 2025 14:36:58 UTC; the certificates from
 * the package itself, Jun 13 2025 08:03:42 UTC (tests/corpus-extra/host-tools/ca-ls-l-etc-ssl-certs.txt, ca-ls-mozilla.txt).
 */
export const CA_INSTALL_MTIME = Date.UTC(2025, 5, 24, 14, 36, 58);
export const CA_PACKAGE_MTIME = Date.UTC(2025, 5, 13, 8, 3, 42);
/** The package's folders, as installed (ca-ls-mozilla.txt: `mozilla` is 12288 bytes, for its 142 names). */
const CA_DIR_MTIME = Date.UTC(2025, 5, 24, 14, 36, 35);
const CA_SHARE_DIR_SIZE = 12288;

export const CA_SHARE_DIR = '/usr/share/ca-certificates/mozilla';
export const ETC_SSL_CERTS = '/etc/ssl/certs';
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

interface CaEntry {
  readonly name: string;
  readonly size: number;
  readonly hashes: readonly string[];
}

let listing: string | null = null;

/** Hands over the listing (ca-certificates-list.ts), once it is here. */
export function provideCaCertificateList(list: string): void {
  listing ??= list;
}

/** Whether the listing is here. */
export function caCertificateListLoaded(): boolean {
  return listing !== null;
}

function entries(list: string): CaEntry[] {
  return list.split('\n').map((line) => {
    const [name = '', size = '0', hashes = ''] = line.split(' ');
    return { name, size: Number(size), hashes: hashes.split(',') };
  });
}

let pems: readonly string[] | null = null;
let bundle: string | null = null;

/** A certificate's file from its base64 body: canonical PEM, 64 columns (the generator checked each file is). */
function pemOf(body: string): string {
  let out = '-----BEGIN CERTIFICATE-----\n';
  for (let i = 0; i < body.length; i += 64) out += `${body.slice(i, i + 64)}\n`;
  return `${out}-----END CERTIFICATE-----\n`;
}

/** Hands over the certificates' bodies (ca-certificates-pem.ts), once they are here. */
export function provideCaCertificateBodies(bodies: readonly string[]): void {
  if (pems !== null) return;
  pems = bodies.map(pemOf);
}

/** Whether the certificates' text is here. */
export function caCertificatesLoaded(): boolean {
  return pems !== null;
}

/** Installs the package's folders into `fs`, and its files, links and bundle once the listing is here. */
export function installCaCertificates(fs: SimFs): void {
  fs.setDirInfo(CA_SHARE_DIR, { size: CA_SHARE_DIR_SIZE, mtime: CA_DIR_MTIME });
  fs.setDirInfo('/usr/share/ca-certificates', { size: 4096, mtime: CA_DIR_MTIME });
  fs.addLazyTree({
    dirs: [CA_SHARE_DIR, ETC_SSL_CERTS],
    install: (into) => {
      if (listing === null) return false;
      installFiles(into, entries(listing));
      return true;
    },
  });
}

function installFiles(fs: SimFs, list: readonly CaEntry[]): void {
  list.forEach((e, i) => {
    const crt = `${CA_SHARE_DIR}/${e.name}.crt`;
    fs.addLazy(crt, { size: e.size, mode: 0o644, mtime: CA_PACKAGE_MTIME, text: () => pems?.[i] });
    fs.symlink(crt, `${ETC_SSL_CERTS}/${e.name}.pem`, CA_INSTALL_MTIME);
    for (const h of e.hashes) fs.symlink(`${e.name}.pem`, `${ETC_SSL_CERTS}/${h}`, CA_INSTALL_MTIME);
  });
  // Each certificate ends with a newline, so update-ca-certificates adds none between them.
  const size = list.reduce((s, e) => s + e.size, 0);
  fs.addLazy(CA_BUNDLE, {
    size,
    mode: 0o644,
    mtime: CA_INSTALL_MTIME,
    text: () => {
      if (pems === null) return undefined;
      bundle ??= pems.join('');
      return bundle;
    },
  });
}
