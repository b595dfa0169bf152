import type { TlsVersion } from './types.ts';

/**
 * The cipher suites the model can negotiate with an RSA certificate, and how a suite is picked.
 *
 * Postfix keeps `tls_preempt_cipherlist = no` (corpus postconf-defaults-tls-sasl), so the server takes the
 * first suite of the client's list that it also enables. Postfix's own grade lists start with
 * `aNULL:-aNULL:`, which puts the anonymous suites first; a Postfix client at may/encrypt therefore gets
 * `ADH-AES256-GCM-SHA384` from a Postfix server over TLSv1.2 (corpus posttls-finger, `-p TLSv1.2`). Every
 * other client (s_client's DEFAULT, Python) offers no anonymous suite and gets ECDHE-RSA: TLSv1.2
 * `ECDHE-RSA-AES256-GCM-SHA384`, TLSv1/TLSv1.1 `ECDHE-RSA-AES256-SHA` (corpus tls-protocols-default).
 * The order of the fallbacks below is OpenSSL 3.0's `openssl ciphers -v` order for these lists.
 * TLSv1.3 suites are not configured by cipher lists at all: TLSv1.3 always gets TLS_AES_256_GCM_SHA384.
 */

export interface CipherSuite {
  readonly name: string;
  /** The oldest protocol it can be used with, as s_client's `New, <v>, Cipher is` line names it. */
  readonly since: 'SSLv3' | 'TLSv1.0' | 'TLSv1.2' | 'TLSv1.3';
  readonly kx: 'ECDHE' | 'DHE' | 'RSA' | 'any';
  readonly anonymous: boolean;
  readonly bits: number;
  /** The names an exclusion (`smtpd_tls_exclude_ciphers = aNULL, RC4, ...`) can match it by. */
  readonly tags: readonly string[];
}

function suite(
  name: string,
  since: CipherSuite['since'],
  kx: CipherSuite['kx'],
  anonymous: boolean,
  bits: number,
  tags: string,
): CipherSuite {
  return { name, since, kx, anonymous, bits, tags: [name, ...tags.split(' ')].map((t) => t.toLowerCase()) };
}

export const TLS13_SUITE = suite('TLS_AES_256_GCM_SHA384', 'TLSv1.3', 'any', false, 256, 'TLSv1.3 AES AES256 AESGCM HIGH');

/** TLSv1.2-only suites, in the order a client offers them. */
const TLS12: readonly CipherSuite[] = [
  suite('ADH-AES256-GCM-SHA384', 'TLSv1.2', 'DHE', true, 256, 'aNULL ADH kDHE kEDH DHE EDH AES AES256 AESGCM SHA384 TLSv1.2 HIGH'),
  suite(
    'ECDHE-RSA-AES256-GCM-SHA384',
    'TLSv1.2',
    'ECDHE',
    false,
    256,
    'aRSA RSA+ ECDHE EECDH kECDHE kEECDH ECDH AES AES256 AESGCM SHA384 TLSv1.2 HIGH',
  ),
  suite('DHE-RSA-AES256-GCM-SHA384', 'TLSv1.2', 'DHE', false, 256, 'aRSA DHE EDH kDHE kEDH AES AES256 AESGCM SHA384 TLSv1.2 HIGH'),
  suite('ECDHE-RSA-CHACHA20-POLY1305', 'TLSv1.2', 'ECDHE', false, 256, 'aRSA ECDHE EECDH kECDHE kEECDH ECDH CHACHA20 TLSv1.2 HIGH'),
  suite('ECDHE-RSA-AES256-SHA384', 'TLSv1.2', 'ECDHE', false, 256, 'aRSA ECDHE EECDH kECDHE kEECDH ECDH AES AES256 SHA384 TLSv1.2 HIGH'),
  suite('AES256-GCM-SHA384', 'TLSv1.2', 'RSA', false, 256, 'aRSA kRSA RSA AES AES256 AESGCM SHA384 TLSv1.2 HIGH'),
  suite(
    'ECDHE-RSA-AES128-GCM-SHA256',
    'TLSv1.2',
    'ECDHE',
    false,
    128,
    'aRSA ECDHE EECDH kECDHE kEECDH ECDH AES AES128 AESGCM SHA256 TLSv1.2 HIGH',
  ),
];

/** Suites usable from TLSv1 (and with TLSv1.2 after the TLSv1.2-only ones). */
const TLS10: readonly CipherSuite[] = [
  suite(
    'AECDH-AES256-SHA',
    'TLSv1.0',
    'ECDHE',
    true,
    256,
    'aNULL AECDH aECDH kECDHE kEECDH ECDHE EECDH ECDH AES AES256 SHA SHA1 TLSv1 HIGH',
  ),
  suite('ADH-AES256-SHA', 'SSLv3', 'DHE', true, 256, 'aNULL ADH kDHE kEDH DHE EDH AES AES256 SHA SHA1 SSLv3 HIGH'),
  suite('ECDHE-RSA-AES256-SHA', 'TLSv1.0', 'ECDHE', false, 256, 'aRSA ECDHE EECDH kECDHE kEECDH ECDH AES AES256 SHA SHA1 TLSv1 HIGH'),
  suite('DHE-RSA-AES256-SHA', 'SSLv3', 'DHE', false, 256, 'aRSA DHE EDH kDHE kEDH AES AES256 SHA SHA1 SSLv3 HIGH'),
  suite('AES256-SHA', 'SSLv3', 'RSA', false, 256, 'aRSA kRSA RSA AES AES256 SHA SHA1 SSLv3 HIGH'),
  suite('ECDHE-RSA-AES128-SHA', 'TLSv1.0', 'ECDHE', false, 128, 'aRSA ECDHE EECDH kECDHE kEECDH ECDH AES AES128 SHA SHA1 TLSv1 HIGH'),
  suite('AES128-SHA', 'SSLv3', 'RSA', false, 128, 'aRSA kRSA RSA AES AES128 SHA SHA1 SSLv3 HIGH'),
];

