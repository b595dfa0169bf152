/**
 * master.cf editing (`postconf -Me/-MX/-M#`, `-Fe`, `-Pe/-PX`), as pcf_edit_master() of
 * Postfix 3.7 does it: the file is copied line by line; an entry that a request matches is
 * re-printed in the folded `postconf -Mf` layout (field and parameter edits), replaced
 * (-Me), dropped (-MX, -PX of the whole entry) or commented out (-M#). Comment and blank lines
 * are always copied as they are, also those inside an entry.
 */
import { isSpace, splitNameValue } from '../config/cf-syntax.ts';
import { checkEntryFields, MASTER_FIELD_NAMES, normalizeDaemonArgs, parseMasterEntry, splitQuoted } from '../config/master-cf.ts';
import { physicalLines } from '../config/main-cf.ts';
import { formatMasterEntry } from './format.ts';
import { POSTCONF_TEXT } from './messages.ts';
import type { PostconfOutput } from './output.ts';

export type MasterEditKind = 'entry' | 'field' | 'param';
export type MasterEditMode = 'set' | 'remove' | 'comment';

interface EditRequest {
  readonly raw: string;
  readonly pattern: readonly string[];
  readonly field: number;
  readonly param: string;
  readonly value: string;
  matchCount: number;
}

/** pcf_parse_service_pattern(): split on `/`, `*` only alone, missing parts become `*`. */
export function parseServicePattern(text: string, min: number, max: number): string[] | null {
  if (text.startsWith('/')) return null;
  const parts = text.split('/').filter((p) => p !== '');
  if (parts.length < min || parts.length > max) return null;
  if (parts.some((p) => p !== '*' && p.includes('*'))) return null;
  while (parts.length < max) parts.push('*');
  return parts;
}

export function matchesService(pattern: readonly string[], name: string, type: string): boolean {
  const n = pattern[0] ?? '*';
  const t = pattern[1] ?? '*';
  return (n === '*' || n === name) && (t === '*' || t === type);
}

/** Field name (or `*`) to index; null when unknown. */
export function fieldIndex(name: string): number | 'any' | null {
  if (name === '*') return 'any';
  const i = (MASTER_FIELD_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? null : i;
}

function hasBlank(text: string): boolean {
  return /[ \t\r\n]/.test(text);
}

function isCommentOrBlank(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpace(line[i])) i++;
  return i === line.length || line[i] === '#';
}

function firstTokens(line: string): string[] {
  return line
    .split(/[ \t\r\n]+/)
    .filter((w) => w !== '')
    .slice(0, 2);
}

function parseRequests(kind: MasterEditKind, mode: MasterEditMode, args: readonly string[], out: PostconfOutput): EditRequest[] {
  const reqs: EditRequest[] = [];
  for (const raw of args) {
    if (raw.includes('\n')) out.fatal(POSTCONF_TEXT.masterMultiline);
    let cp = 0;
    while (cp < raw.length && isSpace(raw[cp])) cp++;
    if (raw[cp] === '#') out.fatal(POSTCONF_TEXT.masterComment);
    let patternText: string;
    let value = '';
    if (mode === 'set') {
      const nv = splitNameValue(raw.slice(cp));
      if (!nv.ok) out.fatal(POSTCONF_TEXT.editSyntax(nv.error, raw));
      patternText = nv.name;
      value = nv.value;
    } else {
      if (raw.includes('=')) out.fatal(POSTCONF_TEXT.masterNameWithValue);
      patternText = raw.slice(cp).replace(/[ \t\n\v\f\r]+$/, '');
    }
    let pattern: string[] | null;
    let field = -1;
    let param = '';
    switch (kind) {
      case 'entry':
        pattern = parseServicePattern(patternText, 2, 2);
        if (pattern === null) out.fatal(POSTCONF_TEXT.mEditPattern);
        break;
      case 'field': {
        pattern = parseServicePattern(patternText, 3, 3);
        if (pattern === null) out.fatal(POSTCONF_TEXT.fEditPattern);
        const f = fieldIndex(pattern[2] ?? '');
        if (f === null) out.fatal(POSTCONF_TEXT.badField(pattern[2] ?? ''));
        if (f === 'any') out.fatal(POSTCONF_TEXT.fEditWildcard);
        if (mode === 'set' && f < 7 && hasBlank(value)) out.fatal(POSTCONF_TEXT.fEditWhitespace);
        field = f;
        break;
      }
      case 'param':
        pattern = parseServicePattern(patternText, 3, 3);
        if (pattern === null) out.fatal(POSTCONF_TEXT.pEditPattern);
        param = pattern[2] ?? '';
        if (param === '*') out.fatal(POSTCONF_TEXT.pEditWildcard);
        if (mode === 'set' && hasBlank(value)) out.fatal(POSTCONF_TEXT.pEditWhitespace);
        break;
    }
    reqs.push({ raw, pattern, field, param, value, matchCount: 0 });
  }
  return reqs;
}

