/**
 * Command line parsing, as far as the lab needs bash: words with quotes and backslashes, `$NAME`/`${NAME}`/`$?`,
 * `;`, `&&`, `||`, `|`, `!`, redirections (`>`, `>>`, `<`, `<<<`, `2>&1`, `&>`). Anything else gets bash's
 * error or a clear "not supported" message; the parser never throws.
 */
import { msgBadSubstitution, msgSyntaxError, msgUnexpectedEof, msgUnsupported } from './messages.ts';

/** A piece of a word, before expansion. */
export type WordPart =
  /** Literal text. `quoted` text takes part in neither globbing nor tilde expansion. */
  | { readonly kind: 'lit'; readonly text: string; readonly quoted: boolean }
  /** `$NAME`, `${NAME}`, `$?`, `$$`, `$0`... `quoted` when inside double quotes (no word splitting). */
  | { readonly kind: 'var'; readonly name: string; readonly quoted: boolean };

export interface Word {
  readonly parts: readonly WordPart[];
  /** The word as typed. */
  readonly raw: string;
}

export type RedirectOp = '>' | '>>' | '<' | '<<<' | '>&' | '&>' | '&>>';

export interface Redirect {
  /** The file descriptor redirected (0, 1, 2); for `&>` it is 1 and 2 together. */
  readonly fd: number;
  readonly op: RedirectOp;
  readonly target: Word;
}

export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
}

export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
  /** `! cmd` inverts the status. */
  readonly negated: boolean;
  /** `|&` between stage i and i+1 also pipes stderr. Index i for the pipe after command i. */
  readonly stderrPiped: readonly boolean[];
}

/** One pipeline with the operator that joins it to the one before (`;` for the first). */
export interface ListItem {
  readonly connector: ';' | '&&' | '||';
  readonly pipeline: Pipeline;
}

export type ParseResult =
  | { readonly kind: 'ok'; readonly items: readonly ListItem[] }
  /** Bash would print this message (without the `bash: ` prefix) and set `$?` to 2 (or 1 for a bad substitution). */
  | { readonly kind: 'error'; readonly message: string; readonly status: number }
  /**
   * The line needs more input (bash shows its PS2 `> `): an open quote, a trailing `|`/`&&`/`||` or a backslash
   * at the end. `eofMessage` is what bash says if the input ends there.
   */
  | { readonly kind: 'incomplete'; readonly eofMessage: string };

type Token =
  | { readonly kind: 'word'; readonly word: Word }
  | { readonly kind: 'op'; readonly op: string }
  | { readonly kind: 'redir'; readonly fd: number | null; readonly op: string }
  | { readonly kind: 'newline' }
  | { readonly kind: 'eof' };

class ParseFailure {
  constructor(readonly result: ParseResult) {}
}

const OPERATORS = ['&&', '||', ';;', '|&', ';', '|', '&', '(', ')'] as const;
const REDIR_OPS = ['&>>', '<<<', '&>', '>>', '>&', '<&', '<<', '<>', '>|', '>', '<'] as const;
const META = ' \t\n;&|()<>';
const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  'function',
  'select',
  '{',
  '}',
  '[[',
  ']]',
  'coproc',
  'time',
]);

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

