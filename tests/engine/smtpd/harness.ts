import type { QueuedMessage } from '../../../src/engine/queue/queued-message.ts';
import { localRecipientsFrom } from '../../../src/engine/smtpd/local-recipients.ts';
import { corpusSasldb } from '../../../src/engine/smtpd/sasl/sasl-db.ts';
import type { SmtpdSession } from '../../../src/engine/smtpd/session.ts';
import { startSmtpd, type SmtpdStart } from '../../../src/engine/smtpd/smtpd.ts';
import { serverTls } from '../../../src/engine/tls/server-tls.ts';
import type { ClientHello, ServerTlsEngine, SimFile } from '../../../src/engine/tls/types.ts';
import { steppingClock } from '../../../src/engine/world/clock.ts';
import { sequentialIds } from '../../../src/engine/world/ids.ts';
import type { ServerOutput } from '../../../src/engine/world/network.ts';
import { serviceParams } from './corpus/params.ts';
import { PYTHON_HELLO, scenarioFiles } from './corpus/replay.ts';
import type { ConfigDelta } from './corpus/scenario.ts';

export interface Lab {
  readonly start: SmtpdStart;
  /** smtpd log texts (without program and PID). */
  readonly log: string[];
  readonly enqueued: QueuedMessage[];
  readonly sleeps: number[];
  connect(name?: string, addr?: string): Conversation;
}

export interface Conversation {
  readonly session: SmtpdSession;
  /** The banner (or '' in wrapper mode), as lines. */
  readonly banner: string[];
  /** Sends raw bytes; returns the reply lines. */
  raw(bytes: string): string[];
  /** Sends one command line (CRLF added). */
  send(line: string): string[];
  /** The recorder's TLS handshake (Python ssl, TLSv1.3). */
  tls(hello?: ClientHello): string[];
  close(): void;
  readonly closed: boolean;
}

function lines(o: ServerOutput): string[] {
  if (o.data === '') return [];
  const l = o.data.split('\r\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/**
 * An smtpd process for `service` with the corpus base configuration, the given main.cf changes and
 * master.cf -o overrides (the same defaults as the corpus replay).
 */
export function lab(
  opts: {
    service?: string;
    main?: Readonly<Record<string, string>>;
    overrides?: Readonly<Record<string, string>>;
    tls?: ServerTlsEngine;
    files?: Readonly<Record<string, SimFile>>;
  } = {},
): Lab {
  const service = opts.service ?? 'smtp';
  const delta: ConfigDelta = {
    main: Object.entries(opts.main ?? {}),
    master: [{ service, overrides: Object.entries(opts.overrides ?? {}) }],
    notes: [],
  };
  const { view } = serviceParams(delta, service);
  const files = scenarioFiles(delta);
  for (const [p, f] of Object.entries(opts.files ?? {})) files.set(p, f);
  const log: string[] = [];
  const enqueued: QueuedMessage[] = [];
  const sleeps: number[] = [];
  const ids = sequentialIds(4000);
  const start = startSmtpd({
    params: view,
    service,
    program: `${view.get('syslog_name')}/smtpd`,
    pid: ids.nextPid(),
    log: (_p, _pid, text) => log.push(text),
    clock: steppingClock(Date.UTC(2026, 11, 1, 7, 0, 0), 1000),
    ids,
    tls: opts.tls ?? serverTls,
    files: (p) => files.get(p),
    sasl: corpusSasldb(),
    isLocalRecipient: localRecipientsFrom((p) => files.get(p)),
    enqueue: (m) => enqueued.push(m),
    sleep: (ms) => sleeps.push(ms),
  });
  return {
    start,
    log,
    enqueued,
    sleeps,
    connect(name = 'localhost', addr = '127.0.0.1') {
      if (!start.ok) throw new Error(`smtpd did not start: ${start.fatal}`);
      const session = start.accept({ name, addr });
      let closed = false;
      const take = (o: ServerOutput): string[] => {
        closed = o.closed;
        return lines(o);
      };
      const banner = take(session.open());
      return {
        session,
        banner,
        raw: (bytes) => take(session.receive(bytes)),
        send: (line) => take(session.receive(`${line}\r\n`)),
        tls: (hello = PYTHON_HELLO) => take(session.handshake(hello).output),
        close: () => session.clientClosed(),
        get closed() {
          return closed;
        },
      };
    },
  };
}

/** base64 of `\0user\0password` (AUTH PLAIN). */
export function plain(user: string, password: string): string {
  return btoa(`\0${user}\0${password}`);
}
