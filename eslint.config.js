// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Lint rules, including the architecture's boundaries (CONVENTIONS.md §2). Each ban says why, so
 * that the message teaches the rule.
 */
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'url',
  'stream',
  'http',
  'https',
  'buffer',
  'util',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'screenshots/**',
      'bench/results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'bin/*.mjs', 'scripts/*.mjs', 'bench/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // Fastify handlers and Kysely callbacks are legitimately async without awaiting.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Tests read JSON responses (`any`) and assert on them; the unsafe-any rules add noise there.
    files: ['**/*.test.ts', '**/test/**/*.ts', 'apps/web/e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  {
    files: ['packages/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((n) => !n.includes('*')).map((name) => ({
            name,
            message: 'packages/shared is isomorphic: it runs in the browser too, so no Node built-ins.',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'packages/shared is isomorphic: it runs in the browser too, so no Node built-ins.',
            },
            {
              group: ['@observatory/server', '@observatory/web', '**/apps/**'],
              message: 'packages/shared is the bottom layer: it must not depend on the apps.',
            },
            {
              group: ['kysely', 'pg', '@electric-sql/*', 'fastify', '@fastify/*'],
              message: 'packages/shared holds pure code: no database or HTTP framework.',
            },
            {
              group: ['react', 'react-dom', 'react-*'],
              message: 'packages/shared has no UI: React belongs in apps/web.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@observatory/server', '**/apps/server/**', '**/server/src/**'],
              message:
                'The web app talks to the server only through the HTTP API, never by importing server code.',
            },
            { group: ['node:*'], message: 'apps/web runs in the browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)modules/',
              message:
                'platform/ is cross-cutting infrastructure and must not depend on any module (modules depend on platform, not the other way round).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$).+',
              message:
                "Modules use each other only through the other module's index.ts (its public surface), so internals can change freely.",
            },
          ],
        },
      ],
    },
  },
);