/** Splits the input into tokens. Throws ParseFailure (caught in `parse`) for open quotes and unsupported syntax. */
function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'newline' });
      i++;
      continue;
    }
    if (c === '#') {
      // interactive_comments: a word starting with # comments out the rest of the line.
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    // A redirection may start with a file descriptor number: `2>`, `2>>`, `2>&1`.
    const fdMatch = /^(\d+)(?=[<>])/.exec(src.slice(i, i + 12));
    if (fdMatch !== null) {
      const after = i + (fdMatch[1] ?? '').length;
      const op = REDIR_OPS.find((o) => src.startsWith(o, after) && (o.startsWith('>') || o.startsWith('<')));
      if (op !== undefined) {
        tokens.push({ kind: 'redir', fd: Number(fdMatch[1]), op });
        i = after + op.length;
        continue;
      }
    }
    const redir = REDIR_OPS.find((o) => src.startsWith(o, i));
    if (redir !== undefined) {
      tokens.push({ kind: 'redir', fd: null, op: redir });
      i += redir.length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    const start = i;
    const parts: WordPart[] = [];
    let lit = '';
    let litQuoted = false;
    const flush = (): void => {
      if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: litQuoted });
      lit = '';
    };
    const addLit = (text: string, quoted: boolean): void => {
      if (quoted !== litQuoted) flush();
      litQuoted = quoted;
      lit += text;
    };
    const readDollar = (quoted: boolean): void => {
      // src[i] === '$'
      const next = src[i + 1] ?? '';
      if (next === '(') throw new ParseFailure(unsupported(src[i + 2] === '(' ? '$((...))' : '$(...)'));
      if (next === '{') {
        const close = src.indexOf('}', i + 2);
        if (close < 0) throw new ParseFailure({ kind: 'incomplete', eofMessage: msgUnexpectedEof('}') });
        const inner = src.slice(i + 2, close);
        const simple = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]|[?$#!@*-])$/.test(inner);
        if (!simple) throw new ParseFailure({ kind: 'error', message: msgBadSubstitution(src.slice(i, close + 1)), status: 1 });
        flush();
        parts.push({ kind: 'var', name: inner, quoted });
        i = close + 1;
        return;
      }
      if (isNameStart(next)) {
        let j = i + 1;
        while (j < n && isNameChar(src[j] ?? '')) j++;
        flush();
        parts.push({ kind: 'var', name: src.slice(i + 1, j), quoted });
        i = j;
        return;
      }
      if (/^[0-9?$#!@*-]$/.test(next)) {
        flush();
        parts.push({ kind: 'var', name: next, quoted });
        i += 2;
        return;
      }
      addLit('$', quoted);
      i++;
    };
    while (i < n) {
      const ch = src[i] ?? '';
      if (META.includes(ch)) break;
      if (ch === "'") {
        const close = src.indexOf("'", i + 1);
        if (close < 0) throw new ParseFailure({ kind: 'incomplete', eofMessage: msgUnexpectedEof("'") });
        addLit(src.slice(i + 1, close), true);
        if (close === i + 1) {
          // '' is an empty quoted word part: keeps the word alive.
          flush();
          parts.push({ kind: 'lit', text: '', quoted: true });
        }
        i = close + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        let closed = false;
        if (src[j] === '"') {
          flush();
          parts.push({ kind: 'lit', text: '', quoted: true });
        }
        while (j < n) {
          const d = src[j] ?? '';
          if (d === '"') {
            closed = true;
            j++;
            break;
          }
          if (d === '\\') {
            const e = src[j + 1];
            if (e === undefined) break;
            if (e === '\n') {
              j += 2;
              continue;
            }
            if ('$`"\\'.includes(e)) addLit(e, true);
            else addLit(`\\${e}`, true);
            j += 2;
            continue;
          }
          if (d === '$') {
            i = j;
            readDollar(true);
            j = i;
            continue;
          }
          if (d === '`') throw new ParseFailure(unsupported('`...`'));
          addLit(d, true);
          j++;
        }
        if (!closed) throw new ParseFailure({ kind: 'incomplete', eofMessage: msgUnexpectedEof('"') });
        i = j;
        continue;
      }
      if (ch === '\\') {
        const e = src[i + 1];
        if (e === undefined) throw new ParseFailure({ kind: 'incomplete', eofMessage: msgSyntaxEof() });
        if (e === '\n') {
          i += 2;
          continue;
        }
        addLit(e, true);
        i += 2;
        continue;
      }
      if (ch === '$') {
        readDollar(false);
        continue;
      }
      if (ch === '`') throw new ParseFailure(unsupported('`...`'));
      addLit(ch, false);
      i++;
    }
    flush();
    tokens.push({ kind: 'word', word: { parts, raw: src.slice(start, i) } });
  }
  tokens.push({ kind: 'eof' });
  return tokens;
}

function msgSyntaxEof(): string {
  return 'syntax error: unexpected end of file';
}

function unsupported(what: string): ParseResult {
  return { kind: 'error', message: msgUnsupported(what), status: 2 };
}

function tokenText(t: Token): string {
  switch (t.kind) {
    case 'word':
      return t.word.raw;
    case 'op':
      return t.op;
    case 'redir':
      return t.op;
    case 'newline':
    case 'eof':
      return 'newline';
  }
}

function syntaxError(t: Token): ParseFailure {
  return new ParseFailure({ kind: 'error', message: msgSyntaxError(tokenText(t)), status: 2 });
}

class Parser {
  #pos = 0;
  constructor(readonly tokens: readonly Token[]) {}

