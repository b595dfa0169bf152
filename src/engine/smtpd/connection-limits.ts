import { logConcurrencyLimitExceeded, logRateLimitExceeded } from './log-texts.ts';
import type { SmtpdSettings } from './settings.ts';
import type { SmtpdClient } from './smtpd-env.ts';

/**
 * smtpd(8) compares anvil(8)'s answer to its `connect` with smtpd_client_connection_count_limit, then with
 * smtpd_client_connection_rate_limit (smtpd.c:smtpd_proto, 0 = no limit). The count and the rate include this
 * connection: with a limit of 2 the third simultaneous connection is refused (corpus-extra limits-connection-count,
 * limits-connection-rate). Returns the warning to log, or null when the session may go on.
 */
export function connectionLimitWarning(settings: SmtpdSettings, client: SmtpdClient, namaddr: string, service: string): string | null {
  const a = client.anvil;
  if (a === undefined) return null;
  if (settings.connectionCountLimit > 0 && a.count > settings.connectionCountLimit) {
    return logConcurrencyLimitExceeded(a.count, namaddr, service);
  }
  if (settings.connectionRateLimit > 0 && a.rate > settings.connectionRateLimit) {
    return logRateLimitExceeded(a.rate, namaddr, service);
  }
  return null;
}
