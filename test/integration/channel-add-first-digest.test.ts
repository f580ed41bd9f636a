/**
 * `paperboy channel add` and the real service, end to end on a local Slack: a channel added
 * after its slot of the day gets no digest run at once, and its first digest, with the papers
 * stored just before it was added, at its next slot, as `channel add` said. Before, the
 * service ran the channel's digest at once over the period that had already ended, which held
 * none of those papers: with --notify-empty a "no new papers" post into the channel just added,
 * and the real first digest only at the next slot, while `channel add` said "first digest at
 * the scheduler's next run".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { Clock } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { startService } from '../../src/service.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { paperboyInProcess } from '../helpers/cli-in-process.js';

const HOUR = 3_600_000;
const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;

describe(`a channel added after its slot of the day, on ${testDatabaseProvider()}`, () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let config: Config;
  beforeEach(async () => {
    db = await withTestDatabase();
    slack = await startFakeSlack({ channels: ['C0001'] });
    config = loadConfig({
      DATABASE_URL: db.url,
      PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-first-digest-')),
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAPERBOY_INGEST_SOURCES: '',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
    });
  });
  afterEach(async () => {
    await slack.close();
    await db.drop();
  });

  async function paperboy(...args: string[]): Promise<string> {
    const { code, out, err } = await paperboyInProcess(config, args);
    expect(code, err).toBe(0);
    return out;
  }

  /** The service at `clock`, through its start-up catch-up and the deliveries it enqueued. */
  async function serviceAt(clock: Clock): Promise<void> {
    const service = await startService(config, silentLogger(), { clock, stdout: new PassThrough() });
    try {
      await service.caughtUp;
      await service.queue.drain();
    } finally {
      await service.stop('test');
    }
  }

  it('gets no run at once, and its first digest at its next slot with the papers stored before it was added', async () => {
    // Its slot was an hour ago (the whole minute, as HH:MM has it).
    const slot = new Date(Math.floor((Date.now() - HOUR) / 60_000) * 60_000);
    const stores = await db.openStores();
    try {
      // An ingest just before the channel is added, as the README's first steps go.
      await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'file', title: 'A neural audio codec with residual vector quantization at 1 kbps', abstract: 'We present a neural speech codec that compresses audio into discrete tokens with residual vector quantization.' }], new Date());
    } finally {
      await stores.close();
    }
    const next = new Date(slot.getTime() + 24 * HOUR);
    const added = await paperboy('channel', 'add', 'slack:C0001', '--topic', 'audio codecs', '--time', hhmm(slot), '--notify-empty');
    const weekday = next.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
    expect(added).toContain(` · first digest ${weekday} ${next.toISOString().slice(0, 10)} ${hhmm(next)} UTC\n`);

    await serviceAt({ now: () => new Date() });
    // Before: "no new papers" posted into the channel just added.
    expect(slack.posts).toEqual([]);

    // At its next slot, the paper stored before it was added.
    await serviceAt({ now: () => new Date(next.getTime() + 30_000) });
    expect(slack.posts.map((p) => p.channel)).toContain('C0001');
    expect(slack.posts.map((p) => p.text).join('\n')).toContain('neural audio codec');
  }, 90_000);
});
