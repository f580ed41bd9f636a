// Lint: TypeScript rules plus the one boundary that matters most — the core imports no adapter.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapterPackages = ['node:fs', 'node:fs/*', 'node:http', 'node:child_process', '@slack/*', 'discord.js', '@discordjs/*', '@prisma/*', 'openai', 'node-cron', 'pg', 'better-sqlite3', 'bullmq', 'ioredis', 'prom-client'];
const adapterFolders = ['**/store/**', '**/sources/**', '**/chat/**', '**/summarize/**', '**/embeddings/**', '**/generated/**', '**/net/**', '**/http/**', '**/jobs/**', '**/cli/**', '**/delivery/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: adapterPackages, message: 'src/core speaks through ports (src/core/ports.ts); adapters live outside core.' },
            { group: adapterFolders, message: 'src/core must not import adapters.' },
          ],
        },
      ],
    },
  },
);
