/** `postconf -e name=value`, `postconf name=value`, `postconf -X name`, `postconf -# name`. */
import { isSpace, splitNameValue } from '../config/cf-syntax.ts';
import { applyMainCfEdit } from '../config/main-cf.ts';
import type { MainCfEditMode, MainCfEditRequest } from '../config/main-cf.ts';
import { POSTCONF_TEXT } from './messages.ts';
import type { PostconfOutput } from './output.ts';

function trimTrailingBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Validates the arguments as pcf_edit_main() does (fatal on the first bad one). */
export function mainEditRequests(mode: MainCfEditMode, args: readonly string[], out: PostconfOutput): MainCfEditRequest[] {
  const requests: MainCfEditRequest[] = [];
  for (const arg of args) {
    if (arg.includes('\n')) out.fatal(POSTCONF_TEXT.mainMultiline);
    let cp = 0;
    while (cp < arg.length && isSpace(arg[cp])) cp++;
    if (arg[cp] === '#') out.fatal(POSTCONF_TEXT.mainComment);
    if (mode === 'set') {
      const nv = splitNameValue(arg.slice(cp));
      if (!nv.ok) out.fatal(POSTCONF_TEXT.editSyntax(nv.error, arg.slice(cp)));
      requests.push({ name: nv.name, value: nv.value });
    } else {
      // 3.7 matches the name as given (only trailing blanks removed) [real: X-leading-space].
      if (arg.slice(cp) === '') out.fatal(POSTCONF_TEXT.blankName);
      if (arg.includes('=')) out.fatal(POSTCONF_TEXT.nameWithValue);
      requests.push({ name: trimTrailingBlanks(arg), value: null });
    }
  }
  return requests;
}

/** Runs a main.cf edit; returns the new text. */
export function editMain(mode: MainCfEditMode, args: readonly string[], text: string, path: string, out: PostconfOutput): string {
  const requests = mainEditRequests(mode, args, out);
  const r = applyMainCfEdit(text, mode, requests, path);
  for (const w of r.warnings) out.warn(w);
  return r.text;
}

/**
 * Whether postconf 3.7 crashes on these requests: a repeated `-X`/`-#` name makes it
 * dereference a missing value (recorded: exit by SIGSEGV, file untouched) [real: X-twice].
 */
export function crashesOnRepeat(mode: MainCfEditMode, args: readonly string[]): boolean {
  if (mode === 'set') return false;
  const seen = new Set<string>();
  for (const a of args) {
    const n = trimTrailingBlanks(a);
    if (seen.has(n)) return true;
    seen.add(n);
  }
  return false;
}
