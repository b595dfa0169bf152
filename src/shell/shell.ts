/**
 * The root shell of the simulated `mail.example.org`: bash 5.2 as `bash --norc` behaves with
 * PS1='root@mail:~# ' (the corpus's terminal screens, postfix-ground-truth/terminal/README.md).
 *
 * It owns the terminal through a `TerminalPort`: keys go to the line editor, or, while an interactive
 * program runs, to that program (through the tty's canonical mode, or raw). DOM-free; the same object
 * drives xterm.js in the browser and @xterm/headless in tests.
 */
import { CRLF, toCrlf } from './ansi.ts';
import { completionWait, createCompleter } from './completion-code.ts';
import { Executor, type ExecEnv, type SessionEnd } from './executor.ts';
import { withStandardDirs } from './fs-view.ts';
import type { ShellHost } from './host.ts';
import { feed, newLine, resize as resizeEditor, type Completer, type EditorEvent, type EditorState } from './line-editor.ts';
import { MSG_EXIT, MSG_SYNTAX_UNEXPECTED_EOF, SHELL_NAME } from './messages.ts';
import { parse } from './parse.ts';
import { promptPath } from './path.ts';
import type { Completion, CompletionRequest, ProgramTable, ShellState } from './program.ts';
import type { ListItem } from './parse.ts';
import type { InteractiveSession } from './session.ts';
import type { Sink } from './sinks.ts';
import type { TerminalPort, Unsubscribe } from './terminal-port.ts';
import { CookedTty } from './tty.ts';
import { wordsOfLine } from './registry.ts';

export interface ShellOptions {
  readonly host: ShellHost;
  readonly programs: ProgramTable;
  /** Default `root`, home `/root`. */
  readonly user?: string;
  readonly home?: string;
  /** Where the shell starts (default: home). */
  readonly cwd?: string;
  /** Extra variables on top of HOME, PWD, PATH, TERM, USER, LOGNAME, SHELL, HOSTNAME, LANG. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Completion for arguments, tried after a program's own `complete` and before file names. */
  readonly completer?: (req: CompletionRequest) => Completion | undefined;
  /** Called when the shell exits (`exit`, Ctrl-D). Afterwards the shell starts afresh in the home directory. */
  readonly onExit?: (code: number) => void;
  /** `$$`. */
  readonly pid?: number;
  /** Told what runs and what it prints (the lesson runtime records it); it never changes the output. */
  readonly observer?: ShellObserver;
  /** The size used until a terminal is attached. */
  readonly cols?: number;
  readonly rows?: number;
  /** Lines already in the history (a saved lab's), oldest first; only the last `historySize` are kept. */
  readonly history?: readonly string[];
  /** How many lines the history keeps (bash's HISTSIZE, 500 by default); the oldest go first. */
  readonly historySize?: number;
  /**
   * Asked before a parsed command line runs, before its lazy programs are fetched: a promise to wait for
   * (the lab's machine, loaded on first use: src/components/lab/lab-console.ts), or null to go on at once.
   * If it rejects, the line does not run: the shell prints `bash: <the error's message>` and gives the prompt
   * back with status 126. Keys typed meanwhile are kept, as while any command runs.
   */
  readonly waitFor?: (items: readonly ListItem[]) => Promise<void> | null;
}

/** bash's HISTSIZE when it is not set: the history keeps this many lines. */
export const DEFAULT_HISTORY_SIZE = 500;

/**
 * Watches the shell as the learner uses it. Every call is guarded: an observer's bug is swallowed and
 * never changes what the terminal shows.
 */
export interface ShellObserver {
  /** A command line was accepted and is about to run. */
  commandStart?(line: string): void;
  /** A program starts (argv[0] is its name as typed; each stage of a pipeline in turn). */
  programStart?(argv: readonly string[]): void;
  /** Text a program wrote to the terminal (stdout or stderr; not the prompt, not the echo of typed keys). */
  output?(text: string): void;
  /** A line typed into an interactive program (telnet, nc, s_client), as the program received it. */
  sessionInput?(line: string): void;
  /** The command line ended with this status. */
  commandEnd?(status: number): void;
}

