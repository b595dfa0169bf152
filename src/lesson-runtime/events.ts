/**
 * LabEvents: what the learner did and saw in a lesson's lab, recorded as it happens, for the `seen`
 * predicates and the handshake diagram. It listens on two hooks and changes nothing: the shell's
 * observer (command lines, programs, what they printed, lines typed in interactive sessions) and the
 * network's connection observer (SMTP lines both ways, TLS handshakes, for the learner's clients and
 * for Postfix's own outgoing deliveries).
 */
import type { ConnectionInfo, ConnectionObserver, ConnectionTap } from '../engine/world/sim-network.ts';
import type { ClientHello, HandshakeMessageType, ServerHandshake } from '../engine/tls/types.ts';
import type { ShellObserver } from '../shell/shell.ts';

/** Kept per list; the oldest entries go first (a long session stays small). */
const MAX_ENTRIES = 5000;

export interface CommandRecord {
  readonly line: string;
  /** Each program the line started, in order (argv as expanded). */
  readonly argv: (readonly string[])[];
  status: number | null;
}

export interface OutputLine {
  /** The program that printed it (basename of argv[0]), or null. */
  readonly program: string | null;
  /** The program's first argument (`s_client` for openssl), for matching `openssl s_client`. */
  readonly sub: string | null;
  /** The line, without CR/LF or terminal escape sequences. */
  readonly text: string;
}

export interface TypedLine {
  readonly program: string | null;
  readonly line: string;
}

export interface ReplyRecord {
  readonly port: number;
  readonly service: string | null;
  readonly code: number;
  /** The whole reply line, e.g. `530 5.7.0 Must issue a STARTTLS command first`. */
  readonly line: string;
}

export interface HandshakeEvent {
  readonly client: 'learner' | 'postfix';
  readonly port: number;
  readonly service: string | null;
  readonly ok: boolean;
  readonly version: string | null;
  readonly cipher: string | null;
  readonly alert: { readonly from: 'client' | 'server'; readonly code: number; readonly description: string } | null;
}

export type ConnectionStep =
  | { readonly kind: 'smtp'; readonly from: 'client' | 'server'; readonly text: string }
  | {
      readonly kind: 'tls';
      readonly from: 'client' | 'server';
      readonly flight: 'ClientHello' | 'ServerHello' | 'Certificate' | 'Finished' | 'Alert';
      readonly detail?: string;
    }
  | { readonly kind: 'note'; readonly text: string };

/** One connection, for the handshake diagram (course contract). */
export interface ConnectionRecord {
  readonly client: string;
  readonly server: { readonly host: string; readonly port: number; readonly service?: string };
  readonly steps: ConnectionStep[];
  outcome: { tls: null | { version: string; cipher: string }; failure?: string };
}

const DIAGRAM_FLIGHTS: ReadonlySet<HandshakeMessageType> = new Set(['ClientHello', 'ServerHello', 'Certificate', 'Finished', 'Alert']);

/** Terminal escape sequences and control characters other than tab. */
const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f]/g;

function cleanLine(s: string): string {
  return s.replace(ESCAPES, '');
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function push<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
}

export const READY_TO_START_TLS = /^220 2\.0\.0 Ready to start TLS$/;

export class LabEvents {
  readonly commands: CommandRecord[] = [];
  readonly output: OutputLine[] = [];
  readonly typed: TypedLine[] = [];
  readonly replies: ReplyRecord[] = [];
  readonly handshakes: HandshakeEvent[] = [];
  /** The learner typed a line in telnet after `220 2.0.0 Ready to start TLS`. */
  typedAfterStarttlsInTelnet = false;
  lastConnection: ConnectionRecord | null = null;
  lastDelivery: ConnectionRecord | null = null;
  /** Bumped on every recorded event: a cheap "has anything happened" for the UI. */
  revision = 0;

  #program: string | null = null;
  #sub: string | null = null;
  #partial = '';
  #command: CommandRecord | null = null;

