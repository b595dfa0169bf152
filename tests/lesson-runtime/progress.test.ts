/** Progress per lesson in a Storage-like store: a bad value for one lesson never touches another. */
import { describe, expect, it } from 'vitest';
import type { LabImage } from '../../src/lesson-runtime/lab-image.ts';
import { exportCourse, importCourse } from '../../src/lesson-runtime/progress-export.ts';
import { exercisesDone, loadProgress } from '../../src/lesson-runtime/progress-load.ts';
import { progressKey, saveProgress } from '../../src/lesson-runtime/progress.ts';
import { MapStorage } from '../support/map-storage.ts';
import { createLessonSession } from '../../src/lesson-runtime/session.ts';

const SCENARIO = { name: 'lab-default', version: 1 };

function image(done: string[] = []): LabImage {
  const s = createLessonSession({ scenario: 'lab-default' });
  s.runLine('postconf -e smtpd_tls_loglevel=2');
  return { ...s.image(), exercisesDone: done };
}

describe('progress', () => {
  it('stores and loads one image per lesson under ptl:lesson:<slug>', () => {
    const st = new MapStorage();
    const img = image(['see-starttls']);
    expect(saveProgress(st, 'what-encrypting-email-means', img)).toBe(true);
    expect([...st.map.keys()]).toEqual(['ptl:lesson:what-encrypting-email-means']);
    expect(loadProgress(st, 'what-encrypting-email-means', SCENARIO)).toEqual({ kind: 'ok', image: img });
    expect(loadProgress(st, 'other', SCENARIO)).toEqual({ kind: 'empty' });
    expect(exercisesDone(st, ['what-encrypting-email-means', 'other'])).toEqual({ 'what-encrypting-email-means': ['see-starttls'] });
  });

  it.each([
    ['corrupt', 'not json {'],
    ['corrupt', JSON.stringify({ format: 'postfix-tls-lab/image', version: 1 })],
    ['foreign', JSON.stringify({ format: 'someone-else', data: 1 })],
    ['foreign', JSON.stringify({ ...image(), scenario: { name: 'tls-off', version: 1 } })],
  ])('a %s value is reported and reset for that lesson only', (kind, raw) => {
    const st = new MapStorage();
    const good = image(['a']);
    saveProgress(st, 'lesson-a', good);
    st.setItem(progressKey('lesson-b'), raw);
    saveProgress(st, 'lesson-c', good);
    expect(loadProgress(st, 'lesson-b', SCENARIO).kind).toBe(kind);
    expect(st.getItem(progressKey('lesson-b'))).toBeNull();
    expect(loadProgress(st, 'lesson-a', SCENARIO)).toEqual({ kind: 'ok', image: good });
    expect(loadProgress(st, 'lesson-c', SCENARIO)).toEqual({ kind: 'ok', image: good });
  });

  it('a scenario of another version is reported, and kept until the learner resets', () => {
    const st = new MapStorage();
    saveProgress(st, 'l', image());
    const r = loadProgress(st, 'l', { name: 'lab-default', version: 2 });
    expect(r).toMatchObject({ kind: 'scenario-changed', storedVersion: 1, currentVersion: 2 });
    expect(st.getItem(progressKey('l'))).not.toBeNull();
  });

  it('exports the course, and an import after clearing restores it', () => {
    const st = new MapStorage();
    const a = image(['x']);
    const b = image(['y', 'z']);
    saveProgress(st, 'one', a);
    saveProgress(st, 'two', b);
    st.setItem(progressKey('three'), 'garbage');
    const doc = exportCourse(st, ['one', 'two', 'three']);
    st.map.clear();
    const r = importCourse(st, doc, { one: SCENARIO, two: SCENARIO, three: SCENARIO });
    expect(r).toEqual({ ok: true, lessons: ['one', 'two'] });
    expect(loadProgress(st, 'one', SCENARIO)).toEqual({ kind: 'ok', image: a });
    expect(loadProgress(st, 'two', SCENARIO)).toEqual({ kind: 'ok', image: b });
  });

  it.each([
    ['not JSON', () => '{'],
    ['another document', () => JSON.stringify({ format: 'x' })],
    ['one bad image among good ones', (good: string) => good.replace('"exercisesDone"', '"exercisesDonne"')],
    ['an unknown lesson', (good: string) => good.replace('"one"', '"nine"')],
  ])('a bad import (%s) changes nothing', (_l, make) => {
    const st = new MapStorage();
    saveProgress(st, 'one', image(['x']));
    saveProgress(st, 'two', image(['y']));
    const good = exportCourse(st, ['one', 'two']);
    saveProgress(st, 'one', image(['kept']));
    const before = new Map(st.map);
    const r = importCourse(st, make(good), { one: SCENARIO, two: SCENARIO });
    expect(r.ok).toBe(false);
    expect(st.map).toEqual(before);
  });
});
