import { remoteServerSide } from '../../tls/client-tls.ts';
import type { TlsHello } from '../../tls/client-hello.ts';
import { sClientHello } from '../../tls/client-hello.ts';
import { resolveHello } from '../../tls/resolve-hello.ts';
import { LAB_CERT } from '../../tls/data/lab-pki.ts';
import { bioDump } from '../../tls/hexdump.ts';
import { logAlert, logState, logStateError } from '../../tls/log-texts.ts';
import type { ServerSide } from '../../tls/negotiate.ts';
import { negotiate } from '../../tls/negotiate.ts';
import type { OpenSslError } from '../../tls/openssl-errors.ts';
import { ERR } from '../../tls/openssl-errors.ts';
import { ByteStream } from '../../tls/rng.ts';
import { ST } from '../../tls/state-names.ts';
import type { ClientHello, HandshakeRecord, ServerHandshake, TlsVersion } from '../../tls/types.ts';
import { LIBRARY_VERSIONS } from '../../tls/versions.ts';
import type { CertificateInfo } from '../../tls/x509/certificate.ts';
import { certificatesFromPem, commonName, nameSpaced } from '../../tls/x509/certificate.ts';
import { upperHex } from '../../tls/x509/sha256.ts';
import { isRemoteServerEndpoint } from '../../remote/fake-mx.ts';
import type { ServerEndpoint, ServerOutput } from '../../world/network.ts';
import type { SClientOptions } from './s-client-options.ts';
import { OPENSSL_HELP } from './data/openssl-help.ts';
import { parseSClientArgs } from './s-client-options.ts';
import {
  briefBlock,
  CERT_VERIFY_FAILED,
  chainEntry,
  CLOSED,
  COMPRESSION_LINES,
  CONNECTED,
  connectErrno,
  DONE,
  EARLY_DATA_NOT_SENT,
  errorLine,
  handshakeBytes,
  KEYUPDATE,
  newCipher,
  NO_CLIENT_CA,
  NO_PEER_CERT,
  NO_SERVERNAME,
  NO_STARTTLS,
  peerSigning,
  READ_R_BLOCK,
  RENEGOTIATING,
  SECURE_RENEG,
  serverPublicKey,
  sessionBlock,
  tempKeyLine,
  ticketArrived,
  verification,
  verifyDepth,
  verifyLines,
  verifyReturn,
  VERIFY_TEXT,
  writeErrno,
} from './s-client-texts.ts';
import { dgstCommand } from './dgst-cmd.ts';
import type { InspectEnv } from './inspect-io.ts';
import { keyCommand } from './key-cmd.ts';
import type { ToolEnv, ToolStep } from './tool-io.ts';
import { verifyCommand } from './verify-cmd.ts';
import { x509Command } from './x509-cmd.ts';
import { Output } from './tool-io.ts';

/** Service names BIO_lookup resolves through /etc/services (Debian's entries for mail). */
const SERVICES: Readonly<Record<string, number>> = {
  smtp: 25,
  submission: 587,
  submissions: 465,
  smtps: 465,
  ssmtp: 465,
  lmtp: 24,
  imap: 143,
  imaps: 993,
  pop3: 110,
  pop3s: 995,
};

type Phase =
  /** Not started yet. */
  | 'new'
  /** Blocked reading the server's greeting or a reply that never comes (e.g. -starttls against port 465). */
  | 'stalled'
  /** TLS is up: typed lines go to the server. */
  | 'tls'
  /** stdin is at EOF with -ign_eof: only the server can end the session now. */
  | 'draining'
  | 'done';

/** The handshake's first write failed: the connection was gone (`write:errno=32`). */
const EPIPE = 'EPIPE';
/**
 * The ClientHello went out while the connection waited in a listen queue; the process that took it died without
 * reading it, so the kernel reset the connection (`write:errno=104`; host-tools/late-close-587/rerun/sclient465.*).
 */
const ECONNRESET = 'ECONNRESET';

/** The s_client bytes that smtpd sees when s_client starts a handshake on a plaintext connection. */
const HELLO_AS_PLAINTEXT = '\u0016\u0003\u0001\u0001\u0024\u0001\u0000\u0001\u0020\u0003\u0003\u0095\u00b1\u0048\u000a';

