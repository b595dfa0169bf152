import { type OpenSslError, postfixErrorText } from './file-open-errors.ts';

/**
 * The log texts of the server TLS engine's start that come before any certificate is read (server-init.ts),
 * and those of a certificate or key file that does not exist (missing-cert-file.ts).
 * They belong with log-texts.ts, which re-exports them, but sit apart so that the lab's first chunk, which
 * starts smtpd, does not bring the rest of the TLS texts with it (issue 12, page weight).
 */

/** corpus log-smtpd-tls-loglevel-2 */
export const LOG_SERVER_ENGINE_INIT = 'initializing the server-side TLS engine';
/** postfix-facts.md §3 */
export const LOG_NO_SERVER_CERTS = "warning: No server certs available. TLS won't be enabled";
/** postfix-facts.md §3 (server, at init) */
export const logInvalidProtocolsServer = (list: string): string => `warning: Invalid TLS protocol list "${list}": disabling TLS support`;

/** corpus p25-may-cert-missing and every handshake failure */
export const logLibraryProblem = (e: OpenSslError): string => `warning: TLS library problem: ${postfixErrorText(e)}`;

/** corpus p25-may-cert-missing, p25-encrypt-cert-missing */
export const logCannotGetCert = (file: string): string => `warning: cannot get RSA certificate from file "${file}": disabling TLS support`;
/** corpus p25-may-key-garbage */
export const logCannotGetKey = (file: string): string => `warning: cannot get RSA private key from file "${file}": disabling TLS support`;
