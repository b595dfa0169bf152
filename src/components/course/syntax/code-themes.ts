/**
 * The two Shiki themes of the site's code blocks, one per site theme. Shiki writes both colours of
 * every token as CSS variables (`--shiki-light`, `--shiki-dark`; astro.config.mjs sets
 * `defaultColor: false`) and src/layouts/base.css picks one by the page's `data-theme`, so the theme
 * toggle recolours code without a reload.
 *
 * Every colour here reaches 4.5:1 (WCAG AA for text) against the code block background of its theme
 * (`--bg-subtle` in base.css); tests/components/code-themes.test.ts checks that.
 */
import type { ThemeRegistration } from 'shiki';

interface Palette {
  readonly fg: string;
  readonly bg: string;
  readonly comment: string;
  readonly property: string;
  readonly variable: string;
  readonly keyword: string;
  readonly constant: string;
  readonly function: string;
  readonly string: string;
  readonly type: string;
}

/** Token colours by scope; shared by both themes so they colour the same things. */
function theme(name: string, type: 'light' | 'dark', p: Palette): ThemeRegistration {
  return {
    name,
    type,
    fg: p.fg,
    bg: p.bg,
    settings: [
      { settings: { foreground: p.fg, background: p.bg } },
      { scope: ['comment', 'punctuation.definition.comment'], settings: { foreground: p.comment } },
      {
        scope: ['variable.other.property', 'support.type.property-name', 'entity.name.tag', 'meta.object-literal.key'],
        settings: { foreground: p.property },
      },
      { scope: ['variable', 'punctuation.definition.variable', 'variable.parameter'], settings: { foreground: p.variable } },
      { scope: ['keyword', 'storage'], settings: { foreground: p.keyword } },
      { scope: ['keyword.operator', 'punctuation'], settings: { foreground: p.fg } },
      { scope: ['constant', 'constant.language', 'constant.numeric', 'constant.other'], settings: { foreground: p.constant } },
      { scope: ['entity.name.function', 'support.function'], settings: { foreground: p.function } },
      { scope: ['string', 'markup.inline.raw'], settings: { foreground: p.string } },
      { scope: ['storage.type', 'entity.name.type', 'support.type'], settings: { foreground: p.type } },
    ],
  };
}

export const CODE_THEME_LIGHT = theme('postfix-tls-lab-light', 'light', {
  fg: '#1b1f24',
  bg: '#f3f4f6',
  comment: '#545d68',
  property: '#0550ae',
  variable: '#6639ba',
  keyword: '#a40e26',
  constant: '#8a2d00',
  function: '#116329',
  string: '#0a3069',
  type: '#7d2e6a',
});

export const CODE_THEME_DARK = theme('postfix-tls-lab-dark', 'dark', {
  fg: '#e6e8eb',
  bg: '#1f242c',
  comment: '#a2abb6',
  property: '#79c0ff',
  variable: '#d2a8ff',
  keyword: '#ff9a92',
  constant: '#ffa657',
  function: '#7ee787',
  string: '#a5d6ff',
  type: '#f0a8d8',
});
