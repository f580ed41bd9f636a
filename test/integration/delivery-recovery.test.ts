/**
 * Recovery of a post whose response was lost, on a real database and a local Slack that pages
 * history as Slack does: bounded by time (from when the part became pending), not by a number
 * of messages; and a token without history scopes is said at start and never duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { renderSlackParts } from '../../src/chat/slack/render.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import type { Logger, Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { FULL_SCOPES, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { HOSTILE_TITLE, NOW, SLOT, addTarget, matchAll, seedPapers, summaries } from './delivery-support.js';

class Crash extends Error {}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const text = (o: object | string, msg?: string) => `${msg ?? ''} ${typeof o === 'string' ? o : JSON.stringify(o)}`;
  return { ...silentLogger(), warnings, warn: (o: object | string, msg?: string) => void warnings.push(text(o, msg)) };
}

describe('recovering a lost post (SQLite or PostgreSQL ledger, local Slack with paged history)', () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    await seedPapers(stores, 24, (n) => `${n} ${HOSTILE_TITLE} `.repeat(30).slice(0, 1500));
  });
  afterAll(async () => {
    await slack?.close();
    await db.drop();
  });

  const deps = (s: Stores, fake: FakeSlack, logger: Logger = silentLogger()): RunDigestsDeps => ({
    stores: s,
    matcher: matchAll,
    summaries: summaries(stores),
    channels: { slack: { notifier: createSlackNotifier({ token: 'xoxb-test-token', apiUrl: fake.apiUrl, timeoutMs: 4000 }), render: renderSlackParts, minIntervalMs: 0 } },
    logger,
    sleep: async () => undefined,
  });

  it('a crash after Slack accepted a part, then 1,100 other messages in the channel: no duplicate, no missing part', async () => {
    slack = await startFakeSlack({ channels: ['C0100', 'C0101'] });
    const targetId = 'slack:C0100';
    await addTarget(stores, targetId, { maxPapers: 24 });
    // Slack takes part 2, the answer is lost, and the process dies while recording the failure.
    slack.fail('chat.postMessage', [{ kind: 'none' }, { kind: 'drop-after-accept' }]);
    let failures = 0;
    const crashing: Stores = {
      ...stores,
      ledger: {
        ...stores.ledger,
        planDigest: stores.ledger.planDigest.bind(stores.ledger),
        markFailed: async () => {
          if (++failures === 1) throw new Crash('crash');
        },
      },
    };
    const first = await runDigests(deps(crashing, slack), { now: NOW });
    expect(first.targets.find((t) => t.targetId === targetId)).toMatchObject({ status: 'failed' });
    expect(slack.posts.filter((p) => p.channel === 'C0100')).toHaveLength(2);

    // The channel is busy before the bot comes back: 1,100 messages (more than 5 pages of 200).
    slack.chatter('C0100', 1100);
    const second = await runDigests(deps(stores, slack), { now: new Date(NOW.getTime() + 60_000) });
    expect(second.targets.find((t) => t.targetId === targetId)).toMatchObject({ status: 'delivered', resumed: true });
    expect(second.messagesRecovered).toBe(1);

    const parts = await stores.ledger.parts(targetId, SLOT.toISOString());
    const keys = slack.posts.filter((p) => p.channel === 'C0100').map((p) => String(p.metadata?.event_payload.dedupe_key));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    expect(keys).toHaveLength(parts.length);
    expect(new Set(keys).size).toBe(keys.length);
    // It paged: 1,100 + parts messages at 200 a page.
    expect(slack.calls.get('conversations.history')).toBeGreaterThanOrEqual(6);
  });

  it('a token without history scopes: said at start, and lost responses are not posted again (no duplicate)', async () => {
    const noHistory = await startFakeSlack({ channels: ['C0200'], scopes: FULL_SCOPES.filter((s) => !s.endsWith(':history')) });
    try {
      const targetId = 'slack:C0200';
      await addTarget(stores, targetId, { maxPapers: 24 });
      // Every answer to a post is lost once: each post lands, then the client sees a dropped connection.
      noHistory.fail('chat.postMessage', Array.from({ length: 10 }, () => ({ kind: 'drop-after-accept' as const })));
      const logger = recordingLogger();
      const r = await runDigests(deps(stores, noHistory, logger), { now: NOW });
      expect(r.targets.find((t) => t.targetId === targetId)).toMatchObject({ status: 'delivered' });

      const keys = noHistory.posts.map((p) => String(p.metadata?.event_payload.dedupe_key));
      const parts = await stores.ledger.parts(targetId, SLOT.toISOString());
      expect(parts.length).toBeGreaterThanOrEqual(3);
      expect(keys).toHaveLength(parts.length);
      expect(new Set(keys).size).toBe(keys.length);
      expect(parts.every((p) => p.status === 'sent' && p.platformMessageId === 'unverified')).toBe(true);
      // The run report says how many may be missing, not only "delivered".
      expect(r.targets.find((t) => t.targetId === targetId)?.unverified).toBe(parts.length);
      // Said once up front (which scopes, what delivery does), and once per part that may be missing.
      const scopeLines = logger.warnings.filter((w) => w.includes('channels:history, groups:history, im:history'));
      expect(scopeLines).toHaveLength(1);
      expect(scopeLines[0]).toMatch(/does not post that part again/);
      expect(logger.warnings.filter((w) => /digest part may be missing/.test(w))).toHaveLength(parts.length);
      expect(logger.warnings.findIndex((w) => w.includes('channels:history, groups:history'))).toBeLessThan(logger.warnings.findIndex((w) => /digest part may be missing/.test(w)));
    } finally {
      await noHistory.close();
    }
  });
});
