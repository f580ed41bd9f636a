// A settings change (`channel add` on a target that exists, `/papers schedule`, `channel
// schedule`, threads or language) racing a digest that finishes between the change's read of the
// target and its write: the digest's lastDigestAt must survive, or the target is due again for
// the slot it was just sent and its next window starts where the last one did. Run on the real
// stores (SQLite, and PostgreSQL when it is reachable) and the in-memory fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores, TargetStore } from '../../src/core/ports.js';
import { checkDue } from '../../src/core/digest/schedule.js';
import { createSubscriptionService } from '../../src/core/subscriptions/subscription-service.js';
import { operatorActor, parseSubscriberId, type SubscriberId } from '../../src/core/subscriptions/subscriber-id.js';
import { parseTargetId } from '../../src/core/targets/target-id.js';
import { createTargetService, type TargetService } from '../../src/core/targets/target-service.js';
import { createTopicService } from '../../src/core/topics/topic-service.js';
import { storeBackends } from '../helpers/db.js';

const backends = await storeBackends('target-settings-race');

const defaults = { PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'UTC', PAPERBOY_DIGEST_MAX_PAPERS: 10 };
const ADDED = new Date('2026-12-03T10:00:00Z');
/** The digest before the race, and the one that finishes during it. */
const EARLIER = new Date('2026-12-04T09:00:00Z');
const SLOT = new Date('2026-12-05T09:00:00Z');
const CHANGED = new Date('2026-12-05T09:30:00Z');

function channel(raw: string): SubscriberId {
  const r = parseSubscriberId(raw, 'channel');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe.each(backends)('a settings change racing a delivered digest: $name', (backend) => {
  let stores: Stores;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ stores, drop } = await backend.open());
  });
  afterAll(async () => {
    await stores.close();
    await drop();
  });

  /**
   * A target delivered up to EARLIER, and a service whose every read of it is followed by the
   * digest for SLOT finishing (markDelivered), before the change writes what it read.
   */
  async function raced(id: string): Promise<TargetService> {
    let now = ADDED;
    const topics = createTopicService({ topics: stores.topics });
    const subscriptions = createSubscriptionService({ subscriptions: stores.subscriptions, topics });
    const make = (targets: TargetStore) => createTargetService({ targets, subscriptionStore: stores.subscriptions, subscriptions, topics, defaults, clock: { now: () => now } });
    const parsed = parseTargetId(id);
    if (!parsed.ok) throw new Error(parsed.error);
    expect((await make(stores.targets).configure(operatorActor, parsed.value, { time: '09:00', timeZone: 'UTC' })).status).toBe('saved');
    await stores.targets.markDelivered(id, EARLIER);
    now = CHANGED;
    const racing: TargetStore = {
      ...stores.targets,
      get: async (targetId) => {
        const read = await stores.targets.get(targetId);
        await stores.targets.markDelivered(targetId, SLOT);
        return read;
      },
    };
    return make(racing);
  }

  async function expectSlotKept(id: string) {
    const t = (await stores.targets.get(id))!;
    expect(t.lastDigestAt).toEqual(SLOT);
    // Not due again for the slot it was just sent; the next window starts there.
    expect(checkDue(t, new Date('2026-12-05T09:31:00Z')).status).toBe('not-due');
    return t;
  }

  it('`/papers channel schedule` to the same time keeps the window end (no reschedule to hide it)', async () => {
    const service = await raced('slack:C0000001');
    expect((await service.setSchedule(operatorActor, channel('slack:C0000001'), { time: '9:00' })).status).toBe('scheduled');
    expect((await expectSlotKept('slack:C0000001')).rescheduledAt ?? null).toBeNull();
  });

  it('a new time is saved, and the window still starts at the digest just delivered', async () => {
    const service = await raced('slack:C0000002');
    expect((await service.setSchedule(operatorActor, channel('slack:C0000002'), { time: '18:00', timeZone: 'Europe/Berlin' })).status).toBe('scheduled');
    const t = await expectSlotKept('slack:C0000002');
    expect(t).toMatchObject({ time: '18:00', timeZone: 'Europe/Berlin', rescheduledAt: CHANGED });
  });

  it('`channel add` on a target that exists (a new --max-papers) keeps the window end', async () => {
    const service = await raced('slack:C0000003');
    const id = parseTargetId('slack:C0000003');
    if (!id.ok) throw new Error(id.error);
    expect((await service.configure(operatorActor, id.value, { maxPapers: 5 })).status).toBe('saved');
    expect((await expectSlotKept('slack:C0000003')).maxPapers).toBe(5);
  });

  it('threads and language, and a broken target made active again, keep the window end', async () => {
    const service = await raced('slack:C0000004');
    await stores.targets.markFailure('slack:C0000004', 'not_in_channel', true);
    const r = await service.setOptions(operatorActor, channel('slack:C0000004'), { threads: true, language: 'de' });
    expect(r.status === 'saved' && r.resumed).toBe('not_in_channel');
    const t = await expectSlotKept('slack:C0000004');
    expect(t).toMatchObject({ threads: true, language: 'de', status: 'active', brokenReason: null });
  });
});
