/**
 * The lab page's machine chunk renders the config panel but leaves its editing code out (issue 12,
 * weight): bundled as the browser build does it, the machine holds what the panel shows (controls.ts,
 * service-state.ts) and none of the edits (control-edits.ts, master-services.ts, postconf's master.cf
 * editor) nor `postconf -e`'s command line code (run-core.ts, options.ts: only the postconf program and
 * the Node-only panel-toggle.ts use them); control-edits.ts is a chunk that holds the edits.
 */
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../support/browser-bundle.ts';

describe('the config panel in the browser build', () => {
  it('renders from the machine chunk and edits from a chunk of its own', async () => {
    const inputsOf = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/panel-chunk-test');
    const machine = inputsOf('src/components/lab/lab-machine.ts');
    const edits = inputsOf('src/components/lab/control-edits.ts');
    for (const f of ['src/components/lab/config-panel.ts', 'src/components/lab/controls.ts']) expect(machine, f).toContain(f);
    for (const f of ['src/components/lab/master-services.ts', 'src/engine/postconf/edit-master.ts', 'src/engine/postconf/format.ts']) {
      expect(machine, f).not.toContain(f);
      expect(edits, f).toContain(f);
    }
    for (const f of ['src/engine/postconf/run-core.ts', 'src/engine/postconf/options.ts', 'src/engine/postconf/edit-main.ts'])
      expect([...machine, ...edits], f).not.toContain(f);
  });
});
