/**
 * What the lessons' frontmatter refers to exists: the scenario and exercise ids the course contract fixes
 * (other parts of the course rely on them), the config-panel controls each lab shows, and the scenarios'
 * own data (a master.cf a scenario brings loads without a warning).
 */
import { describe, expect, it } from 'vitest';
import { ALL_CONTROLS } from '../../src/components/lab/controls.ts';
import { checkMainCf, checkMasterCf } from '../../src/engine/config/check.ts';
import { scenarioFiles } from '../../src/lesson-runtime/scenario-world.ts';
import { SCENARIOS } from '../../src/lesson-runtime/scenarios/index.ts';
import { parsedLessons } from './lesson-data.ts';

/** The course contract's table: file, scenario, exercise ids. */
const CONTRACT: readonly (readonly [string, string, readonly string[]])[] = [
  ['01-what-encrypting-email-means.mdx', 'lab-default', ['see-starttls']],
  ['02-two-roles-two-prefixes.mdx', 'lab-default', ['read-both-levels']],
  ['03-opportunistic-tls.mdx', 'tls-off', ['enable-may']],
  ['04-certificates.mdx', 'cert-key-missing', ['fix-key-path']],
  ['05-protocol-versions.mdx', 'lab-default', ['refuse-old-tls']],
  ['06-tls-logging.mdx', 'tls-loglevel-0', ['log-handshakes']],
  ['07-submission-587.mdx', 'lab-default', ['enable-submission']],
  ['08-auth-behind-tls.mdx', 'submission-no-auth', ['auth-after-tls']],
  ['09-testing.mdx', 'article-final', ['handshake-587']],
  ['10-implicit-tls-465.mdx', 'article-final', ['enable-submissions']],
  ['11-outgoing-tls.mdx', 'outgoing-none', ['outgoing-may', 'encrypt-defers']],
  ['12-starttls-stripping.mdx', 'stripped-path', ['strip-may', 'strip-encrypt']],
];

const lessons = parsedLessons();

describe('lesson frontmatter references', () => {
  it.each(CONTRACT)('%s starts from %s with exercises %j', (file, scenario, ids) => {
    const l = lessons.find((x) => x.path === file);
    expect(l, file).toBeDefined();
    expect(l?.data.lab?.scenario).toBe(scenario);
    expect(l?.data.exercises?.map((e) => e.id)).toEqual(ids);
    expect(Object.hasOwn(SCENARIOS, scenario)).toBe(true);
  });

  it.each(lessons.map((l) => [l.path, l] as const))('%s: its panel controls and solution toggles exist', (_path, l) => {
    const controls = l.data.lab?.controls ?? [];
    for (const id of controls) expect(ALL_CONTROLS.map((c) => c.id)).toContain(id);
    for (const ex of l.data.exercises ?? [])
      for (const step of ex.solution) {
        if (typeof step === 'string' || !('toggle' in step)) continue;
        expect(controls, `${ex.id}: toggle ${step.toggle} is not shown in this lab`).toContain(step.toggle);
        const control = ALL_CONTROLS.find((c) => c.id === step.toggle);
        if (control !== undefined && control.kind !== 'service') expect(control.choices).toContain(step.value);
      }
  });
});

describe('course scenarios', () => {
  it.each(Object.entries(SCENARIOS))('%s: named as its key, its main.cf and master.cf load without warnings', (key, s) => {
    expect(s.name).toBe(key);
    const files = scenarioFiles(s);
    const main = checkMainCf(files['/etc/postfix/main.cf']?.content);
    const master = checkMasterCf(files['/etc/postfix/master.cf']?.content);
    expect([main.fatal, master.fatal]).toEqual([null, null]);
    expect([...main.warnings, ...master.warnings]).toEqual([]);
  });
});