function lines(data: string): string[] {
  const out: string[] = [];
  let rest = data;
  for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n')) {
    out.push(rest.slice(0, nl + 1));
    rest = rest.slice(nl + 1);
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** Reads SMTP reply lines as s_client's BIO_gets loop does: up to the first line whose 4th character is not '-'. */
function replyEnd(data: string): { complete: boolean; last: string } {
  let last = '';
  for (const l of lines(data)) {
    last = l;
    if (l.endsWith('\n') && !(l.length > 3 && l[3] === '-')) return { complete: true, last };
  }
  return { complete: false, last };
}

/** X509_check_host: the SAN dNSNames (the CN only when there are none), case-insensitive, `*.` for one label. */
function hostMatches(cert: CertificateInfo, name: string): boolean {
  const want = name.toLowerCase().replace(/\.$/, '');
  const names = cert.dnsNames.length > 0 ? cert.dnsNames : [commonName(cert.subject)];
  return names.some((n) => {
    const have = n.toLowerCase();
    if (have === want) return true;
    return have.startsWith('*.') && want.includes('.') && want.slice(want.indexOf('.')) === have.slice(1);
  });
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * `openssl s_client` as an interactive session (OpenSSL 3.0.22, corpus sclient-*.txt and
 * terminal/term-sclient-587-interactive): `start()` connects, runs `-starttls smtp` and the handshake and
 * returns the first screen; `input()` takes each line the user types (with its `\n`), `feed()` a chunk
 * of piped stdin, `eof()` Ctrl-D, `interrupt()` Ctrl-C. Output comes in terminal order, stdout and
 * stderr apart.
 */
export class SClientSession {
  readonly #argv: readonly string[];
  readonly #env: ToolEnv;
  readonly #out = new Output();
  #opts: SClientOptions | null = null;
  #phase: Phase = 'new';
  #ep: ServerEndpoint | null = null;
  #version: TlsVersion | null = null;
  #rng: ByteStream;
  #threadId: string;
  #cert: CertificateInfo | null = null;
  /** bio_c_out's stdio buffer when stdout is not a terminal (flushed by print_stuff and at exit). */
  #pending = '';
  #status: number | null = null;
  /**
   * What came over the socket right after the handshake (TLSv1.3 tickets, a wrapper-mode banner), shown
   * when s_client next reads the socket. On a terminal that is at once; with piped stdin, s_client
   * handles stdin first (corpus strip-inbound-sclient: `</dev/null` gives DONE and no ticket).
   */
  #deferred: { readonly bio: string; readonly data: ServerOutput } | null = null;
  /** `-starttls smtp|lmtp` stalled waiting for the greeting (a listen queue): what of it came so far. */
  #greeting: string | null = null;
  /** Without -starttls, the ClientHello went out on a connection that waits in a listen queue. */
  #helloWaits = false;

  /** `argv` is what follows `openssl s_client`. */
  constructor(argv: readonly string[], env: ToolEnv) {
    this.#argv = argv;
    this.#env = env;
    this.#rng = new ByteStream(`s_client:${env.seed ?? String(env.clock.now())}:${argv.join(' ')}`);
    this.#threadId = `40${upperHex(this.#rng.bytes(4))}7F0000`;
  }

  get running(): boolean {
    return this.#phase !== 'done';
  }

  /** The connection still waits in a listen queue for a process (what comes next comes from master's time). */
  get queued(): boolean {
    return this.#phase !== 'done' && this.#ep?.waiting === true;
  }

  start(): ToolStep {
    if (this.#phase !== 'new') return this.#out.take(null);
    const parsed = parseSClientArgs(this.#argv);
    if (parsed.kind === 'exit') {
      this.#out.stderr(parsed.stderr);
      return this.#end(parsed.status);
    }
    const o = parsed.options;
    this.#opts = o;
    if (o.verifyDepth !== null) this.#out.stderr(verifyDepth(o.verifyDepth));
    const portNumber = /^\d+$/.test(o.port) ? Number(o.port) : (SERVICES[o.port] ?? (o.port === '' ? 4433 : null));
    if (portNumber === null || portNumber > 65535) {
      this.#out.stderr(errorLine(this.#threadId, ERR.badService));
      this.#out.stderr(connectErrno(0));
      return this.#end(1);
    }
    const conn = this.#env.network.connect(o.host === '' ? 'localhost' : o.host, portNumber);
    if (!conn.ok) {
      switch (conn.error) {
        case 'refused':
          this.#out.stderr(errorLine(this.#threadId, ERR.connectRefused) + errorLine(this.#threadId, ERR.connectError) + connectErrno(111));
          break;
        case 'unknown-host':
          this.#out.stderr(errorLine(this.#threadId, ERR.lookupFailed) + connectErrno(22));
          break;
        case 'unreachable':
          this.#out.stderr(
            errorLine(this.#threadId, ERR.networkUnreachable) + errorLine(this.#threadId, ERR.connectError) + connectErrno(101),
          );
          break;
      }
      return this.#end(1);
    }
    this.#ep = conn.endpoint;
    this.#bio(CONNECTED);
    return this.#negotiate(o, conn.endpoint);
  }

  /** One line typed at the terminal, with its `\n` (cooked mode). */
  input(line: string): ToolStep {
    return this.feed(line);
  }

  /** One read of standard input: a typed line, or a whole piped text at once. */
  feed(data: string): ToolStep {
    const o = this.#opts;
    const ep = this.#ep;
    if (this.#phase !== 'tls' || o === null || ep === null || data === '') return this.#out.take(this.#status);
    // The command letters look at the first character of what one read() returned (s_client "CONNECTED COMMANDS").
    if (!o.ignEof && !o.nocommands) {
      const c = data[0];
      if (c === 'Q') {
        this.#out.stderr(DONE);
        return this.#close(0);
      }
      if (c === 'R') {
        this.#out.stderr(RENEGOTIATING);
        if (this.#version === 'TLSv1.3') {
          // terminal/term-sclient-587-interactive: TLSv1.3 cannot renegotiate, s_client gives up.
          this.#out.stderr(errorLine(this.#threadId, ERR.cannotRenegotiate));
          return this.#close(1);
        }
        if (this.#cert !== null) this.#out.stderr(verifyLines(this.#cert, this.#verifyCode(this.#cert), o.brief));
        return this.#out.take(null);
      }
      if (c === 'k' || c === 'K') {
        this.#out.stderr(KEYUPDATE);
        if (this.#version !== 'TLSv1.3') {
          this.#out.stderr(errorLine(this.#threadId, ERR.cannotRenegotiate));
          return this.#close(1);
        }
        return this.#out.take(null);
      }
    }
    const bytes = o.crlf ? data.replace(/\r?\n/g, '\r\n') : data;
    const answer = ep.receive(bytes);
    if (this.#readDeferred()) return this.#out.take(this.#status);
    return this.#serverData(answer);
  }

  /** Shows what the socket held since the handshake; true when that ended the session. */
  #readDeferred(): boolean {
    const d = this.#deferred;
    if (d === null) return false;
    this.#deferred = null;
    this.#bio(d.bio);
    this.#showServer(d.data);
    return this.#phase === 'done';
  }

  /**
   * Time passed: s_client reads what reached the socket meanwhile. A greeting it was waiting for (the
   * connection waited in a throttled service's listen queue) lets `-starttls` go on; its close is the EOF
   * the greeting read gets at once otherwise (corpus-extra reload-mastercf-broken-service).
   */
  poll(): ToolStep {
    const o = this.#opts;
    const ep = this.#ep;
    if (o === null || ep === null || ep.poll === undefined) return this.#out.take(this.#status);
    const poll = (): ServerOutput => ep.poll?.() ?? { data: '', closed: false };
    if (this.#phase === 'stalled' && this.#greeting !== null) {
      const more = poll();
      if (more.data === '' && !more.closed) return this.#out.take(null);
      const greeting: ServerOutput = { data: this.#greeting + more.data, closed: more.closed };
      this.#greeting = null;
      return this.#negotiate(o, ep, greeting);
    }
    if (this.#phase === 'stalled' && this.#helloWaits) {
      if (ep.waiting === true) return this.#out.take(null);
      this.#helloWaits = false;
      const taken = poll();
      if (taken.data === '' && taken.closed) return this.#failure(o, this.#hello(o), null, ECONNRESET, 0, 0);
      return this.#negotiate(o, ep, taken);
    }
    if (this.#phase !== 'tls' && this.#phase !== 'draining') return this.#out.take(this.#status);
    if (this.#readDeferred()) return this.#out.take(this.#status);
    return this.#serverData(poll());
  }

  /** Ctrl-D: end of standard input. */
  eof(): ToolStep {
    const o = this.#opts;
    if (this.#phase === 'done' || o === null) return this.#out.take(this.#status);
    if (this.#phase === 'tls') {
      if (!o.ignEof) {
        this.#out.stderr(DONE);
        return this.#close(0);
      }
      this.#phase = 'draining';
      this.#readDeferred();
    }
    return this.#out.take(this.#status);
  }

  /** Ctrl-C: the program dies (the shell reports status 130); the server sees the connection go. */
  interrupt(): ToolStep {
    if (this.#phase === 'done') return this.#out.take(this.#status);
    this.#ep?.clientClosed();
    this.#phase = 'done';
    this.#status = 130;
    // Killed by a signal: what stdio still buffered is lost.
    this.#pending = '';
    return this.#out.take(130);
  }

  /**
   * s_client's own stdout (bio_c_out): nothing with -quiet (a null BIO); on a terminal it shows at once,
   * into a pipe or file it waits in stdio's buffer, so the server's lines (written straight to fd 1)
   * come out first (corpus sclient-tls1_3.txt: the session ticket after `221 2.0.0 Bye`).
   */
  #bio(text: string): void {
    if (this.#opts?.quiet === true) return;
    if (this.#env.stdoutIsTty === false) this.#pending += text;
    else this.#out.stdout(text);
  }

  #flush(): void {
    this.#out.stdout(this.#pending);
    this.#pending = '';
  }

  #end(status: number): ToolStep {
    this.#phase = 'done';
    this.#status = status;
    this.#flush();
    return this.#out.take(status);
  }

  #close(status: number): ToolStep {
    this.#ep?.clientClosed();
    return this.#end(status);
  }

  #serverData(out: ServerOutput): ToolStep {
    this.#showServer(out);
    return this.#out.take(this.#status);
  }

  /** Server bytes go straight to fd 1; when the server closes, s_client says `closed` and exits 0. */
  #showServer(out: ServerOutput): void {
    this.#out.stdout(out.data);
    if (out.closed && this.#phase !== 'done') {
      this.#bio(CLOSED);
      this.#phase = 'done';
      this.#status = 0;
      this.#flush();
    }
  }

  /**
   * The verification result for the server's certificate: 0 when `-CAfile` trusts it (and it matches
   * `-verify_hostname`, else 62), 18 when nothing trusts the self-signed certificate.
   */
  #verifyCode(cert: CertificateInfo): number {
    const o = this.#opts;
    if (o === null || o.caFile === null) return 18;
    const text = this.#env.files?.(o.caFile)?.content ?? '';
    if (!certificatesFromPem(text).some((c) => c.fingerprint === cert.fingerprint)) return 18;
    if (o.verifyHostname !== null && !hostMatches(cert, o.verifyHostname)) return 62;
    return 0;
  }

  #hello(o: SClientOptions): TlsHello {
    const sni = o.noservername ? null : (o.servername ?? (!isIpAddress(o.host) && o.host.includes('.') ? o.host : null));
    return sClientHello({
      ...(o.only === null ? {} : { only: o.only }),
      without: o.without,
      ...(o.cipher === null ? {} : { cipher: o.cipher }),
      ...(sni === null ? {} : { serverName: sni }),
    });
  }

  /** `greeting`: the server's greeting when it came late (poll), instead of reading it now. */
  #negotiate(o: SClientOptions, ep: ServerEndpoint, greeting?: ServerOutput): ToolStep {
    // Without -starttls, what came on a connection that waited (s_client was already in its handshake).
    const early = o.starttls === null ? greeting : undefined;
    let readPlain = 0;
    let wrotePlain = 0;
    let lastEhloLine = '';
    const hello = this.#hello(o);
    const send = (text: string): ServerOutput => {
      wrotePlain += text.length;
      return ep.receive(text);
    };
    if (o.starttls === 'smtp' || o.starttls === 'lmtp') {
      const banner = greeting ?? ep.open();
      readPlain += banner.data.length;
      if (!banner.closed && !replyEnd(banner.data).complete) {
        this.#greeting = banner.data;
        return this.#stall();
      }
      let closed = banner.closed;
      // Closed before any greeting (a daemon that died at start): the EHLO goes out, the next write finds
      // the connection reset (EPIPE) and the handshake never starts.
      const dead = banner.closed && banner.data === '';
      let ehlo: ServerOutput = { data: '', closed };
      if (!closed) {
        ehlo = send(`${o.starttls === 'lmtp' ? 'LHLO' : 'EHLO'} ${o.protohost}\r\n`);
        readPlain += ehlo.data.length;
        closed = ehlo.closed;
        if (!closed && !replyEnd(ehlo.data).complete) return this.#stall();
      } else {
        wrotePlain += `EHLO ${o.protohost}\r\n`.length;
      }
      lastEhloLine = replyEnd(ehlo.data).last;
      if (!ehlo.data.includes('STARTTLS')) this.#out.stderr(NO_STARTTLS);
      let ready: ServerOutput = { data: '', closed };
      if (!closed) {
        ready = send('STARTTLS\r\n');
        readPlain += ready.data.length;
        closed = ready.closed;
      } else {
        wrotePlain += 'STARTTLS\r\n'.length;
      }
      if (dead) return this.#failure(o, hello, null, EPIPE, 0, `${o.starttls === 'lmtp' ? 'LHLO' : 'EHLO'} ${o.protohost}\r\n`.length);
      if (closed) return this.#failure(o, hello, null, ERR.unexpectedEof, readPlain, wrotePlain);
      if (!ready.data.startsWith('220')) {
        // STARTTLS was refused, but s_client starts TLS anyway: its ClientHello reaches smtpd as a command line.
        const answer = send(HELLO_AS_PLAINTEXT);
        wrotePlain -= HELLO_AS_PLAINTEXT.length;
        ep.clientClosed();
        const got = Math.min(5, answer.data.length);
        return this.#failure(o, hello, null, got < 5 ? ERR.unexpectedEof : ERR.wrongVersion, readPlain + got, wrotePlain);
      }
    } else if (o.starttls !== null) {
      // Other -starttls dialects are not modelled: read the greeting and go straight to TLS.
      const banner = ep.open();
      readPlain += banner.data.length;
    } else {
      const greeting = early ?? ep.open();
      if (greeting.data === '' && !greeting.closed && ep.waiting === true) {
        // The ClientHello goes out and waits with the connection for a process to read it.
        this.#helloWaits = true;
        return this.#stall();
      }
      if (greeting.data !== '') {
        // A plaintext server (port 25 without -starttls): its banner is read as a TLS record.
        ep.receive(HELLO_AS_PLAINTEXT);
        ep.clientClosed();
        return this.#failure(o, hello, null, ERR.wrongVersion, Math.min(5, greeting.data.length), 0);
      }
      // Closed before anything came (a daemon that took the connection and died at start): the ClientHello went
      // out unread and the kernel reset the connection (host-tools/late-close-587/first465).
      if (greeting.closed) return this.#failure(o, hello, null, ECONNRESET, 0, 0);
    }
    const r = ep.handshake(hello);
    const rec = this.#recordOf(hello, r.result, ep);
    if (!r.result.ok || rec.failure !== null) {
      const e =
        rec.failure === 'unsupported-protocol'
          ? ERR.alertProtocolVersion
          : rec.failure === 'no-shared-cipher'
            ? ERR.alertHandshakeFailure
            : rec.failure === 'legacy-sigalg'
              ? ERR.legacySigalg
              : ERR.unexpectedEof;
      ep.clientClosed();
      return this.#failure(o, hello, rec, e, readPlain, wrotePlain);
    }
    return this.#established(o, hello, rec, r.output, readPlain, wrotePlain, lastEhloLine);
  }

  #stall(): ToolStep {
    this.#phase = 'stalled';
    return this.#out.take(null);
  }

  /** The record of a handshake; endpoints that do not provide one (a remote MX, a test double) get one built here. */
  #recordOf(hello: ClientHello, result: ServerHandshake, ep: ServerEndpoint): HandshakeRecord {
    if (result.record !== undefined) return result.record;
    const side: ServerSide = isRemoteServerEndpoint(ep)
      ? remoteServerSide(ep.remoteTls)
      : {
          accepted: result.ok ? [result.session.version] : [],
          cipher: { anonEnabled: false, anonFirst: false, anonOnly: false, exclusions: [], encrypting: true },
          cert: LAB_CERT,
          tickets: 1,
        };
    const h = hello.kind === 'tls' ? resolveHello(hello) : null;
    if (h === null) return negotiate(resolveHello(sClientHello()), side);
    const rec = negotiate(h, result.ok ? { ...side, accepted: [result.session.version] } : { ...side, accepted: [] });
    return result.ok ? { ...rec, cipher: result.session.cipher, version: result.session.version } : rec;
  }

  /** `-state`: the handshake's state callbacks, with the servername and verify callbacks where they fire. */
  #stateLines(o: SClientOptions, rec: HandshakeRecord | null, sni: boolean): void {
    if (!o.state) return;
    const state = (s: string): void => this.#out.stderr(`${logState('client', s)}\n`);
    state(ST.before);
    state(ST.writeClientHello);
    if (rec === null || rec.version === null || (rec.failure !== null && rec.failure !== 'legacy-sigalg')) {
      if (rec?.alert !== null && rec?.alert !== undefined) {
        this.#out.stderr(`${logAlert('read', rec.alert.description)}\n${logStateError('client', ST.error)}\n`);
      }
      return;
    }
    state(ST.writeClientHello);
    const v = rec.version;
    const cert = rec.certificate;
    const verify = (): void => {
      if (cert !== null) this.#out.stderr(verifyLines(cert, this.#verifyCode(cert), o.brief, o.verifyReturnError));
    };
    if (v === 'TLSv1.3') {
      state(ST.readServerHello);
      if (!sni) this.#out.stderr(NO_SERVERNAME);
      state(ST.readEncryptedExtensions);
      verify();
      state(ST.readServerCertificate);
      state(ST.readCertVerify);
      state(ST.readFinished);
      state(ST.writeCcs);
      state(ST.writeFinished);
      return;
    }
    if (!sni) this.#out.stderr(NO_SERVERNAME);
    state(ST.readServerHello);
    if (cert !== null) {
      verify();
      state(ST.readServerCertificate);
    }
    state(ST.readServerKeyExchange);
    state(ST.readServerDone);
    if (rec.failure === 'legacy-sigalg') return;
    state(ST.writeClientKeyExchange);
    state(ST.writeCcs);
    state(ST.writeFinished);
    state(ST.writeFinished);
    state(ST.readSessionTicket);
    state(ST.readCcs);
    state(ST.readFinished);
  }

  #certificateBlock(o: SClientOptions, cert: CertificateInfo): string {
    return (
      '---\nCertificate chain\n' +
      chainEntry(0, cert, o.showcerts) +
      '---\nServer certificate\n' +
      (o.showcerts ? '' : cert.pem) +
      `subject=${nameSpaced(cert.subject)}\nissuer=${nameSpaced(cert.issuer)}\n`
    );
  }

  #ticketLines(cert: CertificateInfo | null, size: number): string[] {
    const keyName = new ByteStream(`ticket-key:${cert?.fingerprint ?? 'anonymous'}`).bytes(16);
    const ticket = new Uint8Array(size);
    ticket.set(keyName);
    ticket.set(this.#rng.bytes(size - 16), 16);
    return bioDump(ticket, 4);
  }

  #established(
    o: SClientOptions,
    hello: ClientHello,
    rec: HandshakeRecord,
    after: ServerOutput,
    readPlain: number,
    wrotePlain: number,
    lastEhloLine: string,
  ): ToolStep {
    const sni = hello.kind === 'tls' && hello.serverName !== undefined;
    const v = rec.version ?? 'TLSv1.2';
    const cert = rec.certificate;
    this.#version = v;
    this.#cert = cert;
    this.#stateLines(o, rec, sni);
    if (!o.state && !sni) this.#out.stderr(NO_SERVERNAME);
    const verifyCode = cert === null ? 0 : this.#verifyCode(cert);
    if (o.verifyReturnError && verifyCode !== 0 && cert !== null) {
      return this.#verifyFailure(o, rec, readPlain, wrotePlain, verifyCode, cert);
    }
    if (!o.state && cert !== null) this.#out.stderr(verifyLines(cert, verifyCode, o.brief));
    const peername = verifyCode === 0 && cert !== null ? o.verifyHostname : null;
    const sig = rec.signature;
    const tls13 = v === 'TLSv1.3';
    const now = Math.floor(this.#env.clock.now() / 1000);
    if (o.brief) {
      this.#out.stderr(
        briefBlock({
          protocol: v,
          cipher: rec.cipher ?? '',
          peer: cert === null ? null : nameSpaced(cert.subject),
          hash: sig?.digest ?? null,
          sigType: sig?.type ?? null,
          verifyCode,
          pointFormats: !tls13 && rec.tempKey?.startsWith('X25519') === true,
          tempKey: rec.tempKey,
        }),
      );
    }
    if (!o.quiet) {
      let s = cert === null ? `---\n${NO_PEER_CERT}` : this.#certificateBlock(o, cert);
      s += `---\n${NO_CLIENT_CA}`;
      if (sig !== null) s += peerSigning(sig.digest, sig.type);
      if (rec.tempKey !== null) s += tempKeyLine(rec.tempKey);
      s += `---\n${handshakeBytes(readPlain + rec.bytes.serverToClient, wrotePlain + rec.bytes.clientToServer)}${verification(verifyCode, peername)}---\n`;
      s += newCipher(rec.cipherSince ?? v, rec.cipher ?? '');
      if (cert !== null) s += serverPublicKey(cert.keyBits);
      s += SECURE_RENEG(!tls13) + COMPRESSION_LINES;
      if (tls13) {
        s += EARLY_DATA_NOT_SENT + verifyReturn(verifyCode);
      } else {
        s += sessionBlock({
          protocol: v,
          cipher: rec.cipher ?? '',
          sessionId: upperHex(this.#rng.bytes(32)),
          keyLabel: 'Master-Key',
          key: upperHex(this.#rng.bytes(48)),
          ticket: this.#ticketLines(cert, 176),
          startTime: now,
          verifyCode,
          verifyText: VERIFY_TEXT[verifyCode] ?? '',
          extendedMasterSecret: true,
          maxEarlyData: false,
        });
      }
      s += '---\n';
      this.#bio(s);
      this.#flush();
    }
    // The last line of the EHLO reply, echoed on stderr once TLS is up (corpus: `250 CHUNKING`).
    if (o.starttls !== null) this.#out.stderr(lastEhloLine);
    let tickets = '';
    if (tls13) {
      for (let i = 0; i < rec.postHandshakeTickets; i++) {
        if (o.state)
          this.#out.stderr(
            `${logState('client', ST.finished)}\n${logState('client', ST.finished)}\n${logState('client', ST.readSessionTicket)}\n`,
          );
        if (o.quiet) continue;
        const block = sessionBlock({
          protocol: v,
          cipher: rec.cipher ?? '',
          sessionId: upperHex(this.#rng.bytes(32)),
          keyLabel: 'Resumption PSK',
          key: upperHex(this.#rng.bytes(48)),
          ticket: this.#ticketLines(cert, 208),
          startTime: now,
          verifyCode,
          verifyText: VERIFY_TEXT[verifyCode] ?? '',
          extendedMasterSecret: false,
          maxEarlyData: true,
        });
        tickets += ticketArrived(block) + READ_R_BLOCK;
      }
    }
    this.#phase = 'tls';
    if (this.#env.stdinIsTty === false) {
      this.#deferred = { bio: tickets, data: after };
      return this.#out.take(null);
    }
    this.#bio(tickets);
    return this.#serverData(after);
  }

  /**
   * `-verify_return_error` and a certificate that does not verify: the client aborts the handshake while
   * reading the server's Certificate (TLSv1.3: tests/corpus-extra/host-tools/openssl-sclient-verify-return-error.txt
   * against Postfix; TLSv1.2: openssl-sclient-verify-offsets.txt against openssl s_server with the lab's
   * certificate). It read the server's flight up to the Certificate and wrote an alert instead of its
   * Finished: 360 bytes fewer read and 73 fewer written than a finished TLSv1.3 handshake (the same against
   * Postfix and s_server), 556 and 86 for TLSv1.2 (s_server only). TLSv1.2 fails before the key exchange:
   * no temp key, no cipher, an empty session. smtpd only sees the connection go (its `alert unknown ca`
   * log line is not modelled).
   */
  #verifyFailure(
    o: SClientOptions,
    rec: HandshakeRecord,
    readPlain: number,
    wrotePlain: number,
    code: number,
    cert: CertificateInfo,
  ): ToolStep {
    if (!o.state) this.#out.stderr(verifyLines(cert, code, o.brief, true));
    this.#out.stderr(errorLine(this.#threadId, CERT_VERIFY_FAILED));
    this.#ep?.clientClosed();
    const v = rec.version ?? 'TLSv1.2';
    const tls13 = v === 'TLSv1.3';
    const read = Math.max(0, readPlain + rec.bytes.serverToClient - (tls13 ? 360 : 556));
    const written = Math.max(0, wrotePlain + rec.bytes.clientToServer - (tls13 ? 73 : 86));
    let s = '---\nCertificate chain\n' + chainEntry(0, cert, o.showcerts) + `---\n${NO_PEER_CERT}---\n${NO_CLIENT_CA}`;
    if (tls13 && rec.tempKey !== null) s += tempKeyLine(rec.tempKey);
    s += `---\n${handshakeBytes(read, written)}${verification(code)}---\n`;
    if (tls13) {
      s += newCipher(rec.cipherSince ?? v, rec.cipher ?? '') + SECURE_RENEG(false) + COMPRESSION_LINES;
      s += EARLY_DATA_NOT_SENT + verifyReturn(code);
    } else {
      s += newCipher('(NONE)', '(NONE)') + SECURE_RENEG(true) + COMPRESSION_LINES;
      s += sessionBlock({
        protocol: v,
        cipher: '0000',
        sessionId: '',
        keyLabel: 'Master-Key',
        key: '',
        ticket: null,
        startTime: Math.floor(this.#env.clock.now() / 1000),
        verifyCode: 0,
        verifyText: VERIFY_TEXT[0] ?? '',
        extendedMasterSecret: true,
        maxEarlyData: false,
      });
    }
    this.#bio(`${s}---\n`);
    return this.#end(1);
  }

  #failure(
    o: SClientOptions,
    hello: ClientHello,
    rec: HandshakeRecord | null,
    e: OpenSslError | typeof EPIPE | typeof ECONNRESET,
    readPlain: number,
    wrotePlain: number,
  ): ToolStep {
    const h = hello.kind === 'tls' ? resolveHello(hello) : null;
    const sni = hello.kind === 'tls' && hello.serverName !== undefined;
    this.#stateLines(o, rec, sni);
    const cert = rec?.certificate ?? null;
    const gotServerHello = rec !== null && rec.version !== null;
    if (gotServerHello && !o.state) {
      if (!sni) this.#out.stderr(NO_SERVERNAME);
      if (cert !== null) this.#out.stderr(verifyLines(cert, this.#verifyCode(cert), o.brief));
    }
    this.#out.stderr(e === EPIPE ? writeErrno(32) : e === ECONNRESET ? writeErrno(104) : errorLine(this.#threadId, e));
    const verifyCode = cert === null ? 0 : this.#verifyCode(cert);
    const read = readPlain + (rec === null ? 0 : rec.bytes.serverToClient);
    // A ClientHello that could not be written is not counted.
    const written = wrotePlain + (rec === null ? (e === EPIPE ? 0 : (h?.helloBytes ?? 0)) : rec.bytes.clientToServer);
    let s = cert === null ? `---\n${NO_PEER_CERT}` : this.#certificateBlock(o, cert);
    s += `---\n${NO_CLIENT_CA}`;
    if (gotServerHello && rec.tempKey !== null) s += tempKeyLine(rec.tempKey);
    s += `---\n${handshakeBytes(read, written)}${verification(verifyCode)}---\n`;
    s += newCipher('(NONE)', '(NONE)');
    if (cert !== null) s += serverPublicKey(cert.keyBits);
    s += SECURE_RENEG(gotServerHello) + COMPRESSION_LINES;
    const maxOffered = h?.offered[h.offered.length - 1] ?? LIBRARY_VERSIONS[LIBRARY_VERSIONS.length - 1];
    const protocol = gotServerHello ? rec.version : maxOffered;
    if (protocol === 'TLSv1.3') {
      s += EARLY_DATA_NOT_SENT + verifyReturn(verifyCode);
    } else {
      s += sessionBlock({
        protocol: protocol ?? 'TLSv1.2',
        cipher: '0000',
        sessionId: '',
        keyLabel: 'Master-Key',
        key: '',
        ticket: null,
        startTime: Math.floor(this.#env.clock.now() / 1000),
        verifyCode,
        verifyText: VERIFY_TEXT[verifyCode] ?? '',
        extendedMasterSecret: gotServerHello,
        maxEarlyData: false,
      });
    }
    this.#bio(`${s}---\n`);
    return this.#end(1);
  }
}

/**
 * `openssl ...` as the lab has it: `s_client` (a session), `version`, the inspecting subcommands (`x509`,
 * `verify`, `rsa`, `pkey`, `dgst`, `md5`, `sha1`, `sha256`) and OpenSSL's answer to an unknown command.
 * Returns a finished step for everything but s_client.
 */
export function opensslCommand(argv: readonly string[], env: ToolEnv): SClientSession | ToolStep {
  const [cmd, ...rest] = argv.slice(1);
  const out = new Output();
  const inspect = (): InspectEnv => ({
    files: env.files ?? (() => undefined),
    stdin: env.stdin ?? null,
    threadId: `40${upperHex(new ByteStream(`openssl:${env.seed ?? String(env.clock.now())}:${argv.join(' ')}`).bytes(4))}7F0000`,
    now: env.clock.now(),
  });
  switch (cmd) {
    case 's_client':
      return new SClientSession(rest, env);
    case 'x509':
      return x509Command(rest, inspect());
    case 'verify':
      return verifyCommand(rest, inspect());
    case 'rsa':
    case 'pkey':
      return keyCommand(cmd, rest, inspect());
    case 'dgst':
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha384':
    case 'sha512':
      return dgstCommand(cmd, rest, inspect());
    case undefined:
    case 'help':
      out.stderr(OPENSSL_HELP);
      return out.take(0);
    case 'version':
      if (rest.length === 0) {
        // corpus MANIFEST: `openssl version`
        out.stdout('OpenSSL 3.0.22 25 Aug 2026 (Library: OpenSSL 3.0.22 25 Aug 2026)\n');
        return out.take(0);
      }
      out.stderr(`version: Unknown option: ${rest[0] ?? ''}\nversion: Use -help for summary.\n`);
      return out.take(1);
    default:
      out.stderr(`Invalid command '${cmd ?? ''}'; type "help" for a list.\n`);
      return out.take(1);
  }
}
