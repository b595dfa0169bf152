/**
 * The log texts of the server TLS engine's start that come before any certificate is read (server-init.ts).
 * They belong with log-texts.ts, which re-exports them, but sit apart so that the lab's first chunk, which
 * starts smtpd, does not bring the rest of the TLS texts with it (issue 12, page weight).
 */

/** corpus log-smtpd-tls-loglevel-2 */
export const LOG_SERVER_ENGINE_INIT = 'initializing the server-side TLS engine';
/** postfix-facts.md §3 */
export const LOG_NO_SERVER_CERTS = "warning: No server certs available. TLS won't be enabled";
/** postfix-facts.md §3 (server, at init) */
export const logInvalidProtocolsServer = (list: string): string => `warning: Invalid TLS protocol list "${list}": disabling TLS support`;
