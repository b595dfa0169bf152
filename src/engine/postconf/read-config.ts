/**
 * How postconf(1) reads main.cf and master.cf and checks the names they use: the part of postconf
 * that every run shares, including the one postfix(1) makes at each check, start and reload
 * (`postconf -h mail_version`). Kept apart from run-postconf.ts so that the lab's boot path
 * (world/config-loader.ts) carries this and not postconf's editing, master.cf display and bounce
 * templates, which come with the `postconf` program.
 */
import type { HostFacts } from '../config/defaults.ts';
import { LAB_HOST } from '../config/defaults.ts';
import { MainCf, MAIN_CF_PATH } from '../config/main-cf.ts';
import { MasterCf, MASTER_CF_PATH } from '../config/master-cf.ts';
import type { MasterEntry } from '../config/master-cf.ts';
import { splitNameValue } from '../config/cf-syntax.ts';
import { READ_TEXT } from '../config/messages.ts';
import { FatalExit, PostconfOutput } from './output.ts';
import { ParamRegistry } from './param-registry.ts';

/** The configuration files postconf sees; `undefined` means the file does not exist. */
export interface PostconfFiles {
  readonly mainCf: string | undefined;
  readonly masterCf: string | undefined;
}

/** What reading the files needs to know of one postconf run. */
export interface ReadSetup {
  readonly out: PostconfOutput;
  readonly files: PostconfFiles;
  readonly mainPath: string;
  readonly masterPath: string;
  readonly host: HostFacts;
  /** How many times main.cf is read (see hotReadCount in config/main-cf.ts). */
  readonly reads: number;
  /** -c DIR, or null. */
  readonly configDir: string | null;
  /** -o name=value overrides. */
  readonly overrides: readonly string[];
  /** -v count. */
  readonly verbose: number;
}

/** pcf_read_parameters() + -c + -o overrides: main.cf as a name -> value map. */
export function readMain(st: ReadSetup): Map<string, string> {
  if (st.files.mainCf === undefined) st.out.fatal(READ_TEXT.openFailed(st.mainPath));
  const main = MainCf.parse(st.files.mainCf, { path: st.mainPath, reads: st.reads });
  for (const w of main.warnings) st.out.warn(w);
  if (main.fatal !== null) st.out.fatal(main.fatal);
  const dict = new Map<string, string>();
  for (const [name, e] of main.entries()) dict.set(name, e.value);
  if (st.configDir !== null) dict.set('config_directory', st.configDir);
  for (const o of st.overrides) {
    const nv = splitNameValue(o);
    if (!nv.ok) st.out.fatal(READ_TEXT.badOverride(o, nv.error));
    dict.set(nv.name, nv.value);
  }
  return dict;
}

/** pcf_read_master(): fatal when master.cf is the target, a warning otherwise. */
export function readMaster(st: ReadSetup, failOnOpen: boolean): MasterEntry[] {
  if (st.files.masterCf === undefined) {
    if (failOnOpen) st.out.fatal(READ_TEXT.openFailed(st.masterPath));
    st.out.warn(READ_TEXT.openFailed(st.masterPath));
    return [];
  }
  const master = MasterCf.parse(st.files.masterCf, { path: st.masterPath });
  for (const w of master.warnings) st.out.warn(w);
  if (master.fatal !== null) st.out.fatal(master.fatal);
  return [...master.entries];
}

/** The parameter table of one run: built-in, legacy and service-defined names, main.cf's settings. */
export function registryOf(st: ReadSetup, main: Map<string, string> | null, master: readonly MasterEntry[]): ParamRegistry {
  return new ParamRegistry({
    host: st.host,
    main,
    master,
    out: st.out,
    verbose: st.verbose,
    mainPath: st.mainPath,
    masterPath: st.masterPath,
  });
}

/** What the files give postconf when it shows main.cf values: warnings on stderr, a fatal exit status. */
export interface ConfigCheck {
  readonly stderr: string;
  readonly exitCode: number;
}

/**
 * `postconf -h mail_version` as postfix-script runs it before `postfix check`, `start` and `reload`
 * (the same steps as run-postconf.ts's showMain for that command line): read both files, register
 * their parameters, look the one name up, flag unused names. Only its stderr and status matter.
 * Never throws.
 */
export function postconfConfigCheck(files: PostconfFiles, programName: string): ConfigCheck {
  const out = new PostconfOutput(programName);
  let exitCode = 0;
  try {
    const st: ReadSetup = {
      out,
      files,
      mainPath: MAIN_CF_PATH,
      masterPath: MASTER_CF_PATH,
      host: { ...LAB_HOST, processId: 0, processName: 'postconf' },
      reads: 1,
      configDir: null,
      overrides: [],
      verbose: 0,
    };
    const main = readMain(st);
    const reg = registryOf(st, main, readMaster(st, false));
    reg.registerUserParameters();
    reg.value('mail_version', { defaults: false, nonDefault: false });
    reg.flagUnusedMain();
    reg.flagUnusedMaster();
  } catch (e) {
    if (e instanceof FatalExit) exitCode = e.exitCode;
    else {
      out.raw(`${programName}: fatal: internal simulator error`);
      exitCode = 1;
    }
  }
  return { stderr: out.text('stderr'), exitCode };
}
