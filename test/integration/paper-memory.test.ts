/**
 * Per-target paper memory, through the CLI on a real database and a local Slack: a paper reaches
 * a target once, whatever the window (`--since` overlaps), the arXiv version or the source that
 * brought it; `--resend` sends it again on purpose.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { PaperInput } from '../../src/core/papers/paper.js';
import type { Stores } from '../../src/core/ports.js';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { runCli } from '../helpers/cli-run.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const HOUR = 60 * 60 * 1000;
const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);

function codecPaper(id: string, over: Partial<PaperInput> = {}): PaperInput {
  return {
    arxivId: id,
    source: 'arxiv',
    version: 1,
    title: `A neural audio codec with residual vector quantization, study ${id}`,
    abstract: 'We propose a neural audio codec using residual vector quantization (RVQ). It compresses speech at 1.5 kbps.',
    publishedAt: new Date(Date.now() - 3 * HOUR),
    ...over,
  };
}

describe(`per-target paper memory (CLI, ${testDatabaseProvider()}, local Slack)`, () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  beforeAll(async () => {
    db = await withTestDatabase();
    slack = await startFakeSlack({ channels: ['C0001', 'C0002', 'C0003'] });
    stores = await db.openStores();
    await seedBuiltinTopics(stores.topics, new Date('2026-11-01T00:00:00Z'));
  });
  afterAll(async () => {
    await slack.close();
    await db.drop();
  });
  beforeEach(() => void slack.posts.splice(0));

  const run = (...argv: string[]) =>
    runCli({ config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl }), openStores: async () => stores }, argv);
  const postedIn = (ch: string) => slack.posts.filter((p) => p.channel === ch).map((p) => JSON.stringify(p.blocks));
  const ingest = (inputs: PaperInput[], msAgo: number) => stores.papers.upsertMany(inputs, new Date(Date.now() - msAgo));

  it('overlapping windows: --since D then --since D+1 posts only what is new to the channel', async () => {
    await run('channel', 'add', 'slack:C0001', '--topic', 'audio-codecs');
    await ingest([codecPaper('2611.10001'), codecPaper('2611.10002')], 2 * HOUR);

    const first = await run('digest', '--target', 'slack:C0001', '--since', day(2 * 24 * HOUR));
    expect(first.err).toMatch(/slack:C0001 delivered: 2 papers/);
    expect(postedIn('C0001')).toHaveLength(1);
    expect(postedIn('C0001')[0]).toContain('2611.10001');

    await ingest([codecPaper('2611.10003')], HOUR);
    const second = await run('digest', '--target', 'slack:C0001', '--since', day(24 * HOUR));
    expect(second.err).toMatch(/slack:C0001 delivered: 1 paper/);
    const posts = postedIn('C0001');
    expect(posts).toHaveLength(2);
    expect(posts[1]).toContain('2611.10003');
    expect(posts[1]).not.toContain('2611.10001');
    expect(posts[1]).not.toContain('2611.10002');

    // The same window once more: nothing new at all.
    const third = await run('digest', '--target', 'slack:C0001', '--since', day(2 * 24 * HOUR));
    expect(third.err).toMatch(/slack:C0001 nothing new in its window/);
    expect(postedIn('C0001')).toHaveLength(2);
  });

  it('a v2 announcement of a paper the channel has is not a new paper', async () => {
    await run('channel', 'add', 'slack:C0002', '--topic', 'audio-codecs');
    await ingest([codecPaper('2611.20001')], 2 * HOUR);
    // (Papers from the other tests are new to this channel too.)
    expect((await run('digest', '--target', 'slack:C0002', '--since', day(24 * HOUR))).err).toMatch(/slack:C0002 delivered/);
    expect(postedIn('C0002')[0]).toContain('2611.20001');

    // arXiv's RSS announces a replacement: version 2 with a new title.
    await ingest([codecPaper('2611.20001', { source: 'rss', version: 2, title: 'A neural audio codec with residual vector quantization (revised)' })], HOUR);
    expect((await stores.papers.get('2611.20001'))!.version).toBe(2);
    const again = await run('digest', '--target', 'slack:C0002', '--since', day(24 * HOUR));
    expect(again.err).toMatch(/slack:C0002 nothing new in its window/);
    expect(postedIn('C0002')).toHaveLength(1);
  });

  it('the same paper from arXiv, then from Hugging Face, reaches the channel once; --resend sends it again on purpose', async () => {
    await run('channel', 'add', 'slack:C0003', '--topic', 'audio-codecs');
    await ingest([codecPaper('2611.30001')], 2 * HOUR);
    expect((await run('digest', '--target', 'slack:C0003', '--since', day(24 * HOUR))).err).toMatch(/slack:C0003 delivered/);
    expect(postedIn('C0003')[0]).toContain('2611.30001');

    // Hugging Face lists it a day later, with upvotes.
    await ingest([codecPaper('2611.30001', { source: 'hf', version: undefined, upvotes: 42 })], HOUR);
    expect((await stores.papers.get('2611.30001'))!.sources).toEqual(['arxiv', 'hf']);
    const again = await run('digest', '--target', 'slack:C0003', '--since', day(24 * HOUR));
    expect(again.err).toMatch(/slack:C0003 nothing new in its window/);
    expect(postedIn('C0003')).toHaveLength(1);

    expect((await run('digest', '--resend', '--since', day(24 * HOUR))).code).toBe(2);
    const resent = await run('digest', '--target', 'slack:C0003', '--since', day(24 * HOUR), '--resend');
    expect(resent.err).toMatch(/slack:C0003 delivered/);
    expect(postedIn('C0003')).toHaveLength(2);
    expect(postedIn('C0003')[1]).toContain('2611.30001');
  });
});
