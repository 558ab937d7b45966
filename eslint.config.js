import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'models/migrations/',
      'tests/e2e/screenshots/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through server/config.ts.' },
      ],
    },
  },
  {
    files: ['server/config.ts', 'tests/**', 'bench/**', 'scripts/**', 'drizzle.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['public/js/**'], languageOptions: { globals: { ...globals.browser } } },
);
