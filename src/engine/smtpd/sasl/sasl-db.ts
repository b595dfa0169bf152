/**
 * The Cyrus SASL side of AUTH as the lab models it: the mechanisms the library offers (`mech_list` of
 * /etc/postfix/sasl/smtpd.conf) and a sasldb password check (auxprop sasldb, base/sasl-smtpd.conf).
 */
export interface SaslUserDb {
  /** Mechanisms in the library's order, e.g. `['PLAIN', 'LOGIN']` (corpus: `250-AUTH PLAIN LOGIN`). */
  readonly mechanisms: readonly string[];
  /** True when `user@realm` exists with this password. */
  verify(user: string, realm: string, password: string): boolean;
}

export interface SasldbEntry {
  readonly user: string;
  readonly realm: string;
  readonly password: string;
}

/** A sasldb2 file as `saslpasswd2 -c -u <realm> <user>` fills it. */
export function sasldb(entries: readonly SasldbEntry[], mechanisms: readonly string[] = ['PLAIN', 'LOGIN']): SaslUserDb {
  return {
    mechanisms,
    verify: (user, realm, password) =>
      entries.some((e) => e.user === user && e.realm.toLowerCase() === realm.toLowerCase() && e.password === password),
  };
}

/**
 * The corpus machine (base/notes.txt): `saslpasswd2 -c -u mail.example.org alice` and `-u example.org alice`,
 * password `secret`; mech_list PLAIN LOGIN.
 */
export function corpusSasldb(): SaslUserDb {
  return sasldb([
    { user: 'alice', realm: 'mail.example.org', password: 'secret' },
    { user: 'alice', realm: 'example.org', password: 'secret' },
  ]);
}

/**
 * Splits a login name as Cyrus does: `user@realm` at the last `@`, else the default realm
 * (`smtpd_sasl_local_domain`, or the server's host name when that is empty).
 */
export function splitAuthcid(authcid: string, defaultRealm: string): { user: string; realm: string } {
  const at = authcid.lastIndexOf('@');
  if (at > 0) return { user: authcid.slice(0, at), realm: authcid.slice(at + 1) };
  return { user: authcid, realm: defaultRealm };
}
