import type { TlsVersion } from './types.ts';
import { TLS_VERSIONS } from './types.ts';
import { VERSION_CODE } from './versions.ts';

/**
 * Postfix's protocol list syntax (`smtpd_tls_protocols`, `smtp_tls_mandatory_protocols`, posttls-finger -p),
 * postfix-facts.md §4 and tls_misc.c:tls_proto_mask_lims:
 * - tokens are separated by commas, spaces, tabs, newlines or colons; names are case-insensitive;
 * - `!name` excludes a protocol; a bare `name` includes it, and any include also excludes every known
 *   protocol that is not included;
 * - since 3.6 `>=V` and `<=V` set a floor and a ceiling; V is a name or a hex number (`0303`, `0x303`);
 * - one bad token makes the whole list invalid.
 * The known names are SSLv2 (which the model has no version for: nothing speaks it), SSLv3, TLSv1,
 * TLSv1.1, TLSv1.2 and TLSv1.3.
 */
export type ProtocolList =
  | {
      readonly ok: true;
      /** The versions the list allows, oldest first. */
      readonly allowed: readonly TlsVersion[];
    }
  | { readonly ok: false };

const PROTOCOL_NAMES: ReadonlyMap<string, TlsVersion | 'SSLv2'> = new Map<string, TlsVersion | 'SSLv2'>([
  ['sslv2', 'SSLv2'],
  ['sslv3', 'SSLv3'],
  ['tlsv1', 'TLSv1'],
  ['tlsv1.1', 'TLSv1.1'],
  ['tlsv1.2', 'TLSv1.2'],
  ['tlsv1.3', 'TLSv1.3'],
]);

/** A bound after `>=`/`<=`: a version name (SSLv3..TLSv1.3) or a hex number; null when neither. */
function parseBound(tok: string): number | null {
  const named = PROTOCOL_NAMES.get(tok.toLowerCase());
  if (named !== undefined) return named === 'SSLv2' ? null : VERSION_CODE[named];
  // strtoul(tok, 16) with nothing left over: an optional 0x, then hex digits (none at all reads as 0).
  const m = /^(?:0[xX])?([0-9a-fA-F]*)$/.exec(tok);
  if (m === null) return null;
  const digits = m[1] ?? '';
  if (digits.length > 7) return null;
  return digits === '' ? 0 : parseInt(digits, 16);
}

export function parseProtocolList(value: string): ProtocolList {
  let floor = 0;
  let ceiling = 0;
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const tok of value.split(/[,\s:]+/)) {
    if (tok === '') continue;
    if (tok.startsWith('>=') || tok.startsWith('<=')) {
      const b = parseBound(tok.slice(2));
      if (b === null) return { ok: false };
      if (tok.startsWith('>=')) floor = b;
      else ceiling = b;
      continue;
    }
    const neg = tok.startsWith('!');
    const name = PROTOCOL_NAMES.get((neg ? tok.slice(1) : tok).toLowerCase());
    if (name === undefined) return { ok: false };
    (neg ? exclude : include).add(name);
  }
  const allowed = TLS_VERSIONS.filter((v) => {
    if (exclude.has(v)) return false;
    if (include.size > 0 && !include.has(v)) return false;
    const code = VERSION_CODE[v];
    if (floor !== 0 && code < floor) return false;
    if (ceiling !== 0 && code > ceiling) return false;
    return true;
  });
  return { ok: true, allowed };
}
