// Lint rules that carry the architecture (docs/design.md, "Shape"): dependencies point inward, no `any`, no floating promises.
// Rules over the import graph (one front door into the engine, no engine code in client bundles, no cycles) are in
// .dependency-cruiser.cjs, run by the same `npm run lint`; docs/architecture.md explains both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const sdk = ['firebase-admin', 'firebase-admin/*', '@google-cloud/*', 'firebase', 'firebase/*'];
const framework = ['next', 'next/*', 'react', 'react-dom', 'react/*'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.data/**', 'coverage/**', 'test-results/**', 'next-env.d.ts', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through src/lib/backup/config.ts.' }],
    },
  },
  {
    // The only readers of process.env: config, test setup and test helpers.
    files: ['src/lib/backup/config.ts', 'src/test/**', '**/*.test.ts', '**/testing/**', 'jest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The engine is a library: no framework, no SDKs, no adapters, no app/api code.
    files: ['src/lib/backup/**/*.ts'],
    ignores: ['src/lib/backup/adapters/**', 'src/lib/backup/composition.ts', '**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...framework, ...sdk], message: 'The engine is framework- and SDK-free: put SDK code in adapters/.' },
          { group: ['**/adapters/**', '@/lib/backup/adapters/*', '@/app/*', '@/lib/api/*', '@/components/*'], message: 'Dependencies point inward: the engine never imports adapters, app or api.' },
        ],
      }],
    },
  },
  {
    // Adapters may use SDKs but not the framework or the app.
    files: ['src/lib/backup/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...framework, '@/app/*', '@/lib/api/*', '@/components/*'], message: 'Adapters translate; they do not know the app.' }] }],
    },
  },
  {
    // Adapters implement ports (src/lib/backup/ports*) and depend on them, never on the engine's use cases. Tests and
    // contract suites may drive the engine to exercise an adapter.
    files: ['src/lib/backup/adapters/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...framework, '@/app/*', '@/lib/api/*', '@/components/*'], message: 'Adapters translate; they do not know the app.' },
          { group: ['**/engine/**', '**/engine', '@/lib/backup/engine/*'], message: 'Adapters depend on ports only: import the port module (src/lib/backup/ports/*), not engine/.' },
        ],
      }],
    },
  },
  {
    // UI components talk to the API / read models, never to the engine or SDKs.
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/lib/backup/*', '**/lib/backup/**', ...sdk], message: 'Components never import the engine or SDKs.' }] }],
    },
  },
  {
    // Size limits (STYLE.md, issue 16): files under 400 lines, functions under 60 (blank lines and comments aside).
    // Tests are exempt: a table of cases or a describe block is long by nature.
    files: ['**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', 'e2e/**', 'src/test/**', '**/lint-fixtures/**'],
    rules: {
      'max-lines': ['error', { max: 400 }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
);
