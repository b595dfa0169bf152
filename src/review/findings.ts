/**
 * The review's findings: ONE table. Each rule reads the EFFECTIVE settings of a service as the engine
 * resolves them (master.cf -o, main.cf, the default, $name expanded; see model.ts), never the text of the
 * files. Sentences are our own words; Postfix's own messages (certificate warnings) come from the engine.
 */
import { parseProtocolList } from '../engine/tls/protocol-list.ts';
import type { Probe } from './probes.ts';
import type { ReviewModel, SmtpdService } from './model.ts';
import { effectiveLevel } from './model.ts';

export type Severity = 'error' | 'warning' | 'info';

export type FindingId =
  | 'outgoing-tls-off'
  | 'incoming-tls-off'
  | 'encrypt-on-25'
  | 'submission-tls-optional'
  | 'auth-before-tls'
  | 'auth-on-25'
  | 'relay-auth-on-25'
  | 'legacy-tls-parameters'
  | 'protocols-ssl'
  | 'protocols-none'
  | 'certificate-problem'
  | 'no-implicit-tls'
  | 'verify-without-ca'
  | 'dane-without-dnssec'
  | 'tls-loglevel-0'
  | 'override-hides-main-cf';

/** A lesson slug (lessons/NN-<slug>.mdx). */
export type LessonSlug =
  | 'opportunistic-tls'
  | 'certificates'
  | 'protocol-versions'
  | 'tls-logging'
  | 'submission-587'
  | 'auth-behind-tls'
  | 'implicit-tls-465'
  | 'outgoing-tls'
  | 'two-roles-two-prefixes';

export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  /** Where it applies: `master.cf smtp/inet (port 25)`, `smtp client`, `main.cf`. */
  readonly where: string;
  /** What it means for mail, in our words. */
  readonly sentence: string;
  readonly lesson: LessonSlug;
  readonly probe: Probe;
  /** Supporting lines: the effective values, or what Postfix logs (verbatim from the engine). */
  readonly detail: readonly string[];
}

interface Hit {
  readonly where: string;
  readonly probe: Probe;
  readonly detail: readonly string[];
}

export interface FindingRule {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly lesson: LessonSlug;
  readonly sentence: string;
  readonly detect: (m: ReviewModel) => readonly Hit[];
}

const yes = (v: string): boolean => /^(yes|true|1)$/i.test(v.trim());
const ehlo = (s: SmtpdService): Probe => ({ kind: 'ehlo', port: s.port ?? 25, wrapper: s.wrapper });
const where = (s: SmtpdService): string => `master.cf ${s.name}/${s.type}${s.port === null ? '' : ` (port ${s.port})`}`;
const shown = (s: SmtpdService, ...names: string[]): string[] => names.map((n) => `${n} = ${s.params.get(n)}`);
const port25 = (m: ReviewModel): SmtpdService[] => m.smtpd.filter((s) => s.port25);
/** Services mail programs reach: not port 25, not bound to loopback (a content filter's reinjection port is internal). */
const submissionLike = (m: ReviewModel): SmtpdService[] =>
  m.smtpd.filter((s) => !s.port25 && !s.loopback && (s.port === 587 || s.port === 465 || yes(s.params.get('smtpd_sasl_auth_enable'))));
const CLIENT = 'smtp client';
const testDelivery: Probe = { kind: 'delivery', to: 'bob@example.net' };

/** The protocol parameter a side uses at its level (the mandatory one at encrypt and above). */
function protocolParam(prefix: 'smtpd' | 'smtp', mandatory: boolean): string {
  return `${prefix}_tls_${mandatory ? 'mandatory_' : ''}protocols`;
}

interface ProtocolSide {
  readonly where: string;
  readonly name: string;
  readonly value: string;
  readonly probe: Probe;
}

