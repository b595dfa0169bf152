import type { ProxyRecord } from '../engine/remote/strip-proxy.ts';
import type { ClientHello, TlsVersion } from '../engine/tls/types.ts';
import type { Network, ServerEndpoint, ServerOutput } from '../engine/world/network.ts';
import type { TappedSession } from '../engine/world/sim-network.ts';
import { normalize } from './normalize.ts';
import type { ToolRun } from './tool-output.ts';
import type { RemotePool } from './remote-blocks.ts';
import {
  blockEnd,
  LOG_BLOCK,
  logBlockLines,
  MX_BLOCK,
  PHASE_EVENT,
  PROXY_BLOCK,
  renderMxBlock,
  renderProxyBlock,
  WAIT_EVENT,
} from './remote-blocks.ts';
import { recorderFeed } from './recorder-feed.ts';
import type { Step } from './transcript.ts';
import { isProcessNote, noteConnect, processNote, processNotes, refusalNoteFollows, SideBySide, waitForServer } from './process-events.ts';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** What the replay drives: the simulated world, through the same doors a learner uses. */
export interface ReplayTarget {
  readonly network: Network;
  /** Every mail log line written so far, formatted as in `maillog_file`. */
  logLines(): readonly string[];
  /** Runs a command line in the lab's shell, with `stdin` as its standard input; absent until the lab has one. */
  readonly run?: (command: string, opts: { readonly pty: boolean; readonly stdin: string; readonly paced?: boolean }) => CommandResult;
  /** Local submission as `/usr/sbin/sendmail -f SENDER RCPT...` with `message` on stdin; absent until the lab has a queue. */
  readonly sendmail?: (sender: string, recipients: readonly string[], message: string) => void;
  /** Connections to simulated remote hosts since the last call, oldest first. */
  readonly takeRemoteSessions?: () => readonly TappedSession[];
  /** Connections the remote world's STARTTLS-stripping proxies carried since the last call. */
  readonly takeProxyRecords?: () => readonly ProxyRecord[];
  /** Lets simulated time pass (the recorder waited), running what comes due. */
  readonly advance?: (ms: number) => void;
  /** The recorder's next phase (more/outbound-policy-map): false when config.txt did not describe it. */
  readonly phase?: (n: number) => boolean;
}

/** A whole tool run the recorder kept (sclient-*.txt) and what the lab printed for the same command. */
export interface ToolRunResult {
  readonly run: ToolRun;
  readonly result: CommandResult;
}

export interface ReplayResult {
  readonly transcript: string;
  readonly log: string;
  readonly toolRuns: readonly ToolRunResult[];
  /** Why the scenario can't be replayed yet (a missing part of the lab), or null. */
  readonly pending: string | null;
}

/** What the recorder's own client (Python's default `ssl` context) offers. */
export const RECORDER_HELLO: Extract<ClientHello, { readonly kind: 'tls' }> = {
  kind: 'tls',
  client: 'python-ssl',
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  secLevel0: false,
};

/** Tools whose corpus output is an excerpt the recorder chose (corpus README). */
const EXCERPT_TOOLS = /^(openssl s_client|posttls-finger)\b/;

export function pendingReason(steps: readonly Step[], target: ReplayTarget): string | null {
  if (steps.some((s) => s.kind === 'inject') && (target.sendmail === undefined || target.takeRemoteSessions === undefined)) {
    return 'needs local submission and the outbound smtp client (TLS model issue)';
  }
  if (steps.some((s) => s.kind === 'command') && target.run === undefined) return 'needs the shell (lab issue)';
  return null;
}

function serverLines(data: string): string[] {
  const out: string[] = [];
  let rest = data;
  while (rest !== '') {
    const nl = rest.indexOf('\n');
    if (nl < 0) {
      out.push(`S: ${rest}<<no line terminator>>`);
      break;
    }
    const line = rest.slice(0, nl);
    out.push(line.endsWith('\r') ? `S: ${line.slice(0, -1)}` : `S: ${line}<<LF without CR>>`);
    rest = rest.slice(nl + 1);
  }
  return out;
}

