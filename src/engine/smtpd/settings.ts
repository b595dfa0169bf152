import type { ParameterView } from '../config/parameter-view.ts';
import { setting } from './defaults.ts';
import { EhloMask } from './ehlo-mask.ts';
import { logBadBoolean, logBadNumber, logInvalidTlsLevel, logUnsupportedTlsLevel } from './log-texts.ts';
import { NetworkList } from './network-list.ts';
import { splitPostfixList, StringList } from './string-list.ts';
import { parseTlsLoglevel } from './tls-loglevel.ts';

/** What smtpd(8) derived from its parameters when master(8) started it. */
export interface SmtpdSettings {
  readonly myhostname: string;
  readonly myorigin: string;
  readonly mailName: string;
  readonly banner: string;
  readonly messageSizeLimit: number;
  readonly lineLengthLimit: number;
  readonly softErrorLimit: number;
  readonly hardErrorLimit: number;
  /** smtpd_client_connection_count_limit and smtpd_client_connection_rate_limit (0: no limit). */
  readonly connectionCountLimit: number;
  readonly connectionRateLimit: number;
  /** smtpd_timeout: how long smtpd waits for the client to send (per read). */
  readonly timeoutMs: number;
  readonly errorSleepMs: number;
  readonly junkCommandLimit: number;
  readonly recipientLimit: number;
  readonly recipientOvershootLimit: number;
  readonly historyFlushThreshold: number;
  readonly heloRequired: boolean;
  readonly delayOpen: boolean;
  readonly strictRfc821: boolean;
  readonly disableVrfy: boolean;
  readonly smtputf8: boolean;
  readonly softBounce: boolean;
  readonly forbidUnauthPipelining: boolean;
  readonly discard: EhloMask;
  readonly forbiddenCommands: StringList;
  readonly noopCommands: StringList;
  readonly tls: {
    /** STARTTLS is offered (may, encrypt, wrapper mode). */
    readonly use: boolean;
    /** The 530 gate, and the mandatory protocols/ciphers (encrypt, wrapper mode). */
    readonly enforce: boolean;
    /** AUTH only after TLS (smtpd_tls_auth_only, implied by enforce). */
    readonly authOnly: boolean;
    readonly wrapper: boolean;
    /** smtpd_tls_loglevel as 0..4. */
    readonly loglevel: number;
  };
  readonly sasl: {
    readonly enable: boolean;
    readonly brokenClients: boolean;
    readonly securityOptions: readonly string[];
    readonly tlsSecurityOptions: readonly string[];
    readonly localDomain: string;
  };
  readonly restrictions: {
    readonly client: readonly string[];
    readonly helo: readonly string[];
    readonly sender: readonly string[];
    readonly relay: readonly string[];
    readonly recipient: readonly string[];
  };
  readonly rejectUnlistedRecipient: boolean;
  readonly localRecipientMapsSet: boolean;
  readonly recipientDelimiter: string;
  readonly mynetworks: NetworkList;
  readonly mydestination: readonly string[];
  readonly relayDomains: readonly string[];
  readonly virtualDomains: readonly string[];
  readonly fastFlushDomains: readonly string[];
  readonly inetInterfaces: readonly string[];
  readonly notifyClasses: ReadonlySet<string>;
  readonly errorNoticeRecipient: string;
  readonly doubleBounceSender: string;
}

export type SettingsResult =
  | { readonly ok: true; readonly settings: SmtpdSettings; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly fatal: string; readonly warnings: readonly string[] };

class Fatal {
  constructor(readonly text: string) {}
}

function bool(v: ParameterView, name: string): boolean {
  const value = setting(v, name);
  if (value.toLowerCase() === 'yes') return true;
  if (value.toLowerCase() === 'no') return false;
  throw new Fatal(logBadBoolean(name, value));
}

function int(v: ParameterView, name: string): number {
  const value = setting(v, name);
  if (!/^[-+]?\d{1,15}$/.test(value)) throw new Fatal(logBadNumber(name, value));
  return Number(value);
}

/** A time value (`1s`, `300`, `5m`): the default unit is seconds. A value Postfix would reject keeps the default. */
function limit(v: ParameterView, name: string): number {
  const t = setting(v, name);
  return /^\d{1,9}$/.test(t) ? Number(t) : 0;
}

function timeMs(v: ParameterView, name: string, fallbackMs: number): number {
  const m = /^(\d{1,9})([smhdw]?)$/.exec(setting(v, name));
  if (m === null) return fallbackMs;
  const unit: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  return Number(m[1]) * (unit[m[2] ?? ''] ?? 1) * 1000;
}

function list(v: ParameterView, name: string): string[] {
  return splitPostfixList(setting(v, name));
}

function domains(v: ParameterView, name: string): string[] {
  // Files and lookup tables in domain lists are not modelled.
  return list(v, name)
    .filter((d) => !d.startsWith('/') && !/^[a-z0-9]+:/i.test(d))
    .map((d) => d.toLowerCase().replace(/\.$/, ''));
}

type Level = { use: boolean; enforce: boolean };

/** smtpd.c:pre_jail_init: the level wins over smtpd_use_tls/smtpd_enforce_tls (facts §3). */
function tlsLevel(v: ParameterView, warnings: string[]): Level {
  const level = setting(v, 'smtpd_tls_security_level');
  if (level === '') return { use: bool(v, 'smtpd_use_tls'), enforce: bool(v, 'smtpd_enforce_tls') };
  switch (level.toLowerCase()) {
    case 'none':
      return { use: false, enforce: false };
    case 'may':
      return { use: true, enforce: false };
    case 'encrypt':
      return { use: true, enforce: true };
    case 'fingerprint':
    case 'verify':
    case 'secure':
      warnings.push(logUnsupportedTlsLevel(level));
      return { use: true, enforce: true };
    default:
      throw new Fatal(logInvalidTlsLevel(level));
  }
}

