import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonFrontmatterSchema } from './lesson-runtime/frontmatter.ts';
import { lessonSlug } from './lesson-runtime/lesson-slug.ts';

// Lessons live in the top-level `lessons/` folder, apart from the site's code.
// Files whose name starts with `_` are partials: imported by lessons, never given a route.
const lessons = defineCollection({
  loader: glob({
    base: './lessons',
    pattern: '**/[^_]*.{md,mdx}',
    generateId: ({ entry }) => lessonSlug(entry),
  }),
  schema: lessonFrontmatterSchema,
});

export const collections = { lessons };
