/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { getViteConfig } from 'astro/config';

// Vitest through Astro's own Vite (6.x), so tests resolve modules as the site does.
export default getViteConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Vitest's default is one worker per core but one; on a two-core machine (CI's) that is a single worker, and
    // the unit step took 209 s. Two workers there: 118 s, the same tests passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
