import { domainOf, localPartOf } from './address.ts';
import { logUnknownRestriction } from './log-texts.ts';
import {
  reply450EncryptionRequired,
  reply451ConfigError,
  reply454RelayDenied,
  reply504NonFqdn,
  reply550UnknownLocalUser,
  reply554RelayDenied,
  replyAccessDenied,
} from './replies.ts';
import type { SmtpdSettings } from './settings.ts';
import { lowerAscii } from './text.ts';

/**
 * The access restrictions smtpd applies at RCPT TO (and VRFY) time (smtpd_check.c). With
 * smtpd_delay_reject = yes (the default) the client, HELO and sender lists are evaluated there too,
 * then smtpd_relay_restrictions, smtpd_recipient_restrictions and the implicit reject_unlisted_recipient.
 * `permit` ends one list only; the next list still runs.
 */
export type ErrorClass = 'policy' | 'software' | 'protocol';

export type CheckResult =
  | { readonly kind: 'accept' }
  | { readonly kind: 'reject'; readonly reply: string; readonly errorClass: ErrorClass; readonly warnings: readonly string[] };

export interface CheckContext {
  readonly settings: SmtpdSettings;
  readonly clientName: string;
  readonly clientAddr: string;
  readonly namaddr: string;
  readonly helo: string | null;
  readonly sender: string | null;
  readonly saslAuthenticated: boolean;
  readonly tlsActive: boolean;
  readonly isLocalRecipient: (localPart: string) => boolean;
}

type ListResult = { readonly kind: 'dunno' } | { readonly kind: 'permit' } | Extract<CheckResult, { kind: 'reject' }>;

const DUNNO: ListResult = { kind: 'dunno' };
const PERMIT: ListResult = { kind: 'permit' };
const REJECT_CODE = 554; // reject_code
const DEFER_CODE = 450; // defer_code

/** Restrictions that take a table or server argument: not modelled (no lookup tables in the lab), they never decide. */
const WITH_ARGUMENT: ReadonlySet<string> = new Set([
  'check_client_access',
  'check_reverse_client_hostname_access',
  'check_client_a_access',
  'check_client_mx_access',
  'check_client_ns_access',
  'check_helo_access',
  'check_helo_a_access',
  'check_helo_mx_access',
  'check_helo_ns_access',
  'check_sender_access',
  'check_sender_a_access',
  'check_sender_mx_access',
  'check_sender_ns_access',
  'check_recipient_access',
  'check_recipient_a_access',
  'check_recipient_mx_access',
  'check_recipient_ns_access',
  'check_ccert_access',
  'check_sasl_access',
  'check_policy_service',
  'reject_rbl_client',
  'reject_rhsbl_client',
  'reject_rhsbl_reverse_client',
  'reject_rhsbl_helo',
  'reject_rhsbl_sender',
  'reject_rhsbl_recipient',
  'permit_dnswl_client',
  'permit_rhswl_client',
  'sleep',
]);

/** Restrictions that need DNS, client certificates, address verification or maps: they never decide here. */
const NOT_DECIDING: ReadonlySet<string> = new Set([
  'reject_unknown_client_hostname',
  'reject_unknown_reverse_client_hostname',
  'reject_unknown_helo_hostname',
  'reject_invalid_helo_hostname',
  'reject_unknown_sender_domain',
  'reject_unknown_recipient_domain',
  'reject_unverified_sender',
  'reject_unverified_recipient',
  'reject_unlisted_sender',
  'reject_unauth_pipelining',
  'reject_multi_recipient_bounce',
  'reject_sender_login_mismatch',
  'reject_authenticated_sender_login_mismatch',
  'reject_unauthenticated_sender_login_mismatch',
  'reject_known_sender_login_mismatch',
  'permit_tls_clientcerts',
  'permit_tls_all_clientcerts',
  'permit_mx_backup',
  'defer_if_permit',
  'defer_if_reject',
  'warn_if_reject',
  'permit_inet_interfaces',
  'reject_unknown_address',
]);

type Stage = { readonly what: string; readonly name: string };

function isLocalLiteral(ctx: CheckContext, domain: string): boolean {
  const m = /^\[(?:ipv6:)?([^\]]+)\]$/i.exec(domain);
  if (m === null) return false;
  const addr = (m[1] ?? '').toLowerCase();
  const ifs = ctx.settings.inetInterfaces;
  return ifs.includes(addr) || ((ifs.includes('all') || ifs.includes('loopback-only')) && (addr === '127.0.0.1' || addr === '::1'));
}

/** resolve_class LOCAL: no domain, a mydestination domain, or a literal of our own address. */
export function isLocalDomain(ctx: CheckContext, address: string): boolean {
  if (!address.includes('@')) return true;
  const domain = domainOf(address);
  return ctx.settings.mydestination.includes(domain) || isLocalLiteral(ctx, domain);
}

function inDomainList(list: readonly string[], domain: string): boolean {
  // parent_domain_matches_subdomains includes relay_domains: example.com matches sub.example.com.
  return list.some((d) => (d.startsWith('.') ? domain.endsWith(d) : domain === d || domain.endsWith(`.${d}`)));
}