/** Every protocol list in use: each TLS-enabled smtpd service's, and the client's when it uses TLS. */
function protocolSides(m: ReviewModel): ProtocolSide[] {
  const out: ProtocolSide[] = [];
  for (const s of m.smtpd) {
    if (!s.tls) continue;
    const name = protocolParam('smtpd', s.wrapper || s.level === 'encrypt');
    out.push({ where: where(s), name, value: s.params.get(name), probe: ehlo(s) });
  }
  const level = effectiveLevel(m.client, 'smtp');
  if (level !== 'none') {
    const name = protocolParam('smtp', level !== 'may');
    out.push({ where: CLIENT, name, value: m.client.get(name), probe: testDelivery });
  }
  return out;
}

/**
 * A list that asks for SSLv2 or SSLv3: names one without `!`, or sets a floor at SSLv3. An exclusion-only
 * list (`!TLSv1, !TLSv1.1`) is not flagged: Debian 12's OpenSSL 3.0 is built without SSLv3 and SSLv2,
 * so leaving them out of the list changes nothing there.
 */
function allowsSsl(value: string): boolean {
  const p = parseProtocolList(value);
  if (!p.ok) return false;
  return value.split(/[,\s:]+/).some((t) => /^(sslv2|sslv3|>=sslv3|>=0?x?0?300)$/i.test(t));
}

function allowsNothing(value: string): boolean {
  const p = parseProtocolList(value);
  return !p.ok || p.allowed.length === 0;
}

const LEGACY = ['smtpd_use_tls', 'smtpd_enforce_tls', 'smtp_use_tls', 'smtp_enforce_tls'] as const;

