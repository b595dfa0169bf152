/**
 * Puts the shell on the page: xterm.js 6 with the DOM renderer, the fit addon (resized by a ResizeObserver
 * on the container) and the web-links addon. The only module that imports the browser xterm.
 *
 * Keyboard: Tab belongs to the shell (completion), so focus leaves the terminal with Esc then Tab
 * (or Shift+Tab). The Esc is held back until the next key: followed by Tab it only moves focus;
 * followed by anything else it reaches the program first, as it would have anyway.
 * Big pastes are fed to the shell in slices (input-pacer.ts) so the page stays responsive.
 * Links in the output become clickable once the web-links addon has come: a chunk of its own, fetched at
 * once, or when the page calls `loadLinks()` (the lab does when the pointer reaches the terminal or the
 * page is quiet: nothing printed before needs it, and a first EHLO's weight stays without it; earlier lines
 * get their links too, the addon looks at a line when the pointer is on it).
 * The cursor blinks unless the reader prefers reduced motion.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { Shell } from '../shell/shell.ts';
import type { TerminalPort } from '../shell/terminal-port.ts';
import { InputPacer } from './input-pacer.ts';
import { themeFromCss } from './theme.ts';
import { portFromXterm } from './xterm-port.ts';

export interface MountOptions {
  /** Rows for the accessibility tree instead of a canvas-like grid (switchable later). */
  readonly screenReaderMode?: boolean;
  readonly fontSize?: number;
  readonly fontFamily?: string;
  readonly lineHeight?: number;
  readonly scrollback?: number;
  /** Focus the terminal once mounted. */
  readonly focus?: boolean;
  /** Id of an element describing the terminal (how to leave it, say): set as the input's aria-describedby. */
  readonly describedBy?: string;
  /** False: links become clickable only after `loadLinks()` (default true: the addon is fetched at once). */
  readonly links?: boolean;
}

export interface MountedTerminal {
  readonly term: Terminal;
  setScreenReaderMode(on: boolean): void;
  /** Re-reads the CSS custom properties (after the site switches between light and dark). */
  refreshTheme(): void;
  fit(): void;
  focus(): void;
  /** Fetches the web-links addon (once) and makes links in the output clickable. */
  loadLinks(): void;
  /** Clears the screen and connects another shell (the lab's reset). */
  setShell(shell: Shell): void;
  /**
   * The buffer's lines (scrollback included) as text, a line wrapped over several rows joined back into
   * one, trailing blanks removed: what the screen says.
   */
  lines(): string[];
  dispose(): void;
}

/** Pastes are handed over this many characters at a time, one slice per task. */
const PASTE_SLICE_CHARS = 16 * 1024;
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The xterm port with pastes paced: each subscriber gets its input through its own pacer. */
function pacedPort(term: Terminal): TerminalPort {
  const base = portFromXterm(term);
  return {
    write: (text) => base.write(text),
    get cols() {
      return base.cols;
    },
    get rows() {
      return base.rows;
    },
    onData(listener) {
      const pacer = new InputPacer({ sliceChars: PASTE_SLICE_CHARS, schedule: (fn) => setTimeout(fn, 0), deliver: listener });
      const off = base.onData((d) => pacer.push(d));
      return () => {
        pacer.dispose();
        off();
      };
    },
    onResize: (listener) => base.onResize(listener),
  };
}

