import type { ClientHello, RemoteTlsServer, ServerHandshake, TlsSession } from '../tls/types.ts';
import { remoteServerHandshake } from '../tls/remote-server.ts';
import type { ServerEndpoint, ServerOutput } from '../world/network.ts';
import {
  MX_BYE,
  MX_DATA_GO,
  MX_EHLO_AFTER_STARTTLS,
  MX_EHLO_BEFORE_STARTTLS,
  MX_EHLO_STARTTLS,
  MX_MAIL_OK,
  MX_OK,
  MX_RCPT_OK,
  MX_STARTTLS_READY,
  MX_UNKNOWN,
  mxBanner,
  mxHelo,
  mxQueued,
} from './replies.ts';

/** One listening port of a simulated remote MX, described by data so lessons can add hosts. */
export interface RemoteMxSpec {
  readonly kind?: 'mx';
  /** The address it listens on, e.g. `127.0.0.2`. */
  readonly address: string;
  readonly port: number;
  /** The name in its banner and EHLO reply, e.g. `mx.example.net`. */
  readonly hostname: string;
  /** Whether EHLO lists STARTTLS (corpus: 2526 yes, 2527 no). */
  readonly starttls: boolean;
  /** What it presents when a client starts TLS. */
  readonly tls: RemoteTlsServer;
}

/** A message the remote MX accepted, for lessons that show "what the other side received". */
export interface ReceivedByMx {
  readonly queueId: string;
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The DATA lines as they came over the wire (no CRLF, still dot-stuffed). */
  readonly data: readonly string[];
  readonly tls: TlsSession | null;
}

/** A remote endpoint also says what TLS it would present, so the smtp client can model its side. */
export interface RemoteServerEndpoint extends ServerEndpoint {
  readonly remoteTls: RemoteTlsServer;
}

export function isRemoteServerEndpoint(ep: ServerEndpoint): ep is RemoteServerEndpoint {
  return 'remoteTls' in ep;
}

const NOTHING: ServerOutput = { data: '', closed: false };
const CLOSED: ServerOutput = { data: '', closed: true };

/** The listener's state shared by all its connections: the RX message counter and what it received. */
export class FakeMxListener {
  readonly spec: RemoteMxSpec;
  #count: number;
  readonly #received: ReceivedByMx[] = [];

  /** `firstNumber`: the number of the first message it accepts (RX0001 by default). */
  constructor(spec: RemoteMxSpec, firstNumber = 1) {
    this.spec = spec;
    this.#count = Math.max(0, Math.floor(firstNumber) - 1);
  }

  get received(): readonly ReceivedByMx[] {
    return this.#received;
  }

  /** Numbers the next accepted message (the corpus's `self.n += 1`). */
  nextNumber(): number {
    this.#count += 1;
    return this.#count;
  }

  record(m: ReceivedByMx): void {
    this.#received.push(m);
  }

  accept(): RemoteServerEndpoint {
    return new FakeMxSession(this);
  }
}

/**
 * One connection to the fake MX: a line-at-a-time SMTP server that answers exactly as
 * the corpus's recorder MX does (corpus pfrec.py `Receiver.handle`).
 */
class FakeMxSession implements RemoteServerEndpoint {
  readonly #listener: FakeMxListener;
  #buffer = '';
  #inData = false;
  #awaitingHandshake = false;
  #closed = false;
  #tls: TlsSession | null = null;
  #mailFrom = '';
  #rcpts: string[] = [];
  #data: string[] = [];

  constructor(listener: FakeMxListener) {
    this.#listener = listener;
  }

  get tls(): TlsSession | null {
    return this.#tls;
  }

  get remoteTls(): RemoteTlsServer {
    return this.#listener.spec.tls;
  }

  open(): ServerOutput {
    return { data: `${mxBanner(this.#listener.spec.hostname)}\r\n`, closed: false };
  }