/** Splits a packet into lines, keeping each line's terminator. */
function packetLines(packet: string): string[] {
  const out: string[] = [];
  let rest = packet;
  while (rest !== '') {
    const nl = rest.indexOf('\n');
    if (nl < 0) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, nl + 1));
    rest = rest.slice(nl + 1);
  }
  return out;
}

function stripEol(l: string): string {
  return l.replace(/\r?\n$/, '');
}

/** pfrec.py marks a packet's last line that has no line end. */
const NO_CRLF = / {3}<<no CRLF>>$/;

/** A line as pfrec.py shows it: its bytes decoded as UTF-8, U+FFFD for invalid ones (corpus-extra limits-random-bytes). */
function asShown(l: string): string {
  return /[\x80-\xff]/.test(l) ? new TextDecoder('utf-8').decode(Uint8Array.from(l, (c) => c.charCodeAt(0))) : l;
}

interface Conn {
  readonly ep: ServerEndpoint;
  closed: boolean;
  expectTls: boolean;
  last: ServerOutput | null;
  /** What the server sent after a pause, once the client had its reply: the client reads it later. */
  later: string;
}

const FINAL_REPLY = /(^|\n)\d{3}( [^\n]*)?\r?\n/;

/** Splits output at the server's pauses into what the client reads now (up to its reply) and later. */
export function readNowAndLater(o: ServerOutput): { readonly now: string; readonly later: string } {
  const cuts = (o.pauses ?? []).map((p) => p.at).filter((at) => at > 0 && at < o.data.length);
  for (const at of cuts) {
    if (FINAL_REPLY.test(o.data.slice(0, at))) return { now: o.data.slice(0, at), later: o.data.slice(at) };
  }
  return { now: o.data, later: '' };
}

/** The project's recorder pins its TLS client for the next handshake (tests/corpus-extra/README.md). */
const PINNED_CLIENT = /^# recorder TLS client: only (SSLv3|TLSv1|TLSv1\.1|TLSv1\.2|TLSv1\.3)(, ciphers DEFAULT@SECLEVEL=0)?$/;
/** The recorder's note on a client line it sent with a bare LF. */
const BARE_LF = /\s+<<sent with bare LF, no CR>>$/;
/**
 * Commands a recorder ran after the transcript's last step, before it read the log (so their log
 * lines are in raw.log): more/next.py scn_strip_inbound ends with `sh('postsuper -d ALL')`.
 */
