/**
 * The composition root is lazy: a command that only reads the database loads no chat client,
 * no PostgreSQL driver and no LLM SDK (issue 14: `paperboy papers list` start-up). Checked by
 * what the process resolved, traced through the ESM loader, not by timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Modules a read-only command must not load: the chat platforms, PostgreSQL, the OpenAI SDK. */
const HEAVY = [
  /\/node_modules\/discord\.js\//,
  /\/node_modules\/@slack\/(bolt|web-api)\//,
  /\/node_modules\/pg\//,
  /\/node_modules\/@prisma\/adapter-pg\//,
  /\/src\/generated\/prisma-pg\//,
  /\/node_modules\/openai\//,
];

let run = 0;
function loadedBy(...args: string[]): string[] {
  const trace = join(dir, `trace-${++run}.txt`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/module-trace.mjs', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      DATABASE_URL: `file:${join(dir, 'paperboy.db')}`,
      PAPERBOY_DATA_DIR: dir,
      // Configured platforms and an LLM key must not make a read-only command load them.
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      DISCORD_TOKEN: 'discord-test-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      OPENAI_API_KEY: 'sk-test',
      MODULE_TRACE_FILE: trace,
    },
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

const heavyIn = (urls: string[]) => [...new Set(urls.filter((u) => HEAVY.some((h) => h.test(u))).map((u) => u.slice(u.indexOf(u.includes('/node_modules/') ? '/node_modules/' : '/src/') + 1)))];

describe('CLI start-up loads only what the command needs', () => {
  it('papers list and topics list load no chat client, no pg and no OpenAI SDK', () => {
    const papers = loadedBy('papers', 'list');
    // The trace works: it saw the SQLite driver the command does need.
    expect(papers.some((u) => u.includes('/node_modules/better-sqlite3/'))).toBe(true);
    expect(heavyIn(papers)).toEqual([]);
    expect(heavyIn(loadedBy('topics', 'list'))).toEqual([]);
  });

  it('papers list on a current database loads no Prisma client and no other command', () => {
    // The first run creates, migrates and seeds the database (writes go through Prisma).
    loadedBy('papers', 'list');
    const again = loadedBy('papers', 'list', '--limit', '5');
    const prisma = again.filter((u) => /\/src\/generated\/prisma-|\/node_modules\/@prisma\//.test(u));
    expect(prisma).toEqual([]);
    const commands = new Set(again.filter((u) => /\/src\/cli\/commands\//.test(u)).map((u) => u.slice(u.indexOf('/src/cli/commands/') + 1)));
    expect([...commands].sort()).toEqual(['src/cli/commands/index.ts', 'src/cli/commands/papers.ts']);
    // Nor the digest engine or topic matching that other commands use.
    expect(again.filter((u) => /\/src\/core\/(digest|topics|search)\//.test(u) && !/\/topics\/(builtin|catalog)\.ts$|\/digest\/schedule\.ts$/.test(u))).toEqual([]);
  });

  it('a one-off search loads the search service only: no topic matcher, digest job, chat services or Prisma', () => {
    loadedBy('papers', 'list');
    const search = loadedBy('search', 'audio codec');
    expect(search.some((u) => u.includes('/src/core/search/search-service.ts'))).toBe(true);
    const extra = search.filter((u) => /\/src\/(core\/(digest|topics)|chat|summarize|embeddings)\/|\/jobs\/|\/src\/generated\/prisma-|\/node_modules\/@prisma\//.test(u) && !/\/topics\/(builtin|catalog|text)\.ts$|\/digest\/schedule\.ts$/.test(u));
    expect([...new Set(extra)]).toEqual([]);
  });

  it('a digest dry run does load the platform renderers (the trace would see them)', () => {
    const digest = loadedBy('digest', '--target', 'console', '--dry-run');
    expect(digest.some((u) => /\/node_modules\/discord\.js\//.test(u))).toBe(true);
  });
});

/**
 * Every module the CLI loaded, imported (the ESM trace) or required (the CommonJS cache: pino and
 * node-cron are required on use, which the trace does not see), and its stderr.
 */
function requiredBy(env: Record<string, string>, ...args: string[]): { cjs: string[]; stderr: string } {
  const trace = join(dir, `trace-${++run}.txt`);
  const script = `
    import { createRequire } from 'node:module';
    process.argv = [process.argv[0], 'src/cli.ts', ...${JSON.stringify(args)}];
    process.on('exit', () => process.stdout.write('\\nREQUIRED ' + JSON.stringify(Object.keys(createRequire(import.meta.url).cache)) + '\\n'));
    await import('./src/cli.ts');`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/module-trace.mjs', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, MODULE_TRACE_FILE: trace, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  const line = r.stdout.split('\n').find((l) => l.startsWith('REQUIRED '))!;
  const imported = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  return { cjs: [...(JSON.parse(line.slice('REQUIRED '.length)) as string[]), ...imported], stderr: r.stderr };
}

describe('the logger and the cron check load on use', () => {
  const pino = (cjs: string[]) => cjs.some((p) => p.includes('/node_modules/pino/'));
  const nodeCron = (cjs: string[]) => cjs.some((p) => p.includes('/node_modules/node-cron/'));

  it('papers list, which logs nothing at its level and sets no cron, loads neither pino nor node-cron', () => {
    loadedBy('papers', 'list');
    const { cjs } = requiredBy({}, 'papers', 'list');
    // The check works: it saw the SQLite driver the command does need.
    expect(cjs.some((p) => p.includes('/node_modules/better-sqlite3/'))).toBe(true);
    expect(pino(cjs)).toBe(false);
    expect(nodeCron(cjs)).toBe(false);
  });

  it('with --verbose at LOG_LEVEL=debug the same command logs through pino, and a cron key set is checked by node-cron', () => {
    const { cjs, stderr } = requiredBy({ LOG_LEVEL: 'debug', PAPERBOY_DIGEST_CRON: '0 7 * * *' }, 'papers', 'list', '--verbose');
    expect(pino(cjs)).toBe(true);
    expect(stderr).toContain('"msg":"stores open"');
    expect(nodeCron(cjs)).toBe(true);
  });
});
