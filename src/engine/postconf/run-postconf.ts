/**
 * postconf(1) of Postfix 3.7.11 as a pure function: argv and the two configuration files in,
 * the output (stdout, stderr, in order), the exit status and the edited files out.
 * Never throws, never hangs.
 *
 * Checked against the corpus (postconf-behaviours, postconf-defaults-tls-sasl,
 * terminal/term-postfix-cli) and against ~400 recorded runs of the real program
 * (tests/engine/postconf/golden/real-postconf.json).
 */
import { MASTER_FIELD_NAMES } from '../config/master-cf.ts';
import type { MasterEntry } from '../config/master-cf.ts';
import { PARAM_TEXT } from '../config/messages.ts';
import { BOUNCE_TEMPLATE_DUMP, EXPANDED_BOUNCE_TEMPLATES } from './data/bounce-templates.ts';
import { fieldIndex, matchesService, parseServicePattern } from './edit-master.ts';
import { formatLine, formatMasterEntry, formatMasterField } from './format.ts';
import { CLIENT_SASL_TYPES, LOCK_TYPES, MAP_TYPES, POSTCONF_TEXT, SERVER_SASL_TYPES, TLS_INFO } from './messages.ts';
import { FatalExit } from './output.ts';
import type { PostconfOutput } from './output.ts';
import type { ParamRegistry } from './param-registry.ts';
import type { LocalScope, LookupMode } from './param-registry.ts';
import { readMain, readMaster, registryOf } from './read-config.ts';
import { edit, has, runPostconfWith } from './run-core.ts';
import type { PostconfFiles, PostconfOptions, PostconfResult, RunState } from './run-core.ts';

export type { PostconfFiles, PostconfOptions, PostconfResult };
export { runPostconfEdit } from './run-core.ts';

/** postconf [-d] [-n] [-h|-H] [-x] [-f] [name ...]. */
function showMain(st: RunState): void {
  const cmd = st.cmd;
  const out: PostconfOutput = st.out;
  const defaults = cmd.modes.has('d');
  const main = defaults ? null : readMain(st);
  const master = readMaster(st, false);
  const reg = registryOf(st, main, master);
  if (!defaults) reg.registerUserParameters();
  const mode: LookupMode = { defaults, nonDefault: cmd.modes.has('n') };
  const fold = cmd.modes.has('f');
  const print = (name: string): void => {
    let value = reg.value(name, mode);
    if (value === undefined) return;
    if (cmd.modes.has('H')) {
      out.write(formatLine(name, fold));
      return;
    }
    if (cmd.modes.has('x') && !reg.isRaw(name)) value = reg.expand(value, mode);
    out.write(formatLine(cmd.modes.has('h') ? value : `${name} = ${value}`, fold));
  };
  if (cmd.args.length === 0) {
    for (const name of reg.sortedNames()) {
      const cls = reg.classOf(name);
      if (cls !== undefined && cmd.paramClasses.has(cls)) print(name);
    }
  } else {
    for (const name of cmd.args) {
      if (!reg.has(name)) out.warn(PARAM_TEXT.unknown(name));
      else print(name);
    }
  }
  if (!defaults) {
    reg.flagUnusedMain();
    reg.flagUnusedMaster();
  }
}

function expander(reg: ParamRegistry, local: LocalScope | null, on: boolean): ((v: string) => string) | null {
  return on ? (v) => reg.expand(v, { defaults: false, nonDefault: false }, local) : null;
}

interface MasterFilter {
  readonly raw: string;
  readonly pattern: readonly string[];
  matches: number;
}

function filters(args: readonly string[], min: number, max: number, error: string, out: PostconfOutput): MasterFilter[] {
  return args.map((raw) => {
    const pattern = parseServicePattern(raw, min, max);
    if (pattern === null) out.fatal(error);
    return { raw, pattern, matches: 0 };
  });
}

