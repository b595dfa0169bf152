/**
 * Texts of GNU coreutils 9.1 and grep 3.8 as Debian 12 prints them with LANG=C.UTF-8 (recorded in
 * tests/shell/golden/tools.golden.json by tests/shell/golden/record-tools.py). File names in `'...'`
 * are quoted with ASCII quotes (shell-escape style), numbers in `‘...’` with curly quotes (locale style).
 */

/** `cat: nope.txt: No such file or directory`. */
export function msgFileError(prog: string, file: string, error: string): string {
  return `${prog}: ${file}: ${error}\n`;
}

/** `head: cannot open 'nope.txt' for reading: No such file or directory`. */
export function msgCannotOpen(prog: string, file: string, error: string): string {
  return `${prog}: cannot open ${shellQuote(file)} for reading: ${error}\n`;
}

/** `head: error reading 'dir': Is a directory`. */
export function msgErrorReading(prog: string, file: string, error: string): string {
  return `${prog}: error reading ${shellQuote(file)}: ${error}\n`;
}

/** `ls: cannot access 'nope': No such file or directory`. */
export function msgCannotAccess(prog: string, file: string, error: string): string {
  return `${prog}: cannot access ${shellQuote(file)}: ${error}\n`;
}

/** `head: invalid number of lines: ‘x’`. */
export function msgInvalidLines(prog: string, value: string): string {
  return `${prog}: invalid number of lines: ‘${value}’\n`;
}

/** `tail: no files remaining` (tail -f when nothing could be opened). */
export const MSG_NO_FILES_REMAINING = 'no files remaining';

/** `tail: tf.txt: file truncated`. */
export function msgFileTruncated(prog: string, file: string): string {
  return `${prog}: ${file}: file truncated\n`;
}

/** getopt's texts. */
export function msgInvalidOption(prog: string, opt: string): string {
  return `${prog}: invalid option -- '${opt}'\n`;
}
export function msgUnrecognizedOption(prog: string, opt: string): string {
  return `${prog}: unrecognized option '${opt}'\n`;
}
export function msgRequiresArgument(prog: string, opt: string): string {
  return `${prog}: option requires an argument -- '${opt}'\n`;
}
export function msgLongRequiresArgument(prog: string, opt: string): string {
  return `${prog}: option '${opt}' requires an argument\n`;
}
export function msgTryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.\n`;
}

/** grep's usage line, printed before "Try 'grep --help'...". */
export const GREP_USAGE = 'Usage: grep [OPTION]... PATTERNS [FILE]...\n';
/** grep's label for standard input. */
export const GREP_STDIN_LABEL = '(standard input)';

/** The header head and tail print before each file when given several: `==> dir/a.txt <==`. */
export function fileHeader(file: string): string {
  return `==> ${file} <==\n`;
}

/** Quotes a file name as coreutils' shell-escape style does for plain names: `'nope'`. */
export function shellQuote(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  return `"${s}"`;
}

/** timeout: `timeout: invalid time interval ‘1x’` (exit 125, with the Try line). */
export function msgInvalidTimeInterval(value: string): string {
  return `timeout: invalid time interval ‘${value}’\n`;
}
/** timeout: `timeout: ‘FOO’: invalid signal` (exit 125, with the Try line). */
export function msgInvalidSignal(value: string): string {
  return `timeout: ‘${value}’: invalid signal\n`;
}
/** timeout: `timeout: failed to run command ‘nosuchcmd’: No such file or directory` (exit 127, or 126). */
export function msgFailedToRun(command: string, error: string): string {
  return `timeout: failed to run command ‘${command}’: ${error}\n`;
}
/** timeout -v: `timeout: sending signal TERM to command ‘tail’`. */
export function msgSendingSignal(signal: string, command: string): string {
  return `timeout: sending signal ${signal} to command ‘${command}’\n`;
}
