import { parseTlsLogLevel } from '../tls/tls-loglevel.ts';
import { logUnknownTlsLoglevel } from './log-texts.ts';

export interface TlsLoglevel {
  readonly level: number;
  readonly warnings: readonly string[];
}

/** `smtpd_tls_loglevel` with smtpd's warning for each unknown word (corpus invalid-loglevel-high). */
export function parseTlsLoglevel(value: string): TlsLoglevel {
  const p = parseTlsLogLevel(value);
  return { level: p.level, warnings: p.unknown.map((w) => logUnknownTlsLoglevel(w, value)) };
}