export function mountTerminal(el: HTMLElement, shell: Shell, opts: MountOptions = {}): MountedTerminal {
  const readTheme = () => {
    const style = getComputedStyle(el);
    const scheme = style.getPropertyValue('--term-scheme').trim();
    return themeFromCss((n) => style.getPropertyValue(n), scheme === '' ? prefersDark() : scheme === 'dark');
  };
  const term = new Terminal({
    screenReaderMode: opts.screenReaderMode ?? false,
    fontSize: opts.fontSize ?? 14,
    fontFamily: opts.fontFamily ?? 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
    // At xterm's default line height of 1.0 the DOM renderer clips glyphs that reach below the baseline:
    // the underscores of every Postfix parameter name vanished (smtpd_tls_security_level read as
    // "smtpd tls security level"). A little more height keeps them visible.
    lineHeight: opts.lineHeight ?? 1.2,
    scrollback: opts.scrollback ?? 5000,
    cursorBlink: typeof matchMedia !== 'function' || !matchMedia('(prefers-reduced-motion: reduce)').matches,
    convertEol: false,
    allowProposedApi: false,
    theme: readTheme(),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(el);
  if (opts.describedBy !== undefined) term.textarea?.setAttribute('aria-describedby', opts.describedBy);

  let escapeHeld = false;
  const releaseEscape = () => {
    if (!escapeHeld) return;
    escapeHeld = false;
    term.input('\x1b', true);
  };
  const onBlur = () => {
    escapeHeld = false;
  };
  term.textarea?.addEventListener('blur', onBlur);
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    const plain = !ev.ctrlKey && !ev.altKey && !ev.metaKey;
    if (ev.key === 'Escape' && plain && !ev.shiftKey) {
      releaseEscape(); // Esc Esc: the first one goes through
      escapeHeld = true;
      return false;
    }
    if (escapeHeld) {
      if (ev.key === 'Tab' && plain) {
        // Not handled here: the browser moves the focus on.
        escapeHeld = false;
        return false;
      }
      if (!MODIFIER_KEYS.has(ev.key)) releaseEscape();
    }
    // Ctrl-Shift-C copies the selection; Ctrl-C stays ^C for the shell, as in a Linux terminal.
    if (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyC') {
      const sel = term.getSelection();
      if (sel !== '' && typeof navigator !== 'undefined') void navigator.clipboard?.writeText(sel).catch(() => {});
      return false;
    }
    // Ctrl-Shift-V: let the browser paste; xterm turns the paste event into input.
    if (ev.ctrlKey && ev.shiftKey && ev.code === 'KeyV') return false;
    return true;
  });
  const doFit = () => {
    try {
      fit.fit();
    } catch {
      // not laid out yet (display: none)
    }
  };
  const port = pacedPort(term);
  let detach = shell.attach(port);
  // The first fit waits for the page's next layout (the ResizeObserver's first call comes right after it):
  // fitting here would lay the page out again in the middle of the mount and hold the prompt back. Until
  // then the terminal has xterm's default size, clipped by its container (a fixed height, overflow hidden).
  let frame = 0;
  let fitted = false;
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          cancelAnimationFrame(frame);
          if (fitted) frame = requestAnimationFrame(doFit);
          else {
            fitted = true;
            doFit();
          }
        })
      : null;
  if (observer === null) doFit();
  observer?.observe(el);
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const onScheme = () => {
    term.options.theme = readTheme();
  };
  media?.addEventListener('change', onScheme);
  if (opts.focus === true) term.focus();
  let disposed = false;
  let links = false;
  const loadLinks = () => {
    if (links) return;
    links = true;
    import('@xterm/addon-web-links').then(
      (m) => {
        if (!disposed) term.loadAddon(new m.WebLinksAddon());
      },
      () => {
        links = false; // a later call tries again
      },
    );
  };
  if (opts.links !== false) loadLinks();
  return {
    term,
    setScreenReaderMode(on) {
      term.options.screenReaderMode = on;
    },
    refreshTheme: onScheme,
    fit: doFit,
    focus: () => term.focus(),
    loadLinks,
    setShell(next) {
      if (disposed) return;
      detach();
      escapeHeld = false;
      term.reset();
      detach = next.attach(port);
    },
    lines() {
      const buf = term.buffer.active;
      const out: string[] = [];
      for (let i = 0; i < buf.length; i++) {
        const row = buf.getLine(i);
        // A row continued on the next one keeps its trailing blanks: they are part of the line.
        const text = row?.translateToString(buf.getLine(i + 1)?.isWrapped !== true) ?? '';
        if (row?.isWrapped === true && out.length > 0) out[out.length - 1] = `${out[out.length - 1] ?? ''}${text}`;
        else out.push(text);
      }
      while (out.length > 0 && out[out.length - 1] === '') out.pop();
      return out;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      media?.removeEventListener('change', onScheme);
      term.textarea?.removeEventListener('blur', onBlur);
      detach();
      term.dispose();
    },
  };
}
