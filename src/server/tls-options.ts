import { constants } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { ParameterView } from '../engine/config/parameter-view.ts';
import { readSettings } from '../engine/smtpd/index.ts';
import { serverTls } from '../engine/tls/server-tls.ts';
import type { FileLookup, TlsVersion } from '../engine/tls/types.ts';

/** The versions Node's TLS (OpenSSL 3) can be told about, oldest first. */
const NODE_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
type NodeVersion = (typeof NODE_VERSIONS)[number];

const NO_FLAG: Readonly<Record<NodeVersion, number>> = {
  TLSv1: constants.SSL_OP_NO_TLSv1,
  'TLSv1.1': constants.SSL_OP_NO_TLSv1_1,
  'TLSv1.2': constants.SSL_OP_NO_TLSv1_2,
  'TLSv1.3': constants.SSL_OP_NO_TLSv1_3,
};

/** What Node's TLS gets: the same protocols, ciphers and certificate the engine's TLS model decided. */
export interface NodeTlsSettings {
  readonly minVersion: NodeVersion;
  readonly maxVersion: NodeVersion;
  /** SSL_OP_NO_* for versions inside the range that the protocol list excludes (`!TLSv1.2`). */
  readonly secureOptions: number;
  readonly ciphers: string;
  readonly cert: string;
  readonly key: string;
}

function isNodeVersion(v: TlsVersion): v is NodeVersion {
  return (NODE_VERSIONS as readonly string[]).includes(v);
}

/**
 * smtpd's TLS set-up for `params`, as the engine's own smtpd does it at start (tls_server_init through
 * the TLS model: `smtpd_tls_mandatory_protocols` and `*_mandatory_ciphers` at encrypt and in wrapper
 * mode, the plain ones at may), turned into Node's options. Null when smtpd would have no TLS.
 */
export function nodeTlsSettings(params: ParameterView, files: FileLookup): NodeTlsSettings | null {
  const read = readSettings(params);
  if (!read.ok || !read.settings.tls.use) return null;
  const ctx = serverTls.init(params, { enforce: read.settings.tls.enforce, files }).context;
  if (ctx === null) return null;
  const allowed = ctx.protocols.filter(isNodeVersion);
  const min = allowed[0];
  const max = allowed[allowed.length - 1];
  if (min === undefined || max === undefined) return null;
  let secureOptions = 0;
  for (const v of NODE_VERSIONS.slice(NODE_VERSIONS.indexOf(min), NODE_VERSIONS.indexOf(max) + 1)) {
    if (!allowed.includes(v)) secureOptions |= NO_FLAG[v];
  }
  const certFile = params.get('smtpd_tls_cert_file');
  const keyFile = params.get('smtpd_tls_key_file') || certFile;
  const cert = files(certFile)?.content;
  const key = files(keyFile)?.content;
  if (cert === undefined || key === undefined) return null;
  // OpenSSL 3 signs TLSv1/TLSv1.1 key exchanges with MD5-SHA1, which its default security level
  // forbids; Postfix on Debian 12 still completes such handshakes (corpus tls-protocols-default).
  const oldVersions = NODE_VERSIONS.indexOf(min) < NODE_VERSIONS.indexOf('TLSv1.2');
  const ciphers = `${ctx.cipherList ?? 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH'}${oldVersions ? ':@SECLEVEL=0' : ''}`;
  return { minVersion: min, maxVersion: max, secureOptions, ciphers, cert, key };
}

/**
 * smtpd's SSL_CTX_set_session_id_context: "Postfix/TLS" with its NUL (tls/tls_server.c,
 * server_session_id_context, sizeof). It goes into every session ticket, so the tickets, and the
 * byte counts s_client prints, have Postfix's size.
 */
const POSTFIX_SESSION_ID_CONTEXT = 'Postfix/TLS\0';

const TICKET_LIFETIME_S = 7200;

const cache = new Map<string, SecureContext>();

/** A Node secure context for these settings (cached: the same settings give the same context). */
export function secureContextFor(s: NodeTlsSettings): SecureContext {
  const key = JSON.stringify(s);
  let ctx = cache.get(key);
  if (ctx === undefined) {
    ctx = createSecureContext({
      minVersion: s.minVersion,
      maxVersion: s.maxVersion,
      secureOptions: s.secureOptions,
      ciphers: s.ciphers,
      cert: s.cert,
      key: s.key,
      sessionIdContext: POSTFIX_SESSION_ID_CONTEXT,
      // The lifetime hint s_client prints against Postfix (submissions-465-wrappermode/sclient-465.txt).
      sessionTimeout: TICKET_LIFETIME_S,
    });
    cache.set(key, ctx);
  }
  return ctx;
}
