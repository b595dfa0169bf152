/**
 * Every text the shell itself prints, in one place. Texts marked "bash 5.2" were copied from GNU bash
 * 5.2.15 on Debian 12 (interactive: no `line 1:` prefix; see tests/shell/golden/bash-errors.txt), the
 * errno texts from glibc's strerror. Texts marked "lab" are ours: they name a limit of the simulation.
 */

/** The shell's name in its messages. */
export const SHELL_NAME = 'bash';

/** glibc strerror texts. */
export const ENOENT = 'No such file or directory';
export const EISDIR = 'Is a directory';
export const ENOTDIR = 'Not a directory';
/** strerror(ELOOP): a path with more than 40 symbolic links (tests/corpus-extra/host-tools/ca-symlink-messages.txt). */
export const ELOOP = 'Too many levels of symbolic links';
export const EACCES = 'Permission denied';

/** bash 5.2: `bash: foo: command not found` (status 127). */
export function msgCommandNotFound(name: string): string {
  return `${name}: command not found`;
}

/** bash 5.2: "syntax error near unexpected token `|'" (status 2). */
export function msgSyntaxError(token: string): string {
  return `syntax error near unexpected token \`${token}'`;
}

/** bash 5.2, input ends inside quotes: "unexpected EOF while looking for matching `\"'". */
export function msgUnexpectedEof(quote: string): string {
  return `unexpected EOF while looking for matching \`${quote}'`;
}

/** bash 5.2, input ends after `|`, `&&`, `||`. */
export const MSG_SYNTAX_UNEXPECTED_EOF = 'syntax error: unexpected end of file';

/** bash 5.2: `bash: ${a b}: bad substitution` (status 1). */
export function msgBadSubstitution(text: string): string {
  return `${text}: bad substitution`;
}

/** lab: syntax the simulated bash does not run (command substitution, background jobs, compound commands...). */
export function msgUnsupported(what: string): string {
  return `${what}: not supported in this simulated shell`;
}

/** bash 5.2: `bash: cd: /nope: No such file or directory`. Builtin errors are `NAME: text`. */
export function msgBuiltin(builtin: string, text: string): string {
  return `${builtin}: ${text}`;
}

/** bash 5.2 builtin texts. */
export const MSG_TOO_MANY_ARGUMENTS = 'too many arguments';
export const MSG_NUMERIC_ARGUMENT_REQUIRED = 'numeric argument required';
export const MSG_OLDPWD_NOT_SET = 'OLDPWD not set';
export const MSG_HOME_NOT_SET = 'HOME not set';

/** bash 5.2 prints this when the shell exits on Ctrl-D or `exit`. */
export const MSG_EXIT = 'exit';

/** readline's question before listing many completions (`completion-query-items`, 100). */
export function msgDisplayAll(n: number): string {
  return `Display all ${n} possibilities? (y or n)`;
}

/** bash 5.2 printf: its usage line (no `bash: ` prefix), after a bad option (status 2). */
export const MSG_PRINTF_USAGE = 'printf: usage: printf [-v var] format [arguments]';

/** bash 5.2 builtins' option errors: `bash: printf: -x: invalid option`. */
export function msgInvalidBuiltinOption(opt: string): string {
  return `${opt}: invalid option`;
}
export function msgBuiltinOptionNeedsArgument(opt: string): string {
  return `${opt}: option requires an argument`;
}

/** bash 5.2: "`1x': not a valid identifier". */
export function msgNotValidIdentifier(name: string): string {
  return `\`${name}': not a valid identifier`;
}

/** bash 5.2 printf's texts after `bash: printf: `. */
export function msgMissingFormatCharacter(spec: string): string {
  return `\`${spec}': missing format character`;
}
export function msgInvalidFormatCharacter(c: string): string {
  return `\`${c}': invalid format character`;
}
export const MSG_MISSING_HEX_DIGIT = 'missing hex digit for \\x';
export function msgMissingUnicodeDigit(c: string): string {
  return `missing unicode digit for \\${c}`;
}
/** A number beyond intmax/uintmax: bash warns and uses the limit (strerror(ERANGE)). */
export function msgOutOfRange(arg: string): string {
  return `warning: ${arg}: Numerical result out of range`;
}
/** An argument that is not wholly a number (bash's sh_invalidnum picks the word from how it starts). */
export function msgInvalidNumber(arg: string): string {
  const kind = /^0[0-9]/.test(arg) ? 'invalid octal number' : arg.startsWith('0x') ? 'invalid hex number' : 'invalid number';
  return `${arg}: ${kind}`;
}
