import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Postfix sends one session ticket after a TLSv1.3 handshake (tls/tls_server.c:
 * SSL_CTX_set_num_tickets(server_ctx, 1)); OpenSSL's default is two and Node's TLS API has no setting
 * for it. OpenSSL's own configuration can set it (SSL_CONF `NumTickets`), and Node reads the
 * `nodejs_conf` section of the file OPENSSL_CONF names when it starts. So `npm run serve` runs itself
 * once more with such a file; only then does openssl s_client print what it prints against Postfix.
 */
export const NODE_OPENSSL_CONF = `# Written by npm run serve: OpenSSL settings for the lab server's own Node process.
nodejs_conf = nodejs_init

[nodejs_init]
ssl_conf = ssl_module

[ssl_module]
system_default = postfix_like

[postfix_like]
NumTickets = 1
`;

export function nodeOpensslConfPath(root: string): string {
  return join(root, 'node-openssl.cnf');
}

/** True when this process already runs with the file (the re-run). */
export function hasNodeOpensslConf(root: string): boolean {
  return process.env['OPENSSL_CONF'] === nodeOpensslConfPath(root);
}

/**
 * Runs this same command again with OPENSSL_CONF set, passing signals on (SIGHUP reloads, SIGINT and
 * SIGTERM stop); resolves with its exit code.
 */
export function rerunWithNodeOpensslConf(root: string): Promise<number> {
  const path = nodeOpensslConfPath(root);
  mkdirSync(root, { recursive: true });
  writeFileSync(path, NODE_OPENSSL_CONF);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, OPENSSL_CONF: path },
  });
  const forward = (sig: NodeJS.Signals) => (): void => {
    child.kill(sig);
  };
  for (const sig of ['SIGHUP', 'SIGINT', 'SIGTERM'] as const) process.on(sig, forward(sig));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 0))));
}
