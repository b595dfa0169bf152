import { describe, expect, it } from 'vitest';
import { contrastRatio, cssVariableFor, DARK_THEME, LIGHT_THEME, themeFromCss, type ThemeSlot } from '../../src/terminal/theme.ts';

describe('terminal theme', () => {
  it('names its CSS custom properties --term-*', () => {
    expect(cssVariableFor('background')).toBe('--term-background');
    expect(cssVariableFor('brightBlack')).toBe('--term-bright-black');
  });
  it('takes colours from CSS and keeps the defaults for the rest', () => {
    const t = themeFromCss((n) => (n === '--term-background' ? ' #000000 ' : ''), true);
    expect(t.background).toBe('#000000');
    expect(t.foreground).toBe(DARK_THEME.foreground);
  });
  for (const [name, theme] of [
    ['dark', DARK_THEME],
    ['light', LIGHT_THEME],
  ] as const) {
    it(`${name} defaults keep text at WCAG AA contrast`, () => {
      const text: ThemeSlot[] = [
        'foreground',
        'red',
        'green',
        'yellow',
        'blue',
        'magenta',
        'cyan',
        'brightBlack',
        'brightRed',
        'brightGreen',
        'brightYellow',
        'brightBlue',
        'brightMagenta',
        'brightCyan',
      ];
      for (const slot of text) expect(contrastRatio(theme[slot], theme.background), slot).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(theme.selectionForeground, theme.selectionBackground)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
