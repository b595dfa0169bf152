/**
 * The lab page's machine chunk leaves the outbound mail code out (issue 12, weight): bundled as the browser
 * build does it (lab-outbound.ts swapped for lab-outbound.browser.ts, the command table left out), the
 * machine holds none of the queue's delivery code, the smtp client or client TLS (the remote hosts it holds
 * take their TLS side from tls/remote-server.ts), and outbound.ts is a chunk of its own that holds them.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const BROWSER_OUTBOUND = join(ROOT, 'src/engine/world/lab-outbound.browser.ts');

async function machineBundle() {
  const r = await build({
    entryPoints: [join(ROOT, 'src/components/lab/lab-machine.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: '/tmp/outbound-chunk-test',
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    plugins: [
      {
        name: 'browser-swaps',
        setup(b) {
          b.onResolve({ filter: /lab-programs|virtual:|@xterm\// }, (a) => ({ path: a.path, external: true }));
          b.onResolve({ filter: /\/lab-outbound\.ts$/ }, () => ({ path: BROWSER_OUTBOUND }));
        },
      },
    ],
  });
  const outputs = Object.values(r.metafile.outputs);
  const inputsOf = (entry: string) => Object.keys(outputs.find((o) => o.entryPoint === entry)?.inputs ?? {});
  return { machine: inputsOf('src/components/lab/lab-machine.ts'), outbound: inputsOf('src/engine/world/outbound.ts') };
}

describe('the machine chunk in the browser build', () => {
  it('leaves the queue, the smtp client and client TLS to the outbound chunk', async () => {
    const { machine, outbound } = await machineBundle();
    const later = [
      'src/engine/queue/mail-queue.ts',
      'src/engine/queue/cleanup.ts',
      'src/engine/queue/local-delivery.ts',
      'src/engine/queue/showq.ts',
      'src/engine/smtp/smtp-client.ts',
      'src/engine/smtp/tls-policy.ts',
      'src/engine/tls/client-tls.ts',
      'src/engine/tls/client-log.ts',
    ];
    expect(machine).toContain('src/engine/world/lab-queue.ts');
    for (const f of later) {
      expect(machine, f).not.toContain(f);
      expect(outbound, f).toContain(f);
    }
  });
});
