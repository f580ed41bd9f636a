// Lint: TypeScript rules plus the boundaries that hold the shape — the core imports no adapter,
// adapters import neither each other nor the wiring, and files stay small enough to read.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const adapterPackages = ['node:fs', 'node:fs/*', 'node:http', 'node:child_process', '@slack/*', 'discord.js', '@discordjs/*', '@prisma/*', 'openai', 'node-cron', 'pg', 'better-sqlite3', 'bullmq', 'ioredis', 'prom-client'];
const adapterFolders = ['**/store/**', '**/sources/**', '**/chat/**', '**/summarize/**', '**/embeddings/**', '**/generated/**', '**/net/**', '**/http/**', '**/jobs/**', '**/cli/**', '**/delivery/**', '**/observability/**', '**/search-worker/**'];

/**
 * Which folder may import which (src/…, and jobs/). A folder's list names what it must NOT
 * import; the wiring (src/app, src/cli, src/service.ts) is the only place that knows them all.
 */
const wiring = ['**/app/**', '**/cli/**'];
const forbidden = {
  'src/chat/slack/**': [...wiring, '**/discord/**', '**/store/**', '**/sources/**', '**/delivery/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/chat/discord/**': [...wiring, '**/slack/**', '**/store/**', '**/sources/**', '**/delivery/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/chat/{commands,text,console}/**': [...wiring, '**/slack/**', '**/discord/**', '**/http/**', '**/store/**', '**/sources/**', '**/delivery/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/sources/**': [...wiring, '**/chat/**', '**/store/**', '**/delivery/**', '**/http/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**', '**/observability/**'],
  'src/store/**': [...wiring, '**/chat/**', '**/sources/**', '**/delivery/**', '**/http/**', '**/net/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/{summarize,embeddings}/**': [...wiring, '**/chat/**', '**/store/**', '**/sources/**', '**/delivery/**', '**/http/**', '**/jobs/**', '**/search-worker/**'],
  'src/net/**': [...wiring, '**/chat/**', '**/store/**', '**/sources/**', '**/delivery/**', '**/http/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/delivery/**': [...wiring, '**/store/**', '**/sources/**', '**/http/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/http/**': [...wiring, '**/store/**', '**/sources/**', '**/delivery/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**', '**/search-worker/**'],
  'src/{observability,search-worker}/**': [...wiring, '**/chat/**', '**/sources/**', '**/delivery/**', '**/http/**', '**/jobs/**', '**/summarize/**', '**/embeddings/**'],
  'jobs/**': [...wiring, '**/chat/**', '**/http/**', '**/store/**'],
};
/** How import-x finds a file: `.js` specifiers name `.ts` files. */
const resolveTs = { 'import-x/extensions': ['.ts', '.js'], 'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })] };
const restrict = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'coverage/**', 'data/**', 'scratch/**'] },
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
            { group: [...new Set([...adapterFolders, ...wiring])], message: 'src/core must not import adapters.' },
          ],
        },
      ],
    },
  },
  // The folder patterns above match what an import names, so they miss the top-level files of src/
  // (config.ts, log.ts, service.ts, …): `../config.js` reads like a sibling. This rule resolves the
  // import to its file and holds the core to itself, whatever it is named.
  {
    files: ['src/core/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: resolveTs,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [{ target: './src/core', from: '.', except: ['./src/core', './node_modules'], message: 'src/core imports only src/core (and packages): it speaks through ports; see docs/architecture.md.' }] },
      ],
    },
  },
  ...Object.entries(forbidden).map(([folder, groups]) => ({
    files: [`${folder}/*.ts`],
    rules: { 'no-restricted-imports': restrict(groups, `${folder.replace('/**', '')} must not import this folder: adapters meet only in the composition root (src/app/compose.ts); see README "Architecture".`) },
  })),
  // No import cycles: a cycle makes module load order matter and hides which layer depends on which.
  // Type-only imports are not counted (they vanish at compile time). `.js` specifiers name `.ts` files.
  {
    files: ['src/**/*.ts', 'jobs/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: resolveTs,
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // A size bar, so a file stays readable in one sitting (blank lines and comments not counted).
  {
    files: ['src/**/*.ts', 'jobs/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
);
