// @ts-check
import eslint from '@eslint/js';
import eslintConfigPrettier from 'eslint-config-prettier';
import eslintPluginAstro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, generated types and installed packages are not our source.
  globalIgnores(['dist/', '.astro/', 'node_modules/', 'test-results/', '.bench/']),

  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Type information comes from the tsconfig that owns each file (root or src/engine).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  eslintPluginAstro.configs['flat/recommended'],

  {
    // Plain JavaScript (configs, scripts/*.mjs, tests/e2e/*.mjs) runs in Node and is not part of any
    // tsconfig (allowJs is off), so it gets Node globals and no type-aware rules.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Astro components are type-checked by `astro check`; the TypeScript program behind type-aware
    // lint rules does not see .astro files or the scripts inside them, so those rules are turned off there.
    files: ['**/*.astro', '**/*.astro/*.ts', '**/*.astro/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Browser tests are Node scripts, but the callbacks they pass to page.evaluate() run in the page.
    files: ['tests/e2e/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Client-side <script>s in components run in the browser.
    files: ['src/components/**', 'src/layouts/**', 'src/pages/**', 'src/terminal/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    // Unused names are compile errors already (noUnusedLocals/Parameters in the tsconfig);
    // a leading underscore marks a parameter kept on purpose, e.g. to satisfy an interface.
    files: ['**/*.{ts,mts,astro}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  {
    // Parsers and daemons throw small signal objects (a parse failure, a fatal exit) that the same module
    // catches; they carry a result, not a stack, so they need not extend Error. Throwing a bare string or
    // number is still an error (no-throw-literal).
    rules: { '@typescript-eslint/only-throw-error': 'off', 'no-throw-literal': 'error' },
  },
  {
    // The simulator handles raw SMTP bytes and terminal escape sequences (ESC [ ... H), so control
    // characters in regular expressions are deliberate here, not typos.
    rules: { 'no-control-regex': 'off' },
  },

  {
    // Layer rule: the engine is a pure, portable simulation (see ARCHITECTURE.md). It must not reach
    // the terminal, the site framework, Node, or the shell that sits on top of it.
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@xterm/*'], message: 'The engine is DOM-free: only src/terminal imports xterm.' },
            { group: ['astro', 'astro:*', 'astro/*', '@astrojs/*'], message: 'The engine must not depend on the site framework.' },
            { group: ['node:*'], message: 'The engine is Node-free: it runs unchanged in the browser.' },
            { group: ['**/shell/**', '**/shell'], message: 'The engine must not import the shell (the shell imports the engine).' },
          ],
        },
      ],
    },
  },
  {
    // Layer rule: the shell is DOM-free; src/terminal is the only xterm importer.
    files: ['src/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@xterm/*'], message: 'The shell is DOM-free: only src/terminal imports xterm.' }] },
      ],
    },
  },

  {
    // Layer rule: the lesson runtime and the config review are pure (see ARCHITECTURE.md): they drive the
    // engine and the shell, and run unchanged in the browser, in Node tests and in the review CLI.
    files: ['src/lesson-runtime/**', 'src/review/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@xterm/*'], message: 'Pure layer: only src/terminal imports xterm.' },
            { group: ['node:*'], message: 'Pure layer: Node-free, it runs in the browser too.' },
            {
              group: ['**/components/**', '**/terminal/**', '**/pages/**'],
              message: 'Pure layer: the page layers import it, not the other way round.',
            },
            {
              group: ['zod', 'zod/*', 'astro/zod'],
              allowTypeImports: true,
              message:
                'The browser loads this layer: check values with src/lesson-runtime/validate.ts (Zod is for the build-time frontmatter schema only).',
            },
          ],
        },
      ],
    },
  },

  // Last: turn off every stylistic rule that would fight Prettier.
  eslintConfigPrettier,
);
