/** Drives the shell through a headless xterm, as the browser binding does, and reads the screen back. */
import { Terminal } from '@xterm/headless';
import { SimFs } from '../../src/engine/world/sim-fs.ts';
import { steppingClock } from '../../src/engine/world/clock.ts';
import type { Program } from '../../src/shell/program.ts';
import { standardPrograms } from '../../src/shell/programs/index.ts';
import { Registry } from '../../src/shell/registry.ts';
import { Shell } from '../../src/shell/shell.ts';
import { portFromXterm } from '../../src/terminal/xterm-port.ts';

export interface Rig {
  readonly term: Terminal;
  readonly shell: Shell;
  readonly fs: SimFs;
  /** Types keys (as xterm's onData would deliver them) and waits until xterm has parsed the output. */
  type(data: string): Promise<void>;
  /** The screen's rows (the active buffer, scrollback included), trailing spaces and empty rows at the end removed. */
  lines(): string[];
  /** The rows visible on the screen now. */
  visible(): string[];
  cursor(): { x: number; y: number };
}

export async function rig(
  opts: { cols?: number; rows?: number; files?: Record<string, string>; programs?: readonly Program[] } = {},
): Promise<Rig> {
  const term = new Terminal({ cols: opts.cols ?? 120, rows: opts.rows ?? 50, allowProposedApi: true, scrollback: 10000 });
  const fs = new SimFs(opts.files ?? {});
  const shell = new Shell({
    host: { fs, hostname: 'mail', clock: steppingClock(Date.UTC(2026, 11, 1, 8, 32)) },
    programs: new Registry([...standardPrograms(), ...(opts.programs ?? [])]),
  });
  shell.attach(portFromXterm(term));
  const flush = () => new Promise<void>((resolve) => term.write('', resolve));
  await flush();
  const read = (from: number, to: number): string[] => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(buf.getLine(i)?.translateToString(true) ?? '');
    return out;
  };
  const trimEnd = (rows: string[]): string[] => {
    const r = [...rows];
    while (r.length > 0 && r[r.length - 1] === '') r.pop();
    return r;
  };
  return {
    term,
    shell,
    fs,
    async type(data) {
      term.input(data, true);
      await flush();
    },
    lines: () => trimEnd(read(0, term.buffer.active.length)),
    visible: () => trimEnd(read(term.buffer.active.viewportY, term.buffer.active.viewportY + term.rows)),
    cursor: () => ({ x: term.buffer.active.cursorX, y: term.buffer.active.cursorY + term.buffer.active.baseY }),
  };
}
