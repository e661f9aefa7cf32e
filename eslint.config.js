// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'bench/*.js', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The core is pure: no IO, no clock, no environment, and it never imports the outer layers.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'src/core is pure: no IO modules.' },
          { group: ['**/io/**', '**/cli/**', '**/db/**', '**/app/**', '**/server/**'], message: 'src/core must not import the outer layers.' },
          { group: ['csv-parse', 'csv-parse/*', 'csv-stringify', 'csv-stringify/*', 'commander'], message: 'src/core does no IO or CLI work.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'src/core is pure: pass settings in.' },
        { name: 'console', message: 'src/core is pure: return messages as data.' },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core is pure: pass the date in.' },
        { object: 'Math', property: 'random', message: 'src/core is deterministic: use the seeded generator.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core is pure: pass the date in.' }],
    },
  },
);
