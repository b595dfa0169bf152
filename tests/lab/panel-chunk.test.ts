/**
 * What the lab page's machine chunk leaves to later chunks (issue 12, weight). Bundled as the browser build
 * does it:
 * - the views (lab-views.ts: the config panel, the mail.log pane, the file views and what they render with)
 *   are a chunk of their own, fetched when the learner turns to them: neither the machine nor the chunks it
 *   imports statically (fetched with it, before a first EHLO) hold any of them;
 * - the panel's editing code (control-edits.ts, master-services.ts, postconf's master.cf editor) is a chunk of
 *   its own again, fetched at the panel's first change, and `postconf -e`'s command line code (run-core.ts,
 *   options.ts: only the postconf program and the Node-only panel-toggle.ts use them) is in neither.
 */
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../support/browser-bundle.ts';

const VIEWS = [
  'src/components/lab/lab-views.ts',
  'src/components/lab/config-panel.ts',
  'src/components/lab/controls.ts',
  'src/components/lab/service-state.ts',
  'src/components/lab/line-diff.ts',
  'src/components/lab/log-pane.ts',
  'src/components/lab/log-announcer.ts',
  'src/components/lab/file-view.ts',
];
const EDITS = ['src/components/lab/master-services.ts', 'src/engine/postconf/edit-master.ts', 'src/engine/postconf/format.ts'];

describe('the lab machine in the browser build', () => {
  it('leaves the views to a chunk of their own, and the panel’s edits to another', async () => {
    const eager = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/panel-chunk-test', { eager: true });
    const inputsOf = await browserBundle('src/components/lab/lab-machine.ts', '/tmp/panel-chunk-test');
    const machine = eager('src/components/lab/lab-machine.ts');
    // With the chunks it shares with the edits (service-state.ts): fetched with it.
    const views = eager('src/components/lab/lab-views.ts');
    const edits = inputsOf('src/components/lab/control-edits.ts');
    for (const f of VIEWS) {
      expect(machine, f).not.toContain(f);
      expect(views, f).toContain(f);
    }
    for (const f of EDITS) {
      expect([...machine, ...inputsOf('src/components/lab/lab-views.ts')], f).not.toContain(f);
      expect(edits, f).toContain(f);
    }
    for (const f of ['src/engine/postconf/run-core.ts', 'src/engine/postconf/options.ts', 'src/engine/postconf/edit-main.ts'])
      expect([...machine, ...views, ...edits], f).not.toContain(f);
  });
});
