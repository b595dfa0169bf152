/**
 * telnet's `telnet>` prompt (Ctrl-] in a session, or `telnet` without a host): its commands, as inetutils
 * telnet 2.4 runs them (quit, close, status, display, send, open, `?`...). The browser fetches this when the
 * prompt first shows (telnet-prompt-code.browser.ts: a first `telnet localhost 25` and EHLO never need it); the
 * session (../telnet.ts) holds a line typed there until it is here, and Node has it at once.
 */
import * as P from './telnet-prompt-texts.ts';
import { CONNECTION_CLOSED } from './telnet-texts.ts';

/** What a command may do to the telnet session it runs in (../telnet.ts). */
export interface PromptSession {
  /** The name of the host telnet is connected to, or null. */
  readonly connectedTo: string | null;
  /** telnet started without a host: `close` goes back to the prompt instead of exiting. */
  readonly fromPrompt: boolean;
  write(text: string): void;
  /** Prints `text`, then the prompt again. */
  stay(text?: string): void;
  /** Back to the session (or, unconnected, the prompt again). */
  toSession(): void;
  /** Sends bytes to the server. */
  send(bytes: string): void;
  /** Closes the connection. */
  disconnect(): void;
  /** telnet exits with `code`. */
  finish(code: number): void;
  /** `open` without a host: the next line is the host (`(to) `). */
  askHost(): void;
  /** Connects as `telnet HOST PORT` does (printing what it prints); false when that failed. */
  connect(host: string, portText: string): boolean;
}

/** The telnet> commands (inetutils cmdtab, then the hidden cmdtab2), for abbreviation matching. */
const COMMANDS = [
  'close',
  'logout',
  'display',
  'mode',
  'open',
  'quit',
  'send',
  'set',
  'unset',
  'status',
  'toggle',
  'slc',
  'auth',
  'encrypt',
  'z',
  '!',
  'environ',
  '?',
  'help',
  'escape',
  'crmod',
] as const;
type Command = (typeof COMMANDS)[number];

function findCommand(word: string): Command | 'ambiguous' | null {
  const exact = COMMANDS.find((c) => c === word);
  if (exact !== undefined) return exact;
  const matches = COMMANDS.filter((c) => c.startsWith(word));
  if (matches.length === 1) return matches[0] ?? null;
  return matches.length > 1 ? 'ambiguous' : null;
}

/** `open HOST [PORT]` (or the host given at `(to) `). */
export function openCommand(s: PromptSession, args: readonly string[]): void {
  if (s.connectedTo !== null) {
    s.stay(P.alreadyConnected(s.connectedTo));
    return;
  }
  const host = args[0];
  if (host === undefined) {
    s.stay();
    return;
  }
  if (!s.connect(host, args[1] ?? 'telnet')) s.stay();
}

/** A line typed at the telnet> prompt (without its newline). */
export function promptCommand(s: PromptSession, line: string): void {
  const words = line
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const first = words[0];
  if (first === undefined) {
    s.toSession();
    return;
  }
  const args = words.slice(1);
  const cmd = findCommand(first);
  if (cmd === null) return s.stay(P.INVALID_COMMAND);
  if (cmd === 'ambiguous') return s.stay(P.AMBIGUOUS_COMMAND);
  const connected = s.connectedTo;
  switch (cmd) {
    case '?':
    case 'help':
      return s.stay(P.HELP);
    case 'quit':
      if (connected !== null) s.write(CONNECTION_CLOSED);
      s.disconnect();
      s.finish(0);
      return;
    case 'close':
    case 'logout':
      if (connected === null) return s.stay(P.NEED_CONNECTED);
      s.write(CONNECTION_CLOSED);
      s.disconnect();
      if (s.fromPrompt) return s.stay();
      s.finish(0);
      return;
    case 'status':
      if (connected === null) return s.stay(P.STATUS_NOT_CONNECTED);
      s.write(P.status(connected));
      return s.toSession();
    case 'display':
      if (args.length === 0) s.write(P.DISPLAY);
      return s.toSession();
    case 'open':
      if (args.length === 0 && connected === null) {
        s.askHost();
        s.write(P.OPEN_TO);
        return;
      }
      return openCommand(s, args);
    case 'send':
      if (args.length === 0) return s.stay(P.NEEDS_ARGUMENT.send ?? '');
      if (args[0] === '?') return s.stay(P.SEND_HELP);
      if (args[0] === 'ip') s.send(P.IAC_IP);
      return s.toSession();
    case 'mode':
    case 'set':
    case 'unset':
    case 'toggle':
    case 'slc':
    case 'auth':
    case 'encrypt':
    case 'environ':
      // Only the argument-less forms were recorded; with arguments telnet goes back to the session.
      if (args.length === 0) return s.stay(P.NEEDS_ARGUMENT[cmd] ?? '');
      return s.toSession();
    case 'z':
    case '!':
    case 'escape':
    case 'crmod':
      // Job control and subshells are not simulated: back to the session.
      return s.toSession();
  }
}
