/**
 * A module bundled as the site's browser build splits it (esbuild with code splitting): the swaps of
 * integrations/lab-programs-browser.ts (every `X.ts` with an `X.browser.ts` beside it among SWAPS, where the
 * file exists) and the command table left out. For tests that check what a chunk holds (issue 12, weight).
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** The browser builds' swaps (integrations/lab-programs-browser.ts). */
const SWAPS = [
  'src/engine/world/lab-outbound',
  'src/engine/tls/tls-code',
  'src/engine/tls/data/lab-tls-boot',
  'src/engine/remote/remote-code',
  'src/engine/smtpd/commands/mail-code',
  'src/lesson-runtime/lab-checks',
].filter((p) => existsSync(join(ROOT, `${p}.browser.ts`)));

/**
 * The source files each chunk holds, by the entry point (a path from ROOT) the chunk starts from. `eager`: with
 * the files of the chunks it imports statically (shared chunks), which are fetched with it.
 */
export async function browserBundle(
  entry: string,
  outdir: string,
  opts: { readonly eager?: boolean } = {},
): Promise<(entryPoint: string) => string[]> {
  const r = await build({
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir,
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    plugins: [
      {
        name: 'browser-swaps',
        setup(b) {
          b.onResolve({ filter: /lab-programs|virtual:|@xterm\// }, (a) => ({ path: a.path, external: true }));
          for (const p of SWAPS) {
            const base = p.slice(p.lastIndexOf('/') + 1);
            b.onResolve({ filter: new RegExp(`/${base}\\.ts$`) }, () => ({ path: join(ROOT, `${p}.browser.ts`) }));
          }
        },
      },
    ],
  });
  const outputs = r.metafile.outputs;
  const chunks = (name: string, seen: Set<string>): Set<string> => {
    if (seen.has(name) || outputs[name] === undefined) return seen;
    seen.add(name);
    if (opts.eager === true) for (const i of outputs[name].imports) if (i.kind === 'import-statement') chunks(i.path, seen);
    return seen;
  };
  return (entryPoint) => {
    const name = Object.keys(outputs).find((k) => outputs[k]?.entryPoint === entryPoint);
    return name === undefined ? [] : [...chunks(name, new Set())].flatMap((c) => Object.keys(outputs[c]?.inputs ?? {}));
  };
}