/** Reads and checks smtpd's parameters; a bad value ends the process as Postfix's does. */
export function readSettings(v: ParameterView): SettingsResult {
  const warnings: string[] = [];
  try {
    // Numbers, then booleans, then pre_jail_init, in the order smtpd reads them.
    const messageSizeLimit = int(v, 'message_size_limit');
    const lineLengthLimit = Math.max(int(v, 'line_length_limit'), 1);
    const recipientLimit = int(v, 'smtpd_recipient_limit');
    const softErrorLimit = int(v, 'smtpd_soft_error_limit');
    const hardErrorLimit = int(v, 'smtpd_hard_error_limit');
    // Compared with anvil's answer only (master gives one when a limit is set), so an unset value is no limit.
    const connectionCountLimit = limit(v, 'smtpd_client_connection_count_limit');
    const connectionRateLimit = limit(v, 'smtpd_client_connection_rate_limit');
    const junkCommandLimit = int(v, 'smtpd_junk_command_limit');
    const recipientOvershootLimit = int(v, 'smtpd_recipient_overshoot_limit');
    const historyFlushThreshold = int(v, 'smtpd_history_flush_threshold');
    const smtputf8 = bool(v, 'smtputf8_enable');
    const softBounce = bool(v, 'soft_bounce');
    const heloRequired = bool(v, 'smtpd_helo_required');
    bool(v, 'smtpd_delay_reject');
    const strictRfc821 = bool(v, 'strict_rfc821_envelopes');
    const disableVrfy = bool(v, 'disable_vrfy_command');
    const saslEnable = bool(v, 'smtpd_sasl_auth_enable');
    const brokenClients = bool(v, 'broken_sasl_auth_clients');
    const rejectUnlistedRecipient = bool(v, 'smtpd_reject_unlisted_recipient');
    const wrapper = bool(v, 'smtpd_tls_wrappermode');
    const authOnlySetting = bool(v, 'smtpd_tls_auth_only');
    const delayOpen = bool(v, 'smtpd_delay_open_until_valid_rcpt');
    const forbidUnauthPipelining = bool(v, 'smtpd_forbid_unauth_pipelining');

    const level = tlsLevel(v, warnings);
    const enforce = wrapper || level.enforce;
    const use = level.use || enforce;
    const authOnly = authOnlySetting || enforce;
    const loglevel = use ? parseTlsLoglevel(setting(v, 'smtpd_tls_loglevel')) : { level: 0, warnings: [] };
    warnings.push(...loglevel.warnings);

    const myhostname = setting(v, 'myhostname');
    const settings: SmtpdSettings = {
      myhostname,
      myorigin: setting(v, 'myorigin'),
      mailName: setting(v, 'mail_name'),
      banner: setting(v, 'smtpd_banner'),
      messageSizeLimit,
      lineLengthLimit,
      softErrorLimit,
      hardErrorLimit,
      connectionCountLimit,
      connectionRateLimit,
      timeoutMs: timeMs(v, 'smtpd_timeout', 300_000),
      errorSleepMs: timeMs(v, 'smtpd_error_sleep_time', 1000),
      junkCommandLimit,
      recipientLimit,
      recipientOvershootLimit,
      historyFlushThreshold,
      heloRequired,
      delayOpen,
      strictRfc821,
      disableVrfy,
      smtputf8,
      softBounce,
      forbidUnauthPipelining,
      discard: new EhloMask(setting(v, 'smtpd_discard_ehlo_keywords')),
      forbiddenCommands: new StringList(setting(v, 'smtpd_forbidden_commands')),
      noopCommands: new StringList(setting(v, 'smtpd_noop_commands')),
      tls: { use, enforce, authOnly, wrapper, loglevel: loglevel.level },
      sasl: {
        enable: saslEnable,
        brokenClients,
        securityOptions: list(v, 'smtpd_sasl_security_options').map((o) => o.toLowerCase()),
        tlsSecurityOptions: list(v, 'smtpd_sasl_tls_security_options').map((o) => o.toLowerCase()),
        localDomain: setting(v, 'smtpd_sasl_local_domain'),
      },
      restrictions: {
        client: list(v, 'smtpd_client_restrictions'),
        helo: list(v, 'smtpd_helo_restrictions'),
        sender: list(v, 'smtpd_sender_restrictions'),
        relay: list(v, 'smtpd_relay_restrictions'),
        recipient: list(v, 'smtpd_recipient_restrictions'),
      },
      rejectUnlistedRecipient,
      localRecipientMapsSet: setting(v, 'local_recipient_maps').trim() !== '',
      recipientDelimiter: setting(v, 'recipient_delimiter'),
      mynetworks: new NetworkList(setting(v, 'mynetworks')),
      mydestination: domains(v, 'mydestination'),
      relayDomains: domains(v, 'relay_domains'),
      virtualDomains: [...domains(v, 'virtual_alias_domains'), ...domains(v, 'virtual_mailbox_domains')],
      fastFlushDomains: domains(v, 'fast_flush_domains'),
      inetInterfaces: list(v, 'inet_interfaces').map((a) => a.toLowerCase()),
      notifyClasses: new Set(list(v, 'notify_classes').map((c) => c.toLowerCase())),
      errorNoticeRecipient: setting(v, 'error_notice_recipient'),
      doubleBounceSender: setting(v, 'double_bounce_sender'),
    };
    return { ok: true, settings, warnings };
  } catch (e) {
    if (e instanceof Fatal) return { ok: false, fatal: e.text, warnings };
    throw e;
  }
}
