import { describe, expect, it } from 'vitest';
import { lessonFrontmatterSchema } from '../src/lesson-runtime/frontmatter.ts';
import { neighbours, sortByOrder } from '../src/lesson-runtime/lesson-order.ts';
import { lessonSlug } from '../src/lesson-runtime/lesson-slug.ts';
import { SCENARIOS } from '../src/lesson-runtime/scenarios/index.ts';
import { lessonFiles as lessons, parseLesson } from './lesson-runtime/lesson-files.ts';

describe('lessons/', () => {
  it('has at least one lesson', () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  it.each(lessons.map((l) => [l.path, l.text] as const))('%s has valid frontmatter', (path, text) => {
    const lesson = parseLesson(path, text);
    expect(lesson.data.title.length).toBeGreaterThan(0);
  });

  it.each(lessons.map((l) => [l.path, l.text] as const))('%s names a known scenario', (path, text) => {
    const lab = parseLesson(path, text).data.lab;
    if (lab !== undefined) expect(Object.keys(SCENARIOS), `${path}: scenario ${lab.scenario}`).toContain(lab.scenario);
  });

  it('gives every lesson a unique order', () => {
    const pathsByOrder = new Map<number, string[]>();
    for (const { data, path } of lessons.map((l) => parseLesson(l.path, l.text))) {
      pathsByOrder.set(data.order, [...(pathsByOrder.get(data.order) ?? []), path]);
    }
    const clashes = [...pathsByOrder].filter(([, paths]) => paths.length > 1);
    expect(clashes).toEqual([]);
  });

  it('gives every lesson a unique, URL-safe slug', () => {
    const slugs = lessons.map((l) => lessonSlug(l.path));
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/);
  });
});

describe('lesson frontmatter schema', () => {
  const valid = { title: 'T', order: 1, summary: 'S' };

  it('accepts the minimal fields', () => {
    expect(lessonFrontmatterSchema.safeParse(valid).success).toBe(true);
  });

  const exercise = {
    id: 'enable-may',
    text: 'Make port 25 offer STARTTLS.',
    goals: [{ check: 'ehlo-lists', args: { port: 25, keyword: 'STARTTLS' }, text: 'EHLO on port 25 lists STARTTLS' }],
    hints: [
      { when: 'files-differ-from-loaded', text: 'Reload.' },
      {
        when: { check: 'not', args: { check: 'param-loaded', args: { name: 'smtp_tls_security_level', value: 'may' } } },
        text: 'And smtp.',
      },
    ],
    solution: ["postconf -e 'smtpd_tls_security_level = may'", { toggle: 'smtp_tls_security_level', value: 'may' }, { apply: true }],
  };

  it('accepts a lab with controls and exercises', () => {
    const result = lessonFrontmatterSchema.safeParse({
      ...valid,
      lab: { scenario: 'p25-level-may', controls: ['smtpd_tls_security_level', 'submission smtpd_tls_security_level'] },
      exercises: [exercise],
    });
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it.each([
    ['a missing title', { order: 1, summary: 'S' }],
    ['an empty title', { ...valid, title: '  ' }],
    ['a fractional order', { ...valid, order: 1.5 }],
    ['order 0', { ...valid, order: 0 }],
    ['an order given as text', { ...valid, order: '1' }],
    ['a missing summary', { title: 'T', order: 1 }],
    ['an unknown key (typo)', { ...valid, sumary: 'S' }],
    ['a lab without a scenario', { ...valid, lab: {} }],
    ['a scenario name that is not kebab-case', { ...valid, lab: { scenario: 'P25 Level May' } }],
    ['an empty command list', { ...valid, lab: { scenario: 'base', commands: [] } }],
    ['duplicate exercise ids', { ...valid, exercises: [exercise, exercise] }],
    ['an unknown predicate', { ...valid, exercises: [{ ...exercise, goals: [{ check: 'ehlo-has', args: { port: 25 }, text: 't' }] }] }],
    [
      'a missing predicate arg',
      { ...valid, exercises: [{ ...exercise, goals: [{ check: 'ehlo-lists', args: { port: 25 }, text: 't' }] }] },
    ],
    [
      'an unknown predicate arg',
      { ...valid, exercises: [{ ...exercise, goals: [{ check: 'listening', args: { port: 25, host: 'x' }, text: 't' }] }] },
    ],
    ['a port out of range', { ...valid, exercises: [{ ...exercise, goals: [{ check: 'listening', args: { port: 70000 }, text: 't' }] }] }],
    ['a bad regex', { ...valid, exercises: [{ ...exercise, goals: [{ check: 'saw-output', args: { pattern: '(' }, text: 't' }] }] }],
    [
      '`not` in a goal',
      { ...valid, exercises: [{ ...exercise, goals: [{ check: 'not', args: { check: 'listening', args: { port: 25 } }, text: 't' }] }] },
    ],
    ['an unknown hint predicate', { ...valid, exercises: [{ ...exercise, hints: [{ when: 'forgot-reload', text: 'x' }] }] }],
    ['an exercise without a solution', { ...valid, exercises: [{ ...exercise, solution: [] }] }],
    ['an exercise without goals', { ...valid, exercises: [{ ...exercise, goals: [] }] }],
    ['the old goals field', { ...valid, goals: [{ id: 'a', text: 'x' }] }],
  ])('rejects %s', (_label, data) => {
    expect(lessonFrontmatterSchema.safeParse(data).success).toBe(false);
  });

  it('describes every field', () => {
    const shape = lessonFrontmatterSchema.shape;
    for (const [name, field] of Object.entries(shape)) {
      expect(field.description, name).toBeTruthy();
    }
  });
});

describe('lesson slugs and order', () => {
  it.each([
    ['01-what-encrypting-email-means.mdx', 'what-encrypting-email-means'],
    ['02-relay/03-may.md', 'relay/may'],
    ['Intro.MDX', 'intro'],
    ['2024.mdx', '2024'],
  ])('%s becomes %s', (path, slug) => {
    expect(lessonSlug(path)).toBe(slug);
  });

  it('sorts by order and finds neighbours', () => {
    const list = sortByOrder([{ data: { order: 3 } }, { data: { order: 1 } }, { data: { order: 2 } }]);
    expect(list.map((l) => l.data.order)).toEqual([1, 2, 3]);
    expect(neighbours(list, 0)).toEqual({ previous: undefined, next: list[1] });
    expect(neighbours(list, 1)).toEqual({ previous: list[0], next: list[2] });
    expect(neighbours(list, 2)).toEqual({ previous: list[1], next: undefined });
  });
});