/** Parses an entry for editing; fatal like postconf on errors. */
function parseForEdit(text: string, out: PostconfOutput, onCountError: () => string): string[] {
  const r = parseMasterEntry(text, 0, 0, (t) => out.warn(t));
  if (!r.ok) out.fatal(r.error === 'bad field count' ? onCountError() : r.error);
  return [...r.entry.argv];
}

/** pcf_edit_master_field(). */
function editField(argv: string[], field: number, value: string, out: PostconfOutput): void {
  if (field === 7) {
    argv.length = 7;
    argv.push(...splitQuoted(value));
    normalizeDaemonArgs(argv, (t) => out.warn(t));
  } else {
    argv[field] = value;
  }
  const bad = argv.length >= 8 ? checkEntryFields(argv, value) : null;
  if (bad !== null) out.fatal(bad);
}

/** pcf_edit_master_param(). */
function editParam(argv: string[], mode: MasterEditMode, name: string, value: string): void {
  let match = false;
  let field = 8;
  for (; field < argv.length; field++) {
    const arg = argv[field] ?? '';
    if (arg[0] !== '-' || arg === '--') break;
    const aval = argv[field + 1];
    if (arg[1] === 'o' && aval !== undefined) {
      if (arg === '-o' && aval.startsWith(name) && aval[name.length] === '=') {
        match = true;
        if (mode === 'set') {
          argv[field + 1] = `${name}=${value}`;
        } else {
          argv.splice(field, 2);
          field -= 2;
        }
      }
      field += 1;
    }
  }
  if (mode === 'set' && !match) argv.splice(field, 0, '-o', `${name}=${value}`);
}

/** Runs a master.cf edit on `text`; returns the new text (fatal errors stop the run). */
export function editMaster(
  kind: MasterEditKind,
  mode: MasterEditMode,
  args: readonly string[],
  text: string,
  path: string,
  out: PostconfOutput,
): string {
  const reqs = parseRequests(kind, mode, args, out);
  const lines = physicalLines(text);
  let dst = '';
  let idx = 0;
  let lineno = 0;
  let matched = false;
  while (idx < lines.length) {
    const line = lines[idx++] ?? '';
    lineno++;
    if (isCommentOrBlank(line)) {
      dst += line;
      continue;
    }
    if (isSpace(line[0])) {
      if (!matched) dst += line;
      else if (mode === 'comment') dst += `#${line}`;
      continue;
    }
    matched = false;
    const tokens = firstTokens(line);
    const name = tokens[0] ?? '';
    const type = tokens[1];
    if (type === undefined) out.fatal(POSTCONF_TEXT.sameLine(path, lineno));
    if (name.includes('=')) out.fatal(POSTCONF_TEXT.nameSyntax(path, lineno, name));
    if (/[=/]/.test(type)) out.fatal(POSTCONF_TEXT.typeSyntax(path, lineno, type));
    let newEntry: string[] | null = null;
    for (const req of reqs) {
      let tentative: string[] | null = null;
      let useTentative = false;
      if (kind === 'entry' && mode === 'set') {
        tentative = parseForEdit(req.value, out, () => POSTCONF_TEXT.editSyntax('bad field count', req.raw));
      }
      if (matchesService(req.pattern, name, type)) {
        matched = true;
        req.matchCount += 1;
        if (mode === 'set' || (kind === 'param' && mode === 'remove')) {
          if (kind === 'entry') {
            if (req.matchCount === 1) useTentative = true;
          } else {
            if (newEntry === null) {
              let full = line;
              while (idx < lines.length) {
                const next = lines[idx] ?? '';
                if (next[0] !== '#' && !isSpace(next[0])) break;
                idx++;
                if (isCommentOrBlank(next)) dst += next;
                else full += next;
              }
              newEntry = parseForEdit(full, out, () => POSTCONF_TEXT.entryError(path, lineno, 'bad field count'));
            }
            if (kind === 'field') editField(newEntry, req.field, req.value, out);
            else editParam(newEntry, mode, req.param, req.value);
          }
        }
      } else if (tentative !== null && matchesService([tentative[0] ?? '', tentative[1] ?? ''], name, type)) {
        matched = true;
        req.matchCount += 1;
        if (req.matchCount === 1) useTentative = true;
      }
      if (tentative !== null && useTentative) newEntry = tentative;
    }
    if (newEntry !== null) dst += formatMasterEntry(newEntry, true);
    else if (!matched) dst += line;
    else if (mode === 'comment') dst += `#${line}`;
  }
  for (const req of reqs) {
    if (req.matchCount !== 0) continue;
    if (kind === 'entry' && mode === 'set') {
      dst += formatMasterEntry(
        parseForEdit(req.value, out, () => POSTCONF_TEXT.editSyntax('bad field count', req.raw)),
        true,
      );
    } else if (kind !== 'entry') {
      out.warn(POSTCONF_TEXT.unmatchedEdit(req.raw));
    }
  }
  return dst;
}
