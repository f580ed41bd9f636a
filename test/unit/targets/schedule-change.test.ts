/**
 * A schedule change takes effect from the new schedule's next slot: it never makes a target due
 * for a slot that passed before the change was made (a second digest the same morning when
 * moved later, one at an odd hour when moved earlier), and the next digest still holds every
 * paper since the last one.
 */
import { describe, expect, it } from 'vitest';
import { checkDue } from '../../../src/core/digest/schedule.js';
import { operatorActor, parseSubscriberId, type Actor, type SubscriberId } from '../../../src/core/subscriptions/subscriber-id.js';
import { createSubscriptionService } from '../../../src/core/subscriptions/subscription-service.js';
import { createTargetService } from '../../../src/core/targets/target-service.js';
import { newDeliveryTarget, targetChanges } from '../../../src/core/targets/target.js';
import { createTopicService } from '../../../src/core/topics/topic-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const defaults = { PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'UTC', PAPERBOY_DIGEST_MAX_PAPERS: 10 };
const manager: Actor = { id: 'slack:UBOSS01', canManageChannel: (ch) => ch === 'slack:CGENERAL' };

async function setup(at: Date) {
  const stores = createMemoryStores();
  const topics = createTopicService({ topics: stores.topics });
  await topics.seed();
  const subscriptions = createSubscriptionService({ subscriptions: stores.subscriptions, topics });
  const targets = createTargetService({ targets: stores.targets, subscriptionStore: stores.subscriptions, subscriptions, topics, defaults, clock: { now: () => at } });
  return { stores, targets };
}

function id(raw: string): SubscriberId {
  const r = parseSubscriberId(raw, 'channel');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** slack:CGENERAL on `time` UTC, last delivered at `lastDigestAt`, changed at `at`. */
async function delivered(time: string, lastDigestAt: Date, at: Date) {
  const { stores, targets } = await setup(at);
  await targets.setSchedule(manager, id('slack:CGENERAL'), { time });
  // Delivered: its first window (digestFrom) lies before lastDigestAt; none here keeps it short.
  await stores.targets.upsert({ ...(await stores.targets.get('slack:CGENERAL'))!, lastDigestAt, digestFrom: null });
  return { stores, targets };
}

describe('a schedule change', () => {
  it('to a later time that passed today gives no second digest today: the next is at the new time tomorrow', async () => {
    // Today's 08:00 digest went out; at 10:00 the channel moves to 09:30.
    const at = new Date('2026-12-05T10:00:00Z');
    const { stores, targets } = await delivered('08:00', new Date('2026-12-05T08:00:00Z'), at);
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '09:30' });
    if (r.status !== 'scheduled') throw new Error(r.status);
    // Before: due at once for today's 09:30, a second digest the same morning.
    expect(checkDue(r.target, at)).toEqual({ status: 'not-due', lastSlot: new Date('2026-12-05T09:30:00Z'), nextSlot: new Date('2026-12-06T09:30:00Z') });
    expect(checkDue(r.target, new Date('2026-12-06T09:30:00Z'))).toEqual({ status: 'due', slot: new Date('2026-12-06T09:30:00Z') });
    // lastDigestAt still says when the last digest went: the next one's window starts there.
    expect(await stores.targets.get('slack:CGENERAL')).toMatchObject({ time: '09:30', lastDigestAt: new Date('2026-12-05T08:00:00Z') });
  });

  it('to a later time still to come today, before that day\'s digest went (the service was down at 08:00): at the new time today, not at once', async () => {
    const at = new Date('2026-12-05T12:00:00Z');
    const { targets } = await delivered('08:00', new Date('2026-12-04T08:00:00Z'), at);
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '18:00' });
    if (r.status !== 'scheduled') throw new Error(r.status);
    // Before: yesterday's 18:00 had passed since the last digest, so due at once.
    expect(checkDue(r.target, at)).toMatchObject({ status: 'not-due', nextSlot: new Date('2026-12-05T18:00:00Z') });
    expect(checkDue(r.target, new Date('2026-12-05T18:00:00Z'))).toEqual({ status: 'due', slot: new Date('2026-12-05T18:00:00Z') });
    expect(r.target.lastDigestAt).toEqual(new Date('2026-12-04T08:00:00Z'));
  });

  it('to an earlier time that passed today waits for tomorrow\'s slot', async () => {
    const at = new Date('2026-12-05T12:00:00Z');
    const { targets } = await delivered('18:00', new Date('2026-12-04T18:00:00Z'), at);
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '08:00' });
    if (r.status !== 'scheduled') throw new Error(r.status);
    // Before: today's 08:00 came after yesterday's 18:00 digest, so due at once at noon.
    expect(checkDue(r.target, at)).toEqual({ status: 'not-due', lastSlot: new Date('2026-12-05T08:00:00Z'), nextSlot: new Date('2026-12-06T08:00:00Z') });
  });

  it('by `channel add` on a target that exists follows the same rule', async () => {
    const at = new Date('2026-12-05T10:00:00Z');
    const { targets } = await delivered('08:00', new Date('2026-12-05T08:00:00Z'), at);
    const r = await targets.configure(operatorActor, id('slack:CGENERAL'), { time: '09:30' });
    if (r.status !== 'saved') throw new Error(r.status);
    expect(checkDue(r.target, at)).toMatchObject({ status: 'not-due', nextSlot: new Date('2026-12-06T09:30:00Z') });
  });
});

