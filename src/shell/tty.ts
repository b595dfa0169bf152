/**
 * The terminal's canonical mode (Linux n_tty with `stty sane`: ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE ICRNL),
 * for interactive programs that read lines: what is typed is echoed, Backspace/Ctrl-U/Ctrl-W edit the
 * pending line, Enter delivers it with `\n`, Ctrl-C raises SIGINT and Ctrl-D ends the input.
 */
import { CRLF, caret, isControl } from './ansi.ts';

export interface TtyTarget {
  readonly echo: boolean;
  /** Extra characters that end a line at once (VEOL). */
  readonly lineEnders: string;
  /** Writes echo to the screen. */
  write(text: string): void;
  deliver(data: string): void;
  eof(): void;
  /** SIGINT. Returns true when the program goes on; then input continues, else the rest is flushed. */
  interrupt(): boolean;
  /** True once the program has ended: the rest of the input belongs to whoever reads next. */
  ended(): boolean;
}

/** How wide a character's echo is, for erasing it. */
function echoWidth(ch: string): number {
  return ch !== '\t' && isControl(ch) ? 2 : 1;
}

function echoOf(ch: string): string {
  return ch !== '\t' && isControl(ch) ? caret(ch) : ch;
}

export class CookedTty {
  #line = '';

  /** The pending, not yet delivered, line. */
  get pending(): string {
    return this.#line;
  }

  reset(): void {
    this.#line = '';
  }

  #erase(count: number, t: TtyTarget): void {
    let out = '';
    for (let k = 0; k < count && this.#line.length > 0; k++) {
      const ch = this.#line[this.#line.length - 1] ?? '';
      this.#line = this.#line.slice(0, -1);
      const w = echoWidth(ch);
      out += '\b \b'.repeat(w);
    }
    if (t.echo) t.write(out);
  }

  /**
   * Feeds `data[from..]` up to and including the first line it delivers (so the caller can look at the
   * program's mode again); returns the index after the last character read.
   */
  feed(data: string, from: number, t: TtyTarget): number {
    let i = from;
    const n = data.length;
    while (i < n) {
      if (t.ended()) return i;
      const code = data.charCodeAt(i);
      const ch = data[i] ?? '';
      if (code >= 0x20 && code !== 0x7f && !t.lineEnders.includes(ch)) {
        let j = i + 1;
        while (j < n) {
          const c = data.charCodeAt(j);
          if (c < 0x20 || c === 0x7f || t.lineEnders.includes(data[j] ?? '')) break;
          j++;
        }
        const run = data.slice(i, j);
        this.#line += run;
        if (t.echo) t.write(run);
        i = j;
        continue;
      }
      i++;
      if (t.lineEnders.includes(ch)) {
        if (t.echo) t.write(echoOf(ch));
        const line = this.#line + ch;
        this.#line = '';
        t.deliver(line);
        return i;
      }
      switch (ch) {
        case '\r':
        case '\n': {
          if (t.echo) t.write(CRLF);
          const line = `${this.#line}\n`;
          this.#line = '';
          t.deliver(line);
          // CR LF from a paste is one line end.
          if (ch === '\r' && data[i] === '\n') i++;
          return i;
        }
        case '\x03':
          this.#line = '';
          t.write('^C');
          if (!t.interrupt()) return n;
          break;
        case '\x04':
          if (this.#line === '') t.eof();
          else {
            const line = this.#line;
            this.#line = '';
            t.deliver(line);
          }
          return i;
        case '\x7f':
        case '\x08':
          this.#erase(1, t);
          break;
        case '\x15':
          this.#erase(this.#line.length, t);
          break;
        case '\x17': {
          let j = this.#line.length;
          while (j > 0 && /\s/.test(this.#line[j - 1] ?? '')) j--;
          while (j > 0 && !/\s/.test(this.#line[j - 1] ?? '')) j--;
          this.#erase(this.#line.length - j, t);
          break;
        }
        case '\x1a':
        case '\x1c':
        case '\x11':
        case '\x13':
          // Job control and flow control are not simulated.
          break;
        default:
          this.#line += ch;
          if (t.echo) t.write(echoOf(ch));
          break;
      }
    }
    return i;
  }
}
