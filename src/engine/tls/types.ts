import type { ParameterView } from '../config/parameter-view.ts';
import type { ServerOutput } from '../world/network.ts';
import type { CertificateInfo } from './x509/certificate.ts';

export type { CertificateInfo } from './x509/certificate.ts';

/** Protocol versions the model knows, oldest first. */
export const TLS_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** Which real TLS client a hello models. Each behaves as that program does. */
export type TlsClientKind = 'openssl-s_client' | 'python-ssl' | 'postfix-smtp' | 'posttls-finger' | 'swaks';

/** What the client side puts on the wire where the server expects a ClientHello. */
export type ClientHello =
  | {
      readonly kind: 'tls';
      readonly client: TlsClientKind;
      /** Lowest and highest version the client will offer. */
      readonly minVersion: TlsVersion;
      readonly maxVersion: TlsVersion;
      /** `-cipher DEFAULT@SECLEVEL=0`: lets OpenSSL 3 offer TLSv1/TLSv1.1 with SHA-1 suites. */
      readonly secLevel0: boolean;
      /** SNI, when the client sends one. */
      readonly serverName?: string;
      /**
       * The client's cipher string (OpenSSL syntax), e.g. `DEFAULT` (s_client, Python) or Postfix's
       * `aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH` (smtp, posttls-finger). Default: by `client`.
       */
      readonly cipherList?: string;
      /** Size of the ClientHello record in bytes (5-byte header included). Default: by `client`. */
      readonly helloBytes?: number;
    }
  /** The client kept talking plaintext (e.g. `RSET\r\n` after `220 2.0.0 Ready to start TLS`). */
  | { readonly kind: 'plaintext'; readonly bytes: string };

/** A file in the simulated machine, as the TLS library would read it. */
export interface SimFile {
  readonly content: string;
  /** Unix permission bits, e.g. 0o600. */
  readonly mode: number;
  /** Last modification, milliseconds since the epoch (absent: from before the machine booted). */
  readonly mtime?: number;
  /** Byte size when `content` may not be here yet (a package file whose text loads on demand: SimFs.addLazy). */
  readonly size?: number;
}
/**
 * Reads a file of the simulated machine. `isDirectory`, when the lookup has it, tells a directory from a
 * missing path (fopen() opens a directory; p25-cert-directory).
 */
export type FileLookup = ((path: string) => SimFile | undefined) & { readonly isDirectory?: (path: string) => boolean };

/** A server TLS context, as `tls_server_init()` builds it at smtpd start. Opaque outside tls/. */
export interface ServerTlsContext {
  readonly protocols: readonly TlsVersion[];
  readonly certFile: string;
  /** The certificate it presents; the lab's mail.example.org certificate when absent. */
  readonly cert?: CertificateInfo;
  /** The cipher list of its sessions (logged at level 2); the `medium` grade's when absent. */
  readonly cipherList?: string;
  /** A problem every session hits: an invalid cipher grade, or an exclusion starting with `!+-@`. */
  readonly sessionProblem?: { readonly kind: 'grade' | 'unary'; readonly token: string };
  /** smtpd_tls_loglevel as parsed at init (0..4). */
  readonly loglevel?: number;
  /** Session tickets sent after a TLSv1.3 handshake (Postfix: 1, Python's ssl module: 2). */
  readonly tickets?: number;
  /** Who the server is (its log lines and ticket habits follow). Default: postfix. */
  readonly implementation?: 'postfix' | 'python';
}

export interface ServerTlsInit {
  /** `null` when TLS could not be set up: STARTTLS is still advertised but answers 454. */
  readonly context: ServerTlsContext | null;
  /** Log texts written at process start, before `connect from`, e.g. `warning: cannot get RSA certificate from file "...": disabling TLS support`. */
  readonly warnings: readonly string[];
}

/** What was negotiated. */
export interface TlsSession {
  readonly version: TlsVersion;
  readonly cipher: string;
  readonly cipherBits: number;
  readonly algBits: number;
}