  /** The hook for createLabShell({ observer }). */
  readonly shellObserver: ShellObserver = {
    commandStart: (line) => {
      this.#flush();
      this.#command = { line, argv: [], status: null };
      push(this.commands, this.#command);
      this.revision++;
    },
    programStart: (argv) => {
      this.#flush();
      this.#program = baseName(argv[0] ?? '') || null;
      this.#sub = argv[1] ?? null;
      this.#command?.argv.push([...argv]);
      this.revision++;
    },
    output: (text) => {
      const lines = (this.#partial + text).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const l of lines) push(this.output, { program: this.#program, sub: this.#sub, text: cleanLine(l) });
      this.revision++;
    },
    sessionInput: (line) => {
      push(this.typed, { program: this.#program, line: line.replace(/\r?\n$/, '') });
      this.revision++;
    },
    commandEnd: (status) => {
      this.#flush();
      if (this.#command !== null) this.#command.status = status;
      this.#command = null;
      this.#program = null;
      this.#sub = null;
      this.revision++;
    },
  };

  /** The hook for world.network.observe(). */
  readonly connectionObserver: ConnectionObserver = (info) => this.#connection(info);

  /** Output still waiting for its newline goes in as a line of its own. */
  #flush(): void {
    if (this.#partial === '') return;
    push(this.output, { program: this.#program, sub: this.#sub, text: cleanLine(this.#partial) });
    this.#partial = '';
  }

  #connection(info: ConnectionInfo): ConnectionTap {
    const learner = info.client === 'learner';
    const program = learner
      ? this.#program === 'openssl' && this.#sub !== null
        ? `openssl ${this.#sub}`
        : (this.#program ?? 'client')
      : 'postfix/smtp';
    const rec: ConnectionRecord = {
      client: program,
      server: { host: info.host, port: info.port, ...(info.service === null ? {} : { service: info.service }) },
      steps: [],
      outcome: { tls: null },
    };
    if (learner) this.lastConnection = rec;
    else this.lastDelivery = rec;
    this.revision++;
    let serverPartial = '';
    let clientPartial = '';
    let readySeen = false;
    const telnet = learner && this.#program === 'telnet';
    return {
      fromServer: (data, closed) => {
        const lines = (serverPartial + data).split('\n');
        serverPartial = lines.pop() ?? '';
        for (const raw of lines) {
          const line = raw.replace(/\r$/, '');
          rec.steps.push({ kind: 'smtp', from: 'server', text: line });
          const m = /^(\d{3})[ -]/.exec(line);
          if (m !== null && learner) push(this.replies, { port: info.port, service: info.service, code: Number(m[1]), line });
          if (READY_TO_START_TLS.test(line)) readySeen = true;
          if (/^454 4\.7\.0 TLS not available due to local problem/.test(line)) rec.outcome.failure = line;
        }
        if (closed) rec.steps.push({ kind: 'note', text: 'The server closed the connection.' });
        this.revision++;
      },
      fromClient: (bytes) => {
        if (telnet && readySeen && rec.outcome.tls === null) this.typedAfterStarttlsInTelnet = true;
        const lines = (clientPartial + bytes).split('\n');
        clientPartial = lines.pop() ?? '';
        for (const raw of lines) rec.steps.push({ kind: 'smtp', from: 'client', text: raw.replace(/\r$/, '') });
        this.revision++;
      },
      handshake: (hello, result) => {
        this.#handshake(info, rec, hello, result);
        this.revision++;
      },
      clientClosed: () => {
        rec.steps.push({ kind: 'note', text: 'The client closed the connection.' });
        this.revision++;
      },
    };
  }

  #handshake(info: ConnectionInfo, rec: ConnectionRecord, hello: ClientHello, result: ServerHandshake): void {
    const r = result.record;
    if (hello.kind === 'plaintext') {
      rec.steps.push({ kind: 'note', text: 'The client sent plaintext where the TLS ClientHello belongs.' });
      if (!result.ok && (r === undefined || r.failure !== null)) rec.outcome.failure = 'plaintext instead of a TLS handshake';
      return;
    }
    if (r !== undefined) {
      for (const m of r.messages) {
        if (!DIAGRAM_FLIGHTS.has(m.type)) continue;
        const flight = m.type as 'ClientHello' | 'ServerHello' | 'Certificate' | 'Finished' | 'Alert';
        const detail = m.type === 'ClientHello' && r.offered.length > 0 ? `offers ${r.offered.join(', ')}` : m.detail;
        rec.steps.push({ kind: 'tls', from: m.from, flight, ...(detail === '' ? {} : { detail }) });
      }
    } else {
      rec.steps.push({ kind: 'tls', from: 'client', flight: 'ClientHello', detail: `offers ${hello.minVersion} to ${hello.maxVersion}` });
    }
    const alert = r?.alert ?? null;
    if (result.ok) rec.outcome.tls = { version: result.session.version, cipher: result.session.cipher };
    else rec.outcome.failure = alert !== null ? `alert ${alert.code}: ${alert.description}` : (r?.failure ?? 'handshake failed');
    push(this.handshakes, {
      client: info.client,
      port: info.port,
      service: info.service,
      ok: result.ok,
      version: result.ok ? result.session.version : null,
      cipher: result.ok ? result.session.cipher : null,
      alert: alert === null ? null : { from: alert.from, code: alert.code, description: alert.description },
    });
  }

  /** Every output line, oldest first, including one still waiting for its newline. */
  outputLines(): readonly OutputLine[] {
    if (this.#partial === '') return this.output;
    return [...this.output, { program: this.#program, sub: this.#sub, text: cleanLine(this.#partial) }];
  }
}
