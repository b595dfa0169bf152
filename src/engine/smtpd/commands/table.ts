import type { StatName } from '../command-stats.ts';
import type { Handler } from '../session-api.ts';
import { auth } from './auth.ts';
import { bdat } from './bdat.ts';
import { data } from './data.ts';
import { etrn } from './etrn.ts';
import { ehlo, helo } from './hello.ts';
import { mail } from './mail.ts';
import { rcpt } from './rcpt.ts';
import { noop, quit, rset } from './simple.ts';
import { makeStarttls } from './starttls.ts';
import { vrfy } from './vrfy.ts';
import { xclient, xforward } from './xclient.ts';

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

/** smtpd.c:smtpd_cmd_table. `hasTlsContext` tells STARTTLS whether the TLS engine initialised. */
export function commandTable(hasTlsContext: () => boolean): Readonly<Record<Verb, CommandSpec>> {
  return {
    HELO: spec(helo, { limit: true, preTls: true, last: true }),
    EHLO: spec(ehlo, { limit: true, preTls: true, last: true }),
    XCLIENT: spec(xclient, { preTls: true }),
    XFORWARD: spec(xforward),
    STARTTLS: spec(makeStarttls(hasTlsContext), { preTls: true }),
    AUTH: spec(auth),
    MAIL: spec(mail),
    RCPT: spec(rcpt),
    DATA: spec(data, { last: true }),
    BDAT: spec(bdat),
    RSET: spec(rset, { limit: true }),
    NOOP: spec(noop, { limit: true, preTls: true, last: true }),
    VRFY: spec(vrfy, { limit: true, last: true }),
    ETRN: spec(etrn, { limit: true }),
    QUIT: spec(quit, { preTls: true }),
  };
}

/** Commands are matched without regard to ASCII case (strcasecmp; corpus smtp-edge-cases: `ehlo`, `Ehlo`, `starttls`). */
export function lookupVerb(word: string): Verb | null {
  const upper = word.replace(/[a-z]/g, (c) => c.toUpperCase());
  return VERBS.find((v) => v === upper) ?? null;
}

export const statName = (v: Verb): StatName => v.toLowerCase() as Lowercase<Verb>;
