/**
 * Telnet's wait for the world's outbound code (the mail queue: engine/world/lab-queue.ts, and smtpd's
 * commands beyond a first look: engine/smtpd/commands/mail-commands.ts), which the browser fetches apart.
 * smtpd hands mail to the queue synchronously at the end of a message (after DATA or BDAT) and at the end
 * of a session or an RSET-like reset after errors of a `notify_classes` class (the postmaster notice); its
 * MAIL, RCPT, AUTH, VRFY, ETRN... come with that code. So before a line that is not one of EHLO, HELO,
 * STARTTLS, NOOP, RSET or QUIT, and before anything (a line, a close, EOF, an interrupt) once the server
 * has answered with an error (4xx/5xx: every error smtpd counts answers so), the session waits until the
 * code is here; once the server has said yes to STARTTLS, only the latter (what follows is the handshake's). Meanwhile the session reads nothing (`waiting`:
 * telnet tells the shell, which keeps the keys typed meanwhile, unechoed, and hands them on at `onResume`;
 * if the session ends first, they go to the prompt as typed-ahead text does); an interrupt or a close that
 * comes meanwhile waits behind the held line, in order. All of it then runs as it would have run at once:
 * the same bytes to the same server, so the same replies and log.
 * An error answer, or any line but a first EHLO/HELO, also starts the fetch in the background, so that what
 * smtpd does on its own later (a timeout that ends the session) finds the code here. In Node the code is
 * always here and nothing ever waits.
 */
import type { ServerOutput } from '../../../engine/world/network.ts';

export interface OutboundSource {
  /** Whether the outbound code is here. */
  readonly ready: () => boolean;
  /** Fetches it (settles when it is here, or failed). */
  readonly load: () => Promise<unknown>;
}

/**
 * A line whose first word (smtpd's tokenizer: words end at white space) is a command smtpd runs without the
 * outbound code; any other line may need it (an unknown word, an empty line, a blank one: the code, to be safe).
 */
const WITHOUT_OUTBOUND = /^[ \t]*(?:EHLO|HELO|STARTTLS|NOOP|RSET|QUIT)(?:[ \t][^\x1d\r\n]*)?\r?\n?$/i;
/** smtpd's yes to STARTTLS (corpus p25-may-starttls): what the client sends next is a TLS handshake. */
const READY_FOR_TLS = /(?:^|\n)220 2\.0\.0 Ready to start TLS\r?$/m;
/** What a first look at a server sends (`telnet localhost 25`, EHLO): no reason to fetch anything. */
const GREETING = /^\s*(?:EHLO|HELO)\s/i;
/** An error answer (`4xx` or `5xx`, first or only line of a reply). */
const ERROR_REPLY = /(?:^|\n)[45]\d\d(?:[ -]|\r?$)/m;

/**
 * Another rule for what must wait (the servers' TLS code: telnet's TLS gate): `needs` is asked for each line
 * (null: a close, EOF or interrupt) in order; the server's answers are not looked at and nothing is fetched
 * in the background.
 */
export interface GateRule {
  readonly needs: (line: string | null) => boolean;
}

export class OutboundGate {
  readonly #source: OutboundSource;
  readonly #rule: GateRule | null;
  /** What waits for the code, in order; null while nothing waits. */
  #held: (() => void)[] | null = null;
  /** The server answered with an error on this connection: from now on everything may reach the queue. */
  #errorSeen = false;
  /**
   * The server said yes to STARTTLS: what follows is the TLS handshake's, not commands (telnet's lines fail it,
   * and the session ends as it did before).
   */
  #afterStarttls = false;
  #disposed = false;
  readonly #onResume: () => void;

  /** `onResume`: what waited has run and the session reads again (not called once it is disposed). */
  constructor(source: OutboundSource, onResume: () => void = () => {}, rule?: GateRule) {
    this.#source = source;
    this.#onResume = onResume;
    this.#rule = rule ?? null;
  }

  /** Looks at what the server wrote (returns it unchanged). */
  watch(out: ServerOutput): ServerOutput {
    if (READY_FOR_TLS.test(out.data)) this.#afterStarttls = true;
    if (this.#rule === null && !this.#errorSeen && ERROR_REPLY.test(out.data)) {
      this.#errorSeen = true;
      this.#prefetch();
    }
    return out;
  }

  #prefetch(): void {
    if (!this.#source.ready()) this.#source.load().catch(() => {});
  }

  /** Whether sending `line` (or closing, for null) may put mail in the queue now or later in this session. */
  #needs(line: string | null): boolean {
    if (this.#rule !== null) return this.#rule.needs(line);
    if (this.#errorSeen) return true;
    return line !== null && !this.#afterStarttls && !WITHOUT_OUTBOUND.test(line);
  }

  /**
   * Runs `fn` (what the session does with a line, or with a close/EOF/interrupt when `line` is null) now,
   * or after what already waits, or, when it needs the outbound code and that is not here, once it is.
   */
  run(line: string | null, fn: () => void): void {
    if (this.#disposed) return;
    if (this.#held !== null) {
      this.#held.push(fn);
      return;
    }
    if (this.#source.ready()) {
      fn();
      return;
    }
    if (!this.#needs(line)) {
      if (this.#rule === null && line !== null && !GREETING.test(line)) this.#prefetch();
      fn();
      return;
    }
    this.#hold(fn);
  }

  /** Runs `fn` once the code is here (now, if it is), after what already waits. */
  whenReady(fn: () => void): void {
    if (this.#disposed) return;
    if (this.#held !== null) this.#held.push(fn);
    else if (this.#source.ready()) fn();
    else this.#hold(fn);
  }

  #hold(fn: () => void): void {
    this.#held = [fn];
    // A failed fetch (the page lost its network): go on anyway; a line that does reach the queue then
    // ends the connection as a server failure would.
    const drain = (): void => {
      const held = this.#held ?? [];
      this.#held = null;
      for (const f of held) {
        if (this.#disposed) return;
        f();
      }
      if (!this.#disposed) this.#onResume();
    };
    this.#source.load().then(drain, drain);
  }

  /** True while input waits for the code. */
  get waiting(): boolean {
    return this.#held !== null;
  }

  /** The session ended: what waits is dropped. */
  dispose(): void {
    this.#disposed = true;
    this.#held = null;
  }
}