/** How a server-side handshake went, with the smtpd log texts it produced in order. */
export type ServerHandshake =
  | { readonly ok: true; readonly session: TlsSession; readonly log: readonly string[]; readonly record?: HandshakeRecord }
  | { readonly ok: false; readonly log: readonly string[]; readonly record?: HandshakeRecord };

export interface ServerHandshakeOptions {
  /** Effective `smtpd_tls_loglevel` (already parsed to 0..4). */
  readonly loglevel: number;
  /** The peer as smtpd names it, e.g. `localhost[127.0.0.1]`. */
  readonly peer: string;
  /** Now, in ms since the epoch (the session ticket's `key expiration:` at level 2). Default: 0. */
  readonly now?: number;
  /** Seeds the invented bytes of level-3 hex dumps (e.g. the smtpd PID), so two sessions differ. */
  readonly seed?: number;
}

export interface ServerTlsInitOptions {
  /** True at `encrypt` and in wrapper mode: the `*_mandatory_*` settings apply. */
  readonly enforce: boolean;
  readonly files: FileLookup;
  /** Effective `smtpd_tls_loglevel` (0..4) if the caller parsed it already; otherwise read from params. */
  readonly loglevel?: number;
}

/** The server side of the TLS model, as smtpd calls it. */
export interface ServerTlsEngine {
  init(params: ParameterView, opts: ServerTlsInitOptions): ServerTlsInit;
  handshake(ctx: ServerTlsContext, hello: ClientHello, opts: ServerHandshakeOptions): ServerHandshake;
}

/* ---------- client side (Postfix's smtp(8) as a TLS client) ---------- */

/** What a remote server of the simulated world presents when a client starts TLS with it. */
export interface RemoteTlsServer {
  /** Versions the remote will accept. */
  readonly protocols: readonly TlsVersion[];
  /** Subject CN of its certificate, e.g. `mx.example.net`. */
  readonly certCommonName: string;
  readonly selfSigned: boolean;
  /** Its certificate; the lab's mx.example.net certificate when absent. */
  readonly cert?: CertificateInfo;
  /** Its cipher string (OpenSSL syntax). Default: Python's server default, no anonymous suites. */
  readonly cipherList?: string;
  /** Session tickets after a TLSv1.3 handshake. Default 2 (Python's ssl module, the corpus fake MX). */
  readonly tickets?: number;
}

export interface ClientHandshakeOptions {
  /** Effective `smtp_tls_security_level` (none is never passed: no handshake then; dane without DNSSEC: pass may). */
  readonly level: string;
  /** Effective `smtp_tls_loglevel` (0..4). */
  readonly loglevel: number;
  /** The server as smtp(8) names it in TLS log lines, e.g. `127.0.0.2[127.0.0.2]:2526`. */
  readonly peer: string;
  /** Reads `smtp_tls_CAfile`; without it no CA is trusted. */
  readonly files?: FileLookup;
  /** The names the certificate must match at verify/secure (default: none match, as with an IP nexthop). */
  readonly matchNames?: readonly string[];
  /** True when the nexthop is an IP address (`[127.0.0.2]:2526`): a trusted chain then fails on the name. */
  readonly nexthopIsAddress?: boolean;
  /** Seeds invented bytes (level-3 dumps). */
  readonly seed?: number;
}

/** How a client-side handshake went, with the smtp(8) log texts it produced in order. */
export type ClientHandshake =
  | {
      readonly ok: true;
      readonly session: TlsSession;
      /** False when the certificate did not verify (self-signed, wrong name...). */
      readonly verified: boolean;
      /** What the summary line says: Anonymous (no certificate), Untrusted, Trusted (chain ok) or Verified (name too). */
      readonly trust?: PeerTrust;
      readonly log: readonly string[];
      readonly record?: HandshakeRecord;
    }
  | { readonly ok: false; readonly log: readonly string[]; readonly record?: HandshakeRecord };

