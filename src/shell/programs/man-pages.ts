/**
 * The lab's own short manual pages for Postfix's commands and files, written in our own words (Postfix's
 * manual text is not copied). Each says that it is the lab's summary and where the full page is. Layout:
 * man's sections (NAME, SYNOPSIS, DESCRIPTION, SEE ALSO); man.ts formats them.
 */

export interface ManPage {
  /** `postconf` */
  readonly name: string;
  /** `1`, `5`, `8` */
  readonly section: string;
  /** The NAME line after `name - `. */
  readonly summary: string;
  readonly synopsis: readonly string[];
  /** Paragraphs; a paragraph starting with `  ` is kept as a preformatted line. */
  readonly description: readonly string[];
  readonly seeAlso: readonly string[];
}

const page = (
  name: string,
  section: string,
  summary: string,
  synopsis: readonly string[],
  description: readonly string[],
  seeAlso: readonly string[],
): ManPage => ({ name, section, summary, synopsis, description, seeAlso });

export const MAN_PAGES: readonly ManPage[] = [
  page(
    'postfix',
    '1',
    'start, stop and check the Postfix mail system',
    ['postfix [-v] [-c config_dir] command'],
    [
      'The control command of Postfix. "postfix start" runs the checks of "postfix check" and then starts master(8); "postfix stop" ends master and every Postfix daemon; "postfix reload" makes a running master read main.cf and master.cf again; "postfix status" says whether master runs; "postfix check" looks for problems in the configuration and the file permissions without changing anything.',
      'The progress messages ("starting the Postfix mail system" and so on) always go to the mail log, and to the terminal only when standard error is one.',
      'On Debian, systemd runs the same commands for you: "systemctl reload postfix" ends in "postfix reload", and "systemctl restart postfix" in a stop and a start.',
    ],
    ['postconf(1)', 'master(8)', 'postconf(5)', 'systemctl(1)'],
  ),
  page(
    'postconf',
    '1',
    'show and change the Postfix configuration',
    [
      'postconf [-d | -n] [parameter ...]',
      'postconf -e "name = value" ...',
      'postconf -M [service/type ...]',
      'postconf -P [service/type/parameter ...]',
    ],
    [
      'Without options, postconf prints every main.cf parameter with the value in effect. With names, it prints only those. -n prints only the parameters that main.cf sets, as written there; -d prints the compiled-in defaults and ignores main.cf.',
      '-e edits main.cf in place ("postconf -e \'smtpd_tls_security_level = may\'"); -X removes a parameter. -M shows master.cf services, -P the "-o" overrides of services. A running Postfix notices a main.cf change only when a daemon starts afresh or after "postfix reload".',
      'Warnings, for example about a misspelt parameter that nothing uses, go to standard error after the output.',
    ],
    ['postconf(5)', 'master(5)', 'postfix(1)'],
  ),
  page(
    'postconf',
    '5',
    'Postfix configuration parameters (main.cf)',
    ['/etc/postfix/main.cf'],
    [
      'main.cf holds "name = value" lines. A line that starts with white space continues the previous one; lines starting with # are comments. A value may refer to another parameter with $name.',
      'Parameters starting with smtpd_ are for the SMTP server, the side that receives mail; parameters starting with smtp_ are for the SMTP client, the side that delivers mail to other servers. For TLS the main ones are smtpd_tls_security_level and smtp_tls_security_level (none, may, encrypt and, for the client, also dane, fingerprint, verify and secure), smtpd_tls_cert_file and smtpd_tls_key_file, and the *_tls_loglevel parameters.',
      'In this lab, "man PARAMETER" or "explain PARAMETER" shows one parameter with its default and its value on this machine.',
    ],
    ['postconf(1)', 'master(5)', 'smtpd(8)', 'smtp(8)'],
  ),
  page(
    'master',
    '8',
    'the Postfix process manager',
    ['master [-Ddtvw] [-c config_dir] [-e exit_time]'],
    [
      "master is the one long-running Postfix process that starts the others. It listens on the network ports of master.cf (port 25 for the smtp service, 587 for submission, 465 for submissions) and starts smtpd, qmgr, pickup and the other daemons when there is work, up to each service's process limit.",
      'master reads master.cf only when it starts and on "postfix reload". A daemon reads main.cf when it starts; an idle smtpd that master reuses keeps the settings it started with until it exits (max_idle, max_use).',
    ],
    ['master(5)', 'postfix(1)', 'smtpd(8)'],
  ),
  page(
    'master',
    '5',
    'Postfix master process configuration (master.cf)',
    ['/etc/postfix/master.cf'],
    [
      'Each service is one line of eight columns: service name, type (inet, unix, fifo, pass), private, unprivileged, chroot, wakeup time, process limit, and the command with its arguments. A "-" means the default.',
      'Lines starting with white space continue the command. "-o name=value" lines there override a main.cf parameter for that service only, as the submission (587) and submissions (465) services do for TLS and authentication.',
      'A change here takes effect after "postfix reload"; "postconf -M" and "postconf -P" show what master will read.',
    ],
    ['master(8)', 'postconf(1)', 'postconf(5)'],
  ),
  page(
    'smtpd',
    '8',
    'the Postfix SMTP server',
    ['smtpd [generic Postfix daemon options]'],
    [
      'smtpd receives mail over SMTP, on the ports master(8) listens on. It answers EHLO with the extensions it offers: STARTTLS when smtpd_tls_security_level is may or encrypt and a certificate is configured, AUTH when SASL is on. At level encrypt it refuses mail commands until the client has used STARTTLS.',
      'With smtpd_tls_wrappermode=yes (the submissions service on port 465) TLS starts at once, before the 220 greeting. smtpd logs each connection to the mail log; smtpd_tls_loglevel = 1 adds one line per TLS session with the protocol and cipher.',
    ],
    ['smtp(8)', 'postconf(5)', 'master(8)'],
  ),
  page(
    'smtp',
    '8',
    'the Postfix SMTP client',
    ['smtp [generic Postfix daemon options]'],
    [
      "smtp delivers mail to other mail servers. With smtp_tls_security_level = may it uses STARTTLS when the other server offers it and falls back to plaintext when the handshake fails; with encrypt it defers the mail instead; verify and secure also check the server's certificate against smtp_tls_CAfile or smtp_tls_CApath.",
      'Deferred mail stays in the queue and is tried again later; "postqueue -f" tries at once. smtp_tls_loglevel = 1 logs one line per TLS session, with "Untrusted", "Trusted" or "Verified" before "TLS connection established".',
    ],
    ['smtpd(8)', 'postqueue(1)', 'postconf(5)'],
  ),
  page(
    'postqueue',
    '1',
    'look at and flush the Postfix mail queue',
    ['postqueue -p', 'postqueue -f', 'postqueue -i queue_id', 'postqueue -s site'],
    [
      'postqueue -p lists the mail waiting in the queue (what "mailq" prints): queue ID, size, arrival time, sender, and for deferred mail the reason in parentheses. -f asks Postfix to try every queued message now; -i tries one message.',
      'When Postfix is stopped, -p still reads the queue directly and says so in a warning.',
    ],
    ['postsuper(1)', 'mailq(1)', 'smtp(8)'],
  ),
  page(
    'postsuper',
    '1',
    'Postfix queue maintenance',
    ['postsuper -d queue_id', 'postsuper -d ALL [queue]', 'postsuper -r ALL'],
    [
      'postsuper changes the queue as the superuser: -d deletes one message or ALL of them, -h puts messages on hold and -H releases them, -r requeues them. It tells how many messages it changed, on standard error and in the mail log.',
    ],
    ['postqueue(1)', 'mailq(1)'],
  ),
  page(
    'posttls-finger',
    '1',
    'probe the TLS properties of an SMTP server',
    ['posttls-finger [-c] [-l level] [-P CApath] [-F CAfile] [-L logopts] destination[:port]'],
    [
      "posttls-finger connects to a mail server as Postfix's SMTP client would, uses STARTTLS and reports what it found: the protocol and cipher, the certificate chain, and whether the certificate is trusted and matches the name. It does not send mail.",
      '-l sets the security level it tries (may, encrypt, verify, secure...). -c leaves out the SMTP dialogue, showing only the TLS result.',
    ],
    ['smtp(8)', 'postconf(5)'],
  ),
  page(
    'sendmail',
    '1',
    'the Postfix interface for mail programs',
    ['sendmail [options] recipient ...', 'sendmail -t < message', 'mailq'],
    [
      'Programs hand mail to Postfix through sendmail: it reads a message on standard input and puts it in the queue for the recipients on the command line (with -t, those in the To:, Cc: and Bcc: headers). Called as mailq, it lists the queue like "postqueue -p".',
    ],
    ['postqueue(1)', 'postfix(1)'],
  ),
];

/** Every page's name, for man's "what" list and completion. */
export const MAN_PAGE_NAMES: readonly string[] = [...new Set(MAN_PAGES.map((p) => p.name))].sort();

/** man's search order: section 1 before 5 before 8, as man-db's default SECTION list has them. */
export function findPage(name: string, section: string | null): ManPage | null {
  const candidates = MAN_PAGES.filter((p) => p.name === name && (section === null || p.section === section));
  const order = ['1', '8', '5'];
  candidates.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
  return candidates[0] ?? null;
}

/** The note every lab page ends with. */
export const SUMMARY_NOTE = (p: ManPage): string =>
  `This page is the Postfix TLS Lab's short summary in its own words, not Postfix's manual. The full page is "man ${p.section} ${p.name}" on a real server, or https://www.postfix.org/${p.name}.${p.section}.html.`;
