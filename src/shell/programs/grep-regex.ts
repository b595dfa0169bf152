/**
 * GNU grep 3.8's pattern syntaxes (BRE, ERE, fixed strings) translated to JavaScript regular expressions,
 * with grep's error texts for bad patterns (recorded from grep 3.8 on Debian 12).
 */

export type Syntax = 'basic' | 'extended' | 'fixed';

export const GREP_REGEX_ERRORS = {
  unmatchedOpen: 'Unmatched ( or \\(',
  unmatchedClose: 'Unmatched ) or \\)',
  unmatchedBracket: 'Unmatched [, [^, [:, [., or [=',
  invalid: 'Invalid regular expression',
  unmatchedBrace: 'Unmatched \\{',
  badBrace: 'Invalid content of \\{\\}',
  trailingBackslash: 'Trailing backslash',
  badBackref: 'Invalid back reference',
  badClass: 'Invalid character class name',
} as const;

export type Translation = { readonly ok: true; readonly source: string } | { readonly ok: false; readonly error: string };

const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

function escapeJs(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

class Fail {
  constructor(readonly error: string) {}
}

/** Reads a bracket expression starting at `p[i] === '['`; returns the JS class and the index after it. */
function bracket(p: string, i: number): [string, number] {
  let j = i + 1;
  let neg = false;
  if (p[j] === '^') {
    neg = true;
    j++;
  }
  if (j >= p.length) throw new Fail(GREP_REGEX_ERRORS.invalid);
  let body = '';
  let first = true;
  for (;;) {
    if (j >= p.length) throw new Fail(GREP_REGEX_ERRORS.unmatchedBracket);
    const c = p[j] ?? '';
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '.' || p[j + 1] === '=')) {
      const kind = p[j + 1] ?? '';
      const close = p.indexOf(`${kind}]`, j + 2);
      if (close < 0) throw new Fail(GREP_REGEX_ERRORS.unmatchedBracket);
      const name = p.slice(j + 2, close);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new Fail(GREP_REGEX_ERRORS.badClass);
        body += cls;
      } else body += [...name].map(escapeJs).join('');
      j = close + 2;
      continue;
    }
    if (c === '-' && body !== '' && p[j + 1] !== ']') {
      body += '-';
      j++;
      continue;
    }
    body += c === '\\' || c === '[' || c === ']' || c === '^' || c === '-' ? `\\${c}` : c;
    j++;
  }
  return [`[${neg ? '^' : ''}${body}]`, j + 1];
}

function translateRegex(p: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  let groups = 0;
  /** True where a `*` would be literal: at the start, after `(` or `|`. */
  let atStart = true;
  for (let i = 0; i < p.length;) {
    const c = p[i] ?? '';
    const wasStart: boolean = atStart;
    atStart = false;
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) throw new Fail(GREP_REGEX_ERRORS.trailingBackslash);
      i += 2;
      if (!extended && e === '(') {
        out += '(';
        depth++;
        groups++;
        atStart = true;
        continue;
      }
      if (!extended && e === ')') {
        if (depth === 0) throw new Fail(GREP_REGEX_ERRORS.unmatchedClose);
        out += ')';
        depth--;
        continue;
      }
      if (!extended && e === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (!extended && (e === '+' || e === '?')) {
        out += wasStart ? escapeJs(e) : e;
        continue;
      }
      if (!extended && e === '{') {
        const close = p.indexOf('\\}', i);
        if (close < 0) throw new Fail(GREP_REGEX_ERRORS.unmatchedBrace);
        const inner = p.slice(i, close);
        if (!/^\d*(,\d*)?$/.test(inner) || inner === '' || inner === ',') throw new Fail(GREP_REGEX_ERRORS.badBrace);
        out += `{${inner.startsWith(',') ? `0${inner}` : inner}}`;
        i = close + 2;
        continue;
      }
      if (e === '<') {
        out += '\\b(?=\\w)';
        continue;
      }
      if (e === '>') {
        out += '\\b(?<=\\w)';
        continue;
      }
      if ('bBwWsS'.includes(e)) {
        out += `\\${e}`;
        continue;
      }
      if (/[1-9]/.test(e)) {
        if (Number(e) > groups) throw new Fail(GREP_REGEX_ERRORS.badBackref);
        out += `\\${e}`;
        continue;
      }
      out += escapeJs(e);
      continue;
    }
    if (c === '[') {
      const [cls, next] = bracket(p, i);
      out += cls;
      i = next;
      continue;
    }
    if (c === '.') {
      out += '.';
      i++;
      continue;
    }
    if (c === '*') {
      out += wasStart ? '\\*' : '*';
      if (wasStart) atStart = false;
      i++;
      continue;
    }
    if (c === '^') {
      out += extended || wasStart ? '^' : '\\^';
      atStart = wasStart;
      i++;
      continue;
    }
    if (c === '$') {
      const atEnd = i + 1 === p.length || (!extended && p.startsWith('\\)', i + 1)) || (!extended && p.startsWith('\\|', i + 1));
      out += extended || atEnd ? '$' : '\\$';
      i++;
      continue;
    }
    if (extended) {
      if (c === '(') {
        out += '(';
        depth++;
        groups++;
        atStart = true;
        i++;
        continue;
      }
      if (c === ')') {
        if (depth === 0) out += '\\)';
        else {
          out += ')';
          depth--;
        }
        i++;
        continue;
      }
      if (c === '|') {
        out += '|';
        atStart = true;
        i++;
        continue;
      }
      if (c === '+' || c === '?') {
        out += wasStart ? escapeJs(c) : c;
        i++;
        continue;
      }
      if (c === '{') {
        const m = /^\{(\d+)?(,(\d+)?)?\}/.exec(p.slice(i));
        if (m !== null && (m[1] !== undefined || m[3] !== undefined) && !wasStart) {
          out += `{${m[1] ?? '0'}${m[2] ?? ''}}`;
          i += m[0].length;
          continue;
        }
        out += '\\{';
        i++;
        continue;
      }
    }
    out += escapeJs(c);
    i++;
  }
  if (depth > 0) throw new Fail(GREP_REGEX_ERRORS.unmatchedOpen);
  return out;
}

/** One pattern (a line of PATTERNS) as JavaScript regex source. */
export function translate(pattern: string, syntax: Syntax): Translation {
  if (syntax === 'fixed') return { ok: true, source: [...pattern].map(escapeJs).join('') };
  try {
    return { ok: true, source: translateRegex(pattern, syntax === 'extended') };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    return { ok: false, error: GREP_REGEX_ERRORS.invalid };
  }
}
