// A target removed while its digest was unsent (the platform refused it, the service stopped
// mid-send) and added again: the earlier target's digest is not the new one's, and must not be
// posted at once to a channel that has just been set up afresh. a507741 closed such a plan when
// it ended by the new target's digestFrom; these are the plans ending after it (the target added
// again on another schedule, or the refused digest a manual run's). Real stores (SQLite, and
// PostgreSQL when reachable) and the in-memory fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import { createSubscriptionService } from '../../src/core/subscriptions/subscription-service.js';
import { operatorActor } from '../../src/core/subscriptions/subscriber-id.js';
import { parseTargetId, type TargetId } from '../../src/core/targets/target-id.js';
import { createTargetService } from '../../src/core/targets/target-service.js';
import { createTopicService } from '../../src/core/topics/topic-service.js';
import { storeBackends } from '../helpers/db.js';
import { keywordMatcher, noSleep, scriptedNotifier, simpleChannel } from '../unit/digest/fixtures.js';
import { testTopic } from '../helpers/test-topic.js';

const backends = await storeBackends('target-readd');

const defaults = { PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'UTC', PAPERBOY_DIGEST_MAX_PAPERS: 10 };
const STORED = new Date('2026-12-05T07:00:00Z');

function targetId(raw: string): TargetId {
  const r = parseTargetId(raw);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe.each(backends)('a target removed with its digest unsent and added again: $name', (backend) => {
  let stores: Stores;
  let drop: () => Promise<void>;
  let now: Date;
  beforeAll(async () => {
    ({ stores, drop } = await backend.open());
    await stores.papers.upsertMany(
      [0, 1].map((i) => ({ arxivId: `2612.0000${i}`, source: 'hf' as const, title: `audio paper ${i}`, abstract: 'A codec.', authors: ['X'], publishedAt: STORED })),
      STORED,
    );
    await stores.topics.add(testTopic({ slug: 'audio', name: 'Audio', description: 'audio', createdAt: STORED }));
  });
  afterAll(async () => {
    await stores.close();
    await drop();
  });

  const service = () => {
    const topics = createTopicService({ topics: stores.topics });
    const subscriptions = createSubscriptionService({ subscriptions: stores.subscriptions, topics });
    return createTargetService({ targets: stores.targets, subscriptionStore: stores.subscriptions, subscriptions, topics, defaults, clock: { now: () => now } });
  };
  const deps = (notifier: ReturnType<typeof scriptedNotifier>): RunDigestsDeps => ({
    stores,
    matcher: keywordMatcher(),
    summaries: { ensure: async (ps) => new Map(ps.map((p) => [p.arxivId, 'a summary'])) },
    channels: { slack: simpleChannel(notifier.notifier) },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    sleep: noSleep,
  });
  /** The channel's digest is planned and refused by the platform (the app not in it yet). */
  const refused = async (run: Parameters<typeof runDigests>[1]) => {
    const n = scriptedNotifier();
    n.script.push({ status: 'rejected', error: 'not_in_channel' });
    const report = await runDigests(deps(n), run);
    expect(report.targets.filter((t) => t.status === 'rejected')).toHaveLength(1);
  };

  it('on another schedule: no digest until its next slot', async () => {
    const id = targetId('slack:CREADD1');
    now = new Date('2026-12-04T10:00:00Z');
    expect((await service().configure(operatorActor, id, { time: '18:00' }, ['audio'])).status).toBe('saved');
    now = new Date('2026-12-05T18:00:00Z');
    await refused({ now });
    now = new Date('2026-12-05T18:30:00Z');
    expect(await service().remove(id.id)).toBe(true);
    // Added again at 19:00 on the default 09:00: its first digest is tomorrow at 09:00.
    now = new Date('2026-12-05T19:00:00Z');
    expect((await service().configure(operatorActor, id, {}, ['audio'])).status).toBe('saved');
    const n = scriptedNotifier();
    const report = await runDigests(deps(n), { now: new Date('2026-12-05T19:05:00Z') });
    expect(n.accepted).toEqual([]);
    expect(report.targets.filter((t) => t.targetId === id.id)).toEqual([expect.objectContaining({ status: 'not-due', resumed: false })]);
  });

  it('its refused digest a manual run: no digest until its next slot', async () => {
    const id = targetId('slack:CREADD2');
    now = new Date('2026-12-04T10:00:00Z');
    expect((await service().configure(operatorActor, id, {}, ['audio'])).status).toBe('saved');
    // `paperboy digest --target slack:CREADD2` at 10:15, refused.
    now = new Date('2026-12-05T10:15:00Z');
    await refused({ now, targetId: id.id });
    now = new Date('2026-12-05T10:30:00Z');
    expect(await service().remove(id.id)).toBe(true);
    now = new Date('2026-12-05T11:00:00Z');
    expect((await service().configure(operatorActor, id, {}, ['audio'])).status).toBe('saved');
    const n = scriptedNotifier();
    const report = await runDigests(deps(n), { now: new Date('2026-12-05T11:05:00Z') });
    expect(n.accepted).toEqual([]);
    expect(report.targets.filter((t) => t.targetId === id.id)).toEqual([expect.objectContaining({ status: 'not-due', resumed: false })]);
  });
});
