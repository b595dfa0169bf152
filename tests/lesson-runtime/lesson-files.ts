/// <reference types="vite/client" />
// Vitest runs through Astro's Vite, so the lesson files are read with import.meta.glob (?raw) rather
// than node:fs: the project has no @types/node, and this keeps the tests free of Node APIs.
import { parse as parseYaml } from 'yaml';
import { lessonFrontmatterSchema, type LessonFrontmatter } from '../../src/lesson-runtime/frontmatter.ts';
import { lessonSlug } from '../../src/lesson-runtime/lesson-slug.ts';

const files = import.meta.glob<string>('../../lessons/**/*.{md,mdx}', { query: '?raw', import: 'default', eager: true });

/** Path inside lessons/, as the content collection's glob loader sees it. */
const relative = (key: string): string => key.replace(/^(\.\.\/)+lessons\//, '');
const isPartial = (path: string): boolean => (path.split('/').pop() ?? '').startsWith('_');

/** Every lesson file (partials left out), with its raw text. */
export const lessonFiles: readonly { readonly path: string; readonly text: string }[] = Object.entries(files)
  .map(([key, text]) => ({ path: relative(key), text }))
  .filter((file) => !isPartial(file.path))
  .sort((a, b) => a.path.localeCompare(b.path));

/** The YAML between the opening and closing `---` lines, or undefined when the file has none. */
export function frontmatterOf(text: string): string | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  return match?.[1];
}

export interface ParsedLesson {
  readonly path: string;
  readonly slug: string;
  readonly data: LessonFrontmatter;
}

/** The lesson's validated frontmatter; throws with every problem when it is invalid. */
export function parseLesson(path: string, text: string): ParsedLesson {
  const yaml = frontmatterOf(text);
  if (yaml === undefined) throw new Error(`${path}: no frontmatter block at the top of the file`);
  const result = lessonFrontmatterSchema.safeParse(parseYaml(yaml));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${path}: ${issues}`);
  }
  return { path, slug: lessonSlug(path), data: result.data };
}
