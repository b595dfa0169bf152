/**
 * The usage of each program of the lazy table (lazy-programs.ts) as the program itself gives it: what `help`
 * lists for a program whose code has not come yet (its stand-in in the table has no usage). Here rather than
 * in the table so that the lab machine's chunk carries none of this text: `help` brings it (issue 12).
 * tests/shell/lazy-programs.test.ts checks each against the loaded program.
 */
import type { Program } from './program.ts';

export const LAZY_USAGES: Readonly<Record<string, string>> = {
  cat: 'cat [-n] [FILE]...',
  grep: 'grep [-n] [-i] [-v] [-E] [-c] PATTERN [FILE]...',
  head: 'head [-n N] [FILE]...',
  tail: 'tail [-n N] [-f] [FILE]...',
  wc: 'wc [-l] [-w] [-c] [FILE]...',
  ls: 'ls [-l] [-a] [FILE]...',
  chmod: 'chmod MODE FILE...',
  cp: 'cp SOURCE... DEST',
  mv: 'mv SOURCE... DEST',
  rm: 'rm [-f] [-r] FILE...',
  touch: 'touch FILE...',
  hostname: 'hostname [-s|-f|-d|-i]',
  which: 'which [-a] COMMAND...',
  help: 'help',
  less: 'less [FILE]   (Space/b page, /pattern search, q quit)',
  nano: 'nano FILE   (^O write, ^X exit, ^K cut, ^U paste)',
  sed: "sed [-n] [-i] [-E] SCRIPT [FILE]...   (e.g. sed -i '$d' FILE)",
  printf: 'printf [-v VAR] FORMAT [ARGUMENT]...',
  getent: 'getent hosts|ahosts|ahostsv4|ahostsv6 [KEY]...',
  readlink: 'readlink [-f|-e] FILE...',
  realpath: 'realpath [-e] FILE...',
  dpkg: 'dpkg -l [PATTERN...]',
  'dpkg-query': 'dpkg-query -l [PATTERN...]',
  telnet: 'telnet [HOST [PORT]]',
  nc: 'nc [-C] [-v] [-z] HOST PORT',
  netcat: 'nc [-C] [-v] [-z] HOST PORT',
  postconf: 'postconf [-n|-d|-h|-x|-M|-P] [-e NAME=VALUE...] [NAME...]',
  postfix: 'postfix start|stop|reload|status|check',
  sendmail: 'sendmail [-f SENDER] [-t] [-i] RECIPIENT...',
  mail: 'mail [-s SUBJECT] [-c CC] RECIPIENT...',
  mailq: 'mailq',
  postqueue: 'postqueue -p|-j|-f|-i QUEUE_ID|-s SITE',
  postsuper: 'postsuper -d QUEUE_ID|ALL',
  openssl: 'openssl s_client|x509|verify|rsa|pkey|dgst|md5|sha256 ...   (s_client -connect HOST:PORT [-starttls smtp])',
  'posttls-finger': 'posttls-finger [-c] [-l LEVEL] [-L LOGOPTS] HOST[:PORT]',
  swaks: 'swaks --to ADDR [--server HOST[:PORT]] [--port N] [--tls|--tls-on-connect] [--auth TYPE --auth-user U --auth-password P]',
  timeout: 'timeout [-s SIGNAL] [-k DURATION] [-v] DURATION COMMAND [ARG]...',
  explain: 'explain PARAMETER...   (what a Postfix parameter does, its default and its value here)',
  man: 'man [SECTION] NAME   (postfix, postconf, 5 postconf, master, smtpd, smtp, postqueue... or a parameter)',
  systemctl: 'systemctl start|stop|restart|reload|status|is-active postfix',
  journalctl: 'journalctl [-u postfix|postfix@-] [-n N] [-f]',
  service: 'service postfix start|stop|restart|reload|status|check',
  ss: 'ss -ltn[p]',
};

/** A program's usage: its own, or for the stand-in of a lazy program not loaded yet, the one above. */
export function usageOf(p: Program): string {
  return p.usage !== '' ? p.usage : (LAZY_USAGES[p.name] ?? '');
}
