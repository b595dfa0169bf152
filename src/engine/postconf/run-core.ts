/**
 * What every postconf(1) run shares: the command line parsed, the files chosen (`-c`), the output
 * collected, fatal exits turned into an exit status; and postconf's editing (`-e`, `-X`, `-#`, and
 * `-M`/`-F`/`-P` with them). run-postconf.ts adds the rest of postconf (showing parameters and
 * master.cf, the bounce templates, the type lists); runPostconfEdit is postconf for the lab's
 * controls, which only edit, without that rest.
 */
import { LAB_HOST } from '../config/defaults.ts';
import type { HostFacts } from '../config/defaults.ts';
import { MAIN_CF_PATH } from '../config/main-cf.ts';
import type { MainCfEditMode } from '../config/main-cf.ts';
import { MASTER_CF_PATH } from '../config/master-cf.ts';
import { crashesOnRepeat, editMain } from './edit-main.ts';
import { editMaster } from './edit-master.ts';
import type { MasterEditKind } from './edit-master.ts';
import { POSTCONF_TEXT } from './messages.ts';
import { isOptionError, parsePostconfArgs } from './options.ts';
import type { PostconfCommand } from './options.ts';
import { FatalExit, PostconfOutput } from './output.ts';
import type { OutputChunk } from './output.ts';
import type { PostconfFiles, ReadSetup } from './read-config.ts';

export type { PostconfFiles };

export interface PostconfOptions {
  /** argv[0] as it appears in messages: `postconf` (default) or `/usr/sbin/postconf`. */
  readonly programName?: string;
  /** The host (myhostname default); the lab's mail.example.org by default. */
  readonly host?: HostFacts;
  /** The pid postconf would have (process_id). */
  readonly pid?: number;
  /**
   * How many times main.cf is read: more than 1 when it was modified within the last ~2 s
   * (see hotReadCount in config/main-cf.ts); repeated reads repeat the
   * "overriding earlier entry" warnings as the corpus shows.
   */
  readonly mainCfReads?: number;
  /** Files of other configuration directories (`postconf -c DIR`). */
  readonly otherConfigDir?: (dir: string) => PostconfFiles | undefined;
}

export interface PostconfResult {
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr in the order they were written (for a terminal). */
  readonly output: readonly OutputChunk[];
  readonly exitCode: number;
  /** Set when the real program dies by a signal instead of exiting (exitCode is then 128+n). */
  readonly signal?: 'SIGSEGV';
  /** The new main.cf when the command rewrote it (even with the same content, as postconf -e does). */
  readonly mainCf?: string;
  /** The new master.cf when the command edited it. */
  readonly masterCf?: string;
}

const DEFAULT_DIR = '/etc/postfix';

export interface RunState extends ReadSetup {
  readonly cmd: PostconfCommand;
  mainCf?: string;
  masterCf?: string;
}

/** Whether the command has one of these option letters. */
export function has(cmd: PostconfCommand, ...flags: Parameters<PostconfCommand['modes']['has']>[0][]): boolean {
  return flags.some((f) => cmd.modes.has(f));
}

/** postconf -e/-X/-# (main.cf) and -Me/-MX/-M#/-Fe/-Pe/-PX (master.cf). */
export function edit(st: RunState): PostconfResult | null {
  const cmd = st.cmd;
  const out: PostconfOutput = st.out;
  if (cmd.args.length === 0) out.fatal(POSTCONF_TEXT.missingServiceArgument);
  const mode: MainCfEditMode = cmd.modes.has('e') ? 'set' : cmd.modes.has('X') ? 'remove' : 'comment';
  const kind: MasterEditKind | null = cmd.modes.has('M') ? 'entry' : cmd.modes.has('F') ? 'field' : cmd.modes.has('P') ? 'param' : null;
  if (kind !== null) {
    if (st.files.masterCf === undefined) out.fatal(POSTCONF_TEXT.openForReadingFailed(st.masterPath));
    st.masterCf = editMaster(kind, mode, cmd.args, st.files.masterCf, st.masterPath, out);
    return null;
  }
  if (crashesOnRepeat(mode, cmd.args)) {
    return { stdout: '', stderr: '', output: [], exitCode: 139, signal: 'SIGSEGV' };
  }
  if (st.files.mainCf === undefined) out.fatal(POSTCONF_TEXT.openForReadingFailed(st.mainPath));
  st.mainCf = editMain(mode, cmd.args, st.files.mainCf, st.mainPath, out);
  return null;
}

/** Runs postconf with `argv` (without the program name): `run` does what the parsed command asks. */
export function runPostconfWith(
  argv: readonly string[],
  files: PostconfFiles,
  options: PostconfOptions,
  run: (st: RunState) => PostconfResult | null,
): PostconfResult {
  const program = options.programName ?? 'postconf';
  const out: PostconfOutput = new PostconfOutput(program);
  let exitCode = 0;
  const state: { st: RunState | null } = { st: null };
  try {
    const safeArgv = Array.isArray(argv) ? argv.map((a) => (typeof a === 'string' ? a : String(a))) : [];
    const parsed = parsePostconfArgs(safeArgv);
    if (isOptionError(parsed)) {
      for (const b of parsed.before) out.raw(`${program}: ${b}`);
      out.fatal(parsed.fatal);
    }
    const requested = parsed.configDir;
    const dir = requested ?? DEFAULT_DIR;
    let chosen: PostconfFiles = files;
    if (requested !== null && requested.replace(/\/+$/, '') !== DEFAULT_DIR) {
      chosen = options.otherConfigDir?.(requested) ?? { mainCf: undefined, masterCf: undefined };
    }
    const host: HostFacts = {
      ...(options.host ?? LAB_HOST),
      processId: options.pid ?? options.host?.processId ?? 0,
      processName: 'postconf',
    };
    const st: RunState = {
      cmd: parsed,
      out,
      files: chosen,
      configDir: parsed.configDir,
      overrides: parsed.overrides,
      verbose: parsed.verbose,
      mainPath: requested === null ? MAIN_CF_PATH : `${dir}/main.cf`,
      masterPath: requested === null ? MASTER_CF_PATH : `${dir}/master.cf`,
      host,
      reads: Math.max(1, Math.min(20, Math.floor(options.mainCfReads ?? 1))),
    };
    state.st = st;
    const early = run(st);
    if (early !== null) return early;
  } catch (e) {
    if (e instanceof FatalExit) exitCode = e.exitCode;
    else {
      out.raw(`${program}: fatal: internal simulator error`);
      exitCode = 1;
    }
  }
  const st = state.st;
  const result: PostconfResult = {
    stdout: out.text('stdout'),
    stderr: out.text('stderr'),
    output: out.chunks,
    exitCode,
    ...(exitCode === 0 && st?.mainCf !== undefined ? { mainCf: st.mainCf } : {}),
    ...(exitCode === 0 && st?.masterCf !== undefined ? { masterCf: st.masterCf } : {}),
  };
  return result;
}

/**
 * postconf for an edit only (`-e name=value`, `-P service/type/name=value`...), as runPostconf does it; any
 * other command ends as a fatal internal error (the lab's controls never send one).
 */
export function runPostconfEdit(argv: readonly string[], files: PostconfFiles, options: PostconfOptions = {}): PostconfResult {
  return runPostconfWith(argv, files, options, (st) => {
    if (!has(st.cmd, 'e', 'X', '#')) throw new Error('runPostconfEdit: not an edit');
    return edit(st);
  });
}
