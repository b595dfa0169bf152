/** smtpd(8): the SMTP server of the simulated Postfix 3.7.11. */
export { startSmtpd, type SmtpdProcess, type SmtpdStart } from './smtpd.ts';
export { SmtpdSession } from './session.ts';
export type { SmtpdClient, SmtpdEnv } from './smtpd-env.ts';
export { readSettings, type SmtpdSettings, type SettingsResult } from './settings.ts';
export { corpusSasldb, sasldb, type SaslUserDb, type SasldbEntry } from './sasl/sasl-db.ts';
export { localRecipientsFrom } from './local-recipients.ts';
