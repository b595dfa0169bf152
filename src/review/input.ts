/**
 * What the review accepts: main.cf and master.cf texts, or the output of `postconf -n` (which is a valid
 * main.cf) and `postconf -M` (a valid master.cf), optionally with `postconf -P` lines
 * (`service/type/name = value`) merged into master.cf as `-o name=value`. Every input is size-capped and
 * checked for binary data BEFORE anything parses it.
 */
import { INPUT_TEXT, MAX_INPUT_BYTES } from './texts.ts';

export type InputCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** UTF-16 length is a lower bound of the UTF-8 size; 3 bytes per unit is the upper one. */
function utf8Size(text: string): number {
  if (text.length > MAX_INPUT_BYTES) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}

/** NUL bytes, the replacement character of undecodable bytes, or many control characters: not a text file. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\0') || sample.includes('\uFFFD')) return true;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control > 0 && control * 20 > sample.length;
}

/** The size cap and the binary check, in that order, before any parsing. `what` names the input in messages. */
export function checkInput(what: string, text: string): InputCheck {
  const size = utf8Size(text);
  if (size > MAX_INPUT_BYTES) return { ok: false, message: INPUT_TEXT.tooBig(what, size) };
  if (looksBinary(text)) return { ok: false, message: INPUT_TEXT.binary(what) };
  return { ok: true, text };
}

/** A `postconf -P` line: `service/type/name = value`. */
const P_LINE = /^([^\s/=#]+)\/([^\s/=#]+)\/([^\s=#]+)\s*=\s?(.*)$/;

/** True when every non-blank line of `text` is a `postconf -P` line. */
export function isPostconfP(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.every((l) => P_LINE.test(l.replace(/\r$/, '')));
}

/**
 * master.cf from `postconf -M` output (already a master.cf) plus `postconf -P` lines: each becomes an
 * `-o name=value` line right after its entry. `notes` gets the lines that name no entry.
 */
export function mergePostconfP(masterCf: string, pText: string, notes: string[]): string {
  const extra = new Map<string, string[]>();
  for (const raw of pText.split('\n')) {
    const m = P_LINE.exec(raw.replace(/\r$/, ''));
    if (m === null) continue;
    const key = `${m[1] ?? ''}/${m[2] ?? ''}`;
    const list = extra.get(key) ?? [];
    const value = m[4] ?? '';
    list.push(/\s/.test(value) ? `  -o { ${m[3] ?? ''}=${value} }` : `  -o ${m[3] ?? ''}=${value}`);
    extra.set(key, list);
  }
  const out: string[] = [];
  const lines = masterCf.split('\n');
  let current: string | null = null;
  const flush = (): void => {
    if (current === null) return;
    out.push(...(extra.get(current) ?? []));
    extra.delete(current);
    current = null;
  };
  for (const line of lines) {
    const isContinuation = /^\s/.test(line) && line.trim() !== '' && !line.trim().startsWith('#');
    if (!isContinuation && line.trim() !== '' && !line.trim().startsWith('#')) {
      flush();
      const f = line.trim().split(/\s+/);
      current = `${f[0] ?? ''}/${f[1] ?? ''}`;
    }
    out.push(line);
  }
  flush();
  for (const key of extra.keys()) notes.push(INPUT_TEXT.postconfPUnknown(key));
  return out.join('\n');
}
