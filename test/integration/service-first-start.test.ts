/**
 * A newcomer's first `npm start`: a fresh database, papers just ingested from a file, no chat
 * platform, the console target. Before, the service printed at once an empty digest for the
 * day that ended at the last slot ("No new papers … since yesterday … 2 papers arrived after
 * the window closed"), and said neither when the real first digest comes, nor where it
 * listens, nor how to stop it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { localTimeText, nextSlot } from '../../src/core/digest/schedule.js';
import { startService } from '../../src/service.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { pinoLines } from '../helpers/text-sink.js';
import { paperboyInProcess } from '../helpers/cli-in-process.js';

const HOUR = 3_600_000;
const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stream, text: () => text };
}

const PAPERS = [
  { arxivId: '2611.00001', source: 'file' as const, title: 'A neural audio codec with residual vector quantization at 1 kbps', abstract: 'We present a neural speech codec that compresses audio into discrete tokens with residual vector quantization.' },
  { arxivId: '2611.00002', source: 'file' as const, title: 'Speculative decoding with a tiny draft model', abstract: 'A small draft model proposes tokens that the target model verifies in parallel, a lossless speed-up of autoregressive decoding.' },
];

describe(`the first start, on ${testDatabaseProvider()}`, () => {
  let db: TestDatabase;
  // The day's slot an hour ago (the whole minute, as HH:MM has it): the papers stored now are after it.
  const slot = new Date(Math.floor((Date.now() - HOUR) / 60_000) * 60_000);
  const env = (extra: Record<string, string> = {}): Config =>
    loadConfig({
      DATABASE_URL: db.url,
      PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-first-start-')),
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAPERBOY_INGEST_SOURCES: '',
      PAPERBOY_DIGEST_DEFAULT_TIME: hhmm(slot),
      ...extra,
    });

  beforeEach(async () => {
    db = await withTestDatabase();
    const stores = await db.openStores();
    try {
      // `paperboy ingest samples/…` just before `npm start`, as the README's quick start goes.
      await stores.papers.upsertMany(PAPERS, new Date());
    } finally {
      await stores.close();
    }
  });
  afterEach(async () => {
    await db.drop();
  });

  it('prints no empty digest, and says when the console digest comes, where it listens and how to stop', async () => {
    const out = capture();
    const { logger, lines } = pinoLines();
    const service = await startService(env(), logger, { stdout: out.stream });
    let port: number;
    try {
      port = service.chat.http!.port;
      await service.caughtUp;
      await service.queue.drain();
    } finally {
      await service.stop('test');
    }
    // Before: "No new papers on this digest's topics since … 2 papers arrived after … when this digest's window closed".
    expect(out.text()).toBe('');
    const msgs = lines.map((l) => l.msg);
    const started = msgs.find((m) => m.startsWith('paperboy started'));
    expect(started).toContain(`http://127.0.0.1:${port}/healthz`);
    expect(started).toContain('Ctrl-C stops it');
    const next = nextSlot({ time: hhmm(slot), timeZone: 'UTC', weekdaysOnly: false, weeklyOn: null }, new Date());
    const outlook = msgs.find((m) => m.startsWith('next console digest:'));
    expect(outlook).toContain(`next console digest: ${localTimeText(next, 'UTC')}, in 2`);
    expect(outlook).toContain(`2 papers stored since ${localTimeText(slot, 'UTC')}`);
    expect(outlook).toContain('npm run paperboy -- digest --target console');
  }, 60_000);

  it('still closes the window at its slot: the papers stored after it wait for the next digest, not one more at start', async () => {
    const first = await startService(env(), pinoLines().logger, { stdout: capture().stream });
    try {
      await first.caughtUp;
      await first.queue.drain();
      const target = await first.stores.targets.get('console');
      expect(target?.lastDigestAt?.toISOString()).toBe(slot.toISOString());
    } finally {
      await first.stop('test');
    }
  }, 60_000);
});

describe(`a Slack channel with --notify-empty whose first slot passed while the service was down, on ${testDatabaseProvider()}`, () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  beforeEach(async () => {
    db = await withTestDatabase();
    slack = await startFakeSlack({ channels: ['C0001'] });
  });
  afterEach(async () => {
    await slack.close();
    await db.drop();
  });

  it('gets no "no new papers" post at start', async () => {
    const slot = new Date(Math.floor((Date.now() - HOUR) / 60_000) * 60_000);
    const next = new Date(slot.getTime() + 24 * HOUR);
    const config = loadConfig({
      DATABASE_URL: db.url,
      PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-first-start-')),
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAPERBOY_INGEST_SOURCES: '',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
    });
    const added = await paperboyInProcess(config, ['channel', 'add', 'slack:C0001', '--topic', 'audio codecs', '--time', hhmm(slot), '--notify-empty']);
    expect(added.code, added.err).toBe(0);
    // The service first started after that channel's first slot, with nothing stored since it was added.
    const service = await startService(config, pinoLines().logger, { clock: { now: () => new Date(next.getTime() + 30_000) }, stdout: capture().stream });
    try {
      await service.caughtUp;
      await service.queue.drain();
      // The window closed all the same: the next digest starts at this slot.
      expect((await service.stores.targets.get('slack:C0001'))?.lastDigestAt?.toISOString()).toBe(next.toISOString());
    } finally {
      await service.stop('test');
    }
    // Before: "No new papers on this channel's topics since …" posted at start.
    expect(slack.posts).toEqual([]);
  }, 60_000);
});
