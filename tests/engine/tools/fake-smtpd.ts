import { mapView } from '../../../src/engine/config/parameter-view.ts';
import { LAB_TLS_FILES } from '../../../src/engine/tls/data/lab-pki.ts';
import { serverHandshakeLost } from '../../../src/engine/tls/server-engine.ts';
import { serverTls } from '../../../src/engine/tls/server-tls.ts';
import type { ClientHello, ServerHandshake, ServerTlsContext, TlsSession } from '../../../src/engine/tls/types.ts';
import type { ConnectResult, Network, ServerEndpoint, ServerOutput } from '../../../src/engine/world/network.ts';

/**
 * A small stand-in for the lab's smtpd, answering as the corpus's Postfix does (corpus p25-level-may,
 * submission-587-auth-only, submissions-465-wrappermode transcripts), and calling the real
 * serverTls.handshake. Only what the s_client and posttls-finger tests need.
 */
export interface FakeService {
  readonly port: number;
  /** smtpd_tls_security_level of the service. */
  readonly level: 'none' | 'may' | 'encrypt';
  readonly wrapper?: boolean;
  readonly sasl?: boolean;
  /** Listen on this address instead of 127.0.0.1 (the corpus's STARTTLS-stripping proxy is 127.0.0.3). */
  readonly address?: string;
  /** Delete STARTTLS from EHLO replies, as the corpus's StripProxy does (more/README). */
  readonly stripStarttls?: boolean;
  /** main.cf values on top of the lab's base (corpus base/main.cf). */
  readonly params?: Readonly<Record<string, string>>;
}

const BASE: Readonly<Record<string, string>> = {
  smtpd_tls_cert_file: '/etc/postfix/tls/mail.example.org.crt',
  smtpd_tls_key_file: '/etc/postfix/tls/mail.example.org.key',
  smtpd_tls_loglevel: '1',
};

const EHLO_WORDS = ['PIPELINING', 'SIZE 10240000', 'VRFY', 'ETRN'];
const EHLO_TAIL = ['ENHANCEDSTATUSCODES', '8BITMIME', 'DSN', 'SMTPUTF8', 'CHUNKING'];
const NOTHING: ServerOutput = { data: '', closed: false };

export class FakeSmtpd implements ServerEndpoint {
  readonly #svc: FakeService;
  readonly #ctx: ServerTlsContext | null;
  readonly #log: string[];
  #tls: TlsSession | null = null;
  #awaiting = false;
  #closed = false;

  constructor(svc: FakeService, log: string[]) {
    this.#svc = svc;
    this.#log = log;
    const enforce = svc.level === 'encrypt' || svc.wrapper === true;
    const init = serverTls.init(mapView({ ...BASE, ...svc.params }), { enforce, files: (p) => LAB_TLS_FILES[p] });
    log.push(...init.warnings);
    this.#ctx = init.context;
    log.push('connect from localhost[127.0.0.1]');
    if (svc.wrapper === true) this.#awaiting = true;
  }

  get tls(): TlsSession | null {
    return this.#tls;
  }

  open(): ServerOutput {
    return this.#svc.wrapper === true ? NOTHING : { data: '220 mail.example.org ESMTP Postfix\r\n', closed: false };
  }

