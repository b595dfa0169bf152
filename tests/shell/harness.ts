/** Test helpers: a shell on a SimFs, and the executor with stdout/stderr kept apart. */
import { SimFs } from '../../src/engine/world/sim-fs.ts';
import { steppingClock } from '../../src/engine/world/clock.ts';
import { Executor, type ExecEnv } from '../../src/shell/executor.ts';
import { withStandardDirs } from '../../src/shell/fs-view.ts';
import type { ShellHost } from '../../src/shell/host.ts';
import { MemoryPort } from '../../src/shell/memory-port.ts';
import { parse } from '../../src/shell/parse.ts';
import type { Program, ShellState } from '../../src/shell/program.ts';
import { standardPrograms } from '../../src/shell/programs/index.ts';
import { Registry } from '../../src/shell/registry.ts';
import { Shell } from '../../src/shell/shell.ts';
import { PipeSink } from '../../src/shell/sinks.ts';

/** 1 December 2026 08:32 UTC. */
export const NOW = Date.UTC(2026, 11, 1, 8, 32, 0);

export function makeFs(files: Readonly<Record<string, string>>, under = '/root'): SimFs {
  const init: Record<string, string> = {};
  for (const [rel, content] of Object.entries(files)) init[`${under}/${rel}`] = content;
  return new SimFs(init);
}

export function makeHost(fs: SimFs): ShellHost {
  return { fs, hostname: 'mail', clock: steppingClock(NOW) };
}

export interface Captured {
  stdout: string;
  stderr: string;
  status: number;
  exit: number | null;
}

/** Runs one command line with stdout and stderr apart (neither is a terminal), as `bash -c` did in the recording. */
export function runCaptured(line: string, host: ShellHost, extra: readonly Program[] = []): Captured {
  const out = new PipeSink();
  const err = new PipeSink();
  const state: ShellState & { lastStatus: number } = {
    cwd: '/root',
    home: '/root',
    vars: new Map([
      ['HOME', '/root'],
      ['PWD', '/root'],
    ]),
    history: [],
    lastStatus: 0,
  };
  let exit: number | null = null;
  const viewHost = { ...host, fs: withStandardDirs(host.fs) };
  const env: ExecEnv = {
    state,
    host: viewHost,
    programs: new Registry([...standardPrograms(), ...extra]),
    tty: out,
    ttyErr: err,
    pid: 4242,
    cols: () => 80,
    rows: () => 24,
    setStatus: (s) => {
      state.lastStatus = s;
    },
    setVar: (k, v) => {
      state.vars.set(k, v);
    },
    requestExit: (c) => {
      exit = c;
    },
    exitRequested: () => exit !== null,
    clearHistory: () => {},
    resumeInput: () => {},
    attach: () => {
      throw new Error('interactive program in a captured run');
    },
  };
  const r = parse(line);
  if (r.kind === 'error') return { stdout: '', stderr: `bash: ${r.message}\n`, status: r.status, exit };
  if (r.kind === 'incomplete') return { stdout: '', stderr: `bash: ${r.eofMessage}\n`, status: 2, exit };
  let status = -1;
  new Executor(env).run(r.items, (s) => {
    status = s;
  });
  return { stdout: out.text(), stderr: err.text(), status, exit };
}

/** A shell on a memory terminal. */
export function makeShell(
  files: Readonly<Record<string, string>> = {},
  opts: { cols?: number; rows?: number; programs?: readonly Program[] } = {},
) {
  const fs = makeFs(files);
  const host = makeHost(fs);
  const port = new MemoryPort(opts.cols ?? 80, opts.rows ?? 24);
  const shell = new Shell({ host, programs: new Registry([...standardPrograms(), ...(opts.programs ?? [])]) });
  shell.attach(port);
  return { fs, host, port, shell };
}
