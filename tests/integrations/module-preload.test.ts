import { describe, expect, it } from 'vitest';
import { staticClosure, withModulePreloads, type ImportGraph } from '../../integrations/module-preload.ts';

// A page like /lab/: the entry imports the lab element, which imports xterm and loads the machine with import().
const graph: ImportGraph = new Map([
  ['_astro/Lab.entry.js', ['_astro/lab-console.js', '_astro/dom.js']],
  ['_astro/lab-console.js', ['_astro/mount-terminal.js', '_astro/dom.js']],
  ['_astro/mount-terminal.js', []],
  ['_astro/dom.js', []],
  ['_astro/lab-machine.js', ['_astro/sim-fs.js']],
  ['_astro/sim-fs.js', []],
]);
const page = (head: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

describe('module preloads', () => {
  it('lists a module and everything it imports statically, each once', () => {
    expect(staticClosure(graph, '_astro/Lab.entry.js')).toEqual([
      '_astro/Lab.entry.js',
      '_astro/lab-console.js',
      '_astro/mount-terminal.js',
      '_astro/dom.js',
    ]);
  });

  it('puts a modulepreload for each at the end of <head>, after the blocking theme script', () => {
    const html = page('<script src="/_astro/theme-init.js"></script>', '<script type="module" src="/_astro/Lab.entry.js"></script>');
    const out = withModulePreloads(html, graph);
    const head = out.slice(0, out.indexOf('</head>'));
    const links = [...head.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['/_astro/Lab.entry.js', '/_astro/lab-console.js', '/_astro/mount-terminal.js', '/_astro/dom.js']);
    expect(head.indexOf('theme-init')).toBeLessThan(head.indexOf('modulepreload'));
    // What is only loaded with import() (the machine) is not preloaded.
    expect(out).not.toContain('lab-machine');
  });

  it('leaves a page alone when its scripts are not modules of the build', () => {
    const html = page('', '<script src="/_astro/register-sw.js" defer></script><script type="module" src="/other/x.js"></script>');
    expect(withModulePreloads(html, graph)).toBe(html);
  });

  it('does not repeat a preload the page already has', () => {
    const html = page('<link rel="modulepreload" href="/_astro/dom.js">', '<script type="module" src="/_astro/Lab.entry.js"></script>');
    expect(withModulePreloads(html, graph).match(/href="\/_astro\/dom\.js"/g)).toHaveLength(1);
  });
});
