import type { ParameterView } from '../config/parameter-view.ts';
import type { LogWriter } from '../log/mail-log.ts';
import type { QueuedMessage } from '../queue/queued-message.ts';
import type { FileLookup, ServerTlsEngine } from '../tls/types.ts';
import type { Clock } from '../world/clock.ts';
import type { IdSource } from '../world/ids.ts';
import type { SaslUserDb } from './sasl/sasl-db.ts';

/** What master(8) and the machine give one smtpd process. Everything is synchronous and deterministic. */
export interface SmtpdEnv {
  /** The service's effective parameters (its master.cf `-o` overrides over main.cf, with defaults). */
  readonly params: ParameterView;
  /** The master.cf service name (`smtp`, `submission`, `submissions`), as in the wrapper-mode warning. */
  readonly service: string;
  /** The syslog program name: `$syslog_name/smtpd`, e.g. `postfix/submission/smtpd`. */
  readonly program: string;
  readonly pid: number;
  readonly log: LogWriter;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly tls: ServerTlsEngine;
  /** Files as root reads them before the chroot (certificates and keys). */
  readonly files: FileLookup;
  /** The Cyrus SASL library with its sasldb (see `corpusSasldb()`). */
  readonly sasl: SaslUserDb;
  /** Whether a local part (already lower-cased, without extension) is in local_recipient_maps (passwd or aliases). */
  readonly isLocalRecipient: (localPart: string) => boolean;
  /** Hands a message to cleanup(8): a received mail, or smtpd's postmaster notice (`origin.kind === 'internal'`). */
  readonly enqueue: (msg: QueuedMessage) => void;
  /**
   * The tarpit: smtpd sleeps `smtpd_error_sleep_time` before each reply once `smtpd_soft_error_limit` errors
   * were made. The engine never waits; a world that wants time to pass advances its clock here.
   */
  readonly sleep?: (ms: number) => void;
}

/** The client of one connection as smtpd names it (`localhost[127.0.0.1]`). */
export interface SmtpdClient {
  readonly name: string;
  readonly addr: string;
  /** What anvil(8) answered smtpd's `connect` for this session: the client's connection count and rate; absent when smtpd did not ask. */
  readonly anvil?: { readonly count: number; readonly rate: number };
}
