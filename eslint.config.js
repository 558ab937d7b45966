import fs from 'node:fs';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Each folder under server/ is one feature or platform piece. Another folder reaches it only
// through its index.ts, and nothing but server/index.ts (in development) loads server/dev.
const serverFolders = fs
  .readdirSync(new URL('./server', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'types')
  .map((entry) => entry.name);

const boundaries = [
  ...serverFolders.map((folder) => ({
    target: `./server/${folder}/**`,
    from: `./server/!(${folder})/**/!(index).ts`,
    message: 'Import another folder through its index.ts, not its internal files.',
  })),
  {
    target: ['./server/!(dev)/**', './server/!(index).ts'],
    from: './server/dev/**',
    message: 'Production code never imports the development tools in server/dev.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'dist/',
      'models/migrations/',
      'tests/e2e/screenshots/',
      'bench/results/',
      // Files that break the rules on purpose, for the test that the rules catch them.
      'tests/fixtures/',
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
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    // Without these the plugin parses only .js files, and no-cycle silently sees no imports.
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      // Type-only imports count too: a cycle of types is still a knot in the design.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: boundaries }] },
  },
  {
    files: ['server/config.ts', 'tests/**', 'bench/**', 'scripts/**', 'drizzle.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['public/js/**'], languageOptions: { globals: { ...globals.browser } } },
);
