import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LAB_MAIN_CF } from '../engine/world/data/lab-files.ts';
import { LAB_MASTER_CF } from '../engine/world/data/lab-master-cf.ts';

/**
 * The server's folder. `postfix/` is the simulated machine's /etc/postfix (main.cf, master.cf, the
 * certificate): the learner edits it. The mail log and the accepted messages sit beside it.
 */
export interface ConfigFolder {
  readonly root: string;
  /** Mapped onto /etc/postfix of the simulated machine. */
  readonly postfixDir: string;
  readonly mainCf: string;
  readonly masterCf: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly logFile: string;
  readonly messagesDir: string;
  readonly pidFile: string;
}

/** Where the simulated machine keeps what `postfix/` holds. */
export const SIM_POSTFIX_DIR = '/etc/postfix';

/** The certificate and key as main.cf names them (lab-files.ts: smtpd_tls_cert_file, smtpd_tls_key_file). */
const CERT_NAME = 'tls/mail.example.org.crt';
const KEY_NAME = 'tls/mail.example.org.key';

/**
 * The article's finished set-up on top of Debian's master.cf: the submission and submissions services
 * exactly as the recordings appended them (tests/corpus-extra/swaks-587-tls-auth/config.txt and
 * shared ground truth submissions-465-wrappermode/config.txt).
 */
export const FINISHED_MASTER_CF_SERVICES = `submission inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
submissions inet n       -       y       -       -       smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
`;

export function configFolder(dir: string): ConfigFolder {
  const root = resolve(dir);
  const postfixDir = join(root, 'postfix');
  return {
    root,
    postfixDir,
    mainCf: join(postfixDir, 'main.cf'),
    masterCf: join(postfixDir, 'master.cf'),
    certFile: join(postfixDir, CERT_NAME),
    keyFile: join(postfixDir, KEY_NAME),
    logFile: join(root, 'mail.log'),
    messagesDir: join(root, 'messages'),
    pidFile: join(root, 'serve.pid'),
  };
}

export type InitResult = { readonly ok: true; readonly created: readonly string[] } | { readonly ok: false; readonly error: string };

/** Creates what is missing: the configuration files, the folders, and a self-signed certificate (with the system openssl). */
export function initConfigFolder(f: ConfigFolder): InitResult {
  const created: string[] = [];
  mkdirSync(join(f.postfixDir, 'tls'), { recursive: true });
  mkdirSync(f.messagesDir, { recursive: true });
  if (!existsSync(f.mainCf)) {
    writeFileSync(f.mainCf, LAB_MAIN_CF);
    created.push(f.mainCf);
  }
  if (!existsSync(f.masterCf)) {
    writeFileSync(f.masterCf, LAB_MASTER_CF + FINISHED_MASTER_CF_SERVICES);
    created.push(f.masterCf);
  }
  if (!existsSync(f.certFile) || !existsSync(f.keyFile)) {
    const r = makeSelfSignedCert(f.certFile, f.keyFile);
    if (!r.ok) return r;
    created.push(f.certFile, f.keyFile);
  }
  return { ok: true, created };
}

function makeSelfSignedCert(certFile: string, keyFile: string): { ok: true } | { ok: false; error: string } {
  const args = [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '3650',
    '-subj',
    '/CN=mail.example.org',
    '-addext',
    'subjectAltName=DNS:mail.example.org',
  ];
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error !== undefined) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      error: missing
        ? `The openssl program was not found, so no certificate could be made for mail.example.org.\nInstall it (Debian/Ubuntu: apt-get install openssl), or put a certificate and key at\n  ${certFile}\n  ${keyFile}`
        : `openssl failed to start: ${r.error.message}`,
    };
  }
  if (r.status !== 0) return { ok: false, error: `openssl ${args.join(' ')} failed:\n${r.stderr}` };
  chmodSync(keyFile, 0o600);
  return { ok: true };
}

/** Every file under postfix/, as the simulated machine sees it (path under /etc/postfix, text, mode). */
export function readPostfixFiles(f: ConfigFolder, except: readonly string[] = []): Map<string, { content: string; mode: number }> {
  const out = new Map<string, { content: string; mode: number }>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && !except.includes(full)) {
        out.set(`${SIM_POSTFIX_DIR}/${relative(f.postfixDir, full).split('\\').join('/')}`, {
          content: readFileSync(full, 'latin1'),
          mode: st.mode & 0o7777,
        });
      }
    }
  };
  walk(f.postfixDir);
  return out;
}
