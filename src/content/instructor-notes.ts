/**
 * Instructor notes for the workshop handout (/handout/), one entry per lesson slug: how long the lesson
 * takes in a room, the mistakes learners make most often (the same ones the lesson's hints catch), and
 * what to look for on a learner's screen to tell that the exercise worked. Our own words.
 */
export interface InstructorNote {
  /** Minutes for reading and the exercises, in a room. */
  readonly minutes: number;
  readonly mistakes: readonly string[];
  /** What a learner's terminal shows once the exercise is done. */
  readonly lookFor: readonly string[];
}

export const INSTRUCTOR_NOTES: Readonly<Record<string, InstructorNote>> = {
  'what-encrypting-email-means': {
    minutes: 15,
    mistakes: ['Typing EHLO before the 220 greeting has arrived, or forgetting the name after EHLO.'],
    lookFor: ['A 250-STARTTLS line in the list that follows EHLO.'],
  },
  'two-roles-two-prefixes': {
    minutes: 10,
    mistakes: ['Mixing up smtpd_ (the server, incoming) and smtp_ (the client, outgoing); a misspelt name gets a warning and no value.'],
    lookFor: ['Two name = value lines from postconf, one for each of the two security levels.'],
  },
  'opportunistic-tls': {
    minutes: 15,
    mistakes: [
      'Setting only the server level and leaving smtp_tls_security_level at none.',
      'Editing main.cf and not reloading, so the running Postfix still has the old values.',
    ],
    lookFor: ['postfix reload followed by an EHLO answer that now includes 250-STARTTLS.'],
  },
  certificates: {
    minutes: 20,
    mistakes: [
      'Looking for the problem in the SMTP dialogue instead of the log: STARTTLS only answers 454, the warning in mail.log names the file.',
      'Fixing the path on disk and forgetting to reload.',
    ],
    lookFor: ['A warning line in mail.log naming the key file, then after the fix a completed handshake from openssl s_client.'],
  },
  'protocol-versions': {
    minutes: 20,
    mistakes: ['Changing smtpd_tls_mandatory_protocols, which does not apply to port 25 at level may; smtpd_tls_protocols does.'],
    lookFor: ['s_client with -tls1 or -tls1_1 failing the handshake, and a plain s_client still getting TLSv1.3.'],
  },
  'tls-logging': {
    minutes: 15,
    mistakes: [
      'Raising only smtpd_tls_loglevel: outgoing connections follow smtp_tls_loglevel.',
      'Reading the log before making a new connection in each direction after the reload.',
    ],
    lookFor: ['In tail of mail.log, a TLS connection line from postfix/smtpd and another from postfix/smtp.'],
  },
  'submission-587': {
    minutes: 25,
    mistakes: [
      'Requiring TLS in main.cf, which makes port 25 refuse plaintext senders too; the requirement belongs in the submission entry of master.cf.',
      'Editing master.cf without a reload.',
    ],
    lookFor: ['A 530 reply to MAIL FROM before STARTTLS on port 587, while port 25 still answers 250 to MAIL FROM.'],
  },
  'auth-behind-tls': {
    minutes: 25,
    mistakes: [
      'Thinking AUTH is broken because the first EHLO on 587 does not list it: it appears only after STARTTLS.',
      'Forgetting the reload after changing the -o options of the submission service.',
    ],
    lookFor: ['AUTH in the EHLO answer inside TLS, and 235 after logging in (swaks with --tls and --auth is the quickest way).'],
  },
  testing: {
    minutes: 15,
    mistakes: ['Typing commands in telnet after STARTTLS: the server expects a handshake and hangs up.'],
    lookFor: ['openssl s_client -starttls smtp with a completed handshake, then EHLO typed again and AUTH in its answer.'],
  },
  'implicit-tls-465': {
    minutes: 20,
    mistakes: ['Using telnet or -starttls on port 465, where the handshake comes first and the server says nothing before it.'],
    lookFor: ['openssl s_client -connect localhost:465 showing the handshake, then the 220 greeting inside TLS and AUTH after EHLO.'],
  },
  'outgoing-tls': {
    minutes: 25,
    mistakes: [
      'Believing encrypt checks the other server’s certificate; it only makes TLS mandatory.',
      'Forgetting the reload between the two exercises.',
    ],
    lookFor: [
      'A postfix/smtp TLS connection line before status=sent, then after encrypt a status=deferred line saying TLS was not offered.',
    ],
  },
  'starttls-stripping': {
    minutes: 20,
    mistakes: ['Looking for an error at level may: a stripped connection is delivered in plaintext without any warning.'],
    lookFor: ['status=sent through 127.0.0.3:2528 with no TLS line before it, then after encrypt the same mail deferred.'],
  },
};