export const FINDINGS: readonly FindingRule[] = [
  {
    id: 'outgoing-tls-off',
    severity: 'warning',
    lesson: 'outgoing-tls',
    sentence: 'Mail this server sends to other servers always goes out in plaintext, even to servers that offer STARTTLS.',
    detect: (m) =>
      effectiveLevel(m.client, 'smtp') === 'none'
        ? [{ where: CLIENT, probe: testDelivery, detail: [`smtp_tls_security_level = ${m.client.get('smtp_tls_security_level')}`] }]
        : [],
  },
  {
    id: 'incoming-tls-off',
    severity: 'warning',
    lesson: 'opportunistic-tls',
    sentence: 'Servers delivering mail to you cannot encrypt it: port 25 does not offer STARTTLS.',
    detect: (m) =>
      port25(m)
        .filter((s) => s.level === 'none' && !s.wrapper)
        .map((s) => ({ where: where(s), probe: ehlo(s), detail: shown(s, 'smtpd_tls_security_level') })),
  },
  {
    id: 'encrypt-on-25',
    severity: 'error',
    lesson: 'submission-587',
    sentence:
      'Port 25 refuses mail from every server that cannot do TLS, so some legitimate mail to you will bounce; a public MX must accept plaintext (RFC 3207).',
    detect: (m) =>
      port25(m)
        .filter((s) => s.level === 'encrypt' && !s.wrapper)
        .map((s) => ({
          where: where(s),
          probe: { kind: 'mail-before-starttls', port: s.port ?? 25 },
          detail: shown(s, 'smtpd_tls_security_level'),
        })),
  },
  {
    id: 'submission-tls-optional',
    severity: 'warning',
    lesson: 'submission-587',
    sentence: 'A mail program can hand over mail on this submission port without encrypting it first.',
    detect: (m) =>
      submissionLike(m)
        .filter((s) => !s.wrapper && s.level !== 'encrypt')
        .map((s) => ({
          where: where(s),
          probe: { kind: 'mail-before-starttls', port: s.port ?? 587 },
          detail: shown(s, 'smtpd_tls_security_level'),
        })),
  },
  {
    id: 'auth-before-tls',
    severity: 'error',
    lesson: 'auth-behind-tls',
    sentence: 'AUTH is offered before STARTTLS, so a mail program may send its password in plaintext.',
    detect: (m) =>
      m.smtpd
        .filter(
          (s) =>
            yes(s.params.get('smtpd_sasl_auth_enable')) && !s.wrapper && s.level !== 'encrypt' && !yes(s.params.get('smtpd_tls_auth_only')),
        )
        .map((s) => ({
          where: where(s),
          probe: ehlo(s),
          detail: shown(s, 'smtpd_sasl_auth_enable', 'smtpd_tls_auth_only', 'smtpd_tls_security_level'),
        })),
  },
  {
    id: 'auth-on-25',
    severity: 'warning',
    lesson: 'auth-behind-tls',
    sentence:
      'Port 25 offers AUTH: anyone on the Internet can try passwords on the port meant for other servers; keep logins on 587 or 465.',
    detect: (m) =>
      port25(m)
        .filter((s) => yes(s.params.get('smtpd_sasl_auth_enable')))
        .map((s) => ({ where: where(s), probe: ehlo(s), detail: shown(s, 'smtpd_sasl_auth_enable') })),
  },
  {
    id: 'relay-auth-on-25',
    severity: 'warning',
    lesson: 'auth-behind-tls',
    sentence: 'Port 25 relays mail for anyone who logs in, so a guessed password turns your server into a spam relay from the MX port.',
    detect: (m) =>
      port25(m)
        .filter(
          (s) =>
            yes(s.params.get('smtpd_sasl_auth_enable')) &&
            ['smtpd_relay_restrictions', 'smtpd_recipient_restrictions'].some((n) =>
              /(^|[\s,])permit_sasl_authenticated([\s,]|$)/.test(s.params.get(n)),
            ),
        )
        .map((s) => ({ where: where(s), probe: ehlo(s), detail: shown(s, 'smtpd_relay_restrictions') })),
  },
  {
    id: 'legacy-tls-parameters',
    severity: 'warning',
    lesson: 'opportunistic-tls',
    sentence:
      'An obsolete yes/no TLS switch is set; the *_tls_security_level parameter replaces it and wins whenever it is set, which makes the switch misleading.',
    detect: (m) => {
      const hits: Hit[] = [];
      for (const n of LEGACY) {
        if (m.main.has(n)) hits.push({ where: 'main.cf', probe: { kind: 'postconf', args: n }, detail: [`${n} = ${m.main.get(n) ?? ''}`] });
      }
      for (const s of m.smtpd)
        for (const n of LEGACY)
          if (s.params.isSet(n) && !m.main.has(n))
            hits.push({
              where: where(s),
              probe: { kind: 'postconf', args: `-P ${s.name}/${s.type}/${n}` },
              detail: [`${n} = ${s.params.get(n)}`],
            });
      return hits;
    },
  },
  {
    id: 'protocols-ssl',
    severity: 'warning',
    lesson: 'protocol-versions',
    sentence:
      'The protocol list asks for SSLv2 or SSLv3, which are broken; where the TLS library still has them, clients could be pushed down to them.',
    detect: (m) =>
      protocolSides(m)
        .filter((p) => allowsSsl(p.value))
        .map((p) => ({ where: p.where, probe: p.probe, detail: [`${p.name} = ${p.value}`] })),
  },
  {
    id: 'protocols-none',
    severity: 'error',
    lesson: 'protocol-versions',
    sentence: 'The protocol list leaves no usable TLS version (or is not valid), so every TLS handshake on this side fails.',
    detect: (m) =>
      protocolSides(m)
        .filter((p) => allowsNothing(p.value))
        .map((p) => ({ where: p.where, probe: p.probe, detail: [`${p.name} = ${p.value}`] })),
  },
  {
    id: 'certificate-problem',
    severity: 'error',
    lesson: 'certificates',
    sentence:
      'smtpd cannot load its certificate and key, so it disables TLS: STARTTLS is answered 454 and mail arrives unencrypted, or not at all where TLS is required.',
    detect: (m) =>
      m.smtpd
        .filter((s) => s.tlsBroken && !allowsNothing(s.params.get(protocolParam('smtpd', s.wrapper || s.level === 'encrypt'))))
        .map((s) => ({
          where: where(s),
          probe: ehlo(s),
          detail: [...shown(s, 'smtpd_tls_cert_file', 'smtpd_tls_key_file'), ...s.tlsInitLog],
        })),
  },
  {
    id: 'no-implicit-tls',
    severity: 'info',
    lesson: 'implicit-tls-465',
    sentence: 'No service offers implicit TLS (port 465, RFC 8314), which mail programs are now advised to prefer over STARTTLS on 587.',
    detect: (m) => (m.smtpd.some((s) => s.wrapper) ? [] : [{ where: 'master.cf', probe: { kind: 'connect', port: 465 }, detail: [] }]),
  },
  {
    id: 'verify-without-ca',
    severity: 'error',
    lesson: 'outgoing-tls',
    sentence:
      'Outgoing mail must verify the receiving server’s certificate but no CA is configured to check it against, so that mail will be deferred.',
    detect: (m) => {
      const level = effectiveLevel(m.client, 'smtp');
      if (level !== 'verify' && level !== 'secure') return [];
      const ca = ['smtp_tls_CAfile', 'smtp_tls_CApath'].some((n) => m.client.get(n).trim() !== '');
      return ca
        ? []
        : [
            {
              where: CLIENT,
              probe: testDelivery,
              detail: [`smtp_tls_security_level = ${level}`, 'smtp_tls_CAfile =', 'smtp_tls_CApath ='],
            },
          ];
    },
  },
  {
    id: 'dane-without-dnssec',
    severity: 'warning',
    lesson: 'outgoing-tls',
    sentence:
      'DANE needs DNSSEC-validated lookups; without smtp_dns_support_level = dnssec the client cannot see TLSA records and DANE does nothing.',
    detect: (m) => {
      const level = effectiveLevel(m.client, 'smtp');
      if (level !== 'dane' && level !== 'dane-only') return [];
      const dns = m.client.get('smtp_dns_support_level');
      return dns.trim().toLowerCase() === 'dnssec'
        ? []
        : [
            {
              where: CLIENT,
              probe: { kind: 'postconf', args: 'smtp_dns_support_level' },
              detail: [`smtp_tls_security_level = ${level}`, `smtp_dns_support_level = ${dns}`],
            },
          ];
    },
  },
  {
    id: 'tls-loglevel-0',
    severity: 'info',
    lesson: 'tls-logging',
    sentence:
      'TLS logging is off, so mail.log never says whether a connection was encrypted; level 1 is enough while you check your setup.',
    detect: (m) => {
      const hits: Hit[] = [];
      for (const s of m.smtpd)
        if (s.tls && s.params.get('smtpd_tls_loglevel').trim() === '0')
          hits.push({ where: where(s), probe: ehlo(s), detail: shown(s, 'smtpd_tls_loglevel') });
      if (effectiveLevel(m.client, 'smtp') !== 'none' && m.client.get('smtp_tls_loglevel').trim() === '0')
        hits.push({ where: CLIENT, probe: testDelivery, detail: ['smtp_tls_loglevel = 0'] });
      return hits;
    },
  },
  {
    id: 'override-hides-main-cf',
    severity: 'info',
    lesson: 'submission-587',
    sentence: 'A master.cf -o setting replaces the main.cf value for this service, so editing main.cf will not change it here.',
    detect: (m) => {
      const hits: Hit[] = [];
      for (const svc of m.master.services()) {
        for (const [name, value] of svc.params) {
          const mainValue = m.main.get(name);
          if (mainValue === undefined || mainValue === value) continue;
          const port = m.smtpd.find((s) => s.name === svc.name && s.type === svc.type)?.port ?? null;
          hits.push({
            where: `master.cf ${svc.name}/${svc.type}${port === null ? '' : ` (port ${port})`}`,
            probe: { kind: 'postconf', args: `-P ${svc.name}/${svc.type}/${name}` },
            detail: [`main.cf: ${name} = ${mainValue}`, `-o ${name}=${value}`],
          });
        }
      }
      return hits;
    },
  },
];

/** Every finding of a model, in table order. */
export function computeFindings(m: ReviewModel): Finding[] {
  return FINDINGS.flatMap((rule) =>
    rule.detect(m).map((h) => ({
      id: rule.id,
      severity: rule.severity,
      where: h.where,
      sentence: rule.sentence,
      lesson: rule.lesson,
      probe: h.probe,
      detail: h.detail,
    })),
  );
}
