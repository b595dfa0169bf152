/**
 * The builtins that need nothing of the lab machine: no file, no network, no Postfix. The lab's page runs a
 * command line made only of these at once on the shell it starts with, before the simulated machine (the
 * engine, the world's files, the lesson session) has been fetched; any other line waits for the machine
 * (src/components/lab/lab-console.ts). `cd` is not one (it looks for the directory), nor `help` and `which`
 * (they list the whole command table).
 */
import { echo, exit, exportBuiltin, falseProgram, history, pwd, trueProgram } from './programs/builtins.ts';
import { clear } from './programs/clear.ts';
import type { ShellFs, ShellHost } from './host.ts';
import type { ListItem, Word } from './parse.ts';
import type { Program, ProgramTable } from './program.ts';

/** The machine-free builtins, for the shell's first command table. */
export function machineFreePrograms(): Program[] {
  return [echo, trueProgram, falseProgram, pwd, history, exit, exportBuiltin, clear];
}

const NAMES: ReadonlySet<string> = new Set(machineFreePrograms().map((p) => p.name));

/** The machine-free builtins as a command table (no lazy programs: nothing to fetch). */
export function machineFreeTable(): ProgramTable {
  const sorted = machineFreePrograms().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byName = new Map(sorted.map((p) => [p.name, p]));
  return { get: (name) => byName.get(name), list: () => sorted };
}

/** A word whose expansion reads no file: no unquoted glob character, no unquoted variable (its value could glob). */
function plain(word: Word): boolean {
  return word.parts.every((p) => (p.kind === 'lit' ? p.quoted || !/[*?[]/.test(p.text) : p.quoted));
}

/** The command name as typed, when it is a plain literal (`echo`, `'echo'`); else null. */
function literalName(word: Word | undefined): string | null {
  if (word === undefined || !word.parts.every((p) => p.kind === 'lit')) return null;
  return word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
}

/**
 * True when every command of the parsed line is a machine-free builtin named literally, without a
 * redirection (a file) and without a word that could glob (the file names). Assignments before a command,
 * `$CMD` as a command name and anything else count as needing the machine.
 */
export function machineFree(items: readonly ListItem[]): boolean {
  return items.every((item) =>
    item.pipeline.commands.every((cmd) => {
      if (cmd.redirects.length > 0) return false;
      const name = literalName(cmd.words[0]);
      return name !== null && NAMES.has(name) && cmd.words.every(plain);
    }),
  );
}

/** A machine with no files: where the shell runs its machine-free lines until the real machine comes. */
export function standInHost(hostname: string): ShellHost {
  const fs: ShellFs = {
    read: () => undefined,
    write: () => {},
    list: () => [],
    isDir: () => false,
    stat: () => undefined,
    remove: () => false,
    chmod: () => false,
    subscribe: () => () => {},
  };
  return { fs, hostname };
}
