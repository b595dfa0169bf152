/**
 * Puts the shell on the page: xterm.js 6 with the DOM renderer, the fit addon (resized by a ResizeObserver
 * on the container) and the web-links addon. The only module that imports the browser xterm.
 */
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { Shell } from '../shell/shell.ts';
import { themeFromCss } from './theme.ts';
import { portFromXterm } from './xterm-port.ts';

export interface MountOptions {
  /** Rows for the accessibility tree instead of a canvas-like grid (switchable later). */
  readonly screenReaderMode?: boolean;
  readonly fontSize?: number;
  readonly fontFamily?: string;
  readonly scrollback?: number;
  /** Focus the terminal once mounted. */
  readonly focus?: boolean;
}

export interface MountedTerminal {
  readonly term: Terminal;
  setScreenReaderMode(on: boolean): void;
  /** Re-reads the CSS custom properties (after the site switches between light and dark). */
  refreshTheme(): void;
  fit(): void;
  focus(): void;
  dispose(): void;
}

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
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
    scrollback: opts.scrollback ?? 5000,
    cursorBlink: true,
    convertEol: false,
    allowProposedApi: false,
    theme: readTheme(),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(el);
  // Ctrl-Shift-C copies the selection; Ctrl-C stays ^C for the shell, as in a Linux terminal.
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type === 'keydown' && ev.ctrlKey && ev.shiftKey && ev.code === 'KeyC') {
      const sel = term.getSelection();
      if (sel !== '' && typeof navigator !== 'undefined') void navigator.clipboard?.writeText(sel).catch(() => {});
      return false;
    }
    // Ctrl-Shift-V: let the browser paste; xterm turns the paste event into input.
    if (ev.type === 'keydown' && ev.ctrlKey && ev.shiftKey && ev.code === 'KeyV') return false;
    return true;
  });
  const doFit = () => {
    try {
      fit.fit();
    } catch {
      // not laid out yet (display: none)
    }
  };
  doFit();
  const detach = shell.attach(portFromXterm(term));
  let frame = 0;
  const observer =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(doFit);
        })
      : null;
  observer?.observe(el);
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const onScheme = () => {
    term.options.theme = readTheme();
  };
  media?.addEventListener('change', onScheme);
  if (opts.focus === true) term.focus();
  let disposed = false;
  return {
    term,
    setScreenReaderMode(on) {
      term.options.screenReaderMode = on;
    },
    refreshTheme: onScheme,
    fit: doFit,
    focus: () => term.focus(),
    dispose() {
      if (disposed) return;
      disposed = true;
      cancelAnimationFrame(frame);
      observer?.disconnect();
      media?.removeEventListener('change', onScheme);
      detach();
      term.dispose();
    },
  };
}
