/** The lab's code as the browser gets it (the world and the browser's command table), bundled with esbuild. */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface LabBundle {
  /** Source files in the entry chunk and the chunks it imports statically (what the lab loads at once). */
  readonly staticInputs: readonly string[];
  /** Every source file in any chunk, with its bytes there. */
  readonly allInputs: ReadonlyMap<string, number>;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

export async function labBundle(): Promise<LabBundle> {
  const out = await build({
    stdin: {
      contents:
        "import { createLabWorld } from './src/engine/world/lab-world.ts';\n" +
        "import { labPrograms } from './src/shell/lab-programs.browser.ts';\n" +
        'export const lab = [createLabWorld, labPrograms];\n',
      resolveDir: root,
      sourcefile: 'lab-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    outdir: '/tmp/lab-weight',
    logLevel: 'silent',
  });
  const outputs = Object.entries(out.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint?.endsWith('lab-entry.ts'));
  if (entry === undefined) throw new Error('no entry chunk');
  const staticChunks = new Set([entry[0]]);
  for (const imp of entry[1].imports) if (imp.kind === 'import-statement') staticChunks.add(imp.path);
  const allInputs = new Map<string, number>();
  for (const [, o] of outputs) for (const [p, i] of Object.entries(o.inputs)) allInputs.set(p, i.bytesInOutput);
  return {
    staticInputs: outputs.filter(([p]) => staticChunks.has(p)).flatMap(([, o]) => Object.keys(o.inputs)),
    allInputs,
  };
}
