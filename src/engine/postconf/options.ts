/**
 * postconf's command line: POSIX getopt (stops at the first non-option, `--` ends options),
 * then the option compatibility checks of postconf.c, in its order and with its texts.
 */
import { POSTCONF_TEXT, USAGE } from './messages.ts';

/** The mode letters (`-C`, `-c`, `-v` are not modes). */
export type ModeFlag =
  'a' | 'A' | 'b' | 'd' | 'e' | 'f' | 'F' | 'h' | 'H' | 'l' | 'm' | 'M' | 'n' | 'o' | 'p' | 'P' | 't' | 'T' | 'x' | 'X' | '#';

export type ParamClass = 'builtin' | 'service' | 'user';

export interface PostconfCommand {
  readonly modes: ReadonlySet<ModeFlag>;
  readonly configDir: string | null;
  readonly paramClasses: ReadonlySet<ParamClass>;
  readonly overrides: readonly string[];
  readonly tlsMode: string | null;
  readonly verbose: number;
  /** The arguments after the options. */
  readonly args: readonly string[];
}

/** Lines to print before failing: stderr texts (no prefix) and the fatal text. */
export interface OptionError {
  readonly before: readonly string[];
  readonly fatal: string;
}

const OPTSTRING = 'aAbc:C:deEfFhHlmMno:pPtT:vxX#';

/** The order postconf names options in its messages (pcf_compat_names). */
const NAME_ORDER: readonly ModeFlag[] = [
  'a',
  'A',
  'b',
  'd',
  'e',
  'f',
  'F',
  'h',
  'H',
  'l',
  'm',
  'M',
  'n',
  'o',
  'p',
  'P',
  't',
  'T',
  'x',
  'X',
  '#',
];

const MAJOR: readonly ModeFlag[] = ['a', 'A', 'b', 'l', 'm', 't', 'p', 'M', 'F', 'P', 'T'];

/** Mutually exclusive groups; the first is the major modes. */
const EXCLUSIVE: readonly (readonly ModeFlag[])[] = [
  MAJOR,
  ['d', 'e', 'n', '#', 'X'],
  ['f', 'e', '#', 'X'],
  ['x', 'e', '#', 'X'],
  ['o', 'd', 'e', '#', 'X'],
  ['h', 'e', '#', 'X', 'H'],
];

/** Each major mode and the only modifiers it takes. */
const COMPATIBLE: readonly (readonly [ModeFlag, readonly ModeFlag[]])[] = [
  ['a', []],
  ['A', []],
  ['b', []],
  ['l', []],
  ['m', []],
  ['T', []],
  ['t', []],
  ['p', ['e', 'X', '#', 'f', 'h', 'x', 'd', 'n', 'o', 'H']],
  ['M', ['e', 'X', '#', 'f', 'o', 'x']],
  ['F', ['e', 'f', 'h', 'o', 'x', 'H']],
  ['P', ['e', 'X', 'f', 'h', 'o', 'x', 'H']],
];

function names(flags: Iterable<ModeFlag>): string {
  const set = new Set(flags);
  return NAME_ORDER.filter((f) => set.has(f))
    .map((f) => `-${f}`)
    .join(' ');
}

const CLASS_NAMES: readonly (readonly [string, readonly ParamClass[]])[] = [
  ['builtin', ['builtin']],
  ['service', ['service']],
  ['user', ['user']],
  ['all', ['builtin', 'service', 'user']],
];

function parseClasses(text: string): Set<ParamClass> | string {
  const out = new Set<ParamClass>();
  for (const word of text.split(/[ ,\t\r\n]+/)) {
    if (word === '') continue;
    const hit = CLASS_NAMES.find(([n]) => n === word.toLowerCase());
    if (hit === undefined) return POSTCONF_TEXT.badParamClass(word);
    for (const c of hit[1]) out.add(c);
  }
  return out;
}

export function parsePostconfArgs(argv: readonly string[]): PostconfCommand | OptionError {
  const modes = new Set<ModeFlag>();
  let configDir: string | null = null;
  let paramClasses = new Set<ParamClass>(['builtin', 'service', 'user']);
  const overrides: string[] = [];
  let tlsMode: string | null = null;
  let verbose = 0;
  let templates = false;
  let i = 0;
  outer: for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.length < 2 || arg[0] !== '-') break;
    for (let k = 1; k < arg.length; k++) {
      const ch = arg[k] ?? '';
      const at = OPTSTRING.indexOf(ch);
      if (at < 0 || ch === ':') return { before: [POSTCONF_TEXT.invalidOption(ch)], fatal: USAGE };
      let optarg: string | null = null;
      if (OPTSTRING[at + 1] === ':') {
        if (k + 1 < arg.length) optarg = arg.slice(k + 1);
        else if (i + 1 < argv.length) optarg = argv[++i] ?? '';
        else return { before: [POSTCONF_TEXT.requiresArgument(ch)], fatal: USAGE };
      }
      switch (ch) {
        case 'b':
        case 't':
          modes.add(ch);
          if (templates) return { before: [], fatal: POSTCONF_TEXT.bOrT };
          templates = true;
          break;
        case 'c':
          configDir = optarg;
          break;
        case 'C': {
          const parsed = parseClasses(optarg ?? '');
          if (typeof parsed === 'string') return { before: [], fatal: parsed };
          paramClasses = parsed;
          break;
        }
        case 'o':
          modes.add('o');
          overrides.push(optarg ?? '');
          break;
        case 'T':
          modes.add('T');
          tlsMode = optarg;
          break;
        case 'v':
          verbose++;
          break;
        case 'E':
          return { before: [], fatal: USAGE };
        default:
          modes.add(ch as ModeFlag);
      }
      if (optarg !== null) continue outer;
    }
  }
  const args = argv.slice(i);

  if (!MAJOR.some((m) => modes.has(m))) modes.add('p');
  const first = args[0];
  if ((modes.has('p') || modes.has('M') || modes.has('F') || modes.has('P')) && first !== undefined && first.includes('=')) {
    modes.add('e');
  }
  for (const group of EXCLUSIVE) {
    const hit = group.filter((f) => modes.has(f));
    if (hit.length > 1) return { before: [], fatal: POSTCONF_TEXT.specifyOneOf(names(hit)) };
  }
  for (const [major, allowed] of COMPATIBLE) {
    if (!modes.has(major)) continue;
    const excess = [...modes].filter((f) => f !== major && !allowed.includes(f));
    if (excess.length > 0) return { before: [], fatal: POSTCONF_TEXT.doNotSpecify(`-${major}`, names(excess)) };
  }
  if (modes.has('e') && args.length === 0) return { before: [], fatal: POSTCONF_TEXT.eRequiresArg };
  return { modes, configDir, paramClasses, overrides, tlsMode, verbose, args };
}

export function isOptionError(x: PostconfCommand | OptionError): x is OptionError {
  return 'fatal' in x;
}