describe('a schedule change before the first digest', () => {
  it('waits for the new schedule\'s next slot, and the first window still starts at the slot before the target was added', async () => {
    // Subscribed at 10:00 on the default 09:00, then moved to 09:30 (passed today) at once.
    const at = new Date('2026-12-05T10:00:00Z');
    const { stores, targets } = await setup(at);
    await targets.ensure(id('slack:CGENERAL'));
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '09:30' });
    if (r.status !== 'scheduled') throw new Error(r.status);
    // Before: today's 09:30 came after its window began at 09:00, so due at once.
    expect(checkDue(r.target, at)).toMatchObject({ status: 'not-due', nextSlot: new Date('2026-12-06T09:30:00Z') });
    expect(await stores.targets.get('slack:CGENERAL')).toMatchObject({ lastDigestAt: null, digestFrom: new Date('2026-12-05T09:00:00Z'), rescheduledAt: at });
  });

  it('naming the same slots changes nothing: a digest it was due for still comes at once', async () => {
    // Last delivered yesterday; the service was down at today's 08:00.
    const at = new Date('2026-12-05T12:00:00Z');
    const { targets } = await delivered('08:00', new Date('2026-12-04T08:00:00Z'), at);
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '8:00', timeZone: 'UTC' });
    if (r.status !== 'scheduled') throw new Error(r.status);
    expect(checkDue(r.target, at)).toEqual({ status: 'due', slot: new Date('2026-12-05T08:00:00Z') });
  });
});

describe('a change written differently that names the same slot', () => {
  it('is no schedule change: "Etc/UTC" for "UTC" keeps a due digest due', async () => {
    // Last delivered yesterday; the service was down at today's 08:00.
    const at = new Date('2026-12-05T12:00:00Z');
    for (const change of [{ timeZone: 'Etc/UTC' }, { timeZone: 'Etc/Zulu' }]) {
      const { targets } = await delivered('08:00', new Date('2026-12-04T08:00:00Z'), at);
      const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '08:00', ...change });
      if (r.status !== 'scheduled') throw new Error(r.status);
      expect(checkDue(r.target, at), JSON.stringify(change)).toEqual({ status: 'due', slot: new Date('2026-12-05T08:00:00Z') });
    }
  });

  it('a weekly target told "weekdays only" keeps its due weekly digest', async () => {
    // Weekly on Saturdays at 08:00, last sent a week ago; the service was down this Saturday morning.
    const at = new Date('2026-12-05T12:00:00Z');
    const { stores, targets } = await delivered('08:00', new Date('2026-11-28T08:00:00Z'), at);
    await stores.targets.upsert({ ...(await stores.targets.get('slack:CGENERAL'))!, weeklyOn: 6 });
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '08:00', weeklyOn: 6, weekdaysOnly: true });
    if (r.status !== 'scheduled') throw new Error(r.status);
    expect(checkDue(r.target, at)).toEqual({ status: 'due', slot: new Date('2026-12-05T08:00:00Z') });
  });
});

describe('targetChanges: what a change to a target that exists writes', () => {
  it('only the columns that differ (dates by instant, absent as null), never lastDigestAt or the id', () => {
    const before = { ...newDeliveryTarget(id('slack:CGENERAL'), defaults), digestFrom: new Date('2026-12-01T09:00:00Z') };
    expect(targetChanges(before, { ...before, digestFrom: new Date('2026-12-01T09:00:00Z'), weeklyOn: null })).toEqual({});
    const after = { ...before, id: 'slack:COTHER1', lastDigestAt: new Date('2026-12-05T09:00:00Z'), time: '18:00', language: 'de', threads: undefined };
    expect(targetChanges(before, after)).toEqual({ time: '18:00', language: 'de' });
  });
});
