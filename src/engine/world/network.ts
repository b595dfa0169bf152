import type { ClientHello, ServerHandshake, TlsSession } from '../tls/types.ts';

/** What the server side wrote in answer to one event, and whether it then closed the connection. */
export interface ServerOutput {
  /** Raw bytes, CRLFs included (e.g. `250-mail.example.org\r\n250 CHUNKING\r\n`). May be ''. */
  readonly data: string;
  readonly closed: boolean;
  /**
   * Where the server paused before writing on (smtpd's tarpit, `smtpd_error_sleep_time`):
   * offsets into `data`. A client that has its reply stops reading before a pause, and sees
   * the rest only later. Absent: no pause.
   */
  readonly pauses?: readonly ServerPause[];
}

export interface ServerPause {
  /** Offset into `data` at which the pause happened. */
  readonly at: number;
  readonly ms: number;
}

/**
 * The server end of one accepted TCP connection (smtpd, or a remote MX of the simulated world).
 * Every call is synchronous: the reply is complete when the call returns.
 */
export interface ServerEndpoint {
  /** Called once, right after accept: the banner, or '' (wrapper mode, or a daemon that died). */
  open(): ServerOutput;
  /** One packet from the client. Several commands in one packet are pipelined. */
  receive(bytes: string): ServerOutput;
  /** The client's TLS handshake (after `220 2.0.0 Ready to start TLS`, or at connect in wrapper mode). */
  handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput };
  /** The client closed its end (without QUIT, or after it). */
  clientClosed(): void;
  /**
   * What the server sent since the last call while the client only waited (a connection that
   * waited in a throttled service's listen queue gets its banner, or EOF, later). Absent: never anything.
   */
  poll?(): ServerOutput;
  /**
   * True while the connection waits in a listen queue and no process has taken it yet (what the client sends
   * meanwhile is kept for the process). Absent: a process serves it.
   */
  readonly waiting?: boolean;
  /** The TLS session, once a handshake succeeded. */
  readonly tls: TlsSession | null;
}

export type ConnectError =
  /** Nothing listens there: `Connection refused`. */
  | 'refused'
  /** The name does not resolve. */
  | 'unknown-host'
  /** No route: the address is outside the simulated world. */
  | 'unreachable';

export type ConnectResult =
  | { readonly ok: true; readonly address: string; readonly endpoint: ServerEndpoint }
  | { readonly ok: false; readonly address: string | null; readonly error: ConnectError };

/** The simulated network as a client program (telnet, nc, s_client, Postfix's smtp) sees it. */
export interface Network {
  /** Resolves `host` as /etc/hosts in the world does; `null` when it does not resolve. */
  resolve(host: string): string | null;
  connect(host: string, port: number): ConnectResult;
}
