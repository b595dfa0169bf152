/// <reference types="vite/client" />
// Vitest runs through Astro's Vite, so the lesson files are read with import.meta.glob (?raw) rather
// than node:fs: the project has no @types/node, and this keeps the test free of Node APIs.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lessonFrontmatterSchema } from '../src/lesson-runtime/frontmatter.ts';
import { neighbours, sortByOrder } from '../src/lesson-runtime/lesson-order.ts';
import { lessonSlug } from '../src/lesson-runtime/lesson-slug.ts';

const files = import.meta.glob<string>('../lessons/**/*.{md,mdx}', { query: '?raw', import: 'default', eager: true });

/** Path inside lessons/, as the content collection's glob loader sees it. */
const relative = (key: string): string => key.replace(/^\.\.\/lessons\//, '');
const isPartial = (path: string): boolean => (path.split('/').pop() ?? '').startsWith('_');

const lessons = Object.entries(files)
  .map(([key, text]) => ({ path: relative(key), text }))
  .filter((file) => !isPartial(file.path));

/** The YAML between the opening and closing `---` lines, or undefined when the file has none. */
function frontmatterOf(text: string): string | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  return match?.[1];
}

function parseLesson(path: string, text: string) {
  const yaml = frontmatterOf(text);
  if (yaml === undefined) throw new Error(`${path}: no frontmatter block at the top of the file`);
  const result = lessonFrontmatterSchema.safeParse(parseYaml(yaml));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${path}: ${issues}`);
  }
  return { path, slug: lessonSlug(path), data: result.data };
}

describe('lessons/', () => {
  it('has at least one lesson', () => {
    expect(lessons.length).toBeGreaterThan(0);
  });

  it.each(lessons.map((l) => [l.path, l.text] as const))('%s has valid frontmatter', (path, text) => {
    const lesson = parseLesson(path, text);
    expect(lesson.data.title.length).toBeGreaterThan(0);
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
