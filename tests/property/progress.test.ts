/**
 * Property-based tests of stored progress and URL state (fast-check): random JSON, random strings and
 * truncated valid documents, as a lesson's stored value, an imported course file or a share
 * link, never throw; a bad value is reported and removed for its own lesson only, and no other key of
 * the store is read-modified (other lessons, other sites' keys).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyImage, LAB_IMAGE_FORMAT, type LabImage } from '../../src/lesson-runtime/lab-image.ts';
import { exportCourse, importCourse } from '../../src/lesson-runtime/progress-export.ts';
import { exercisesDone, loadProgress } from '../../src/lesson-runtime/progress-load.ts';
import { progressKey, saveProgress } from '../../src/lesson-runtime/progress.ts';
import { MapStorage } from '../support/map-storage.ts';
import { decodeShareFragment, encodeShareFragment, SHARE_PARAM } from '../../src/lesson-runtime/share-link.ts';

const SLUGS = ['tls-basics', 'submission', 'outbound', 'troubleshooting'] as const;
const SCENARIO = { name: 'lab-default', version: 1 };

const validImage: fc.Arbitrary<LabImage> = fc
  .record({
    files: fc.dictionary(
      fc.constantFrom('/etc/postfix/main.cf', '/etc/postfix/master.cf', '/root/notes.txt', '/etc/postfix/tls/x.key'),
      fc.option(fc.record({ content: fc.string({ maxLength: 200 }), mode: fc.constantFrom(0o644, 0o600, 0o755) }), { nil: null }),
    ),
    loaded: fc.option(fc.record({ mainCf: fc.string({ maxLength: 100 }), masterCf: fc.string({ maxLength: 100 }) }), { nil: null }),
    exercisesDone: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 5 }),
  })
  .map((r) => ({ ...emptyImage(SCENARIO, r.loaded), files: r.files, exercisesDone: r.exercisesDone }));

/** Corrupt values: any JSON, any string, and a valid image cut short or with one byte changed. */
const corrupt = fc.oneof(
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.tuple(validImage, fc.nat()).map(([img, n]) => {
    const t = JSON.stringify(img);
    return t.slice(0, n % t.length);
  }),
  fc.tuple(validImage, fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })).map(([img, n, c]) => {
    const t = JSON.stringify(img);
    const i = n % t.length;
    return t.slice(0, i) + c + t.slice(i + 1);
  }),
  fc.anything().map((x) => {
    try {
      return JSON.stringify({ format: LAB_IMAGE_FORMAT, version: 1, scenario: SCENARIO, files: x, loaded: null, exercisesDone: [] }) ?? '';
    } catch {
      return '';
    }
  }),
);

/** A store with valid progress for every lesson but the victim, and keys of other sites. */
function filledStore(image: LabImage, victim: string, bad: string): MapStorage {
  const s = new MapStorage();
  for (const slug of SLUGS) if (slug !== victim) saveProgress(s, slug, image);
  s.setItem('theme', 'dark');
  s.setItem('postfix-tls-lab:lab:v2', '{"v":2}');
  s.setItem(progressKey(victim), bad);
  return s;
}

describe('stored progress under corrupt values (fast-check)', () => {
  it('loadProgress never throws; a bad value is reported and removed, and no other key changes', () => {
    fc.assert(
      fc.property(validImage, fc.constantFrom(...SLUGS), corrupt, (image, victim, bad) => {
        const s = filledStore(image, victim, bad);
        const before = new Map(s.map);
        const r = loadProgress(s, victim, SCENARIO);
        for (const [k, v] of before) if (k !== progressKey(victim)) expect(s.map.get(k)).toBe(v);
        switch (r.kind) {
          case 'corrupt':
          case 'foreign':
            expect(typeof r.reason).toBe('string');
            expect(r.reason.length).toBeGreaterThan(0);
            expect(s.map.has(progressKey(victim))).toBe(false);
            break;
          case 'ok':
          case 'scenario-changed':
            // A corruption that still parses is a valid image (e.g. a changed character inside a string).
            expect(s.map.get(progressKey(victim))).toBe(bad);
            break;
          case 'empty':
            throw new Error('a stored value was read as empty');
        }
        // The other lessons still load, and the home page's count never throws.
        for (const slug of SLUGS) if (slug !== victim) expect(loadProgress(s, slug, SCENARIO).kind).toBe('ok');
        expect(() => exercisesDone(s, SLUGS)).not.toThrow();
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it('a valid image round-trips through storage, and through export and import', () => {
    fc.assert(
      fc.property(validImage, fc.constantFrom(...SLUGS), (image, slug) => {
        const s = new MapStorage();
        saveProgress(s, slug, image);
        const r = loadProgress(s, slug, SCENARIO);
        expect(r.kind === 'ok' && r.image).toEqual(image);
        const t = new MapStorage();
        expect(importCourse(t, exportCourse(s, SLUGS))).toEqual({ ok: true, lessons: [slug] });
        expect(t.map.get(progressKey(slug))).toBe(s.map.get(progressKey(slug)));
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('importing a corrupt or truncated course file never throws and changes nothing', () => {
    const courseFile = fc.tuple(validImage, fc.nat(), fc.boolean()).map(([img, n, cut]) => {
      const s = new MapStorage();
      saveProgress(s, 'submission', img);
      const t = exportCourse(s, SLUGS);
      return cut ? t.slice(0, n % t.length) : t.replace(/"version": 1/, `"version": ${n}`);
    });
    fc.assert(
      fc.property(validImage, fc.oneof(corrupt, courseFile), (image, text) => {
        const s = filledStore(image, 'outbound', JSON.stringify(image));
        const before = new Map(s.map);
        const r = importCourse(s, text, Object.fromEntries(SLUGS.map((x) => [x, SCENARIO])));
        if (!r.ok) {
          expect(r.error.length).toBeGreaterThan(0);
          expect(s.map).toEqual(before);
        }
      }),
      { numRuns: 200, seed: 2 },
    );
  });
});

describe('URL state under corrupt links (fast-check)', () => {
  it('a corrupt #lab= fragment is refused with a reason, never thrown', async () => {
    const valid = await encodeShareFragment(emptyImage(SCENARIO, null));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `#${SHARE_PARAM}=${s}`),
          fc
            .string({ unit: fc.constantFrom('A', 'z', '-', '_', '0', '.', 'v', '1', '=', '%'), maxLength: 200 })
            .map((s) => `#${SHARE_PARAM}=v1.${s}`),
          fc.nat().map((n) => valid.slice(0, n % valid.length)),
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        async (hash) => {
          const r = await decodeShareFragment(hash);
          if (r.kind === 'refused') expect(r.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });
});
