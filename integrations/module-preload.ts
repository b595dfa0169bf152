/**
 * Module preloads (issue 12, navigation to prompt): a page's scripts are modules whose own static imports
 * the browser only discovers once it has fetched and parsed the script that names them (on /lab/: the
 * page's small entry, then lab-console and xterm, some 150 ms later on a slow machine). Once the build
 * is done, this puts a `<link rel="modulepreload">` in each page's <head> for every module its
 * `<script type="module" src>` tags load statically (the scripts themselves and all they import, not what
 * they import with `import()`), so all of them are requested with the page's stylesheets and parsed while
 * it lays out. No page fetches more than before: only what its scripts would import anyway, earlier.
 *
 * The import lists come from the client bundle itself (a Vite plugin records each chunk's static imports),
 * not from reading the emitted code. Keep this integration before the offline cache in astro.config.mjs:
 * it rewrites pages, and the service worker's build id covers their contents.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';

/** Chunk file name (`_astro/x.js`) -> the file names it imports statically. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const MODULE_SCRIPT = /<script type="module" src="\/([^"?#]+\.js)"/g;

/** Every file the module `entry` needs before it runs: itself and its static imports, depth first, each once. */
export function staticClosure(graph: ImportGraph, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of graph.get(name) ?? []) visit(dep);
  };
  visit(entry);
  return [...seen];
}

/**
 * The page `html` with a modulepreload link for every module its module scripts load statically (only
 * those the graph knows: files of this build), at the end of <head>: after the theme's blocking script,
 * which must not wait behind their parsing. Unchanged when there is nothing to add.
 */
export function withModulePreloads(html: string, graph: ImportGraph): string {
  const files = new Set<string>();
  for (const m of html.matchAll(MODULE_SCRIPT)) {
    const entry = m[1] ?? '';
    if (graph.has(entry)) for (const f of staticClosure(graph, entry)) files.add(f);
  }
  for (const m of html.matchAll(/<link rel="modulepreload" href="\/([^"]+)"/g)) files.delete(m[1] ?? '');
  if (files.size === 0) return html;
  const links = [...files].map((f) => `<link rel="modulepreload" href="/${f}">`).join('');
  const at = html.indexOf('</head>');
  if (at < 0) return html;
  return `${html.slice(0, at)}${links}${html.slice(at)}`;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(path));
    else if (e.isFile() && e.name.endsWith('.html')) out.push(path);
  }
  return out;
}

/** Records the static imports of every JavaScript chunk of a build into `graph`. */
function recordImports(graph: Map<string, readonly string[]>): Plugin {
  return {
    name: 'module-preload-graph',
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle)) if (out.type === 'chunk') graph.set(out.fileName, [...out.imports]);
    },
  };
}

export function modulePreload(): AstroIntegration {
  const graph = new Map<string, readonly string[]>();
  return {
    name: 'module-preload',
    hooks: {
      'astro:build:setup': ({ target, updateConfig }) => {
        if (target === 'client') updateConfig({ plugins: [recordImports(graph)] });
      },
      'astro:build:done': ({ dir, logger }) => {
        let pages = 0;
        for (const file of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(file, 'utf8');
          const next = withModulePreloads(html, graph);
          if (next === html) continue;
          writeFileSync(file, next);
          pages++;
        }
        logger.info(`module preloads in ${pages} page(s)`);
      },
    },
  };
}
