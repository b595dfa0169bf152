/**
 * Where the lab keeps its certificates and keys, and the files as the machine boots with them, without their
 * text: the browser's first chunk lists and sizes them at once, and their text comes with the TLS code
 * (tls-code.browser.ts), the first time something reads them or smtpd needs more than their being the lab's
 * own (server-tls.ts). Node has the text at once (tls-code.ts, lab-pki.ts).
 */
import { lazyFile, lazySourceOf } from '../../world/sim-fs.ts';
import type { SimFile } from '../types.ts';

/** Where the lab keeps Postfix's certificate and key (corpus base/main.cf). */
export const LAB_CERT_PATH = '/etc/postfix/tls/mail.example.org.crt';
export const LAB_KEY_PATH = '/etc/postfix/tls/mail.example.org.key';
/** The remote MX's certificate, for lessons that trust it with `smtp_tls_CAfile` (corpus more/outbound-verify-selfsigned-with-cafile). */
export const MX_CERT_PATH = '/etc/postfix/tls/mx.example.net.crt';
/** Its key: the recording machine's setup.sh made both pairs in /etc/postfix/tls/ (corpus-extra p25-cert-key-of-other-pair). */
export const MX_KEY_PATH = '/etc/postfix/tls/mx.example.net.key';

/** The folder of the lab's certificates and keys. */
export const LAB_TLS_DIR = '/etc/postfix/tls';

/**
 * Each file's size in bytes and mode: certificate 0644, key 0600 (as the corpus's `chmod 000` scenario
 * restored it to 600, p25-may-key-mode-000/config.txt). tests/engine/tls/lazy-tls.test.ts checks the sizes
 * against the text.
 */
const SPECS = {
  [LAB_CERT_PATH]: { size: 1172, mode: 0o644 },
  [LAB_KEY_PATH]: { size: 1704, mode: 0o600 },
  [MX_CERT_PATH]: { size: 1127, mode: 0o644 },
  [MX_KEY_PATH]: { size: 1704, mode: 0o600 },
} as const;

export type LabTlsPath = keyof typeof SPECS;
export type LabTlsTexts = Readonly<Record<LabTlsPath, string>>;

/** The text source of each lab file: what tells a file never written since boot from any other. */
const SOURCES = new Map<LabTlsPath, () => string | undefined>();

/**
 * The lab's TLS files whose text `texts()` gives once it is here ('' until then). Each call makes the same
 * files: a file is the lab's pristine one while its text source is the lab's (`isPristineLabFile`).
 */
export function lazyLabTlsFiles(texts: () => LabTlsTexts | null): Record<LabTlsPath, SimFile> {
  const files = {} as Record<LabTlsPath, SimFile>;
  for (const [path, spec] of Object.entries(SPECS) as [LabTlsPath, (typeof SPECS)[LabTlsPath]][]) {
    let text = SOURCES.get(path);
    if (text === undefined) {
      text = () => texts()?.[path];
      SOURCES.set(path, text);
    }
    files[path] = lazyFile({ size: spec.size, mode: spec.mode, text });
  }
  return files;
}

/**
 * Whether `file` (as a FileLookup gave it for `path`) is the lab's own file at `path`, never written since the
 * machine booted (a chmod keeps it so: smtpd reads certificates as root, modes never matter to it).
 */
export function isPristineLabFile(path: string, file: SimFile | undefined): boolean {
  const text = SOURCES.get(path as LabTlsPath);
  return text !== undefined && file !== undefined && lazySourceOf(file)?.text === text;
}
