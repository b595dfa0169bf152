/**
 * The corpus's terminal scenarios (postfix-ground-truth/terminal/term-*) replayed against the lab shell on
 * a headless xterm of the recording's size (120x50): the steps from notes.txt, the expected captures from
 * screen.normalized.txt, the configuration from config.txt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Terminal } from '@xterm/headless';
import { maskVolatile, normalize } from '../../../src/corpus/normalize.ts';
import { createLabWorld } from '../../../src/engine/world/lab-world.ts';
import { createLabShell, type LabShell } from '../../../src/shell/lab-shell.ts';
import { TimerPacer, type LabWorld } from '../../../src/shell/programs/index.ts';
import { portFromXterm } from '../../../src/terminal/xterm-port.ts';
import { CORPUS as GROUND_TRUTH } from '../../corpus/corpus-path.ts';

export const TERMINAL = `${GROUND_TRUTH}/terminal`;

export function scenarioFile(scenario: string, file: string): string {
  return readFileSync(join(TERMINAL, scenario, file), 'utf8');
}

export interface Step {
  /** The label as notes.txt and screen.normalized.txt write it (what was typed, with the recorder's remarks). */
  readonly label: string;
  /** The keys to type. */
  readonly keys: string;
  /** The capture is the whole scrollback since the last clear (not only the visible pane). */
  readonly scrollback: boolean;
  /** The expected capture (normalized rows, trailing empty rows dropped). */
  readonly expected: readonly string[];
}

/** What a label means as keys: `C-]`, `C-c`, a remark alone (an Enter), or text then Enter. */
function keysOf(label: string): string {
  const typed = label
    .replace(/\s{3,}\[capture:[^\]]*\]\s*$/, '')
    .replace(/\s{3,}\(.*\)\s*$/, '')
    .trim();
  if (typed.startsWith('C-]')) return '\x1d';
  if (typed === 'C-c') return '\x03';
  if (typed === 'C-d') return '\x04';
  if (typed.startsWith('(')) return '\r';
  return `${typed}\r`;
}

export function scenarioSteps(scenario: string): Step[] {
  const notes = scenarioFile(scenario, 'notes.txt').split('\n');
  const labels: string[] = [];
  let inSteps = false;
  for (const l of notes) {
    if (l.startsWith('Steps in order')) {
      inSteps = true;
      continue;
    }
    if (!inSteps) continue;
    const m = /^ {2}(.+?)\s+\(screen settled after [^)]*\)\s*$/.exec(l);
    if (m === null) {
      if (labels.length > 0 && l.trim() === '') break;
      continue;
    }
    labels.push((m[1] ?? '').trimEnd());
  }
  const blocks = scenarioFile(scenario, 'screen.normalized.txt')
    .split(/^=== after: /m)
    .slice(1)
    .map((b) => {
      const nl = b.indexOf('\n');
      const rows =
        b
          .slice(nl + 1)
          .split(/^=== final /m)[0]
          ?.split('\n') ?? [];
      while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
      return { label: b.slice(0, nl).replace(/ ===$/, ''), rows };
    });
  return labels.map((label, i) => {
    const block = blocks[i];
    if (block === undefined || block.label !== label) throw new Error(`${scenario}: step ${i + 1} "${label}" has no capture`);
    return {
      label,
      keys: keysOf(label),
      scrollback: label.includes('[capture: whole scrollback'),
      expected: block.rows.map((r) => r.trimEnd()),
    };
  });
}

/** The lines of config.txt's main.cf part (`postconf -e` arguments) and its master.cf part. */
export function scenarioConfig(scenario: string): { main: string[]; master: string } {
  const main: string[] = [];
  const master: string[] = [];
  let part: 'none' | 'main' | 'master' | 'other' = 'none';
  for (const l of scenarioFile(scenario, 'config.txt').split('\n')) {
    if (l.startsWith('# --- main.cf')) part = 'main';
    else if (l.startsWith('# --- master.cf')) part = 'master';
    else if (l.startsWith('# ---')) part = 'other';
    else if (l.startsWith('#') || l.trim() === '') continue;
    else if (part === 'main') main.push(l);
    else if (part === 'master') master.push(l);
  }
  return { main, master: master.length === 0 ? '' : `${master.join('\n')}\n` };
}

export interface Rig {
  readonly world: LabWorld;
  readonly shell: LabShell;
  readonly term: Terminal;
  type(keys: string): Promise<void>;
  /** The visible rows, or the whole buffer, trailing spaces and trailing empty rows dropped. */
  screen(scrollback: boolean): string[];
}

/**
 * A lab machine set up as the scenario's config.txt says (main.cf lines through `postconf -e`, master.cf
 * lines appended), Postfix started unless `stopped`, and its shell on a 120x50 headless xterm.
 * The server's pauses show at once (the screens were captured once they had settled).
 */
