/**
 * The lab page's machine chunk leaves the remote hosts' code out (issue 12, weight): bundled as the browser
 * build does it (remote-code.ts swapped for remote-code.browser.ts, and the other swaps), the machine and the
 * chunks fetched with it hold the remote world's registry (remote-world.ts: the hosts' addresses, names and TLS)
 * but neither the fake MX, its replies nor the stripping proxy; the remote chunk (remote-code-bundle.ts) holds
 * them, or a chunk it shares with the outbound code.
 */
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../support/browser-bundle.ts';

describe('the machine chunk in the browser build', { timeout: 60_000 }, () => {
  it('leaves the remote hosts’ code to a chunk of its own', async () => {
    const chunk = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/remote-chunk-test', { eager: true });
    const eager = chunk('src/components/lab/lab-machine.ts');
    const remote = chunk('src/engine/remote/remote-code-bundle.ts');
    expect(eager).toContain('src/engine/remote/remote-world.ts');
    expect(eager).toContain('src/engine/remote/remote-code.browser.ts');
    for (const f of ['src/engine/remote/fake-mx.ts', 'src/engine/remote/replies.ts', 'src/engine/remote/strip-proxy.ts']) {
      expect(eager, f).not.toContain(f);
      expect(remote, f).toContain(f);
    }
  });
});
