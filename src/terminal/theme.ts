/**
 * The terminal's colours, read from CSS custom properties so the site's light and dark themes restyle it.
 * Every property is optional; the defaults keep text at WCAG AA contrast (4.5:1) or better on both backgrounds.
 */

/** The colour slots of xterm's ITheme that we fill. */
export interface TerminalTheme {
  background: string;
  foreground: string;
  cursor: string;
  cursorAccent: string;
  selectionBackground: string;
  selectionForeground: string;
  black: string;
  red: string;
  green: string;
  yellow: string;
  blue: string;
  magenta: string;
  cyan: string;
  white: string;
  brightBlack: string;
  brightRed: string;
  brightGreen: string;
  brightYellow: string;
  brightBlue: string;
  brightMagenta: string;
  brightCyan: string;
  brightWhite: string;
}

export type ThemeSlot = keyof TerminalTheme;

/** `--term-background`, `--term-bright-black`... */
export function cssVariableFor(slot: ThemeSlot): string {
  return `--term-${slot.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export const DARK_THEME: TerminalTheme = {
  background: '#1b1d22',
  foreground: '#e4e6eb',
  cursor: '#e4e6eb',
  cursorAccent: '#1b1d22',
  selectionBackground: '#3d5a80',
  selectionForeground: '#ffffff',
  black: '#1b1d22',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#56d4dd',
  white: '#e4e6eb',
  brightBlack: '#9198a1',
  brightRed: '#ffa198',
  brightGreen: '#aff5b4',
  brightYellow: '#f8e3a1',
  brightBlue: '#a5d6ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#b3f0ff',
  brightWhite: '#ffffff',
};

export const LIGHT_THEME: TerminalTheme = {
  background: '#ffffff',
  foreground: '#1f2328',
  cursor: '#1f2328',
  cursorAccent: '#ffffff',
  selectionBackground: '#b6d7ff',
  selectionForeground: '#1f2328',
  black: '#1f2328',
  red: '#b3261e',
  green: '#116329',
  yellow: '#7a4d00',
  blue: '#0a4fa3',
  magenta: '#7d2a9c',
  cyan: '#0b5f6b',
  white: '#57606a',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#6b4500',
  brightBlue: '#0550ae',
  brightMagenta: '#6e2d99',
  brightCyan: '#0e6270',
  brightWhite: '#1f2328',
};

/** The theme from CSS custom properties (`get` returns '' for an unset one), on top of the light or dark defaults. */
export function themeFromCss(get: (name: string) => string, dark: boolean): TerminalTheme {
  const base = dark ? DARK_THEME : LIGHT_THEME;
  const out = { ...base };
  for (const slot of Object.keys(base) as ThemeSlot[]) {
    const v = get(cssVariableFor(slot)).trim();
    if (v !== '') out[slot] = v;
  }
  return out;
}

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) return 0;
  const ch = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