  #ehlo(): string {
    const words = [...EHLO_WORDS];
    if (this.#tls === null && this.#svc.level !== 'none' && this.#svc.stripStarttls !== true) words.push('STARTTLS');
    if (this.#svc.sasl === true && (this.#tls !== null || this.#svc.level === 'may')) words.push('AUTH PLAIN LOGIN');
    const all = ['mail.example.org', ...words, ...EHLO_TAIL];
    return all.map((w, i) => `250${i < all.length - 1 ? '-' : ' '}${w}\r\n`).join('');
  }

  receive(bytes: string): ServerOutput {
    if (this.#closed) return { data: '', closed: true };
    if (this.#awaiting) {
      this.#closed = true;
      return { data: '', closed: true };
    }
    let out = '';
    for (const raw of bytes.split(/\n/).slice(0, -1)) {
      const cmd = raw.replace(/\r$/, '');
      const u = cmd.toUpperCase();
      if (u.startsWith('EHLO')) out += this.#ehlo();
      else if (u === 'STARTTLS') {
        if (this.#svc.level === 'none') out += '502 5.5.1 Error: command not implemented\r\n';
        else if (this.#ctx === null) out += '454 4.7.0 TLS not available due to local problem\r\n';
        else {
          out += '220 2.0.0 Ready to start TLS\r\n';
          this.#awaiting = true;
          return { data: out, closed: false };
        }
      } else if (u.startsWith('AUTH')) out += '235 2.7.0 Authentication successful\r\n';
      else if (u.startsWith('MAIL')) out += '250 2.1.0 Ok\r\n';
      else if (u.startsWith('RCPT')) out += '250 2.1.5 Ok\r\n';
      else if (u === 'QUIT') {
        this.#closed = true;
        this.#log.push('disconnect from localhost[127.0.0.1]');
        return { data: `${out}221 2.0.0 Bye\r\n`, closed: true };
      } else out += '500 5.5.2 Error: command not recognized\r\n';
    }
    return { data: out, closed: false };
  }

  handshake(hello: ClientHello): { readonly result: ServerHandshake; readonly output: ServerOutput } {
    if (!this.#awaiting || this.#ctx === null) return { result: { ok: false, log: [] }, output: NOTHING };
    this.#awaiting = false;
    const result = serverTls.handshake(this.#ctx, hello, {
      loglevel: 1,
      peer: 'localhost[127.0.0.1]',
      now: Date.UTC(2026, 11, 1, 7, 10, 14),
    });
    this.#log.push(...result.log);
    if (!result.ok) {
      this.#closed = true;
      return { result, output: { data: '', closed: true } };
    }
    this.#tls = result.session;
    return { result, output: this.#svc.wrapper === true ? { data: '220 mail.example.org ESMTP Postfix\r\n', closed: false } : NOTHING };
  }

  clientClosed(): void {
    if (!this.#closed) {
      if (this.#awaiting && this.#svc.wrapper === true) this.#log.push(...serverHandshakeLost('localhost[127.0.0.1]'));
      this.#log.push('lost connection');
    }
    this.#closed = true;
  }
}

/** A network with the lab's services on 127.0.0.1 (`localhost` and `mail.example.org` resolve to it). */
export class FakeNetwork implements Network {
  readonly log: string[] = [];
  readonly #services: readonly FakeService[];

  constructor(services: readonly FakeService[]) {
    this.#services = services;
  }

  resolve(host: string): string | null {
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
    return ['localhost', 'mail.example.org'].includes(host) ? '127.0.0.1' : null;
  }

  connect(host: string, port: number): ConnectResult {
    const address = this.resolve(host);
    if (address === null) return { ok: false, address: null, error: 'unknown-host' };
    const svc = this.#services.find((s) => s.port === port && (s.address ?? '127.0.0.1') === address);
    if (svc === undefined && !this.#services.some((s) => (s.address ?? '127.0.0.1') === address))
      return { ok: false, address, error: 'unreachable' };
    if (svc === undefined) return { ok: false, address, error: 'refused' };
    return { ok: true, address, endpoint: new FakeSmtpd(svc, this.log) };
  }
}

/** The corpus lab: port 25 at may, 587 the article's submission service, 465 submissions in wrapper mode. */
export function labNetwork(port25: Partial<FakeService> = {}): FakeNetwork {
  return new FakeNetwork([
    { port: 25, level: 'may', ...port25 },
    { port: 587, level: 'encrypt', sasl: true },
    { port: 465, level: 'encrypt', wrapper: true, sasl: true },
  ]);
}