/** What reject_unauth_destination lets through: local, relay and virtual domains. */
function isAuthDestination(ctx: CheckContext, address: string): boolean {
  if (isLocalDomain(ctx, address)) return true;
  const domain = domainOf(address);
  return inDomainList(ctx.settings.relayDomains, domain) || ctx.settings.virtualDomains.includes(domain);
}

function reject(reply: string, errorClass: ErrorClass = 'policy', warnings: readonly string[] = []): ListResult {
  return { kind: 'reject', reply, errorClass, warnings };
}

function evalList(ctx: CheckContext, list: readonly string[], stage: Stage, recipient: string | null): ListResult {
  for (let i = 0; i < list.length; i++) {
    const name = lowerAscii(list[i] ?? '');
    if (WITH_ARGUMENT.has(name)) {
      i++;
      continue;
    }
    if (NOT_DECIDING.has(name)) continue;
    switch (name) {
      case 'permit':
        return PERMIT;
      case 'reject':
        return reject(replyAccessDenied(REJECT_CODE, '5.7.1', stage.name, stage.what));
      case 'defer':
        return reject(replyAccessDenied(DEFER_CODE, '4.7.1', stage.name, stage.what));
      case 'permit_mynetworks':
        if (ctx.settings.mynetworks.matches(ctx.clientName, ctx.clientAddr)) return PERMIT;
        continue;
      case 'permit_sasl_authenticated':
        if (ctx.saslAuthenticated) return PERMIT;
        continue;
      case 'reject_plaintext_session':
        if (!ctx.tlsActive) return reject(reply450EncryptionRequired);
        continue;
      case 'reject_unauth_destination':
      case 'defer_unauth_destination':
        if (recipient !== null && !isAuthDestination(ctx, recipient)) {
          return reject(name === 'reject_unauth_destination' ? reply554RelayDenied(recipient) : reply454RelayDenied(recipient));
        }
        continue;
      case 'permit_auth_destination':
        if (recipient !== null && isAuthDestination(ctx, recipient)) return PERMIT;
        continue;
      case 'reject_unlisted_recipient':
      case 'check_recipient_maps':
        if (recipient !== null) {
          const r = unlistedRecipient(ctx, recipient);
          if (r !== null) return r;
        }
        continue;
      case 'reject_non_fqdn_helo_hostname':
      case 'reject_non_fqdn_hostname':
        if (ctx.helo !== null && !ctx.helo.includes('.')) return reject(reply504NonFqdn(ctx.helo, 'Helo command'));
        continue;
      case 'reject_non_fqdn_sender':
        if (ctx.sender !== null && ctx.sender !== '' && !domainOf(ctx.sender).includes('.')) {
          return reject(reply504NonFqdn(ctx.sender, 'Sender address'));
        }
        continue;
      case 'reject_non_fqdn_recipient':
        if (recipient !== null && !domainOf(recipient).includes('.')) return reject(reply504NonFqdn(recipient, 'Recipient address'));
        continue;
      default:
        return reject(reply451ConfigError, 'software', [logUnknownRestriction(list[i] ?? '')]);
    }
  }
  return DUNNO;
}

/** reject_unlisted_recipient for a local domain: the local part must be a user or an alias (local_recipient_maps). */
function unlistedRecipient(ctx: CheckContext, recipient: string): ListResult | null {
  if (!ctx.settings.localRecipientMapsSet || !isLocalDomain(ctx, recipient)) return null;
  let local = lowerAscii(localPartOf(recipient));
  const delim = ctx.settings.recipientDelimiter;
  if (delim !== '') {
    const cut = [...delim].map((d) => local.indexOf(d)).filter((n) => n > 0);
    if (cut.length > 0) local = local.slice(0, Math.min(...cut));
  }
  if (local !== '' && ctx.isLocalRecipient(local)) return null;
  return reject(reply550UnknownLocalUser(recipient));
}

/** smtpd_check.c:smtpd_check_rcpt with delayed client/helo/sender checks. */
export function checkRecipient(ctx: CheckContext, recipient: string): CheckResult {
  const r = ctx.settings.restrictions;
  const stages: [readonly string[], Stage][] = [
    [r.client, { what: 'Client host', name: ctx.namaddr }],
    [ctx.helo === null ? [] : r.helo, { what: 'Helo command', name: ctx.helo ?? '' }],
    [ctx.sender === null ? [] : r.sender, { what: 'Sender address', name: ctx.sender ?? '' }],
    [r.relay, { what: 'Recipient address', name: recipient }],
    [r.recipient, { what: 'Recipient address', name: recipient }],
  ];
  for (const [list, stage] of stages) {
    const result = evalList(ctx, list, stage, recipient);
    if (result.kind === 'reject') return result;
  }
  if (ctx.settings.rejectUnlistedRecipient) {
    const u = unlistedRecipient(ctx, recipient);
    if (u !== null && u.kind === 'reject') return u;
  }
  return { kind: 'accept' };
}
