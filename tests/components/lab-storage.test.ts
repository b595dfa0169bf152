/**
 * What the lab keeps between visits: the image goes through progress.ts under the right slug, the light
 * readers use progress.ts's key, and the prefs (history, screen reader switch) parse defensively.
 */
import { describe, expect, it } from 'vitest';
import { fitsImage, imageSlugFor, LAB_PAGE_SLUG } from '../../src/components/lab/image-store.ts';
import {
  MAX_HISTORY_ENTRIES,
  MAX_HISTORY_ENTRY_CHARS,
  NO_PREFS,
  parsePrefs,
  prefsKeyFor,
  serializePrefs,
} from '../../src/components/lab/lab-prefs.ts';
import { lessonStorageKey } from '../../src/components/course/progress-peek.ts';
import { emptyImage, MAX_IMAGE_FILE_CHARS } from '../../src/lesson-runtime/lab-image.ts';
import { progressKey } from '../../src/lesson-runtime/progress.ts';

describe('image storage', () => {
  it('a lesson lab stores under its slug; the lab page and malformed keys under a slug no lesson has', () => {
    expect(imageSlugFor('opportunistic-tls')).toBe('opportunistic-tls');
    expect(imageSlugFor(null)).toBe(LAB_PAGE_SLUG);
    expect(imageSlugFor('<img src=x>')).toBe(LAB_PAGE_SLUG);
    expect(imageSlugFor('')).toBe(LAB_PAGE_SLUG);
    expect(LAB_PAGE_SLUG.startsWith('_')).toBe(true);
  });

  it('the home page and the first look at a lesson read the key progress.ts writes', () => {
    for (const slug of ['opportunistic-tls', 'relay/may']) expect(lessonStorageKey(slug)).toBe(progressKey(slug));
  });

  it('an image the loader would refuse is not stored', () => {
    const image = emptyImage({ name: 'lab-default', version: 1 }, { mainCf: 'a = b\n', masterCf: '' });
    expect(fitsImage(image)).toBe(true);
    const big = { ...image, files: { '/etc/postfix/main.cf': { content: 'x'.repeat(MAX_IMAGE_FILE_CHARS + 1), mode: 0o644 } } };
    expect(fitsImage(big)).toBe(false);
  });
});

describe('lab prefs', () => {
  it('round-trip, and keep labs apart', () => {
    const prefs = { history: ['ls', 'postconf -n'], screenReader: true };
    expect(parsePrefs(serializePrefs(prefs))).toEqual(prefs);
    expect(prefsKeyFor('lesson-2')).not.toBe(prefsKeyFor(null));
  });

  it('read anything unusable as nothing', () => {
    for (const raw of [null, undefined, '', '{', 'null', '42', '[]', '"x"', '<script>alert(1)</script>']) {
      expect(parsePrefs(raw), String(raw)).toEqual(NO_PREFS);
    }
    expect(parsePrefs('{"history":"ls","screenReader":"yes"}')).toEqual(NO_PREFS);
  });

  it('keep only usable history lines, and only the latest ones', () => {
    const history = [
      1,
      '',
      'x'.repeat(MAX_HISTORY_ENTRY_CHARS + 1),
      null,
      ...Array.from({ length: MAX_HISTORY_ENTRIES + 5 }, (_, i) => `cmd ${i}`),
    ];
    const r = parsePrefs(JSON.stringify({ history }));
    expect(r.history.length).toBe(MAX_HISTORY_ENTRIES);
    expect(r.history.at(-1)).toBe(`cmd ${MAX_HISTORY_ENTRIES + 4}`);
  });
});