/** Calls an observer hook, swallowing its errors. */
function tell(fn: () => void): void {
  try {
    fn();
  } catch {
    // observing never changes what the shell does
  }
}

/** The secondary prompt (PS2). */
const PS2 = '> ';

class MutableState implements ShellState {
  cwd: string;
  readonly home: string;
  readonly vars = new Map<string, string>();
  history: string[] = [];
  /** Lines dropped from the front of the history: `history` numbers the rest from here, as bash does. */
  historyBase = 0;
  lastStatus = 0;
  constructor(home: string, cwd: string) {
    this.home = home;
    this.cwd = cwd;
  }
}

interface Active {
  readonly session: InteractiveSession;
  readonly end: SessionEnd;
  readonly onEnd: (status: number, interrupted: boolean) => void;
}

export class Shell {
  readonly #opts: ShellOptions;
  #host: ShellHost;
  #programs: ProgramTable;
  #extraCompleter: ((req: CompletionRequest) => Completion | undefined) | undefined;
  readonly #historySize: number;
  readonly #user: string;
  readonly #state: MutableState;
  readonly #executor: Executor;
  readonly #tty = new CookedTty();
  #completer: Completer;
  #port: TerminalPort | null = null;
  #unsubs: Unsubscribe[] = [];
  #cols: number;
  #rows: number;
  #editor: EditorState;
  /** Lines of a command still being typed after PS2. */
  #pending: string[] = [];
  #running = false;
  #active: Active | null = null;
  #finishQueued = false;
  #depth = 0;
  #column = 0;
  #exitCode: number | null = null;
  #disposed = false;
  /** Keys typed while a command runs without reading them (or while its programs load): typed ahead, as a tty keeps them. */
  #typeAhead = '';
  /** Bumped by reset(): a line still waiting for its programs then does not run. */
  #generation = 0;
  /** A Tab waits for the code of the program it completes for (completionWait); keys after it wait too. */
  #tabWaiting = false;
  /** The held Tab comes back: it completes with whatever is there now, without waiting again. */
  #tabWaited = false;

