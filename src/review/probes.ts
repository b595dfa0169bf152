/**
 * "Show me": the lines a probe types into the lab terminal (a shell line, then the lines typed inside
 * telnet or s_client), so the learner sees the proof in the lab that runs their configuration.
 */
import { assertNever } from '../engine/util/assert-never.ts';

export type Probe =
  | { readonly kind: 'ehlo'; readonly port: number; readonly wrapper: boolean }
  | { readonly kind: 'mail-before-starttls'; readonly port: number }
  | { readonly kind: 'connect'; readonly port: number }
  | { readonly kind: 'delivery'; readonly to: string }
  | { readonly kind: 'log'; readonly pattern: string }
  | { readonly kind: 'postconf'; readonly args: string };

/** The name probes greet with (RFC 2606: no reader's domain). */
export const SHOW_ME_HELO = 'client.example.com';

export function probeLines(p: Probe): string[] {
  switch (p.kind) {
    case 'ehlo':
      return p.wrapper
        ? [`openssl s_client -connect localhost:${p.port} -quiet`, `EHLO ${SHOW_ME_HELO}`, 'QUIT']
        : [`telnet localhost ${p.port}`, `EHLO ${SHOW_ME_HELO}`, 'QUIT'];
    case 'mail-before-starttls':
      return [`telnet localhost ${p.port}`, `EHLO ${SHOW_ME_HELO}`, 'MAIL FROM:<alice@example.org>', 'QUIT'];
    case 'connect':
      return [`telnet localhost ${p.port}`];
    case 'delivery':
      return [`echo hello | sendmail -f alice@example.org ${p.to}`, 'mailq', "grep 'postfix/smtp\\[' /var/log/mail.log"];
    case 'log':
      return [`grep '${p.pattern}' /var/log/mail.log`];
    case 'postconf':
      return [`postconf ${p.args}`];
    default:
      return assertNever(p);
  }
}

/** A short label for the probe (the button's accessible description, the CLI's "try" line). */
export function probeLabel(p: Probe): string {
  return probeLines(p)[0] ?? '';
}
