/**
 * A Vite plugin for the browser builds (the site's and the embed's), issue 12 (page weight): renames the
 * private members of xterm and of its two addons, every property whose name starts with one underscore
 * (`_bufferService`, `_core`...), to short names, with terser. esbuild and terser keep property names, and
 * xterm has some 700 of these, so this takes about a seventh off the largest chunk of the lab page.
 *
 * The addons reach into xterm's internals (the fit addon reads `terminal._core._renderService`), so the
 * three files are renamed together, xterm first, with one shared table: a name means the same in all
 * three, and no new name of an addon is one that xterm already gave out. The table is made once per
 * process, from the files as installed, so the site's build and the embed's build agree, and two builds
 * of the same files give the same chunks.
 *
 * Why renaming is safe here (checked on @xterm/xterm 6.0.0, addon-fit 0.11.0, addon-web-links 0.12.0;
 * look again when upgrading them): no underscore name in these files is ever built from a string at run
 * time (no `'_…'` string literal, template or concatenation; decorators there take parameter indexes,
 * not member names), the names looked up by string (`Object.keys` of cell maps, option names, memoize's
 * `$memoize$` keys) are data or public names, and nothing outside these files touches an underscore
 * member (our code uses xterm's public API only: grep src/ for `._` before changing that). Names that
 * start with two underscores (`__proto__`, the disposable tracker's marker) are left alone. terser never
 * gives out a DOM or built-in property name nor one that the file uses for something else.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { minify, type ManglePropertiesOptions } from 'terser';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** The ES module files of xterm and its addons, in renaming order: xterm first. */
const PACKAGES = ['@xterm/xterm', '@xterm/addon-fit', '@xterm/addon-web-links'] as const;

/** Private members: one underscore, then not another one. */
const PRIVATE = /^_[^_]/;
/**
 * A string, template or concatenation that starts like a private member's name: such a name may be looked up
 * by string, which renaming would break. None is in the files this was checked on (`"_"` alone, a key, is
 * fine unless something is added to it); if an upgrade brings one, the build stops here until someone looks.
 */
const NAME_IN_STRING = /["'`]_[^_"'`]|["'`]_["'`]\s*\+/;

function moduleFile(pkg: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { module } = JSON.parse(readFileSync(manifest, 'utf8')) as { module?: unknown };
  if (typeof module !== 'string') throw new Error(`${pkg} names no ES module file`);
  return join(dirname(manifest), module).replaceAll('\\', '/');
}

/** File path to its source as installed and its renamed code. */
type Renamed = ReadonlyMap<string, { readonly source: string; readonly code: string }>;

async function renameAll(): Promise<Renamed> {
  // terser fills `cache` with original name -> short name, file after file, and gives out no short name twice.
  // (minify() reads it as `nameCache` does for its `props` half; terser's types leave the option out. One
  // nameCache would also share the files' top-level variable names, which need nothing shared.)
  const properties: ManglePropertiesOptions & { readonly cache: object } = { regex: PRIVATE, cache: {} };
  const out = new Map<string, { source: string; code: string }>();
  for (const pkg of PACKAGES) {
    const file = moduleFile(pkg);
    const source = readFileSync(file, 'utf8');
    const risky = NAME_IN_STRING.exec(source);
    if (risky !== null) {
      const around = source.slice(Math.max(0, risky.index - 60), risky.index + 60);
      throw new Error(`${file} has a string that looks like a private member's name, check it before renaming: ${around}`);
    }
    const result = await minify(source, {
      module: true,
      compress: false,
      mangle: { properties },
      // Licence comments stay (/*! and @license ones); the final minify keeps them too.
      format: { comments: 'some' },
    });
    if (result.code === undefined) throw new Error(`terser gave no code for ${file}`);
    out.set(file, { source, code: result.code });
  }
  return out;
}

let renamed: Promise<Renamed> | undefined;

export function xtermMangle(): Plugin {
  return {
    name: 'lab-xterm-mangle',
    apply: 'build',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0]?.replaceAll('\\', '/') ?? '';
      if (!file.includes('/node_modules/@xterm/')) return null;
      renamed ??= renameAll();
      const entry = (await renamed).get(file);
      if (entry === undefined) {
        // Another xterm script (say the CommonJS build) would keep the old names that the others no longer use.
        if (/\.[cm]?js$/.test(file)) throw new Error(`${file} is not among the xterm files renamed together`);
        return null;
      }
      // Renaming one file with a table made from other text would break the shared names.
      if (code !== entry.source) throw new Error(`${file} changed before renaming its private members`);
      return { code: entry.code, map: null };
    },
  };
}
