// Lint rules. The important ones are the engine's purity rules (docs/architecture.md):
// under src/engine there is no wall clock, no randomness, no timers and no UI.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const impureGlobals = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'requestAnimationFrame', 'performance', 'document', 'window', 'navigator', 'crypto', 'process']
  .map((name) => ({ name, message: `src/engine is pure: '${name}' is not allowed here (time and randomness come in as arguments; see docs/architecture.md).` }));

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The rules of hooks (hooks called unconditionally, effect dependencies complete) plus the
    // React Compiler's checks (no ref reads during render, no setState inside effects, memos the
    // compiler can preserve): both catch stale views and render loops that tests rarely see.
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/test-support/**'],
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'src/engine is pure: virtual time comes in as an argument.' },
        { object: 'Math', property: 'random', message: 'src/engine is pure: use the seeded RandomSource passed in.' },
        { object: 'performance', property: 'now', message: 'src/engine is pure: virtual time comes in as an argument.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date']", message: 'src/engine is pure: no wall-clock dates.' },
      ],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', '@xyflow/*'], message: 'src/engine must not import UI libraries.' },
          { group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads'], message: 'src/engine must not import Node APIs: it runs unchanged in a Web Worker.' },
          { group: ['**/runtime/**', '**/ui/**', '**/cli/**'], message: 'src/engine must not depend on outer layers.' },
        ],
      }],
    },
  },
);