  constructor(opts: ShellOptions) {
    this.#opts = opts;
    this.#host = { ...opts.host, fs: withStandardDirs(opts.host.fs) };
    this.#programs = opts.programs;
    this.#extraCompleter = opts.completer;
    this.#historySize = Math.max(1, Math.trunc(opts.historySize ?? DEFAULT_HISTORY_SIZE));
    this.#user = opts.user ?? 'root';
    const home = opts.home ?? '/root';
    this.#state = new MutableState(home, opts.cwd ?? home);
    this.#state.history.push(...(opts.history ?? []).slice(-this.#historySize));
    this.#initVars();
    this.#cols = opts.cols ?? 80;
    this.#rows = opts.rows ?? 24;
    const obs = opts.observer;
    const ttySink: Sink = {
      kind: 'tty',
      isTty: true,
      write: (t) => {
        if (obs?.output !== undefined && t !== '') tell(() => obs.output?.(t));
        this.#out(toCrlf(t));
      },
    };
    const hostNow = () => this.#host;
    const programsNow = () => this.#programs;
    const env: ExecEnv = {
      state: this.#state,
      // Getters: useMachine() may give the shell another machine.
      get host() {
        return hostNow();
      },
      get programs() {
        return programsNow();
      },
      tty: ttySink,
      ttyErr: ttySink,
      pid: opts.pid ?? 1001,
      cols: () => this.#cols,
      rows: () => this.#rows,
      setStatus: (s) => {
        this.#state.lastStatus = s;
      },
      setVar: (k, v) => {
        this.#state.vars.set(k, v);
      },
      requestExit: (code) => {
        this.#exitCode = code;
      },
      exitRequested: () => this.#exitCode !== null,
      clearHistory: () => {
        this.#state.history = [];
        this.#state.historyBase = 0;
      },
      attach: (session, end, onEnd) => this.#attachSession(session, end, onEnd),
      resumeInput: () => {
        // From inside an input callback the keys are handed on once the stack has unwound.
        if (this.#depth === 0) this.#flushTypeAhead();
        else queueMicrotask(() => this.#depth === 0 && this.#flushTypeAhead());
      },
      ...(obs?.programStart === undefined ? {} : { onProgram: (argv: readonly string[]) => tell(() => obs.programStart?.(argv)) }),
    };
    this.#executor = new Executor(env);
    this.#completer = this.#newCompleter();
    this.#editor = newLine(this.#promptText(), this.#state.history, this.#cols);
  }

  #newCompleter(): Completer {
    const extra = this.#extraCompleter;
    return createCompleter({
      programs: this.#programs,
      builtins: [],
      host: this.#host,
      shell: () => this.#state,
      ...(extra === undefined ? {} : { extra }),
    });
  }

  /**
   * Moves the shell onto another machine: its files, network and command table (the lab's page starts the
   * shell on a stand-in and hands it the simulated Postfix machine when that has loaded). The prompt's
   * host name, the working directory, variables, history and `$?` stay as they are; so does whatever runs.
   */
  useMachine(host: ShellHost, programs: ProgramTable, completer?: (req: CompletionRequest) => Completion | undefined): void {
    this.#host = { ...host, fs: withStandardDirs(host.fs) };
    this.#programs = programs;
    this.#extraCompleter = completer;
    this.#completer = this.#newCompleter();
  }

  #initVars(): void {
    const v = this.#state.vars;
    v.clear();
    const base: Record<string, string> = {
      HOME: this.#state.home,
      PWD: this.#state.cwd,
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      TERM: 'xterm-256color',
      USER: this.#user,
      LOGNAME: this.#user,
      SHELL: '/bin/bash',
      HOSTNAME: this.#opts.host.hostname,
      LANG: 'C.UTF-8',
      ...this.#opts.vars,
    };
    for (const [k, val] of Object.entries(base)) v.set(k, val);
  }

  /** The shell state programs see (cwd, variables, history, `$?`). */
  get state(): ShellState {
    return this.#state;
  }

  get history(): readonly string[] {
    return this.#state.history;
  }

  /** True while an interactive program owns the terminal. */
  get busy(): boolean {
    return this.#active !== null;
  }

  get cols(): number {
    return this.#cols;
  }
  get rows(): number {
    return this.#rows;
  }