export async function scenarioRig(
  scenario: string,
  opts: { stopped?: boolean; fqdn?: string; mainCf?: readonly string[] } = {},
): Promise<Rig> {
  const world = createLabWorld({ start: false });
  const cfg = scenarioConfig(scenario);
  const pacer = new TimerPacer();
  pacer.immediate = true;
  const shell = createLabShell(world, { pacer, ...(opts.fqdn === undefined ? {} : { fqdn: opts.fqdn }) });
  const edits = [...cfg.main, ...(opts.mainCf ?? [])];
  if (edits.length > 0) {
    const r = shell.runLine(`postconf -e ${edits.map((e) => `'${e}'`).join(' ')}`, { tty: false });
    if (r.exitCode !== 0) throw new Error(`postconf -e failed: ${r.stderr}`);
  }
  if (cfg.master !== '') world.fs.write('/etc/postfix/master.cf', (world.fs.read('/etc/postfix/master.cf') ?? '') + cfg.master);
  if (opts.stopped !== true) world.postfix(['start'], false);
  const term = new Terminal({ cols: 120, rows: 50, allowProposedApi: true, scrollback: 10000 });
  shell.attach(portFromXterm(term));
  const flush = (): Promise<void> => new Promise<void>((resolve) => term.write('', resolve));
  await flush();
  return {
    world,
    shell,
    term,
    async type(keys) {
      term.input(keys, true);
      await flush();
    },
    screen(scrollback) {
      const buf = term.buffer.active;
      const from = scrollback ? 0 : buf.viewportY;
      const to = scrollback ? buf.length : buf.viewportY + term.rows;
      // tmux capture-pane -J: a row the terminal wrapped continues the one before it.
      const rows: string[] = [];
      for (let i = from; i < to; i++) {
        const line = buf.getLine(i);
        const next = buf.getLine(i + 1);
        const text = line?.translateToString(next?.isWrapped !== true) ?? '';
        if (line?.isWrapped === true && rows.length > 0 && i > from) rows[rows.length - 1] += text;
        else rows.push(text);
      }
      for (let k = 0; k < rows.length; k++) rows[k] = (rows[k] ?? '').trimEnd();
      while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
      return rows;
    },
  };
}

/** The recorder's normalization applied to the lab's screen, plus what varies like a timestamp on both sides. */
export function normalizeScreen(rows: readonly string[]): string[] {
  return normalize(rows.join('\n'))
    .split('\n')
    .map((l) => maskVolatile(l));
}

/** s_client prints the lab's own certificate and OpenSSL's thread id: both differ from the recording by nature. */
export function sclientComparable(rows: readonly string[]): string[] {
  return rows
    .join('\n')
    .replace(/-----BEGIN CERTIFICATE-----\n[\s\S]*?-----END CERTIFICATE-----/g, '<PEM-CERT>')
    .replace(/^(?:<QUEUEID>|[0-9A-F]{16}):error:/gm, '<THREAD>:error:')
    .split('\n');
}

/** Removes, from a capture, a command line and its output (up to the next prompt): for commands the lab lacks. */
export function withoutCommand(rows: readonly string[], command: string): string[] {
  const out: string[] = [];
  let skipping = false;
  for (const r of rows) {
    if (r === `root@mail:~# ${command}`) {
      skipping = true;
      continue;
    }
    if (skipping && r.startsWith('root@mail:~#')) skipping = false;
    if (!skipping) out.push(r);
  }
  return out;
}

export interface ReplayOptions {
  /** Runs before a step is typed (the recorder changed files between steps). */
  readonly before?: (step: Step, index: number) => void;
  /** Steps the lab does not replay (a program it does not have); their rows are removed from later captures. */
  readonly omit?: readonly string[];
  /** Maps an expected capture (after the omissions) to what the lab must show, for intended differences. */
  readonly expect?: (rows: string[], step: Step) => string[];
  /** Maps the lab's normalized capture before the comparison. */
  readonly actual?: (rows: string[], step: Step) => string[];
}

/** Types each step and returns, per step, the lab's capture and the expected one (for the test to compare). */
export async function replay(
  scenario: string,
  rig: Rig,
  opts: ReplayOptions = {},
): Promise<{ label: string; actual: string[]; expected: string[] }[]> {
  const results: { label: string; actual: string[]; expected: string[] }[] = [];
  const omitted: string[] = [];
  for (const [i, step] of scenarioSteps(scenario).entries()) {
    opts.before?.(step, i);
    const typed = step.keys.replace(/\r$/, '');
    if (opts.omit?.includes(typed) === true) {
      omitted.push(typed);
      continue;
    }
    if (typed === 'clear') omitted.length = 0;
    await rig.type(step.keys);
    let expected = [...step.expected];
    for (const c of omitted) expected = withoutCommand(expected, c);
    if (opts.expect !== undefined) expected = opts.expect(expected, step);
    let actual = normalizeScreen(rig.screen(step.scrollback));
    if (opts.actual !== undefined) actual = opts.actual(actual, step);
    results.push({ label: step.label, actual, expected });
  }
  return results;
}
