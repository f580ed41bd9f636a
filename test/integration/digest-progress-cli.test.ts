/**
 * `paperboy digest` after a backfill: every paper is in the window, and a person at a terminal
 * sees matching go by on stderr; a pipe or --json gets none of it (stdout stays the report).
 */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as registerDigest } from '../../src/cli/commands/digest.js';
import type { CliContext } from '../../src/cli/context.js';
import { MATCH_BAR_FROM } from '../../src/cli/progress.js';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { silentLogger } from '../../src/log.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { textSink } from '../helpers/text-sink.js';

const PAPERS = MATCH_BAR_FROM;

describe(`paperboy digest progress (CLI, ${testDatabaseProvider()})`, () => {
  let db: TestDatabase;
  let stores: Stores;
  let topics: number;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    await seedBuiltinTopics(stores.topics, new Date('2026-11-01T00:00:00Z'));
    topics = (await stores.topics.list()).length;
    // A backfill an hour ago: every paper is in the console digest's first window.
    const seen = new Date(Date.now() - 60 * 60 * 1000);
    const titles = ['A neural audio codec with residual vector quantization', 'Speculative decoding with a draft model', 'Graph rewiring for molecules'];
    await stores.papers.upsertMany(
      Array.from({ length: PAPERS }, (_, i) => ({ arxivId: `2611.${String(10_000 + i)}`, source: 'hf' as const, title: `${titles[i % titles.length]} ${i}`, abstract: 'We propose a method. It works.', publishedAt: seen })),
      seen,
    );
  }, 60_000);
  afterAll(async () => {
    await db.drop();
  });

  async function run(stderrIsTTY: boolean, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = textSink();
    const stderr = Object.assign(textSink(), { isTTY: stderrIsTTY });
    let code = 0;
    const ctx: CliContext = {
      config: loadConfig({}),
      logger: silentLogger(),
      openStores: async () => stores,
      stdout,
      stderr,
      setExitCode: (c) => void (code = Math.max(code, c)),
    };
    const program = new Command('paperboy').exitOverride();
    registerDigest(program, ctx);
    await program.parseAsync(argv, { from: 'user' });
    return { code, out: stdout.text, err: stderr.text };
  }

  it('on a terminal, shows matching the window on stderr, then how long it took, before the outcome', async () => {
    const r = await run(true, 'digest', '--target', 'console', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`matching ${PAPERS.toLocaleString('en-US')} papers against ${topics} topics`);
    expect(r.err).toMatch(new RegExp(`matched ${PAPERS.toLocaleString('en-US')} papers against ${topics} topics in [\\d.]+ (ms|s)\\n`));
    expect(r.err.indexOf('matched ')).toBeLessThan(r.err.indexOf('console rendered, not sent (dry run)'));
    expect(r.out).not.toContain('matching');
    expect(r.out).toContain('--- console part 1/1 ---');
  }, 60_000);

  it('with --json, stdout is the report alone and nothing is drawn, even on a terminal', async () => {
    const r = await run(true, 'digest', '--target', 'console', '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dryRun: true, targets: [expect.objectContaining({ targetId: 'console', status: 'dry-run' })] });
    expect(r.out + r.err).not.toMatch(/match(ing|ed) \d/);
  }, 60_000);

  it('not on a terminal (a pipe, cron), draws nothing', async () => {
    const r = await run(false, 'digest', '--target', 'console', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/match(ing|ed) \d/);
    expect(r.err).toContain('console rendered, not sent (dry run)');
  }, 60_000);
});