/** What one side's cipher list enables for TLSv1.2 and older. */
export interface CipherPolicy {
  /** Anonymous (aNULL) suites are enabled. */
  readonly anonEnabled: boolean;
  /** They come first in the list (Postfix's `aNULL:-aNULL:` prefix). */
  readonly anonFirst: boolean;
  /** Only anonymous suites are enabled (`-cipher aNULL`). */
  readonly anonOnly: boolean;
  /** Lower-case exclusion tokens (`!x` in the list). */
  readonly exclusions: readonly string[];
  /** False for the `null` grade: nothing with encryption is enabled. */
  readonly encrypting: boolean;
}

function excluded(s: CipherSuite, policy: CipherPolicy): boolean {
  return policy.exclusions.some((x) => s.tags.includes(x) || (x.includes('+') && x.split('+').every((p) => s.tags.includes(p))));
}

function enabled(s: CipherSuite, policy: CipherPolicy): boolean {
  if (!policy.encrypting) return false;
  if (s.anonymous && !policy.anonEnabled) return false;
  if (!s.anonymous && policy.anonOnly) return false;
  return !excluded(s, policy);
}

/** The client's offer for a version, in its order of preference. */
function offerFor(version: TlsVersion, client: CipherPolicy): CipherSuite[] {
  const pool = version === 'TLSv1.2' ? [...TLS12, ...TLS10] : TLS10;
  const list = pool.filter((s) => enabled(s, client));
  if (!client.anonFirst) return list;
  return [...list.filter((s) => s.anonymous), ...list.filter((s) => !s.anonymous)];
}

/**
 * The suite a server picks for a version: the first suite of the client's offer that the server
 * enables, or null ("no shared cipher"). TLSv1.3 is not subject to cipher lists.
 */
export function pickSuite(version: TlsVersion, client: CipherPolicy, server: CipherPolicy): CipherSuite | null {
  if (version === 'TLSv1.3') return TLS13_SUITE;
  for (const s of offerFor(version, client)) if (enabled(s, server)) return s;
  return null;
}

/** Postfix's cipher grades (tls_misc.c tls_cipher_grade_table) and the parameter holding each list. */
const GRADE_PARAMS: Readonly<Record<string, { readonly param: string; readonly fallback: string }>> = {
  high: { param: 'tls_high_cipherlist', fallback: 'aNULL:-aNULL:HIGH:@STRENGTH' },
  medium: { param: 'tls_medium_cipherlist', fallback: 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH' },
  low: { param: 'tls_low_cipherlist', fallback: 'aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH' },
  export: { param: 'tls_export_cipherlist', fallback: 'aNULL:-aNULL:HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH' },
  null: { param: 'tls_null_cipherlist', fallback: 'eNULL:!aNULL' },
};

export interface CipherSetting {
  /** The list Postfix logs at level 2: `TLS cipher list "<list>"`. */
  readonly list: string;
  readonly policy: CipherPolicy;
}

export type CipherSettingResult =
  | ({ readonly ok: true } & CipherSetting)
  /** `warning: <namaddr>: invalid cipher grade: "<grade>"` or an exclusion with a modifier. */
  | { readonly ok: false; readonly problem: 'grade' | 'unary'; readonly token: string };

/**
 * The cipher list of one session: the grade's list (defaults from corpus postconf-defaults-tls-sasl)
 * plus `:!x` for every exclusion, as tls_set_ciphers builds it.
 */
export function cipherSetting(grade: string, exclusions: string, lookup: (param: string) => string | null): CipherSettingResult {
  const g = GRADE_PARAMS[grade.toLowerCase()];
  if (g === undefined) return { ok: false, problem: 'grade', token: grade };
  const base = lookup(g.param) ?? g.fallback;
  const tokens = exclusions.split(/[,\s:]+/).filter((t) => t !== '');
  const bad = tokens.find((t) => '!+-@'.includes(t[0] ?? ''));
  if (bad !== undefined) return { ok: false, problem: 'unary', token: bad };
  const list = [base, ...tokens.map((t) => `!${t}`)].join(':');
  return { ok: true, list, policy: policyOfList(list) };
}

/** Reads an OpenSSL cipher string for what the model cares about (anonymous suites, exclusions, null). */
export function policyOfList(list: string): CipherPolicy {
  const lower = list
    .split(/[:,\s]+/)
    .filter((t) => t !== '')
    .map((t) => t.toLowerCase().replace(/@seclevel=\d+$/, ''))
    .filter((t) => t !== '');
  const exclusions = lower.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  const positives = lower.filter((t) => !/^[!+\-@]/.test(t));
  const anonWords = ['anull', 'adh', 'aecdh'];
  const anonOnly = positives.length > 0 && positives.every((t) => anonWords.includes(t));
  const broad = positives.some((t) => ['all', 'high', 'medium', 'low', 'export', 'complementofdefault'].includes(t));
  const anonEnabled = !exclusions.includes('anull') && (anonOnly || broad || positives.some((t) => anonWords.includes(t)));
  const anonFirst = anonEnabled && (anonOnly || (lower[0] === 'anull' && lower[1] === '-anull'));
  const encrypting = positives.some((t) => t !== 'enull' && t !== 'null' && t !== 'enull+anull');
  return { anonEnabled, anonFirst, anonOnly, exclusions, encrypting };
}

/** The `(256/256 bits)` of Postfix's summary line. */
export function suiteBits(s: CipherSuite): { readonly cipherBits: number; readonly algBits: number } {
  return { cipherBits: s.bits, algBits: s.bits };
}