  peek(): Token {
    return this.tokens[this.#pos] ?? { kind: 'eof' };
  }
  next(): Token {
    const t = this.peek();
    this.#pos++;
    return t;
  }
  skipNewlines(): void {
    while (this.peek().kind === 'newline') this.#pos++;
  }

  list(): ListItem[] {
    const items: ListItem[] = [];
    let connector: ListItem['connector'] = ';';
    this.skipNewlines();
    while (this.peek().kind !== 'eof') {
      const pipeline = this.pipeline();
      items.push({ connector, pipeline });
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'newline') {
        this.skipNewlines();
        connector = ';';
        continue;
      }
      if (t.kind === 'op' && (t.op === '&&' || t.op === '||')) {
        this.next();
        this.skipNewlines();
        if (this.peek().kind === 'eof') throw new ParseFailure({ kind: 'incomplete', eofMessage: msgSyntaxEof() });
        connector = t.op;
        continue;
      }
      if (t.kind === 'op' && (t.op === ';' || t.op === '&')) {
        this.next();
        if (t.op === '&') throw new ParseFailure(unsupported('&'));
        const after = this.peek();
        // `a ; ; b` is an error; `a ;` at the end is fine.
        if (after.kind === 'op' && (after.op === ';' || after.op === '&' || after.op === ';;')) throw syntaxError(after);
        this.skipNewlines();
        connector = ';';
        continue;
      }
      throw syntaxError(t);
    }
    return items;
  }

  pipeline(): Pipeline {
    let negated = false;
    const first = this.peek();
    if (first.kind === 'word' && first.word.raw === '!') {
      this.next();
      negated = true;
    }
    const commands: SimpleCommand[] = [this.command()];
    const stderrPiped: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && (t.op === '|' || t.op === '|&')) {
        this.next();
        this.skipNewlines();
        if (this.peek().kind === 'eof') throw new ParseFailure({ kind: 'incomplete', eofMessage: msgSyntaxEof() });
        stderrPiped.push(t.op === '|&');
        commands.push(this.command());
        continue;
      }
      break;
    }
    return { commands, negated, stderrPiped };
  }

  command(): SimpleCommand {
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word') {
        if (words.length === 0 && RESERVED.has(t.word.raw)) throw new ParseFailure(unsupported(t.word.raw));
        this.next();
        words.push(t.word);
        continue;
      }
      if (t.kind === 'redir') {
        this.next();
        const target = this.next();
        if (target.kind !== 'word') throw syntaxError(target);
        redirects.push(this.redirect(t.fd, t.op, target.word));
        continue;
      }
      if (t.kind === 'op' && t.op === '(') {
        if (words.length === 0) throw new ParseFailure(unsupported('( ... )'));
        // `echo (`: bash reads a function definition and stumbles on what follows.
        this.next();
        const after = this.peek();
        throw after.kind === 'op' && after.op === ')'
          ? new ParseFailure(unsupported('NAME () { ... }'))
          : syntaxError(words.length === 1 ? after : t);
      }
      break;
    }
    if (words.length === 0 && redirects.length === 0) throw syntaxError(this.peek());
    return { words, redirects };
  }

  redirect(fd: number | null, op: string, target: Word): Redirect {
    switch (op) {
      case '>':
      case '>|':
        return { fd: fd ?? 1, op: '>', target };
      case '>>':
        return { fd: fd ?? 1, op: '>>', target };
      case '<':
        return { fd: fd ?? 0, op: '<', target };
      case '<<<':
        return { fd: fd ?? 0, op: '<<<', target };
      case '>&':
        // `>&2`, `2>&1`; `>& file` means `&> file`.
        if (fd === null && !/^\d+$/.test(target.raw)) return { fd: 1, op: '&>', target };
        return { fd: fd ?? 1, op: '>&', target };
      case '&>':
        return { fd: 1, op: '&>', target };
      case '&>>':
        return { fd: 1, op: '&>>', target };
      default:
        throw new ParseFailure(unsupported(op === '<<' ? '<< (here document)' : op));
    }
  }
}

/** Parses one command line (possibly several physical lines joined with `\n`). Never throws. */
export function parse(src: string): ParseResult {
  try {
    const tokens = tokenize(src);
    return { kind: 'ok', items: new Parser(tokens).list() };
  } catch (e) {
    if (e instanceof ParseFailure) return e.result;
    // A bug in the parser must not take the shell down: report it as bash reports a syntax error.
    return { kind: 'error', message: msgSyntaxEof(), status: 2 };
  }
}

/** The word's text with quotes removed and no expansion (for completion and `help`). */
export function wordLiteral(w: Word): string {
  return w.parts.map((p) => (p.kind === 'lit' ? p.text : `$${p.name}`)).join('');
}
