/**
 * The code block themes are readable: every token colour reaches WCAG AA (4.5:1) against the code
 * block background of its site theme, read from src/layouts/base.css (what the page really paints).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODE_THEME_DARK, CODE_THEME_LIGHT } from '../../src/components/course/syntax/code-themes.ts';

const CSS = readFileSync(new URL('../../src/layouts/base.css', import.meta.url), 'utf8');

/** A custom property's value inside the first rule whose selector is exactly `selector`. */
function cssVar(selector: string, name: string): string {
  const at = CSS.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`base.css has no rule ${selector}`);
  const block = CSS.slice(at, CSS.indexOf('}', at));
  const m = new RegExp(`${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block);
  if (m?.[1] === undefined) throw new Error(`${selector} sets no ${name}`);
  return m[1];
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function foregrounds(theme: typeof CODE_THEME_LIGHT): string[] {
  const colours = (theme.settings ?? []).map((s) => s.settings.foreground).filter((c): c is string => c !== undefined);
  return [...new Set([theme.fg ?? '', ...colours])];
}

describe('code block themes', () => {
  for (const [label, theme, selector] of [
    ['light', CODE_THEME_LIGHT, ':root'],
    ['dark', CODE_THEME_DARK, ":root[data-theme='dark']"],
  ] as const) {
    it(`every ${label} token colour reaches 4.5:1 on the ${label} code background`, () => {
      const bg = cssVar(selector, '--bg-subtle');
      const colours = foregrounds(theme);
      expect(colours.length).toBeGreaterThan(5);
      for (const fg of colours) expect({ fg, ratio: contrast(fg, bg) >= 4.5 }).toEqual({ fg, ratio: true });
    });
  }
});
