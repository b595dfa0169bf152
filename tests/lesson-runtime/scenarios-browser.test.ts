/**
 * The browser's scenario table (src/lesson-runtime/scenarios/index.browser.ts, issue 12, page weight): the
 * site's build swaps it in for index.ts, so a lab page carries only `lab-default` and fetches the scenario
 * its lab boots with by name. Every name Node knows can be fetched, and gives the very scenario Node has;
 * before it is fetched scenarioNamed does not know it (which is why the lab's machine awaits loadScenario
 * before it opens a session); an unknown name stays unknown, as in Node.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { labProgramsInBrowser } from '../../integrations/lab-programs-browser.ts';
import {
  SCENARIOS,
  loadScenario as nodeLoadScenario,
  scenarioNamed as nodeScenarioNamed,
} from '../../src/lesson-runtime/scenarios/index.ts';

async function freshBrowserTable() {
  vi.resetModules();
  return await import('../../src/lesson-runtime/scenarios/index.browser.ts');
}

describe('the browser’s scenario table', () => {
  it('has the keys of SCENARIOS', async () => {
    const b = await freshBrowserTable();
    expect(Object.keys(b.SCENARIO_LOADERS).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it('knows lab-default at once and every other scenario only once it is loaded, then the same as Node', async () => {
    const b = await freshBrowserTable();
    expect(b.scenarioNamed('lab-default')).toEqual(SCENARIOS['lab-default']);
    const others = Object.keys(SCENARIOS).filter((k) => k !== 'lab-default');
    expect(others.length).toBeGreaterThan(0);
    for (const name of others) {
      expect(b.scenarioNamed(name), `${name} before load`).toBeUndefined();
      const s = await b.loadScenario(name);
      expect(s, name).toEqual(SCENARIOS[name]);
      expect(b.scenarioNamed(name), `${name} after load`).toBe(s);
      expect(s?.name).toBe(name);
    }
    // Loading one does not bring another.
    const again = await freshBrowserTable();
    await again.loadScenario('tls-off');
    expect(again.scenarioNamed('tls-off')).toEqual(SCENARIOS['tls-off']);
    expect(again.scenarioNamed('article-final')).toBeUndefined();
  });

  it('leaves an unknown name unknown, as Node does', async () => {
    const b = await freshBrowserTable();
    for (const name of ['no-such-lab', '__proto__', 'constructor', 'toString', '']) {
      expect(nodeScenarioNamed(name)).toBeUndefined();
      await expect(b.loadScenario(name)).resolves.toBeUndefined();
      expect(b.scenarioNamed(name)).toBeUndefined();
    }
    await expect(b.loadScenario(null)).resolves.toBeUndefined();
  });
});

describe('the swap (integrations/lab-programs-browser.ts)', () => {
  const src = (p: string) => fileURLToPath(new URL(`../../src/${p}`, import.meta.url)).replaceAll('\\', '/');
  const BROWSER = fileURLToPath(new URL('../../src/lesson-runtime/scenarios/index.browser.ts', import.meta.url));
  type Resolve = (source: string, importer: string | undefined, options: { ssr?: boolean }) => string | null;
  const resolve = labProgramsInBrowser().resolveId as unknown as Resolve;

  it('gives the browser build the twin for every importer of index.ts, and leaves server-side rendering alone', () => {
    expect(resolve('../../lesson-runtime/scenarios/index.ts', src('components/lab/lab-machine.ts'), {})).toBe(BROWSER);
    expect(resolve('./scenarios/index.ts', src('lesson-runtime/session.ts'), {})).toBe(BROWSER);
    expect(resolve('../lesson-runtime/scenarios/index.ts', src('review/review.ts'), {})).toBe(BROWSER);
    expect(resolve('../../lesson-runtime/scenarios/index.ts', src('components/lab/lab-machine.ts'), { ssr: true })).toBeNull();
    // Another folder's index.ts is not the scenarios'.
    expect(resolve('./scenarios/index.ts', src('components/lab/lab-machine.ts'), {})).toBeNull();
  });
});

describe('Node’s loadScenario', () => {
  it('gives what scenarioNamed gives, with nothing to fetch', async () => {
    await expect(nodeLoadScenario('tls-off')).resolves.toBe(SCENARIOS['tls-off']);
    await expect(nodeLoadScenario('no-such-lab')).resolves.toBeUndefined();
    await expect(nodeLoadScenario(null)).resolves.toBeUndefined();
  });
});
