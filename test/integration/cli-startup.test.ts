/**
 * The composition root is lazy: a command that only reads the database loads no chat client,
 * no PostgreSQL driver and no LLM SDK (issue 14: `paperboy papers list` start-up). Checked by
 * what the process loaded (test/helpers/module-trace.mjs), not by timing.
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
/** Every module the CLI loaded (imported or required, see module-trace.mjs), and its stderr. */
function traced(env: Record<string, string>, args: string[]): { loaded: string[]; stderr: string } {
  const trace = join(dir, `trace-${++run}.txt`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/helpers/module-trace.mjs', 'src/cli.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, MODULE_TRACE_FILE: trace, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return { loaded: readFileSync(trace, 'utf8').split('\n').filter(Boolean), stderr: r.stderr };
}

/** Configured platforms and an LLM key must not make a read-only command load them. */
const CONFIGURED = {
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  DISCORD_TOKEN: 'discord-test-token',
  DISCORD_APPLICATION_ID: '123456789012345678',
  OPENAI_API_KEY: 'sk-test',
};

const loadedBy = (...args: string[]) => traced(CONFIGURED, args).loaded;

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
    // (draft-namespace.ts is one constant: the topic store removes a topic's definition with it;
    // window-key.ts one function: the delivery ledger keys digests with it.)
    expect(again.filter((u) => /\/src\/core\/(digest|topics|search)\//.test(u) && !/\/topics\/(builtin|catalog|draft-namespace)\.ts$|\/digest\/(schedule|window-key)\.ts$/.test(u))).toEqual([]);
  });

  it('a one-off search loads the search service only: no topic matcher, digest job, chat services or Prisma', () => {
    loadedBy('papers', 'list');
    const search = loadedBy('search', 'audio codec');
    expect(search.some((u) => u.includes('/src/core/search/search-service.ts'))).toBe(true);
    // The acronym miner (topics/acronyms.ts, text only) teaches the search index "MLLM", and the
    // English word list (topics/english-words.ts, read on first use) tells a typo from a word; the matcher stays out.
    const extra = search.filter((u) => /\/src\/(core\/(digest|topics)|chat|summarize|embeddings)\/|\/jobs\/|\/src\/generated\/prisma-|\/node_modules\/@prisma\//.test(u) && !/\/topics\/(builtin|catalog|text|acronyms|english-words|draft-namespace)\.ts$|\/digest\/(schedule|window-key)\.ts$/.test(u));
    expect([...new Set(extra)]).toEqual([]);
  });

  it('a digest dry run does load the platform renderers (the trace would see them)', () => {
    const digest = loadedBy('digest', '--target', 'console', '--dry-run');
    expect(digest.some((u) => /\/node_modules\/discord\.js\//.test(u))).toBe(true);
  });
});

describe('the logger and the cron check load on use', () => {
  const pino = (loaded: string[]) => loaded.some((p) => p.includes('/node_modules/pino/'));
  const nodeCron = (loaded: string[]) => loaded.some((p) => p.includes('/node_modules/node-cron/'));

  it('papers list, which logs nothing at its level and sets no cron, loads neither pino nor node-cron', () => {
    loadedBy('papers', 'list');
    const { loaded } = traced({}, ['papers', 'list']);
    // The check works: it saw the SQLite driver the command does need.
    expect(loaded.some((p) => p.includes('/node_modules/better-sqlite3/'))).toBe(true);
    expect(pino(loaded)).toBe(false);
    expect(nodeCron(loaded)).toBe(false);
  });

  it('with --verbose at LOG_LEVEL=debug the same command logs through pino, and a cron key set is checked by node-cron', () => {
    const { loaded, stderr } = traced({ LOG_LEVEL: 'debug', PAPERBOY_DIGEST_CRON: '0 7 * * *' }, ['papers', 'list', '--verbose']);
    expect(pino(loaded)).toBe(true);
    expect(stderr).toContain('"msg":"stores open"');
    expect(nodeCron(loaded)).toBe(true);
  });
});