/** The client side of the TLS model, as smtp(8) calls it. */
export interface ClientTlsEngine {
  handshake(params: ParameterView, server: RemoteTlsServer, opts: ClientHandshakeOptions): ClientHandshake;
  /**
   * The handshake through a server endpoint: the ClientHello goes to the server, which
   * negotiates its side, so both ends agree; `after` is what the server sent next. Engines
   * without it (test stand-ins) get `handshake` plus a hello for the version it chose.
   */
  handshakeWith?(
    params: ParameterView,
    opts: ClientHandshakeOptions,
    endpoint: { handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } },
    remote?: RemoteTlsServer,
  ): { readonly handshake: ClientHandshake; readonly after: ServerOutput | null };
}

/* ---------- the handshake as data (for diagrams, s_client and posttls-finger) ---------- */

export type PeerTrust = 'anonymous' | 'untrusted' | 'trusted' | 'verified';

/** Why a handshake failed. */
export type HandshakeFailure =
  /** No version in common: the server sends alert 70 (protocol version). */
  | 'unsupported-protocol'
  /** No cipher suite in common: the server sends alert 40 (handshake failure). */
  | 'no-shared-cipher'
  /** OpenSSL 3 at its default security level refuses the server's TLSv1/TLSv1.1 signature: the client sends alert 80. */
  | 'legacy-sigalg'
  /** Plaintext where a ClientHello belongs: the server gives up without an alert (`wrong version number`). */
  | 'not-tls'
  /** A configuration problem of the server's session (invalid cipher grade): it drops the connection. */
  | 'server-config';

export type HandshakeMessageType =
  | 'ClientHello'
  | 'ServerHello'
  | 'ChangeCipherSpec'
  | 'EncryptedExtensions'
  | 'Certificate'
  | 'CertificateVerify'
  | 'ServerKeyExchange'
  | 'ServerHelloDone'
  | 'ClientKeyExchange'
  | 'NewSessionTicket'
  | 'Finished'
  | 'Alert'
  | 'Plaintext';

/** One message of the handshake, in the order it went over the wire. */
export interface HandshakeMessage {
  readonly from: 'client' | 'server';
  readonly type: HandshakeMessageType;
  /** A short human description, e.g. `TLSv1.3, TLS_AES_256_GCM_SHA384` or `fatal alert 70: protocol version`. */
  readonly detail: string;
  /** Sent encrypted (everything after ServerHello in TLSv1.3, after ChangeCipherSpec before). */
  readonly encrypted: boolean;
}

export interface TlsAlert {
  readonly from: 'client' | 'server';
  /** The alert number, e.g. 70. */
  readonly code: number;
  /** OpenSSL's long description, e.g. `protocol version`. */
  readonly description: string;
}

/** A whole handshake as both ends saw it. */
export interface HandshakeRecord {
  readonly client: TlsClientKind | 'plaintext';
  /** What the ClientHello offered (oldest first); empty for plaintext. */
  readonly offered: readonly TlsVersion[];
  readonly serverName: string | null;
  /** The versions the server would accept. */
  readonly accepted: readonly TlsVersion[];
  readonly failure: HandshakeFailure | null;
  readonly version: TlsVersion | null;
  readonly cipher: string | null;
  /** The protocol the cipher first appeared in, as s_client prints it (`TLSv1.0` for ECDHE-RSA-AES256-SHA). */
  readonly cipherSince: string | null;
  readonly cipherBits: number;
  /** The server certificate, when one was sent (none with an anonymous suite or a failure before it). */
  readonly certificate: CertificateInfo | null;
  /** Ephemeral key exchange as s_client's `Server Temp Key:` names it, e.g. `X25519, 253 bits`. */
  readonly tempKey: string | null;
  /** The server's signature: type (RSA-PSS, RSA) and digest (SHA256, MD5-SHA1). */
  readonly signature: { readonly type: string; readonly digest: string } | null;
  readonly alert: TlsAlert | null;
  /** Session tickets the server sent after a TLSv1.3 handshake (older versions send theirs inside it). */
  readonly postHandshakeTickets: number;
  readonly messages: readonly HandshakeMessage[];
  /** TLS bytes each way until the client finished (s_client's counts without the SMTP part). */
  readonly bytes: { readonly clientToServer: number; readonly serverToClient: number };
}