  receive(bytes: string): ServerOutput {
    if (this.#closed) return CLOSED;
    if (this.#awaitingHandshake) {
      // Plaintext where a ClientHello belongs: Python's ssl module fails and the socket closes.
      this.#closed = true;
      return CLOSED;
    }
    this.#buffer += bytes;
    let out = '';
    for (;;) {
      const nl = this.#buffer.indexOf('\n');
      if (nl < 0) break;
      const raw = this.#buffer.slice(0, nl);
      this.#buffer = this.#buffer.slice(nl + 1);
      const reply = this.#line(raw.replace(/\r$/, ''));
      if (reply !== null) out += `${reply}\r\n`;
      if (this.#closed) return { data: out, closed: true };
      if (this.#awaitingHandshake) {
        // Bytes behind STARTTLS are not read as SMTP any more (they would be TLS records).
        this.#buffer = '';
        break;
      }
    }
    return { data: out, closed: false };
  }

  handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } {
    const spec = this.#listener.spec;
    if (!this.#awaitingHandshake || this.#closed) {
      return { result: { ok: false, log: [] }, output: this.#closed ? CLOSED : NOTHING };
    }
    this.#awaitingHandshake = false;
    // The TLS model negotiates as the MX's OpenSSL would (versions, cipher, its certificate).
    const result = remoteServerHandshake(spec.tls, hello);
    if (!result.ok) {
      this.#closed = true;
      return { result, output: CLOSED };
    }
    this.#tls = result.session;
    // After TLS the client starts again with EHLO (RFC 3207): forget the envelope.
    this.#reset();
    return { result, output: NOTHING };
  }

  clientClosed(): void {
    this.#closed = true;
  }

  #reset(): void {
    this.#mailFrom = '';
    this.#rcpts = [];
    this.#data = [];
  }

  #ehlo(): string {
    const spec = this.#listener.spec;
    const words: string[] = [spec.hostname, ...MX_EHLO_BEFORE_STARTTLS];
    if (spec.starttls && this.#tls === null) words.push(MX_EHLO_STARTTLS);
    words.push(...MX_EHLO_AFTER_STARTTLS);
    return words.map((w, i) => `250${i < words.length - 1 ? '-' : ' '}${w}`).join('\r\n');
  }

  /** One line from the client; the reply line(s) without the final CRLF, or null for none. */
  #line(t: string): string | null {
    const spec = this.#listener.spec;
    if (this.#inData) {
      if (t !== '.') {
        this.#data.push(t);
        return null;
      }
      this.#inData = false;
      const n = this.#listener.nextNumber();
      this.#listener.record({
        queueId: `RX${n.toString().padStart(4, '0')}`,
        mailFrom: this.#mailFrom,
        rcptTo: [...this.#rcpts],
        data: [...this.#data],
        tls: this.#tls,
      });
      this.#reset();
      return mxQueued(n);
    }
    const u = t.toUpperCase();
    if (u.startsWith('EHLO')) return this.#ehlo();
    if (u.startsWith('HELO')) return mxHelo(spec.hostname);
    if (u === 'STARTTLS' && spec.starttls && this.#tls === null) {
      this.#awaitingHandshake = true;
      return MX_STARTTLS_READY;
    }
    if (u.startsWith('MAIL FROM')) {
      this.#mailFrom = t.slice(10).trim();
      return MX_MAIL_OK;
    }
    if (u.startsWith('RCPT TO')) {
      this.#rcpts.push(t.slice(8).trim());
      return MX_RCPT_OK;
    }
    if (u === 'DATA') {
      this.#inData = true;
      this.#data = [];
      return MX_DATA_GO;
    }
    if (u === 'QUIT') {
      this.#closed = true;
      return MX_BYE;
    }
    if (u === 'RSET') this.#reset();
    if (u === 'RSET' || u === 'NOOP') return MX_OK;
    return MX_UNKNOWN;
  }
}
