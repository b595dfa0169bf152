/**
 * What `openssl x509`, `verify`, `rsa`, `pkey`, `dgst`/`md5`/`sha1`/`sha256` print, in one place. Every
 * text was recorded from the real openssl 3.0.22 (Debian 12) on the lab's own files:
 * tests/corpus-extra/host-tools/openssl-inspect.json (made by tests/corpus-extra/recorder/record_openssl.py),
 * unless its comment says "derived". `<tid>` in error lines is OpenSSL's per-process thread ID.
 */
import type { OpenSslError } from '../../tls/openssl-errors.ts';
import { opensslErrorLine } from '../../tls/openssl-errors.ts';

function err(code: string, lib: string, func: string, reason: string, file: string, line: number, data = ''): OpenSslError {
  return { code, lib, func, reason, file, line, data };
}

export const INSPECT_ERR = {
  /** `-in nosuchfile` (x509, rsa, pkey, verify): the file store's two lines. */
  storeScheme: err(
    '16000069',
    'STORE routines',
    'ossl_store_get0_loader_int',
    'unregistered scheme',
    '../crypto/store/store_register.c',
    237,
    'scheme=file',
  ),
  storeStat: (name: string): OpenSslError =>
    err(
      '80000002',
      'system library',
      'file_open',
      'No such file or directory',
      '../providers/implementations/storemgmt/file_store.c',
      268,
      `calling stat(${name})`,
    ),
  /** A file that holds a key where a certificate was wanted. */
  storeUnsupported: err(
    '1608010C',
    'STORE routines',
    'ossl_store_handle_load_result',
    'unsupported',
    '../crypto/store/store_result.c',
    149,
  ),
  /** `dgst nosuchfile` */
  fileCtrlMissing: (name: string): OpenSslError =>
    err(
      '80000002',
      'system library',
      'file_ctrl',
      'No such file or directory',
      '../crypto/bio/bss_file.c',
      308,
      `calling fopen(${name}, r)`,
    ),
  fileCtrlSystemLib: err('10080002', 'BIO routines', 'file_ctrl', 'system lib', '../crypto/bio/bss_file.c', 311),
  /** `verify -CAfile nosuchfile` */
  bioNewFileMissing: (name: string): OpenSslError =>
    err(
      '80000002',
      'system library',
      'BIO_new_file',
      'No such file or directory',
      '../crypto/bio/bss_file.c',
      67,
      `calling fopen(${name}, r)`,
    ),
  bioNoSuchFile: err('10000080', 'BIO routines', 'BIO_new_file', 'no such file', '../crypto/bio/bss_file.c', 75),
  x509LoadSystemLib: err(
    '05880002',
    'x509 certificate routines',
    'X509_load_cert_crl_file_ex',
    'system lib',
    '../crypto/x509/by_file.c',
    229,
  ),
  /** An unknown `-xxx` taken as a digest (x509 -fingerprint) or a cipher (pkey). */
  fetchUnsupported: (name: string): OpenSslError =>
    err(
      '0308010C',
      'digital envelope routines',
      'inner_evp_generic_fetch',
      'unsupported',
      '../crypto/evp/evp_fetch.c',
      386,
      `Global default library context, Algorithm (${name} : 0), Properties (<null>)`,
    ),
} as const;

export function errLine(tid: string, e: OpenSslError): string {
  return `${opensslErrorLine(tid, e)}\n`;
}

/** What the loaders say; `what` is `certificate`, `certificate file` (verify), `private key` (rsa) or `key` (pkey). */
export const LOAD = {
  cannotOpen: (what: string, name: string): string => `Could not open file or uri for loading ${what} from ${name}\n`,
  cannotRead: (what: string, name: string): string => `Could not read ${what} from ${name}\n`,
  /** x509 and verify add this after the loader's lines (rsa and pkey do not). */
  unable: (what: string): string => `Unable to load ${what}\n`,
  stdinName: '<stdin>',
} as const;

export const X509_TEXT = {
  subject: (name: string): string => `subject=${name}\n`,
  issuer: (name: string): string => `issuer=${name}\n`,
  notBefore: (t: string): string => `notBefore=${t}\n`,
  notAfter: (t: string): string => `notAfter=${t}\n`,
  /** `SHA1 Fingerprint=` by default; with a digest option, its name as typed: `sha256 Fingerprint=`. */
  fingerprint: (label: string, hex: string): string => `${label} Fingerprint=${hex}\n`,
  modulus: (hex: string): string => `Modulus=${hex}\n`,
  willNotExpire: 'Certificate will not expire\n',
  /** derived: apps/x509.c prints this when X509_cmp_time says the end date is within the -checkend window. */
  willExpire: 'Certificate will expire\n',
  unknownDigest: 'Unknown digest\n',
} as const;

export const VERIFY_TEXT = {
  ok: (name: string): string => `${name}: OK\n`,
  depthError: (code: number, depth: number, text: string): string => `error ${code} at ${depth} depth lookup: ${text}\n`,
  failed: (name: string): string => `error ${name}: verification failed\n`,
  caFileError: (name: string): string => `Error loading file ${name}\n`,
} as const;

/** X509_verify_cert_error_string: 18 is recorded; 20 is derived from OpenSSL 3.0's crypto/x509/x509_txt.c. */
export const VERIFY_ERRORS: Readonly<Record<number, string>> = {
  18: 'self-signed certificate',
  20: 'unable to get local issuer certificate',
};

export const KEY_TEXT = {
  rsaOk: 'RSA key ok\n',
  pkeyValid: 'Key is valid\n',
  writingRsa: 'writing RSA key\n',
  unknownCipher: (prog: string, name: string): string => `${prog}: Unknown cipher: ${name}\n${prog}: Use -help for summary.\n`,
} as const;

/** `SHA2-256(name)= hex`; `openssl dgst` without a digest option labels it `SHA256`; `-r` gives `hex *name`. */
export const DGST_TEXT = {
  line: (label: string, name: string, hex: string): string => `${label}(${name})= ${hex}\n`,
  coreutils: (name: string, hex: string): string => `${hex} *${name}\n`,
  stdinName: 'stdin',
  missing: (name: string): string => `${name}: No such file or directory\n`,
} as const;

/** apps/lib/opt.c's errors: `x509: Option -in needs a value`, `verify: Unknown option: -bogus`, then the help hint; a stray argument gets the hint alone. */
export const usageError = (prog: string, what: string | null): string =>
  `${what === null ? '' : `${prog}: ${what}\n`}${prog}: Use -help for summary.\n`;
export const DGST_UNKNOWN = (name: string): string => `Unknown option or message digest: ${name}`;
