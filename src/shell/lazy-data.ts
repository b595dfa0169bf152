/**
 * Data of the lab machine too large for its boot code, fetched the first time a command line may read it
 * (Registry.addLazyData; the shell awaits it with the line's programs). Node has it all at once
 * (lab-programs.ts).
 */
import { provideCaCertificateBodies } from '../engine/world/data/ca-certificates.ts';
import { provideHostFileTexts } from '../engine/world/data/host-etc.ts';

export interface LazyData {
  /** For messages and tests. */
  readonly name: string;
  /** Whether a word of a command line (or the base name of a path in it) may lead to the data. */
  readonly wanted: (word: string) => boolean;
  readonly load: () => Promise<void>;
}

/**
 * The certificates' text of ca-certificates (about 200 kB): wanted by a line naming /etc/ssl, /usr/share/ca-certificates,
 * a .pem file, the folders on the way (`cd ssl`, `cd certs`) or a folder above them (`grep -r X /etc`). Not by
 * the lab's own /etc/postfix/tls/*.crt, which lessons use all the time, nor by /etc/ssl/openssl.cnf or /etc/ssl/private.
 */
const CA_WORD =
  /\/etc\/ssl(?!\/(?:openssl\.cnf|private(?:\/|$)))|ca-certificates|mozilla|\.pem$|^(?:ssl|certs)\/?$|^\/(?:etc|usr|usr\/share)?\/?$/;

export function caCertificatesData(): LazyData {
  return {
    name: 'ca-certificates',
    wanted: (w) => CA_WORD.test(w),
    load: () => import('../engine/world/data/ca-certificates-pem.ts').then((m) => provideCaCertificateBodies(m.CA_CERTIFICATE_BODIES)),
  };
}

/**
 * The text of host files the engine never reads (/etc/ssl/openssl.cnf, a few kB): wanted by a line naming the
 * file or a folder on its way (`/etc/ssl`, `ssl`, `/etc`, `/`), and, as it is small, by any line that may reach
 * it without naming it: a glob (`cat *`), `.` or `..`, a recursive flag (`grep -r x` in /etc).
 */
const HOST_WORD =
  /openssl\.cnf$|^\/etc\/ssl|^(?:\.\/)?ssl\/?$|^\/(?:etc\/?)?$|^\.\.?\/?$|[*?[]|^-[A-Za-z]{0,3}[rR][A-Za-z]{0,3}$|^--(?:dereference-)?recursive$/;

export function hostFilesData(): LazyData {
  return {
    name: 'host files',
    wanted: (w) => HOST_WORD.test(w),
    load: () => import('../engine/world/data/host-etc-texts.ts').then((m) => provideHostFileTexts(m.HOST_FILE_TEXTS)),
  };
}
