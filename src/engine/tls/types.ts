import type { ParameterView } from '../config/parameter-view.ts';

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
    }
  /** The client kept talking plaintext (e.g. `RSET\r\n` after `220 2.0.0 Ready to start TLS`). */
  | { readonly kind: 'plaintext'; readonly bytes: string };

/** A file in the simulated machine, as the TLS library would read it. */
export interface SimFile {
  readonly content: string;
  /** Unix permission bits, e.g. 0o600. */
  readonly mode: number;
}
export type FileLookup = (path: string) => SimFile | undefined;

/** A server TLS context, as `tls_server_init()` builds it at smtpd start. Opaque outside tls/. */
export interface ServerTlsContext {
  readonly protocols: readonly TlsVersion[];
  readonly certFile: string;
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
  | { readonly ok: true; readonly session: TlsSession; readonly log: readonly string[] }
  | { readonly ok: false; readonly log: readonly string[] };

export interface ServerHandshakeOptions {
  /** Effective `smtpd_tls_loglevel` (already parsed to 0..4). */
  readonly loglevel: number;
  /** The peer as smtpd names it, e.g. `localhost[127.0.0.1]`. */
  readonly peer: string;
}

export interface ServerTlsInitOptions {
  /** True at `encrypt` and in wrapper mode: the `*_mandatory_*` settings apply. */
  readonly enforce: boolean;
  readonly files: FileLookup;
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
}

export interface ClientHandshakeOptions {
  /** Effective `smtp_tls_security_level` (none is never passed: no handshake then). */
  readonly level: string;
  /** Effective `smtp_tls_loglevel` (0..4). */
  readonly loglevel: number;
  /** The server as smtp(8) names it in TLS log lines, e.g. `127.0.0.2[127.0.0.2]:2526`. */
  readonly peer: string;
}

/** How a client-side handshake went, with the smtp(8) log texts it produced in order. */
export type ClientHandshake =
  | {
      readonly ok: true;
      readonly session: TlsSession;
      /** False when the certificate did not verify (self-signed, wrong name...). */
      readonly verified: boolean;
      readonly log: readonly string[];
    }
  | { readonly ok: false; readonly log: readonly string[] };

/** The client side of the TLS model, as smtp(8) calls it. */
export interface ClientTlsEngine {
  handshake(params: ParameterView, server: RemoteTlsServer, opts: ClientHandshakeOptions): ClientHandshake;
}
