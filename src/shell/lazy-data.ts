/**
 * Data of the lab machine too large for its boot code, fetched the first time a command line may read it
 * (Registry.addLazyData; the shell awaits it with the line's programs). Node has it all at once
 * (lab-programs.ts).
 */
import { provideCaCertificateBodies } from '../engine/world/data/ca-certificates.ts';

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
 * the lab's own /etc/postfix/tls/*.crt, which lessons use all the time.
 */
const CA_WORD = /\/etc\/ssl|ca-certificates|mozilla|\.pem$|^(?:ssl|certs)\/?$|^\/(?:etc|usr|usr\/share)?\/?$/;

export function caCertificatesData(): LazyData {
  return {
    name: 'ca-certificates',
    wanted: (w) => CA_WORD.test(w),
    load: () => import('../engine/world/data/ca-certificates-pem.ts').then((m) => provideCaCertificateBodies(m.CA_CERTIFICATE_BODIES)),
  };
}
