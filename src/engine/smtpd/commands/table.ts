import type { StatName } from '../command-stats.ts';
import type { Handler } from '../session-api.ts';
import { ehlo, helo } from './hello.ts';
import { lazyHandler } from './lazy-commands.ts';
import { noop, quit, rset } from './simple.ts';
import { makeStarttls } from './starttls.ts';

/** The commands smtpd knows, in its table order (also the order of the disconnect statistics, facts §5). */
export const VERBS = [
  'HELO',
  'EHLO',
  'XCLIENT',
  'XFORWARD',
  'STARTTLS',
  'AUTH',
  'MAIL',
  'RCPT',
  'DATA',
  'BDAT',
  'RSET',
  'NOOP',
  'VRFY',
  'ETRN',
  'QUIT',
] as const;
export type Verb = (typeof VERBS)[number];

export interface CommandSpec {
  readonly handler: Handler;
  /** Counts toward smtpd_junk_command_limit (SMTPD_CMD_FLAG_LIMIT). */
  readonly limit: boolean;
  /** Allowed before STARTTLS at level encrypt (SMTPD_CMD_FLAG_PRE_TLS; MANIFEST fact 2: EHLO, HELO, NOOP, QUIT, STARTTLS, and XCLIENT). */
  readonly preTls: boolean;
  /** Must be the last command of a pipelined group (SMTPD_CMD_FLAG_LAST): input pending after it is improper pipelining. */
  readonly last: boolean;
}

const spec = (handler: Handler, flags: { limit?: boolean; preTls?: boolean; last?: boolean } = {}): CommandSpec => ({
  handler,
  limit: flags.limit ?? false,
  preTls: flags.preTls ?? false,
  last: flags.last ?? false,
});

/**
 * smtpd.c:smtpd_cmd_table. `hasTlsContext` tells STARTTLS whether the TLS engine initialised. The commands
 * beyond a first look (lazy-commands.ts) are looked up when they come: the browser fetches them apart.
 */
export function commandTable(hasTlsContext: () => boolean): Readonly<Record<Verb, CommandSpec>> {
  return {
    HELO: spec(helo, { limit: true, preTls: true, last: true }),
    EHLO: spec(ehlo, { limit: true, preTls: true, last: true }),
    XCLIENT: spec(lazyHandler('XCLIENT'), { preTls: true }),
    XFORWARD: spec(lazyHandler('XFORWARD')),
    STARTTLS: spec(makeStarttls(hasTlsContext), { preTls: true }),
    AUTH: spec(lazyHandler('AUTH')),
    MAIL: spec(lazyHandler('MAIL')),
    RCPT: spec(lazyHandler('RCPT')),
    DATA: spec(lazyHandler('DATA'), { last: true }),
    BDAT: spec(lazyHandler('BDAT')),
    RSET: spec(rset, { limit: true }),
    NOOP: spec(noop, { limit: true, preTls: true, last: true }),
    VRFY: spec(lazyHandler('VRFY'), { limit: true, last: true }),
    ETRN: spec(lazyHandler('ETRN'), { limit: true }),
    QUIT: spec(quit, { preTls: true }),
  };
}

/** Commands are matched without regard to ASCII case (strcasecmp; corpus smtp-edge-cases: `ehlo`, `Ehlo`, `starttls`). */
export function lookupVerb(word: string): Verb | null {
  const upper = word.replace(/[a-z]/g, (c) => c.toUpperCase());
  return VERBS.find((v) => v === upper) ?? null;
}

export const statName = (v: Verb): StatName => v.toLowerCase() as Lowercase<Verb>;
