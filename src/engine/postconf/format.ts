/**
 * How postconf lays out its output (postconf_print.c, postconf_master.c):
 * - parameter lines have their whitespace normalized (runs of blanks become one space);
 *   with -f, lines longer than 80 columns are folded with a 4-space indent;
 * - `postconf -M` puts the 8 master.cf fields at columns 0/11/17/25/33/41/49/57 with at least
 *   one space between them, keeps each `-o name=value` together, wraps the value in `{}`
 *   when it contains blanks, and with -f starts every `-o` on its own indented line.
 */
const LINE_LIMIT = 80;
const INDENT = '    ';
const INDENT_LEN = 4;
const COLUMNS = [0, 11, 17, 25, 33, 41, 49, 57] as const;

function splitWords(text: string): string[] {
  return text.split(/[ \t\r\n]+/).filter((w) => w.length > 0);
}

/** pcf_print_line(): one output line (with its newline), whitespace normalized. */
export function formatLine(text: string, fold: boolean): string {
  let out = '';
  let lineLen = 0;
  for (const word of splitWords(text)) {
    if (lineLen > 0) {
      if (!fold || lineLen + word.length < LINE_LIMIT) {
        out += ' ';
        lineLen += 1;
      } else {
        out += `\n${INDENT}`;
        lineLen = INDENT_LEN;
      }
    }
    out += word;
    lineLen += word.length;
  }
  return `${out}\n`;
}

function hasBlank(text: string): boolean {
  return /[ \t\r\n]/.test(text);
}

/** Formats the daemon options and arguments after the command (shared by -M and -F). */
function formatArgs(
  argv: readonly string[],
  fold: boolean,
  expand: ((v: string) => string) | null,
  state: { out: string; len: number },
  valueExtra: number,
): void {
  let inOptions = true;
  for (let field = 8; field < argv.length; field++) {
    const arg = argv[field] ?? '';
    let argLen = arg.length;
    let aval: string | null = null;
    let parens = false;
    if (inOptions) {
      if (arg[0] !== '-' || arg === '--') {
        inOptions = false;
      } else if (arg[1] === 'o' && field + 1 < argv.length) {
        aval = argv[field + 1] ?? '';
        state.len = LINE_LIMIT;
        if (arg === '-o' && expand !== null) aval = expand(aval);
        argLen += aval.length + valueExtra;
        parens = hasBlank(aval);
        if (parens) argLen += 2;
      }
    }
    if (!inOptions) parens = hasBlank(arg);
    if (state.len > INDENT_LEN) {
      if (!fold || state.len + 1 + argLen < LINE_LIMIT) {
        state.out += ' ';
        state.len += 1;
      } else {
        state.out += `\n${INDENT}`;
        state.len = INDENT_LEN;
      }
    }
    const shown = !inOptions && parens ? `{${arg}}` : arg;
    state.out += shown;
    state.len += shown.length;
    if (aval !== null) {
      const v = parens ? `{${aval}}` : aval;
      state.out += ` ${v}`;
      state.len += 1 + v.length;
      field += 1;
      state.len = LINE_LIMIT;
    }
  }
}

/** pcf_print_master_entry(): one master.cf entry as `postconf -M` prints it. */
export function formatMasterEntry(argv: readonly string[], fold: boolean, expand: ((v: string) => string) | null = null): string {
  const state = { out: '', len: 0 };
  for (let field = 0; field < 8; field++) {
    const arg = argv[field] ?? '';
    if (state.len > 0) {
      do {
        state.out += ' ';
        state.len += 1;
      } while (state.len < (COLUMNS[field] ?? 0));
    }
    state.out += arg;
    state.len += arg.length;
  }
  formatArgs(argv, fold, expand, state, 3);
  return `${state.out}\n`;
}

/** pcf_print_master_field(): `name/type/field = value` (or the value alone with -h). */
export function formatMasterField(
  argv: readonly string[],
  field: number,
  fieldName: string,
  hideName: boolean,
  fold: boolean,
  expand: ((v: string) => string) | null = null,
): string {
  const state = { out: '', len: 0 };
  const value = argv[field] ?? '';
  if (!hideName) {
    const head = `${argv[0] ?? ''}/${argv[1] ?? ''}/${fieldName} = `;
    state.out += head;
    state.len += head.length;
    if (state.len + value.length > LINE_LIMIT) {
      state.out += `\n${INDENT}`;
      state.len = INDENT_LEN;
    }
  }
  state.out += value;
  state.len += value.length;
  // postconf -F counts 1 instead of 3 for the space between an option and its value.
  if (field === 7) formatArgs(argv, fold, expand, state, 1);
  return `${state.out}\n`;
}