  /** Connects to a terminal and shows the prompt. Returns a function that disconnects. */
  attach(port: TerminalPort): Unsubscribe {
    this.detach();
    this.#port = port;
    this.#cols = Math.max(1, port.cols);
    this.#rows = Math.max(1, port.rows);
    this.#unsubs = [port.onData((d) => this.input(d)), port.onResize((s) => this.resize(s.cols, s.rows))];
    this.#column = 0;
    if (this.#active === null && !this.#running) this.#showPrompt();
    return () => this.detach();
  }

  detach(): void {
    for (const u of this.#unsubs) u();
    this.#unsubs = [];
    this.#port = null;
  }

  /** Ends whatever runs and the shell. */
  dispose(): void {
    this.#killActive();
    this.detach();
    this.#disposed = true;
  }

  /** Stops a running program (e.g. when the learner moves to another lesson) and shows a fresh prompt. */
  reset(): void {
    const hadActive = this.#active !== null;
    this.#killActive();
    this.#pending = [];
    this.#running = false;
    this.#typeAhead = '';
    this.#generation++;
    this.#tabWaiting = false;
    this.#tabWaited = false;
    if (hadActive) this.#out(CRLF);
    this.#showPrompt();
  }

  /**
   * Time passed in the world (the page calls this after `world.runDue()`): the running program sees what
   * arrived on its connection meanwhile. Without a running program, nothing happens.
   */
  tick(): void {
    const a = this.#active;
    if (this.#disposed || a === null || a.end.ended) return;
    this.#depth++;
    try {
      this.#guard(() => a.session.onTick?.());
    } finally {
      this.#depth--;
    }
    this.#drain();
  }

  resize(cols: number, rows: number): void {
    if (!(cols > 0) || !(rows > 0)) return;
    this.#cols = Math.floor(cols);
    this.#rows = Math.floor(rows);
    this.#editor = resizeEditor(this.#editor, this.#cols);
    const a = this.#active;
    if (a !== null) this.#guard(() => a.session.onResize?.(this.#cols, this.#rows));
  }

  /** Keys or pasted text, as the terminal sends them. */
  input(data: string): void {
    if (this.#disposed || typeof data !== 'string' || data === '') return;
    this.#depth++;
    try {
      let i = 0;
      let guard = 0;
      while (i < data.length) {
        this.#drain();
        const before = i;
        const a = this.#active;
        if (a !== null && a.session.reading === false) {
          // The program reads nothing for now (it waits for code it must fetch): the keys wait for it.
          this.#typeAhead += data.slice(i);
          i = data.length;
        } else if (a !== null) i = this.#feedSession(a, data, i);
        else if (this.#running || this.#tabWaiting || (data[i] === '\t' && this.#waitBeforeTab())) {
          // A command runs (or its programs load) and reads nothing: the keys wait for the next reader.
          this.#typeAhead += data.slice(i);
          i = data.length;
        } else {
          // Up to the next Tab at most: each Tab may have to wait for a program (#waitBeforeTab).
          const tab = data.indexOf('\t', i + 1);
          const r = feed(this.#editor, tab < 0 ? data : data.slice(0, tab), i, this.#completer);
          this.#editor = r.state;
          this.#out(r.output);
          i = r.next;
          if (r.event !== null) this.#onEditorEvent(r.event);
        }
        if (i !== before) guard = 0;
        else if (++guard > 3) break;
      }
      this.#drain();
    } finally {
      this.#depth--;
    }
    this.#drain();
  }

  /**
   * Before a Tab reaches the line editor: when the program whose arguments it completes is still being
   * fetched, holds the Tab (and what follows) until that program is here, so that its own completion answers.
   */
  #waitBeforeTab(): boolean {
    if (this.#tabWaited) {
      this.#tabWaited = false;
      return false;
    }
    const ed = this.#editor;
    if (ed.query !== null || ed.pendingEscape !== '') return false;
    const wait = completionWait(this.#programs, ed.line, ed.cursor, this.#state.cwd);
    if (wait === null) return false;
    this.#tabWaiting = true;
    const generation = this.#generation;
    const resume = (): void => {
      if (generation !== this.#generation || this.#disposed) return;
      this.#tabWaiting = false;
      this.#tabWaited = true;
      this.#flushTypeAhead();
      this.#tabWaited = false;
    };
    wait.then(resume, resume);
    return true;
  }

  #feedSession(a: Active, data: string, from: number): number {
    const s = a.session;
    if (s.mode === 'raw') {
      let used: void | number = undefined;
      this.#guard(() => {
        used = s.onInput(from === 0 ? data : data.slice(from));
      });
      const n = typeof used === 'number' && Number.isFinite(used) ? Math.max(1, Math.trunc(used)) : data.length - from;
      return Math.min(data.length, from + n);
    }
    return this.#tty.feed(data, from, {
      // Read at each character: a program may change them after a line (telnet's escape, a password prompt).
      get echo() {
        return s.echo ?? true;
      },
      get lineEnders() {
        return s.lineEnders ?? '';
      },
      write: (t) => this.#out(t),
      deliver: (line) => {
        const obs = this.#opts.observer;
        if (obs?.sessionInput !== undefined) tell(() => obs.sessionInput?.(line));
        this.#guard(() => s.onInput(line));
      },
      eof: () => this.#guard(() => s.onEof?.()),
      interrupt: () => {
        let handled = false;
        this.#guard(() => {
          handled = s.onInterrupt?.() === true;
        });
        if (!handled && this.#active === a) this.#kill(a);
        return handled;
      },
      ended: () => this.#active !== a || a.end.ended,
    });
  }