/** postconf -M / -F / -P (showing). */
function showMaster(st: RunState): void {
  const cmd = st.cmd;
  const out: PostconfOutput = st.out;
  const master = readMaster(st, true);
  const main = readMain(st);
  const reg = registryOf(st, main, master);
  reg.registerUserParameters();
  const fold = cmd.modes.has('f');
  const eval_ = cmd.modes.has('x');
  if (cmd.modes.has('M')) {
    const fs = filters(cmd.args, 1, 2, POSTCONF_TEXT.mPattern, out);
    for (const e of master) {
      const local = reg.localOf(e);
      if (fs.length === 0) out.write(formatMasterEntry(e.argv, fold, expander(reg, local, eval_)));
      for (const f of fs) {
        if (!matchesService(f.pattern, e.name, e.type)) continue;
        f.matches++;
        out.write(formatMasterEntry(e.argv, fold, expander(reg, local, eval_)));
      }
    }
    for (const f of fs) if (f.matches === 0) out.warn(POSTCONF_TEXT.unmatched(f.raw));
  } else if (cmd.modes.has('F')) {
    const fs = filters(cmd.args, 1, 3, POSTCONF_TEXT.fPattern, out);
    const fields = fs.map((f) => {
      const idx = fieldIndex(f.pattern[2] ?? '*');
      if (idx === null) out.fatal(POSTCONF_TEXT.badField(f.pattern[2] ?? ''));
      return idx;
    });
    const printField = (e: MasterEntry, field: number): void => {
      const name = MASTER_FIELD_NAMES[field] ?? '';
      if (cmd.modes.has('H')) out.line(`${e.name}/${e.type}/${name}`);
      else out.write(formatMasterField(e.argv, field, name, cmd.modes.has('h'), fold, expander(reg, reg.localOf(e), eval_)));
    };
    for (const e of master) {
      if (fs.length === 0) for (let k = 0; k < 8; k++) printField(e, k);
      fs.forEach((f, i) => {
        if (!matchesService(f.pattern, e.name, e.type)) return;
        f.matches++;
        const idx = fields[i] ?? 'any';
        if (idx === 'any') for (let k = 0; k < 8; k++) printField(e, k);
        else printField(e, idx);
      });
    }
    for (const f of fs) if (f.matches === 0) out.warn(POSTCONF_TEXT.unmatched(f.raw));
  } else {
    const fs = filters(cmd.args, 1, 3, POSTCONF_TEXT.pPattern, out);
    const printParam = (local: LocalScope, name: string, value: string): void => {
      if (cmd.modes.has('H')) {
        out.write(formatLine(`${local.entry.namespace}/${name}`, fold));
        return;
      }
      const v = eval_ ? reg.expand(value, { defaults: false, nonDefault: false }, local) : value;
      out.write(formatLine(cmd.modes.has('h') ? v : `${local.entry.namespace}/${name} = ${v}`, fold));
    };
    const printAll = (local: LocalScope): void => {
      for (const name of [...local.dict.keys()].sort()) printParam(local, name, local.dict.get(name) ?? '');
    };
    for (const local of reg.locals) {
      if (fs.length === 0) {
        printAll(local);
        continue;
      }
      for (const f of fs) {
        if (!matchesService(f.pattern, local.entry.name, local.entry.type)) continue;
        const p = f.pattern[2] ?? '*';
        if (p === '*') {
          printAll(local);
          f.matches++;
        } else {
          const v = local.dict.get(p);
          if (v !== undefined) {
            printParam(local, p, v);
            f.matches++;
          }
        }
      }
    }
    for (const f of fs) if (f.matches === 0) out.warn(POSTCONF_TEXT.unmatched(f.raw));
  }
  reg.flagUnusedMaster();
}

/** postconf -b / -t: the bounce templates (bounce(8) prints them). */
function showTemplates(st: RunState): void {
  const cmd = st.cmd;
  const out: PostconfOutput = st.out;
  if (cmd.args.length > 1) out.fatal(POSTCONF_TEXT.templateCount);
  const main = st.files.mainCf === undefined ? new Map<string, string>() : readMain(st);
  const file = cmd.args[0];
  if (file !== undefined && file !== '') {
    out.raw(`postfix/bounce: fatal: ${POSTCONF_TEXT.bounceOpenFailed(file)}`);
    throw new FatalExit(1);
  }
  if (cmd.modes.has('t')) {
    out.write(BOUNCE_TEMPLATE_DUMP);
    return;
  }
  const reg = registryOf(st, main, []);
  out.write(EXPANDED_BOUNCE_TEMPLATES.replaceAll('@MYHOSTNAME@', reg.expand('$myhostname', { defaults: false, nonDefault: false })));
}

function run(st: RunState): PostconfResult | null {
  const cmd = st.cmd;
  const out: PostconfOutput = st.out;
  if (has(cmd, 'b', 't')) {
    showTemplates(st);
  } else if (cmd.modes.has('m')) {
    for (const t of MAP_TYPES) out.line(t);
  } else if (cmd.modes.has('l')) {
    for (const t of LOCK_TYPES) out.line(t);
  } else if (has(cmd, 'M', 'F', 'P') && !has(cmd, 'e', 'X', '#')) {
    showMaster(st);
  } else if (cmd.modes.has('a')) {
    for (const t of SERVER_SASL_TYPES) out.line(t);
  } else if (cmd.modes.has('A')) {
    for (const t of CLIENT_SASL_TYPES) out.line(t);
  } else if (cmd.modes.has('T')) {
    const mode = cmd.tlsMode ?? '';
    const lines = Object.hasOwn(TLS_INFO, mode) ? TLS_INFO[mode as keyof typeof TLS_INFO] : null;
    if (lines === null) {
      out.warn(POSTCONF_TEXT.badTlsMode(mode));
      throw new FatalExit(1);
    }
    for (const l of lines) out.line(l);
  } else if (has(cmd, 'e', 'X', '#')) {
    return edit(st);
  } else {
    showMain(st);
  }
  return null;
}

/** Runs `postconf ARGS...` (argv without the program name). */
export function runPostconf(argv: readonly string[], files: PostconfFiles, options: PostconfOptions = {}): PostconfResult {
  return runPostconfWith(argv, files, options, run);
}
