/**
 * nano 7.2, less 590 and bash screens recorded in tmux (tests/shell/golden/record-screens.py) against the
 * simulated programs on a headless xterm of the same size, key by key.
 */
import { describe, expect, it } from 'vitest';
import golden from '../shell/golden/screens.golden.json';
import { rig } from './headless.ts';

interface Step {
  step: [string, string];
  screen: string[];
}
interface Scenario {
  cols: number;
  rows: number;
  steps: Step[];
}
const data = golden as unknown as { files: Record<string, string>; scenarios: Record<string, Scenario> };

/** What tmux sends for a key (nano and less switch the keypad to application mode, so arrows are SS3). */
const KEYS: Readonly<Record<string, string>> = {
  Enter: '\r',
  Space: ' ',
  Down: '\x1bOB',
  Up: '\x1bOA',
  Right: '\x1bOC',
  Left: '\x1bOD',
  Home: '\x1bOH',
  End: '\x1bOF',
  Delete: '\x1b[3~',
  PageDown: '\x1b[6~',
  PageUp: '\x1b[5~',
};

function keyBytes(name: string): string {
  const k = KEYS[name];
  if (k !== undefined) return k;
  const ctrl = /^C-(.)$/.exec(name);
  if (ctrl !== null) return String.fromCharCode((ctrl[1] ?? 'a').toUpperCase().charCodeAt(0) - 64);
  if (name.length === 1) return name;
  throw new Error(`unknown key ${name}`);
}

const files: Record<string, string> = {};
for (const [rel, content] of Object.entries(data.files)) files[`/${rel}`] = content;

describe('recorded screens', () => {
  for (const [name, sc] of Object.entries(data.scenarios)) {
    it(name, async () => {
      const r = await rig({ cols: sc.cols, rows: sc.rows, files });
      for (const [i, st] of sc.steps.entries()) {
        const [kind, arg] = st.step;
        if (kind === 'key') await r.type(keyBytes(arg));
        else await r.type(kind === 'type' ? `${arg}\r` : arg);
        const seen = r.visible().map((l) => l.trimEnd());
        while (seen.length > 0 && seen[seen.length - 1] === '') seen.pop();
        expect(seen, `${name} step ${i + 1}: ${kind} ${JSON.stringify(arg)}`).toEqual(st.screen);
      }
    });
  }
});
