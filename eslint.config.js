// Where code runs stays visible: the renderer cannot reach Node, Electron or SQLite,
// and the records cannot reach Electron or React.
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'drizzle-orm', 'drizzle-orm/*'];

export default tseslint.config(
  { ignores: ['.tmp/', 'node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'db/migrations/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'The renderer runs in the browser: talk to the records through renderer/client.ts.', allowTypeImports: true },
            { group: ['**/db/records/*', '**/db/schema/*', '**/db/open', '**/electron/*'], message: 'The renderer may only use the contract (db/api).', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'react', 'react-dom', 'react/*', '@mantine/*', '**/renderer/*', '**/electron/*'], message: 'db/ runs in any host: no Electron, no UI.' }] },
      ],
    },
  },
  {
    files: ['db/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: nodeOnly, message: 'The contract is shared with the renderer: zod only.', allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['db/log.ts', 'tests/**', '*.config.ts', 'electron/web.ts'],
    rules: { 'no-console': 'off' },
  },
);
