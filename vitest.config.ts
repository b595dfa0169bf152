/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Vitest through Astro's own Vite (6.x), so tests resolve modules as the site does.
export default getViteConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
  },
});
