/**
 * What the lab page's machine chunk (src/components/lab/lab-machine.ts) imports statically, with each module that
 * has a `.browser.ts` sibling swapped for it as the site's build does (integrations/lab-programs-browser.ts): none of the
 * coreutils and not the parameter descriptions, which a first `telnet localhost 25` and EHLO never use. They
 * come on first use (lazy-programs.ts; a Tab after postconf, explain or man waits for that program).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Relative modules a file imports or re-exports for their values (`import type` and `import()` left out). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/gm)) {
    const resolved = join(dirname(file), m[1] ?? '');
    const browser = resolved.replace(/\.ts$/, '.browser.ts');
    out.push(existsSync(browser) ? browser : resolved);
  }
  return out;
}

function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f) || !/\.(ts|mjs|js)$/.test(f)) continue;
    seen.add(f);
    todo.push(...staticImports(f));
  }
  return new Set([...seen].map((f) => relative(ROOT, f)));
}

describe('the lab machine chunk', () => {
  const files = graph(join(ROOT, 'src/components/lab/lab-machine.ts'));

  it('is walked through the browser table and the shell', () => {
    for (const f of ['src/shell/lab-shell.ts', 'src/shell/lab-programs.browser.ts', 'src/shell/programs/core.ts', 'src/shell/shell.ts']) {
      expect(files, f).toContain(f);
    }
    expect(files).not.toContain('src/shell/lab-programs.ts');
  });

  it('holds none of the coreutils and not the parameter descriptions', () => {
    const later = ['cat', 'grep', 'grep-regex', 'head', 'tail', 'wc', 'ls', 'files', 'hostname', 'which', 'help'].map(
      (n) => `src/shell/programs/${n}.ts`,
    );
    for (const f of [...later, 'src/engine/config/parameter-info.ts']) expect(files, f).not.toContain(f);
  });
});
