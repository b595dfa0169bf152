import type { ConfigFolder } from './config-folder.ts';
import type { BoundService } from './lab-server.ts';

/** What `npm run serve` prints at start (our own words). */
export function startBanner(folder: ConfigFolder, bound: readonly BoundService[], created: readonly string[]): string {
  const port = (s: string): number => bound.find((b) => b.service === s)?.port ?? 0;
  const host = bound[0]?.address ?? '127.0.0.1';
  const lines = [
    'Postfix TLS Lab: the simulated Postfix 3.7 is listening on real sockets.',
    '',
    ...bound.map((b) => `  ${b.service.padEnd(12)} ${b.address}:${b.port}`),
    '',
    `  configuration  ${folder.postfixDir}  (main.cf, master.cf, tls/)`,
    `  mail log       ${folder.logFile}`,
    `  messages       ${folder.messagesDir}  (nothing is ever delivered for real)`,
    ...(created.length > 0 ? ['', 'Created on this start:', ...created.map((c) => `  ${c}`)] : []),
    '',
    'Three things to try:',
    `  openssl s_client -starttls smtp -connect ${host}:${port('smtp')} -crlf -quiet`,
    `  swaks --server ${host} --port ${port('submission')} --tls --auth PLAIN --auth-user alice --auth-password secret --from alice@example.org --to bob@example.net`,
    `  openssl s_client -connect ${host}:${port('submissions')} -crlf -quiet`,
    '',
    'Edit main.cf and connect again: a new smtpd reads it. After editing master.cf run',
    '`npm run serve -- reload` (or send SIGHUP). Ctrl-C stops the server.',
  ];
  return `${lines.join('\n')}\n`;
}

export function listenWarning(addr: string): string {
  return `warning: listening on ${addr}, not only on loopback: other machines may reach this lab server.\n`;
}

export function portInUse(service: string, address: string, port: number): string {
  return `${address}:${port} is already in use, so the ${service} service cannot listen there: stop what uses it, or choose another port with --port-${service}.`;
}
