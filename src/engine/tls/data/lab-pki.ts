import type { SimFile } from '../types.ts';
import type { CertificateInfo } from '../x509/certificate.ts';
import { firstCertificate } from '../x509/certificate.ts';
import { MAIL_EXAMPLE_ORG_CERT, MAIL_EXAMPLE_ORG_KEY, MX_EXAMPLE_NET_CERT, MX_EXAMPLE_NET_KEY } from './lab-certs.ts';
import { LAB_CERT_PATH, LAB_KEY_PATH, MX_CERT_PATH, MX_KEY_PATH, type LabTlsTexts } from './lab-tls-files.ts';

export { LAB_CERT_PATH, LAB_KEY_PATH, MX_CERT_PATH, MX_KEY_PATH };

function parsed(pem: string): CertificateInfo {
  const c = firstCertificate(pem);
  // Static data, checked by tests/engine/tls/x509.test.ts; a broken constant is a build error, not input.
  if (c === null) throw new Error('lab certificate does not parse');
  return c;
}

/** mail.example.org: self-signed RSA 2048, SAN DNS:mail.example.org, 824 bytes DER. */
export const LAB_CERT: CertificateInfo = parsed(MAIL_EXAMPLE_ORG_CERT);
/** mx.example.net: self-signed RSA 2048, no SAN. */
export const MX_CERT: CertificateInfo = parsed(MX_EXAMPLE_NET_CERT);

/**
 * The files the world puts on the lab machine: certificate 0644, key 0600 (as the corpus's
 * `chmod 000` scenario restored it to 600, p25-may-key-mode-000/config.txt).
 */
export const LAB_TLS_FILES: Readonly<Record<string, SimFile>> = {
  [LAB_CERT_PATH]: { content: MAIL_EXAMPLE_ORG_CERT, mode: 0o644 },
  [LAB_KEY_PATH]: { content: MAIL_EXAMPLE_ORG_KEY, mode: 0o600 },
  [MX_CERT_PATH]: { content: MX_EXAMPLE_NET_CERT, mode: 0o644 },
  [MX_KEY_PATH]: { content: MX_EXAMPLE_NET_KEY, mode: 0o600 },
};

/** The files' text, by path (what the browser's lazy lab files read once the TLS code is here: lab-tls-files.ts). */
export const LAB_TLS_TEXTS: LabTlsTexts = {
  [LAB_CERT_PATH]: MAIL_EXAMPLE_ORG_CERT,
  [LAB_KEY_PATH]: MAIL_EXAMPLE_ORG_KEY,
  [MX_CERT_PATH]: MX_EXAMPLE_NET_CERT,
  [MX_KEY_PATH]: MX_EXAMPLE_NET_KEY,
};

export { MAIL_EXAMPLE_ORG_CERT, MAIL_EXAMPLE_ORG_KEY, MX_EXAMPLE_NET_CERT, MX_EXAMPLE_NET_KEY };