  #guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#out(toCrlf(`${SHELL_NAME}: internal error: ${e instanceof Error ? e.message : String(e)}\n`));
    }
  }

  #onEditorEvent(ev: EditorEvent): void {
    switch (ev.kind) {
      case 'interrupt':
        this.#pending = [];
        this.#state.lastStatus = 130;
        this.#showPrompt();
        return;
      case 'eof':
        if (this.#pending.length > 0) {
          const r = parse(this.#pending.join('\n'));
          this.#pending = [];
          const msg = r.kind === 'incomplete' ? r.eofMessage : MSG_SYNTAX_UNEXPECTED_EOF;
          this.#out(toCrlf(`\n${SHELL_NAME}: ${msg}\n`));
          if (msg !== MSG_SYNTAX_UNEXPECTED_EOF) {
            // bash 5.2 reports the open quote and reads on at PS2; a further Ctrl-D ends it.
            this.#editor = newLine(PS2, this.#state.history, this.#cols, this.#column);
            this.#out(PS2);
            this.#pending = [''];
            return;
          }
        } else this.#out(CRLF);
        this.#out(toCrlf(`${MSG_EXIT}\n`));
        this.#exit(this.#state.lastStatus);
        return;
      case 'accept':
        this.#accept(ev.line);
        return;
    }
  }

  #accept(line: string): void {
    const lines = [...this.#pending, line];
    const text = this.#pending.length === 1 && this.#pending[0] === '' ? line : lines.join('\n');
    const r = parse(text);
    if (r.kind === 'incomplete') {
      this.#pending = lines;
      this.#editor = newLine(PS2, this.#state.history, this.#cols, this.#column);
      this.#out(PS2);
      return;
    }
    this.#pending = [];
    if (text.trim() !== '') this.#remember(text);
    if (r.kind === 'error') {
      this.#out(toCrlf(`${SHELL_NAME}: ${r.message}\n`));
      this.#state.lastStatus = r.status;
      this.#showPrompt();
      return;
    }
    if (r.items.length === 0) {
      this.#showPrompt();
      return;
    }
    this.#running = true;
    const gate = this.#opts.waitFor?.(r.items) ?? null;
    const ensure = () => this.#programs.ensure?.(wordsOfLine(text, this.#state.vars), { cwd: this.#state.cwd, line: text }) ?? null;
    // The gate first: the programs to fetch are those of the table in use once it has opened.
    const wait = gate === null ? ensure() : gate.then(() => ensure() ?? undefined);
    if (wait === null) {
      this.#run(r.items, text);
      return;
    }
    const generation = this.#generation;
    void wait.then(
      () => {
        if (generation !== this.#generation || this.#disposed) return;
        this.#run(r.items, text);
        // A program that reads the terminal (telnet) gets what was typed while it loaded.
        if (this.#active !== null || !this.#running) this.#flushTypeAhead();
      },
      (error: unknown) => {
        // What the line needed could not come (the page lost its network): say why, run nothing, and give the
        // prompt back with status 126 (as for a command that cannot run), so that the line can be tried again.
        if (generation !== this.#generation || this.#disposed) return;
        this.#running = false;
        const reason = error instanceof Error ? error.message : String(error);
        this.#out(toCrlf(`${SHELL_NAME}: ${reason}\n`));
        this.#state.lastStatus = 126;
        this.#showPrompt();
        if (this.#depth === 0) this.#flushTypeAhead();
      },
    );
  }

  #run(items: Parameters<Executor['run']>[0], text: string): void {
    const obs = this.#opts.observer;
    if (obs?.commandStart !== undefined) tell(() => obs.commandStart?.(text));
    this.#executor.run(items, (status) => {
      this.#running = false;
      if (obs?.commandEnd !== undefined) tell(() => obs.commandEnd?.(status));
      if (this.#exitCode !== null) {
        const code = this.#exitCode;
        this.#exit(code);
        return;
      }
      this.#showPrompt();
      if (this.#depth === 0) this.#flushTypeAhead();
    });
  }

  /** Adds a line to the history; past `historySize` lines the oldest goes and the numbers move on (bash's stifled history). */
  #remember(line: string): void {
    const h = this.#state.history;
    h.push(line);
    if (h.length > this.#historySize) {
      const drop = h.length - this.#historySize;
      h.splice(0, drop);
      this.#state.historyBase += drop;
    }
  }

  /** Hands the keys typed ahead to whatever reads now (the line editor or a program). */
  #flushTypeAhead(): void {
    if (this.#typeAhead === '') return;
    const keys = this.#typeAhead;
    this.#typeAhead = '';
    this.input(keys);
  }

  #attachSession(session: InteractiveSession, end: SessionEnd, onEnd: (status: number, interrupted: boolean) => void): void {
    const a: Active = { session, end, onEnd };
    this.#active = a;
    this.#tty.reset();
    end.notify = () => {
      if (this.#active !== a) return;
      if (this.#depth > 0) this.#finishQueued = true;
      else this.#finish(a, end.status, false);
    };
  }

  /** Runs a session end that happened inside an input callback, now that the stack has unwound. */
  #drain(): void {
    if (!this.#finishQueued) return;
    this.#finishQueued = false;
    const a = this.#active;
    if (a !== null && a.end.ended) this.#finish(a, a.end.status, false);
  }

  #finish(a: Active, status: number, interrupted: boolean): void {
    if (this.#active !== a) return;
    this.#active = null;
    this.#tty.reset();
    this.#guard(() => a.session.dispose?.());
    a.onEnd(status, interrupted);
  }

  /** SIGINT's default action: the program dies; bash starts a new line. */
  #kill(a: Active): void {
    a.end.ended = true;
    a.end.status = 130;
    this.#out(CRLF);
    this.#finish(a, 130, true);
  }

  #killActive(): void {
    const a = this.#active;
    if (a === null) return;
    this.#active = null;
    a.end.ended = true;
    this.#guard(() => a.session.dispose?.());
  }

  #exit(code: number): void {
    this.#exitCode = null;
    this.#guard(() => this.#opts.onExit?.(code));
    if (this.#disposed) return;
    // A new shell, as a fresh login would give.
    this.#state.cwd = this.#state.home;
    this.#state.lastStatus = 0;
    this.#initVars();
    this.#showPrompt();
  }

  #promptText(): string {
    const host = this.#opts.host.hostname.split('.')[0] ?? this.#opts.host.hostname;
    return `${this.#user}@${host}:${promptPath(this.#state.cwd, this.#state.home)}${this.#user === 'root' ? '#' : '$'} `;
  }

  #showPrompt(): void {
    this.#editor = newLine(this.#promptText(), this.#state.history, this.#cols, this.#column);
    this.#out(this.#editor.prompt);
  }

  /** Writes to the terminal and keeps track of the cursor's column (for the prompt's start). */
  #out(text: string): void {
    if (text === '') return;
    this.#port?.write(text);
    this.#column = trackColumn(this.#column, text, this.#cols);
  }
}

/** Where the cursor is after `text`, roughly: enough to know the column the next prompt starts in. */
export function trackColumn(col: number, text: string, cols: number): number {
  let c = col;
  let tail = text;
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (lastBreak >= 0) {
    c = 0;
    tail = text.slice(lastBreak + 1);
  }
  if (tail === '') return c;
  // After a cursor positioning sequence (clear, home, alternate screen) the shell's own output starts at column 0.
  let cut = -1;
  for (const m of tail.matchAll(/\x1b\[[0-9;?]*[Hf]|\x1b\[\?1049[hl]/g)) cut = m.index + m[0].length;
  if (cut >= 0) {
    c = 0;
    tail = tail.slice(cut);
  }
  const visible = tail.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|[\x00-\x1f\x7f]/g, '');
  return (c + visible.length) % Math.max(1, cols);
}
