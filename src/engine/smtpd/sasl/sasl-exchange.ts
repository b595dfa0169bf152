import { decodeBase64 } from './base64.ts';
import { splitAuthcid, type SaslUserDb } from './sasl-db.ts';

/**
 * The server side of the PLAIN and LOGIN mechanisms (Cyrus SASL behind Postfix's xsasl_cyrus glue).
 * Reasons are Cyrus's sasl_errstring() texts as Postfix puts them in `535 ... authentication failed: <reason>`
 * (corpus submission-587-auth-only: `authentication failure`, `bad protocol / cancel`, `no mechanism available`).
 */
export const REASON_AUTH_FAILURE = 'authentication failure';
export const REASON_BAD_PROTOCOL = 'bad protocol / cancel';
export const REASON_NO_MECHANISM = 'no mechanism available';
/** Cyrus sasl_errstring(SASL_NOAUTHZ): PLAIN with an authorization id other than the login name (not in the corpus). */
export const REASON_NO_AUTHZ = 'authorization failure';

/** corpus submission-587-auth-only: `334 VXNlcm5hbWU6` ("Username:") and `334 UGFzc3dvcmQ6` ("Password:"). */
const LOGIN_USERNAME_PROMPT = 'VXNlcm5hbWU6';
const LOGIN_PASSWORD_PROMPT = 'UGFzc3dvcmQ6';

export type SaslStep =
  /** Send `334 <challenge>` and wait for the client's next line. */
  | { readonly kind: 'challenge'; readonly challenge: string }
  | { readonly kind: 'done'; readonly username: string }
  /** `passwordCheck`: the library logged `Password verification failed` (PLAIN only, corpus). */
  | { readonly kind: 'fail'; readonly reason: string; readonly username: string | null; readonly passwordCheck: boolean };

export interface SaslExchange {
  /** The client's answer to the last challenge (already known not to be `*`). */
  respond(line: string): SaslStep;
}

export interface SaslContext {
  readonly db: SaslUserDb;
  /** Realm for names without `@` (smtpd_sasl_local_domain, else myhostname). */
  readonly defaultRealm: string;
}

const badProtocol: SaslStep = { kind: 'fail', reason: REASON_BAD_PROTOCOL, username: null, passwordCheck: false };

function check(ctx: SaslContext, authcid: string, password: string, passwordCheck: boolean): SaslStep {
  const { user, realm } = splitAuthcid(authcid, ctx.defaultRealm);
  if (ctx.db.verify(user, realm, password)) return { kind: 'done', username: authcid };
  return { kind: 'fail', reason: REASON_AUTH_FAILURE, username: authcid, passwordCheck };
}

class PlainExchange implements SaslExchange {
  readonly #ctx: SaslContext;
  constructor(ctx: SaslContext) {
    this.#ctx = ctx;
  }

  respond(line: string): SaslStep {
    const decoded = decodeBase64(line);
    if (decoded === null) return badProtocol;
    const parts = decoded.split('\0');
    if (parts.length !== 3) return badProtocol;
    const [authzid = '', authcid = '', password = ''] = parts;
    if (authcid === '') return badProtocol;
    const result = check(this.#ctx, authcid, password, true);
    if (result.kind === 'done' && authzid !== '' && authzid !== authcid) {
      return { kind: 'fail', reason: REASON_NO_AUTHZ, username: authcid, passwordCheck: false };
    }
    return result;
  }
}

class LoginExchange implements SaslExchange {
  readonly #ctx: SaslContext;
  #username: string | null = null;
  constructor(ctx: SaslContext) {
    this.#ctx = ctx;
  }

  /** The username sent as AUTH LOGIN's initial response, if any. */
  start(initial: string | null): SaslStep {
    if (initial === null) return { kind: 'challenge', challenge: LOGIN_USERNAME_PROMPT };
    return this.respond(initial);
  }

  respond(line: string): SaslStep {
    const decoded = decodeBase64(line);
    if (decoded === null) return badProtocol;
    if (this.#username === null) {
      if (decoded === '') return badProtocol;
      this.#username = decoded;
      return { kind: 'challenge', challenge: LOGIN_PASSWORD_PROMPT };
    }
    return check(this.#ctx, this.#username, decoded, false);
  }
}

export type SaslStart =
  { readonly kind: 'no-mechanism' } | { readonly kind: 'started'; readonly exchange: SaslExchange; readonly step: SaslStep };

export { IMPLEMENTED_MECHANISMS } from './mechanisms.ts';

/** Starts `mechanism` (matched without regard to case against `offered`) with an optional initial response. */
export function startSasl(ctx: SaslContext, offered: readonly string[], mechanism: string, initial: string | null): SaslStart {
  const mech = offered.find((m) => m.toUpperCase() === mechanism.toUpperCase());
  if (mech === undefined) return { kind: 'no-mechanism' };
  if (mech.toUpperCase() === 'PLAIN') {
    const exchange = new PlainExchange(ctx);
    if (initial === null) return { kind: 'started', exchange, step: { kind: 'challenge', challenge: '' } };
    return { kind: 'started', exchange, step: exchange.respond(initial) };
  }
  const login = new LoginExchange(ctx);
  return { kind: 'started', exchange: login, step: login.start(initial) };
}
