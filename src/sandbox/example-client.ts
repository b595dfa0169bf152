/**
 * The files the sandbox mounts next to the server build: a package.json (nodemailer, installed in the
 * container with `npm install`), the example client and a README. Their contents are plain strings.
 */
import type { FileTree } from './host.ts';
import { TLS_NOTE } from './texts.ts';

/** Where the server bundle sits in the site (dist/sandbox/lab-server.mjs after the build). */
export const SERVER_BUNDLE_URL = '/sandbox/lab-server.mjs';
export const SERVER_FILE = 'lab-server.mjs';
/** The lab's certificate and key, made at build time (the sandbox has no openssl to make them). */
export const CERT_URL = '/sandbox/mail.example.org.crt';
export const KEY_URL = '/sandbox/mail.example.org.key';
/** The server's --config folder in the sandbox; main.cf names the pair tls/mail.example.org.{crt,key}. */
export const CONFIG_DIR = 'lab-serve';

export const SANDBOX_PACKAGE_JSON = `${JSON.stringify(
  {
    name: 'postfix-tls-lab-sandbox',
    private: true,
    type: 'module',
    scripts: {
      start: `node ${SERVER_FILE} --config ${CONFIG_DIR}`,
      send: 'node send-mail.mjs',
    },
    dependencies: { nodemailer: '^6.9.0' },
  },
  null,
  2,
)}\n`;

/**
 * Sends one message to the lab server's smtp port with nodemailer: STARTTLS when the server offers it
 * (the lab's certificate is self-signed, so it is not verified), and without TLS if the handshake fails here.
 */
export const SEND_MAIL_MJS = `// Sends one message to the lab server (npm start) with nodemailer, a real Node SMTP client.
import nodemailer from 'nodemailer';

const port = Number(process.argv[2] ?? 2525);
const message = {
  from: 'alice@example.net',
  to: 'postmaster@example.org',
  subject: 'Hello from the Node sandbox',
  text: 'Sent with nodemailer from the sandbox.\\n',
};

async function send(ignoreTLS) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS,
    name: 'client.example.com',
    tls: { rejectUnauthorized: false, servername: 'mail.example.org' },
    logger: true,
  });
  const info = await transport.sendMail(message);
  console.log('Server said: ' + info.response);
}

try {
  await send(false);
} catch (err) {
  if (err && /TLS|SSL|ETLS|socket/i.test(String(err.code) + String(err.message))) {
    console.log('');
    console.log('TLS did not work inside this sandbox: ' + err.message);
    console.log('Sending again without STARTTLS. For TLS, run npm run serve on your own machine.');
    await send(true);
  } else {
    throw err;
  }
}
`;

export const SANDBOX_README = `Postfix TLS Lab: Node sandbox

  npm start        starts the lab server (the same build as npm run serve) on 127.0.0.1:2525, 2587 and 2465
  npm run send     sends one message to port 2525 with nodemailer

The server's files are in lab-serve/ (main.cf, master.cf, mail.log, messages/).

${TLS_NOTE}
`;

export interface CertificatePair {
  readonly cert: string;
  readonly key: string;
}

/** Everything the sandbox mounts, given the server build's text and the certificate (when the site has one). */
export function sandboxFiles(serverBundle: string, pair?: CertificatePair): FileTree {
  const files: Record<string, FileTree[string]> = {
    'package.json': { file: { contents: SANDBOX_PACKAGE_JSON } },
    [SERVER_FILE]: { file: { contents: serverBundle } },
    'send-mail.mjs': { file: { contents: SEND_MAIL_MJS } },
    'README.txt': { file: { contents: SANDBOX_README } },
  };
  if (pair !== undefined) {
    const tls: FileTree = {
      'mail.example.org.crt': { file: { contents: pair.cert } },
      'mail.example.org.key': { file: { contents: pair.key } },
    };
    files[CONFIG_DIR] = { directory: { postfix: { directory: { tls: { directory: tls } } } } };
  }
  return files;
}
