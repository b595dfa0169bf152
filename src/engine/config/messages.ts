/**
 * Every diagnostic text of the configuration layer, without program prefix
 * ("postconf: warning: ", "postfix: fatal: ", ...): callers add that.
 *
 * Sources:
 * - [corpus] /work/shared/postfix-ground-truth/postconf-behaviours (real Postfix 3.7.11);
 * - [real]   recorded from Debian 12's postconf 3.7.11 by
 *            tests/engine/postconf/golden/record-real-postconf.py (file real-postconf.json,
 *            case names in brackets);
 * - [facts]  /work/shared/reference/postfix-facts.md §6 (master(8) texts; not recordable here
 *            because that needs a running master daemon).
 */
import { clip30 } from './cf-syntax.ts';

/** Postfix prints `%.20s` of the remaining text in expansion diagnostics. */
function s20(text: string): string {
  return text.slice(0, 20);
}

/** main.cf (and any `name = value` file read with dict_load_file()). */
export const MAIN_CF_TEXT = {
  /** [corpus] postconf-behaviours: `line 32: missing '=' after attribute name: "smtpd_tls_security_level encrypt"`. */
  syntax: (path: string, line: number, error: string, text: string): string => `${path}, line ${line}: ${error}: "${text}"`,
  /** [corpus] postconf-behaviours: `line 32: overriding earlier entry: smtpd_tls_loglevel=1`. */
  overriding: (path: string, line: number, name: string, old: string): string =>
    `${path}, line ${line}: overriding earlier entry: ${name}=${old}`,
  /** [real: syntax-leading-space, syntax-leading-space-long]. */
  leadingWhitespace: (path: string, text: string): string => `${path}: logical line must not start with whitespace: "${clip30(text)}"`,
  /** [real: e-same-twice]; Postfix prints a missing value (-X, -#) as `(null)`. */
  ignoringEarlier: (name: string, value: string | null): string => `ignoring earlier request: '${name} = ${value ?? '(null)'}'`,
  /** [real: e-duplicates]. */
  multipleEntries: (path: string, name: string): string => `${path}: multiple entries for "${name}"`,
} as const;

/** `$name` expansion (mac_parse/mac_expand/compat_level). All [real: x-* cases]. */
export const MACRO_TEXT = {
  truncated: (value: string): string => `truncated macro reference: "${value}"`,
  emptyName: (value: string): string => `empty macro name: "${value}"`,
  nesting: (name: string): string => `unreasonable macro call nesting: "${name}"`,
  nameSyntax: (before: string, after: string): string => `attribute name syntax error at: "...${before}>>>${s20(after)}"`,
  unbalanced: (text: string): string => `unbalanced {} in attribute expression: "${text}"`,
  operatorExpected: (left: string, after: string): string =>
    `"==" or "!="" or "<"" or "<="" or ">="" or ">" expected at: "...${left}}>>>${s20(after)}"`,
  badSuffix: (op: string, suffix: string): string => `bad operator suffix at: "...${op}>>>${suffix}"`,
  expressionExpected: (left: string, op: string, after: string): string =>
    `"{expression}" expected at: "...{${left}} ${op}>>>${s20(after)}"`,
  condExpected: (after: string): string => `"?" or ":" expected at: "...}>>>${s20(after)}"`,
  colonExpected: (ifTrue: string, after: string): string => `":" expected at: "...${ifTrue}}>>>${s20(after)}"`,
  unexpectedInput: (ifFalse: string, after: string): string => `unexpected input at: "...${ifFalse}}>>>${s20(after)}"`,
  badCompatLevel: (text: string): string => `malformed compatibility level syntax: "${text}"`,
} as const;

/** master.cf as postconf reads it (postconf -M/-F/-P and `postfix check`). */
export const MASTER_CF_POSTCONF_TEXT = {
  /** [real: master-missing-fields]. */
  badFieldCount: (path: string, line: number): string => `file ${path}: line ${line}: bad field count`,
  /** [real: master-bad-type, master-bad-private, master-bad-wakeup, master-bad-maxproc, ...]. */
  invalidField: (field: string, value: string, entry: string): string => `invalid ${field} field "${value}" in "${entry}"`,
  /** [real: master-o-long-unbalanced]; `err` is e.g. `missing '}' in "{ smtpd_banner = hello"`. */
  braceProblem: (err: string): string => `master.cf: ${err}`,
  missingBrace: (text: string): string => `missing '}' in "${text}"`,
  syntaxAfterBrace: (text: string): string => `syntax error after '}' in "${text}"`,
  /** [real: master-o-empty-braces]: `master.cf: missing attribute name: ""`. */
  nameValue: (error: string, text: string): string => `master.cf: ${error}: "${text}"`,
} as const;

/** master.cf as the master(8) daemon reads it. [facts] §6; see the report for what is unverified. */
export const MASTER_CF_DAEMON_TEXT = {
  /** [facts] `fatal: /etc/postfix/master.cf: line N: inet service cannot be private`. */
  inetPrivate: (path: string, line: number): string => `${path}: line ${line}: inet service cannot be private`,
  /** [facts] `… bad transport type: X`. */
  badTransport: (path: string, line: number, type: string): string => `${path}: line ${line}: bad transport type: ${type}`,
} as const;

/**
 * What postconf says as it reads the files (postconf/read-config.ts, which postfix(1)'s own postconf run uses
 * at every start: here with the boot path's texts, not with the postconf program's).
 */
export const READ_TEXT = {
  /** [real: no-main, c-nonexistent, no-master-M]. */
  openFailed: (path: string): string => `open ${path}: No such file or directory`,
  /** [real: opt-o-bad]. */
  badOverride: (arg: string, err: string): string => `invalid parameter override: ${arg}: ${err}`,
} as const;

/** Parameter bookkeeping (postconf). All [corpus] or [real]. */
export const PARAM_TEXT = {
  /** [corpus] `postconf: warning: smtpd_tls_securty_level: unknown parameter`. */
  unknown: (name: string): string => `${name}: unknown parameter`,
  /** [corpus] `/etc/postfix/main.cf: unused parameter: smtpd_tls_securty_level=may`. */
  unused: (path: string, name: string, value: string): string => `${path}: unused parameter: ${name}=${value}`,
  /** [real: master-undefined-param, main-undefined-ref]. */
  undefined: (path: string, name: string): string => `${path}: undefined parameter: ${name}`,
  /** [real: readonly-assign]. */
  readOnly: (path: string, name: string, value: string): string => `${path}: read-only parameter assignment: ${name}=${value}`,
  /** [real: x-loop, x-syntax-*]: postconf's fatal after a bad expansion. */
  macroProcessing: 'macro processing error',
  /** [real: opt-v]: postconf -v, a `$name` in a value validates a `name=value` in master.cf. */
  validatesMaster: (name: string, from: string, namespace: string): string =>
    `$${name} in ${from} validates ${name}=value in master.cf:${namespace}`,
  validatesMain: (name: string, namespace: string): string => `$${name} in master.cf:${namespace} validates ${name}=value in main.cf`,
  validatesLocal: (name: string, namespace: string): string =>
    `$${name} in master.cf:${namespace} validates ${name}=value in master.cf:${namespace}`,
  validatesGlobal: (name: string): string => `$${name} in main.cf validates ${name}=value in main.cf`,
} as const;