const RECORDER_EPILOGUE: Readonly<Record<string, readonly string[]>> = { 'strip-inbound-sclient': ['postsuper -d ALL'] };
/** more/strip-inbound-sclient: `C: $ ... 2>&1    (same run again, stdout+stderr merged: see sclient-...txt)`. */
const SHOWN_ELSEWHERE = /\s{2,}\(same run again, /;
/** more/strip-inbound-sclient: `# stdin: after 2 s "EHLO client.example.com", ...`. */
const STDIN_NOTE = /^# stdin: /;
const CLOSE_EVENT = /^# connection (closed by server \(EOF\)|error while reading)/;
const SILENCE_EVENT = /^# \(no reply within \d+s\)$/;
/** record_limits.py: the (last opened) client sends nothing and reads for up to N s. */
const IDLE_EVENT = /^# recorder(?: sends nothing(?: more)? and|: A quit; C) waits up to (\d+) s\b/;

/**
 * Replays the client side of a recorded scenario against the lab and writes the
 * transcript the lab produced, in the corpus format (before normalization).
 * Recorder remarks are copied; recorder observations (silence, EOF, TLS) are copied
 * only when the lab behaved the same, otherwise a `# lab: ...` line says what it did.
 */
export function replay(
  steps: readonly Step[],
  packets: readonly string[] | null,
  target: ReplayTarget,
  scenario: string,
  toolRuns: readonly ToolRun[] = [],
): ReplayResult {
  const pending = pendingReason(steps, target) ?? (toolRuns.length > 0 && target.run === undefined ? 'needs the shell (lab issue)' : null);
  if (pending !== null) return { transcript: '', log: '', toolRuns: [], pending };
  const toolResults: ToolRunResult[] = [];
  const unusedRuns = [...toolRuns];
  const out: string[] = [];
  let conn: Conn | null = null;
  let packetIx = 0;
  let skipClient = 0;
  let nextHello: ClientHello = RECORDER_HELLO;
  let injected = false;
  let logCut: number | null = null;
  /** more/: the sessions of the last submission or command, once a block asked for them. */
  let pool: RemotePool | null = null;
  /** Where the log stood when the last command or submission began. */
  let logMark = 0;
  const notes = processNotes();
  const sides = new SideBySide<Conn>(scenario);
  /** The recorder's phase (more/outbound-policy-map), or null. */
  let phaseNo: number | null = null;
  const wholeLog = steps.some((s) => s.kind === 'event' && LOG_BLOCK.test(s.raw));

  const closeConn = (): void => {
    if (conn !== null && !conn.closed) conn.ep.clientClosed();
    conn = null;
  };
  const emit = (o: ServerOutput, c: Conn): void => {
    const { now, later } = readNowAndLater(o);
    out.push(...serverLines(now));
    c.later = later;
    c.last = o;
    if (o.closed) c.closed = true;
  };

  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as Step;
    switch (step.kind) {
      case 'connect': {
        if (!sides.keepsCurrent()) closeConn();
        pool = null;
        out.push(step.raw);
        const logBefore = target.logLines().length;
        const r = target.network.connect(step.host, step.port);
        noteConnect(notes, step.raw, logBefore, r.ok ? null : r.error);
        sides.opened(step.raw, null);
        if (!r.ok) {
          if (!refusalNoteFollows(steps[k + 1])) out.push(`# lab: connect to ${step.host}:${step.port} failed: ${r.error}`);
          break;
        }
        const c: Conn = { ep: r.endpoint, closed: false, expectTls: false, last: null, later: '' };
        conn = c;
        sides.opened(step.raw, c);
        emit(c.ep.open(), c);
        break;
      }
      case 'server':
        break; // the lab's own replies are written where the client's packet was sent
      case 'tls': {
        const c = conn;
        if (c === null || c.closed) {
          out.push('# lab: no open connection for a TLS handshake');
          break;
        }
        const { result, output } = c.ep.handshake(nextHello);
        nextHello = RECORDER_HELLO;
        c.expectTls = false;
        if (result.ok) {
          const s = result.session;
          out.push(
            `# TLS handshake complete: ${s.version}, cipher ${s.cipher} (${s.cipherBits} bits); server cert ${certBytes(step.raw)} bytes DER`,
          );
        } else {
          // The recorder wrote Python's own error text; the lab agrees when its handshake failed too.
          out.push(step.raw.startsWith('# TLS handshake FAILED: ') ? step.raw : '# lab: TLS handshake failed');
        }
        emit(output, c);
        break;
      }
      case 'client': {
        if (skipClient > 0) {
          skipClient--;
          break;
        }
        const c = sides.clientConn(conn);
        // Find the packet that starts with this line (wire.txt), else send the line alone.
        let packet = BARE_LF.test(step.text) ? `${step.text.replace(BARE_LF, '')}\n` : `${step.text}\r\n`;
        let texts = [step.text];
        const p = packets?.[packetIx];
        if (p !== undefined) {
          const pl = packetLines(p);
          const following = steps.slice(k, k + pl.length);
          const matches = pl.every((l, i) => {
            const s = following[i];
            return (
              s !== undefined && s.kind === 'client' && s.text.replace(BARE_LF, '').replace(NO_CRLF, '') === normalize(asShown(stripEol(l)))
            );
          });
          if (matches) {
            packet = p;
            texts = following.flatMap((s) => (s.kind === 'client' ? [s.text] : []));
            skipClient = pl.length - 1;
            packetIx++;
          }
        }
        for (const t of texts) out.push(`C: ${t}`);
        if (c !== null && c.later !== '') {
          out.push(...serverLines(c.later));
          c.later = '';
        }
        if (c === null) {
          out.push('# lab: no connection to send on');
          break;
        }
        if (c.closed) break; // the client writes into a closed connection; the recorder notes the reset
        if (c.expectTls) {
          c.expectTls = false;
          const { output } = c.ep.handshake({ kind: 'plaintext', bytes: packet });
          emit(output, c);
        } else {
          const o = c.ep.receive(packet);
          emit(o, c);
          // The client knows it asked for STARTTLS and got a 220 reply: it starts TLS next.
          const askedTls = texts.some((t) => t.trim().toUpperCase() === 'STARTTLS');
          if (askedTls && /(^|\n)220 [^\n]*\r\n$/.test(o.data) && !o.closed) c.expectTls = true;
        }
        break;
      }
      case 'event': {
        const c = conn;
        const pinned = PINNED_CLIENT.exec(step.raw);
        if (pinned !== null) {
          const v = pinned[1] as TlsVersion;
          nextHello = { ...RECORDER_HELLO, minVersion: v, maxVersion: v, secLevel0: pinned[2] !== undefined };
          out.push(step.raw);
        } else if (step.raw.startsWith('# RESULT ')) {
          break; // written by the command step, from the lab's own output
        } else if (SILENCE_EVENT.test(step.raw)) {
          const silent = c !== null && !c.closed && (c.last === null || c.last.data === '');
          out.push(silent ? step.raw : '# lab: the server answered or closed instead of staying silent');
        } else if (IDLE_EVENT.test(step.raw)) {
          // The recorder's client stays silent (corpus-extra limits-timeout): smtpd_timeout may end the session meanwhile.
          out.push(step.raw);
          const patience = Number(IDLE_EVENT.exec(step.raw)?.[1]) * 1000;
          const later = c === null || c.closed ? null : waitForServer(c.ep, { ...notes, patience }, target.advance);
          if (c !== null && later !== null) emit(later, c);
        } else if (CLOSE_EVENT.test(step.raw)) {
          // A server that may still answer later (a throttled service): the client waits, as the recorder's did.
          const later = c === null || c.closed ? null : waitForServer(c.ep, notes, target.advance);
          if (c !== null && later !== null) emit(later, c);
          out.push(c?.closed === true ? step.raw : '# lab: the connection is still open');
        } else if (MX_BLOCK.test(step.raw) || PROXY_BLOCK.test(step.raw) || LOG_BLOCK.test(step.raw)) {
          out.push(step.raw);
          const stop = blockEnd(steps, k);
          const block = steps.slice(k + 1, stop);
          k = stop - 1;
          const mx = MX_BLOCK.exec(step.raw);
          const proxy = PROXY_BLOCK.exec(step.raw);
          pool ??= { tapped: target.takeRemoteSessions?.() ?? [], proxies: target.takeProxyRecords?.() ?? [] };
          if (mx !== null) out.push(...renderMxBlock(block, pool, mx[1] ?? '', Number(mx[2])));
          else if (proxy !== null)
            out.push(...renderProxyBlock(block, pool, proxy[1] ?? null, proxy[2] === undefined ? null : Number(proxy[2])));
          else {
            // The recorder read the log from just before the command or submission it watched (more/next.py LogCap).
            out.push(...logBlockLines(block, target.logLines().slice(logMark)));
          }
        } else if (WAIT_EVENT.test(step.raw)) {
          out.push(step.raw);
          target.advance?.(Number(WAIT_EVENT.exec(step.raw)?.[1]) * 1000);
        } else if (isProcessNote(step.raw)) {
          out.push(processNote(step.raw, notes, () => target.logLines(), target.advance));
        } else if (PHASE_EVENT.test(step.raw)) {
          phaseNo = Number(PHASE_EVENT.exec(step.raw)?.[1]);
          const ok = phaseNo === 1 || (target.phase?.(phaseNo) ?? false);
          out.push(ok ? step.raw : '# lab: config.txt does not say how this phase was prepared');
        } else {
          out.push(step.raw);
        }
        break;
      }
      case 'inject': {
        injected = true;
        closeConn();
        pool = null;
        target.takeRemoteSessions?.();
        target.takeProxyRecords?.();
        logMark = target.logLines().length;
        out.push(step.raw);
        // The recorder's message (corpus record.py, outbound scenarios).
        const to = step.recipients.join(' ');
        // more/next.py tags the subject with the phase when a scenario has several (outbound-policy-map).
        const tag = phaseNo === null ? scenario : `${scenario} phase ${phaseNo}`;
        target.sendmail?.(step.sender, step.recipients, `From: ${step.sender}\nTo: ${to}\nSubject: outbound ${tag}\n\nhello\n`);
        break;
      }
      case 'command': {
        if (!sides.keepsCurrent()) closeConn();
        pool = null;
        logMark = target.logLines().length;
        // The recorder read the log of an outbound scenario right after delivery, before it ran
        // postqueue/mailq/postsuper (corpus record.py): their log lines are not in raw.log. more/
        // shows each attempt's log in the transcript and kept the whole log.
        if (injected && logCut === null && !wholeLog) logCut = target.logLines().length;
        out.push(step.raw);
        // more/next.py notes how it fed stdin right after the command line.
        const note = steps[k + 1];
        if (note?.kind === 'event' && STDIN_NOTE.test(note.raw)) {
          out.push(note.raw);
          k++;
        }
        const recorded = followingOutput(steps, k);
        const stdinSteps = step.stdinLines ? leadingClientLines(recorded) : [];
        out.push(...stdinSteps.map((t) => `C: ${t}`));
        skipClient = stdinSteps.length;
        const matrix = recorded.some((s) => s.kind === 'event' && s.raw.startsWith('# RESULT '));
        const stdin = step.stdinLines ? stdinSteps.map((t) => `${t}\n`).join('') : matrix ? PROTOCOL_MATRIX_STDIN : '';
        // Sessions of earlier commands nobody showed are not this command's.
        target.takeRemoteSessions?.();
        target.takeProxyRecords?.();
        const before = target.logLines().length;
        const feed = recorderFeed(step.command);
        const r = target.run?.(feed?.command ?? step.command, { pty: step.pty, stdin: feed?.stdin ?? stdin, paced: feed !== null }) ?? {
          stdout: '',
          stderr: '',
          exitCode: 127,
        };
        const same = unusedRuns.findIndex((t) => t.command === step.command.trim().replace(/\s+/g, ' '));
        if (same >= 0) toolResults.push({ run: unusedRuns.splice(same, 1)[0] as ToolRun, result: r });
        if (SHOWN_ELSEWHERE.test(step.raw)) {
          // The output went to its own file (a whole tool run), not into the transcript.
        } else if (matrix) out.push(...keyLines(recorded, r));
        else if (EXCERPT_TOOLS.test(step.command)) out.push(...excerpt(recorded, r));
        else {
          out.push(...textLines(r.stdout).map((l) => `S: ${l}`));
          out.push(...textLines(r.stderr).map((l) => (step.pty ? `S: ${l}` : `E: ${l}`)));
        }
        if (recorded.some((s) => s.kind === 'log')) {
          out.push(
            ...target
              .logLines()
              .slice(before)
              .map((l) => `L: ${l}`),
          );
        }
        if (recorded.some((s) => s.kind === 'exit')) out.push(`# exit status ${r.exitCode}`);
        break;
      }
      case 'stderr':
      case 'log':
      case 'exit':
        break; // produced by the command step
    }
  }
  closeConn();
  for (const c of RECORDER_EPILOGUE[scenario] ?? []) target.run?.(c, { pty: false, stdin: '' });
  // Tool runs the recorder made besides the transcript (e.g. openssl s_client on 465): run them
  // now, as it did (under timeout(1)), so their log lines are part of the log too.
  for (const t of unusedRuns) {
    const r = target.run?.(`timeout 20 ${t.command}`, { pty: false, stdin: t.stdin }) ?? { stdout: '', stderr: '', exitCode: 127 };
    toolResults.push({ run: t, result: r });
  }
  const log = target
    .logLines()
    .slice(0, logCut ?? undefined)
    .map((l) => `${l}\n`)
    .join('');
  return { transcript: `${out.join('\n')}\n`, log, toolRuns: toolResults, pending: null };
}

