import type { QueuedMessage } from '../../../../src/engine/queue/queued-message.ts';
import { localRecipientsFrom } from '../../../../src/engine/smtpd/local-recipients.ts';
import { corpusSasldb } from '../../../../src/engine/smtpd/sasl/sasl-db.ts';
import { startSmtpd, type SmtpdStart } from '../../../../src/engine/smtpd/smtpd.ts';
import type { SmtpdSession } from '../../../../src/engine/smtpd/session.ts';
import type { ClientHello, ServerTlsEngine, SimFile } from '../../../../src/engine/tls/types.ts';
import { normalize as corpusNormalize } from '../../../../src/corpus/normalize.ts';
import { LAB_TLS_FILES } from '../../../../src/engine/tls/data/lab-pki.ts';
import { steppingClock } from '../../../../src/engine/world/clock.ts';
import { sequentialIds } from '../../../../src/engine/world/ids.ts';
import type { ServerOutput } from '../../../../src/engine/world/network.ts';
import { SERVICE_FOR_PORT, serviceParams } from './params.ts';
import type { ConfigDelta, Scenario } from './scenario.ts';

/** `# TLS handshake complete` in a transcript: the recorder's Python ssl client. */
export const PYTHON_HELLO: ClientHello = {
  kind: 'tls',
  client: 'python-ssl',
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  secLevel0: false,
};

/** The corpus machine's files as smtpd sees them, with the scenario's changes (base/notes.txt, config.txt notes). */
export function scenarioFiles(config: ConfigDelta): Map<string, SimFile> {
  const files = new Map<string, SimFile>([
    ...Object.entries(LAB_TLS_FILES),
    ['/etc/passwd', { content: 'root:x:0:0:root:/root:/bin/bash\npostfix:x:101:104::/var/spool/postfix:/usr/sbin/nologin\n', mode: 0o644 }],
    ['/etc/aliases', { content: '# See man 5 aliases for format\npostmaster:    root\n', mode: 0o644 }],
  ]);
  for (const note of config.notes) {
    const garbage = /^(\S+) contains the single line '(.*)'$/.exec(note);
    if (garbage !== null) files.set(garbage[1] ?? '', { content: `${garbage[2] ?? ''}\n`, mode: 0o600 });
    const chmod = /^chmod (\d+) (\S+)/.exec(note);
    if (chmod !== null) {
      const f = files.get(chmod[2] ?? '');
      if (f !== undefined) files.set(chmod[2] ?? '', { content: f.content, mode: parseInt(chmod[1] ?? '0', 8) });
    }
  }
  return files;
}

export interface ConnectionResult {
  readonly title: string;
  readonly expected: readonly string[];
  readonly actual: readonly string[];
}

export interface ReplayResult {
  readonly connections: readonly ConnectionResult[];
  /** smtpd log lines as `program[<PID>]: text`, normalized as the corpus is (queue IDs, hex dumps...). */
  readonly log: readonly string[];
  /** The corpus smtpd lines of the connections replayed (and the process start lines before them). */
  readonly expectedLog: readonly string[];
  readonly enqueued: readonly QueuedMessage[];
  readonly starts: ReadonlyMap<string, SmtpdStart>;
}

