/**
 * The handout's one-page cheat sheet. Parameter meanings and port notes are our own words; every reply
 * and log line is copied exactly from the ground-truth corpus, and `scenario` names the recording it
 * comes from (tests/handout/cheat-sheet.test.ts finds each one there). <PID>, <QUEUEID> and the like
 * are the corpus's placeholders for values that change on every run.
 */
export interface CheatParameter {
  readonly name: string;
  readonly meaning: string;
}

export interface CheatPort {
  readonly port: number;
  readonly service: string;
  readonly meaning: string;
}

export interface CheatLine {
  readonly text: string;
  readonly meaning: string;
  /** The corpus folder (under postfix-ground-truth/) whose recording has this exact line. */
  readonly scenario: string;
}

export const CHEAT_PARAMETERS: readonly CheatParameter[] = [
  { name: 'smtpd_tls_security_level', meaning: 'Server side: none (no STARTTLS), may (offer it), encrypt (require it).' },
  {
    name: 'smtp_tls_security_level',
    meaning: 'Client side, for mail Postfix sends: none, may, encrypt, or verify/secure to check certificates.',
  },
  { name: 'smtpd_tls_chain_files', meaning: 'The server’s key and certificate chain, in one or more PEM files.' },
  { name: 'smtpd_tls_protocols', meaning: 'Protocol versions the server accepts when TLS is optional (port 25 at may).' },
  { name: 'smtpd_tls_mandatory_protocols', meaning: 'Protocol versions when TLS is required (encrypt, port 465).' },
  { name: 'smtpd_tls_loglevel / smtp_tls_loglevel', meaning: '0 logs no TLS lines; 1 logs one line per TLS connection, in and out.' },
  { name: 'smtpd_tls_auth_only', meaning: 'yes: AUTH is listed only after STARTTLS.' },
  { name: 'smtpd_tls_wrappermode', meaning: 'yes (on the 465 service): the handshake comes before any SMTP.' },
];

export const CHEAT_PORTS: readonly CheatPort[] = [
  { port: 25, service: 'smtp', meaning: 'Server-to-server delivery. TLS offered with STARTTLS, never required on a public MX.' },
  { port: 587, service: 'submission', meaning: 'Mail programs submitting mail. STARTTLS required, then AUTH.' },
  { port: 465, service: 'submissions', meaning: 'Submission with implicit TLS: handshake first, then SMTP.' },
];

export const CHEAT_REPLIES: readonly CheatLine[] = [
  { text: '250-STARTTLS', meaning: 'EHLO answer: the server offers TLS.', scenario: 'p25-level-may' },
  { text: '220 2.0.0 Ready to start TLS', meaning: 'STARTTLS accepted: the handshake comes next.', scenario: 'p25-level-may' },
  { text: '502 5.5.1 Error: command not implemented', meaning: 'STARTTLS at level none.', scenario: 'p25-level-none' },
  {
    text: '454 4.7.0 TLS not available due to local problem',
    meaning: 'STARTTLS with an unusable certificate or key: read mail.log.',
    scenario: 'p25-encrypt-cert-missing',
  },
  {
    text: '530 5.7.0 Must issue a STARTTLS command first',
    meaning: 'TLS is required and the client has not started it.',
    scenario: 'p25-level-encrypt',
  },
  { text: '235 2.7.0 Authentication successful', meaning: 'AUTH accepted.', scenario: 'submissions-465-wrappermode' },
];

export const CHEAT_LOG_LINES: readonly CheatLine[] = [
  {
    text: '<TIMESTAMP> mail postfix/smtpd[<PID>]: Anonymous TLS connection established from localhost[127.0.0.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
    meaning: 'Incoming TLS (smtpd_tls_loglevel 1 or more).',
    scenario: 'smtp-edge-cases',
  },
  {
    text: '<TIMESTAMP> mail postfix/smtp[<PID>]: Untrusted TLS connection established to 127.0.0.2[127.0.0.2]:2526: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256',
    meaning: 'Outgoing TLS, certificate not checked (smtp_tls_loglevel 1 or more).',
    scenario: 'log-smtp-tls-loglevel-2',
  },
  {
    text: '<TIMESTAMP> mail postfix/smtpd[<PID>]: warning: cannot get RSA private key from file "/etc/postfix/tls/garbage.key": disabling TLS support',
    meaning: 'The key file is unusable; STARTTLS will fail.',
    scenario: 'p25-may-key-garbage',
  },
  {
    text: '<TIMESTAMP> mail postfix/smtp[<PID>]: <QUEUEID>: to=<bob@example.net>, relay=127.0.0.3[127.0.0.3]:2528, delay=<DELAY>, delays=<DELAYS>, dsn=4.7.4, status=deferred (TLS is required, but was not offered by host 127.0.0.3[127.0.0.3])',
    meaning: 'smtp_tls_security_level = encrypt and the other side (or someone on the way) offered no STARTTLS.',
    scenario: 'more/strip-outbound-encrypt',
  },
];