function certBytes(raw: string): string {
  return /server cert (\d+) bytes DER/.exec(raw)?.[1] ?? '?';
}

function textLines(s: string): string[] {
  if (s === '') return [];
  return s.replace(/\n$/, '').split('\n');
}

function followingOutput(steps: readonly Step[], k: number): Step[] {
  const out: Step[] = [];
  for (let i = k + 1; i < steps.length; i++) {
    const s = steps[i] as Step;
    if (s.kind === 'command' || s.kind === 'connect' || s.kind === 'inject') break;
    out.push(s);
    if (s.kind === 'exit') break;
  }
  return out;
}

/**
 * The recorder's protocol matrix (corpus record.py, `_proto_matrix`): each `openssl s_client` run got
 * this on stdin, and the transcript keeps only the output lines matching KEY_LINE, then a RESULT event.
 */
const PROTOCOL_MATRIX_STDIN = 'EHLO client.example.com\nQUIT\n';
const KEY_LINE =
  /^(New, |Protocol *:|\s+Protocol *:|\s+Cipher *:|Cipher is|.*error|.*alert|Verify return code|no peer certificate|.*handshake)/;

function keyLines(recorded: readonly Step[], r: CommandResult): string[] {
  const flag =
    recorded.flatMap((s) => (s.kind === 'event' && s.raw.startsWith('# RESULT ') ? [s.raw.slice(9).split(':')[0] ?? ''] : []))[0] ?? '';
  const ok = /Cipher is (?!\(NONE\))/.test(r.stdout);
  const lines = [...textLines(r.stdout), ...textLines(r.stderr)].filter((l) => KEY_LINE.test(l));
  return [`# RESULT ${flag}: ${ok ? 'HANDSHAKE OK' : 'HANDSHAKE FAILED'}`, ...lines.map((l) => `S: ${l}`)];
}

function leadingClientLines(recorded: readonly Step[]): string[] {
  const out: string[] = [];
  for (const s of recorded) {
    if (s.kind !== 'client') break;
    out.push(s.text);
  }
  return out;
}

/** The recorded excerpt if every line appears, in order, in the lab's output; otherwise the lab's output. */
function excerpt(recorded: readonly Step[], r: CommandResult): string[] {
  const mine = normalize(`${r.stdout}\n${r.stderr}`)
    .split('\n')
    .filter((l) => l !== '');
  const want = recorded.flatMap((s) => (s.kind === 'server' || s.kind === 'stderr' ? [s] : []));
  let at = 0;
  const missing: string[] = [];
  for (const w of want) {
    const found = mine.indexOf(w.text, at);
    if (found < 0) missing.push(w.text);
    else at = found + 1;
  }
  if (missing.length === 0) return want.map((w) => `${w.kind === 'server' ? 'S' : 'E'}: ${w.text}`);
  return [...missing.map((m) => `# lab: excerpt line not in output: ${m}`), ...mine.map((l) => `S: ${l}`)];
}