function outputLines(o: ServerOutput): string[] {
  if (o.data === '') return [];
  const lines = o.data.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines of a client packet, as the transcript shows them (one `C:` line each). */
function packetLineCount(p: string): number {
  const n = p.split('\n').length - 1;
  return p.endsWith('\n') ? n : n + 1;
}

/** Drives smtpd through a recorded scenario: client packets from wire.txt, TLS handshakes and closes from the transcript. */
export function replay(s: Scenario, tls: ServerTlsEngine): ReplayResult {
  const log: string[] = [];
  const issued: string[] = [];
  const baseIds = sequentialIds(16888);
  const ids = {
    nextPid: () => baseIds.nextPid(),
    nextQueueId: () => {
      const id = baseIds.nextQueueId();
      issued.push(id);
      return id;
    },
  };
  const files = scenarioFiles(s.config);
  const enqueued: QueuedMessage[] = [];
  const clock = steppingClock(Date.UTC(2026, 11, 1, 7, 8, 10), 0);
  const starts = new Map<string, SmtpdStart>();
  const connections: ConnectionResult[] = [];
  let packet = 0;
  let sessions = 0;

  for (const conn of s.connections) {
    const service = SERVICE_FOR_PORT[conn.port] ?? `port-${conn.port}`;
    let start = starts.get(service);
    if (start === undefined) {
      const { view } = serviceParams(s.config, service);
      const program = `${view.get('syslog_name')}/smtpd`;
      start = startSmtpd({
        params: view,
        service,
        program,
        pid: ids.nextPid(),
        log: (prog, pid, text) => log.push(`${prog}[${pid}]: ${text}`),
        clock,
        ids,
        tls,
        files: (p) => files.get(p),
        sasl: corpusSasldb(),
        isLocalRecipient: localRecipientsFrom((p) => files.get(p)),
        enqueue: (m) => enqueued.push(m),
      });
      starts.set(service, start);
    }
    const expected = conn.events.flatMap((e) => (e.kind === 'server' ? [e.text] : []));
    const actual: string[] = [];
    /** Calls `send` with each client packet of this connection, as the transcript's C: lines use them up. */
    const packets = (send: (bytes: string) => void, onTls: () => void): void => {
      let linesLeft = 0;
      for (const e of conn.events) {
        if (e.kind === 'tls') onTls();
        else if (e.kind === 'client') {
          if (linesLeft > 0) {
            linesLeft--;
            continue;
          }
          const bytes = s.clientPackets[packet++] ?? '';
          linesLeft = packetLineCount(bytes) - 1;
          send(bytes);
        }
      }
    };
    if (!start.ok) {
      // A dead service: the TCP connection is accepted by the kernel, nothing ever answers (corpus invalid-level-maybe).
      packets(
        () => undefined,
        () => undefined,
      );
      connections.push({ title: conn.title, expected, actual });
      continue;
    }
    sessions++;
    const session: SmtpdSession = start.accept({ name: 'localhost', addr: '127.0.0.1' });
    let closed = false;
    let awaitingTls = start.process.settings.tls.wrapper;
    const collect = (o: ServerOutput): void => {
      const lines = outputLines(o);
      actual.push(...lines);
      if (lines[lines.length - 1] === '220 2.0.0 Ready to start TLS') awaitingTls = true;
      closed = o.closed;
    };
    collect(session.open());
    packets(
      (bytes) => {
        if (closed) return; // written to a connection the server already closed
        if (awaitingTls) collect(session.handshake({ kind: 'plaintext', bytes }).output);
        else collect(session.receive(bytes));
      },
      () => {
        collect(session.handshake(PYTHON_HELLO).output);
        awaitingTls = false;
      },
    );
    if (!closed) session.clientClosed();
    connections.push({ title: conn.title, expected, actual });
  }

  const normalize = (l: string): string => issued.reduce((acc, id) => acc.split(id).join('<QUEUEID>'), l);
  const smtpdLines = s.log
    .filter((l) => /^<TIMESTAMP> \S+ postfix\/(?:\S+\/)?smtpd\[/.test(l))
    .map((l) => l.replace(/^<TIMESTAMP> \S+ /, ''));
  // Keep the corpus lines up to the last replayed session's `disconnect from` (some scenarios add s_client runs after).
  let seen = 0;
  let cut = smtpdLines.length;
  for (let i = 0; i < smtpdLines.length; i++) {
    if (/\]: disconnect from /.test(smtpdLines[i] ?? '') && ++seen === sessions) {
      cut = i + 1;
      break;
    }
  }
  return {
    connections: connections.map((c) => ({ ...c, actual: c.actual.map(normalize) })),
    // The corpus normalizer for what varies (PIDs, hex dumps, ticket expiry), after our own queue IDs.
    log: corpusNormalize(log.map(normalize).join('\n'))
      .split('\n')
      .filter((l) => l !== ''),
    expectedLog: smtpdLines.slice(0, cut),
    enqueued,
    starts,
  };
}
