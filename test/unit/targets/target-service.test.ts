/**
 * Delivery targets as a core service: the one time-of-day rule (`9:00` is `09:00` everywhere),
 * the one time-zone check, who may change a schedule, and all-or-nothing configuration.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/chat/commands/parse.js';
import { loadConfig } from '../../../src/config.js';
import { isTimeZone, parseTimeOfDay } from '../../../src/core/digest/schedule.js';
import { operatorActor, parseSubscriberId, type Actor, type SubscriberId } from '../../../src/core/subscriptions/subscriber-id.js';
import { createSubscriptionService } from '../../../src/core/subscriptions/subscription-service.js';
import { addressOf } from '../../../src/core/digest/channel.js';
import { CONSOLE_TARGET, parseAddress, parseTargetId, platformOfId } from '../../../src/core/targets/target-id.js';
import { checkSettings, createTargetService } from '../../../src/core/targets/target-service.js';
import { createTopicService } from '../../../src/core/topics/topic-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { checkDue } from '../../../src/core/digest/schedule.js';

const defaults = { PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'UTC', PAPERBOY_DIGEST_MAX_PAPERS: 10 };

/** Mid-morning: today's 09:00 and 09:15 slots have passed. */
const addedAt = new Date('2026-12-05T10:00:00Z');

async function setup() {
  const stores = createMemoryStores();
  const topics = createTopicService({ topics: stores.topics });
  await topics.seed();
  const subscriptions = createSubscriptionService({ subscriptions: stores.subscriptions, topics });
  const targets = createTargetService({ targets: stores.targets, subscriptionStore: stores.subscriptions, subscriptions, topics, defaults, clock: { now: () => addedAt } });
  return { stores, targets };
}

function id(raw: string, kind: 'user' | 'channel' = 'channel'): SubscriberId {
  const r = parseSubscriberId(raw, kind);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const manager: Actor = { id: 'slack:UBOSS01', canManageChannel: (ch) => ch === 'slack:CGENERAL' };
const bystander: Actor = { id: 'slack:UALICE1', canManageChannel: () => false };

describe('one schedule rule', () => {
  it('takes H:MM and HH:MM as the same time, and the same zones, in chat, the CLI rules and the configuration', () => {
    expect(parseTimeOfDay('9:00')).toBe('09:00');
    expect(parseTimeOfDay('09:00')).toBe('09:00');
    expect(parseTimeOfDay('23:59')).toBe('23:59');
    for (const bad of ['24:00', '9', '9:0', '09:60', '9am', '', ' : ']) expect(parseTimeOfDay(bad), bad).toBeNull();
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);

    expect(checkSettings({ time: '9:00', timeZone: 'Europe/Berlin' })).toEqual({ ok: true, settings: { time: '09:00', timeZone: 'Europe/Berlin' } });
    // Written as its IANA name, whatever the case typed.
    expect(checkSettings({ timeZone: 'europe/berlin' })).toEqual({ ok: true, settings: { timeZone: 'Europe/Berlin' } });
    expect(checkSettings({ timeZone: 'utc' })).toEqual({ ok: true, settings: { timeZone: 'UTC' } });
    const parsed = parseCommandText('channel schedule 9:00');
    expect(parsed.status === 'ok' && parsed.command).toEqual({ kind: 'channel-schedule', schedule: { time: '09:00' } });
    expect(loadConfig({ PAPERBOY_DIGEST_DEFAULT_TIME: '9:00' }).PAPERBOY_DIGEST_DEFAULT_TIME).toBe('09:00');
    expect(() => loadConfig({ PAPERBOY_DIGEST_DEFAULT_TIME: '9am' })).toThrow(/PAPERBOY_DIGEST_DEFAULT_TIME/);

    const bad = checkSettings({ time: '25:00', timeZone: 'Mars/Olympus', maxPapers: 0 });
    expect(bad.ok === false && bad.problems.map((p) => p.field)).toEqual(['time', 'timeZone', 'maxPapers']);
  });
});

describe('target ids', () => {
  it('parses console, channels, Slack DMs and Discord DMs once, into typed ids', () => {
    expect(parseTargetId('console')).toEqual({ ok: true, value: CONSOLE_TARGET });
    expect(parseTargetId('console', { dm: true })).toEqual({ ok: false, error: 'the console has no direct messages: --dm is for a Discord user id' });
    expect(parseTargetId('slack:C0123ABCD')).toMatchObject({ ok: true, value: { id: 'slack:C0123ABCD', platform: 'slack', kind: 'channel', native: 'C0123ABCD' } });
    expect(parseTargetId('slack:U0123ABCD')).toMatchObject({ ok: true, value: { kind: 'user' } });
    expect(parseTargetId('discord:123456789012345678')).toMatchObject({ ok: true, value: { kind: 'channel' } });
    expect(parseTargetId('discord:123456789012345678', { dm: true })).toMatchObject({ ok: true, value: { kind: 'user', id: 'discord:123456789012345678' } });
    expect(parseTargetId('discord:user:123456789012345678')).toMatchObject({ ok: true, value: { kind: 'user', id: 'discord:123456789012345678' } });
    expect(parseTargetId('teams:C1')).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown platform/) });
  });

  it('reads a stored id back as its platform, and a target as the address its notifier parses', () => {
    expect(['slack:U1', 'discord:123', 'console', 'teams:1', 'slack'].map(platformOfId)).toEqual(['slack', 'discord', 'console', null, null]);
    const dm = { id: 'discord:123456789012345678', platform: 'discord', kind: 'user' } as const;
    expect(addressOf(dm)).toBe('discord:user:123456789012345678');
    expect(parseAddress(addressOf(dm))).toEqual({ platform: 'discord', native: '123456789012345678', dm: true });
    expect(addressOf({ id: 'discord:123456789012345678', platform: 'discord', kind: 'channel' })).toBe('discord:123456789012345678');
    expect(parseAddress('slack:U0123ABCD')).toEqual({ platform: 'slack', native: 'U0123ABCD', dm: true });
    expect(parseAddress('slack:C0123ABCD')).toEqual({ platform: 'slack', native: 'C0123ABCD', dm: false });
    expect(addressOf({ id: 'console', platform: 'console', kind: 'console' })).toBe('console');
    expect(parseAddress('console')).toBeNull();
  });
});

describe('target service', () => {
  it('sets a channel schedule for a manager only, normalising the time and keeping what is left out', async () => {
    const { stores, targets } = await setup();
    const general = id('slack:CGENERAL');
    expect(await targets.setSchedule(bystander, general, { time: '8:30' })).toMatchObject({ status: 'forbidden' });
    expect(await stores.targets.get('slack:CGENERAL')).toBeNull();

    const r = await targets.setSchedule(manager, general, { time: '8:30', timeZone: 'Europe/Berlin' });
    expect(r).toMatchObject({ status: 'scheduled', target: { time: '08:30', timeZone: 'Europe/Berlin', weekdaysOnly: false, platform: 'slack', kind: 'channel' } });
    await targets.setSchedule(manager, general, { time: '07:00', weekdaysOnly: true });
    expect(await stores.targets.get('slack:CGENERAL')).toMatchObject({ time: '07:00', timeZone: 'Europe/Berlin', weekdaysOnly: true });

    expect(await targets.setSchedule(manager, general, { time: '7', timeZone: 'Nowhere/Land' })).toMatchObject({ status: 'invalid', problems: [{ field: 'time' }, { field: 'timeZone' }] });
    expect(await stores.targets.get('slack:CGENERAL')).toMatchObject({ time: '07:00' });
  });

  it('configures a target with its topics all or nothing, and the console without topics', async () => {
    const { stores, targets } = await setup();
    const chan = id('slack:C0001');
    const unknown = await targets.configure(operatorActor, chan, { time: '9:15' }, ['audio-codecs', 'speculative decodng']);
    expect(unknown).toMatchObject({ status: 'unknown-topics', messages: [expect.stringContaining('speculative decodng')] });
    expect(await stores.targets.get('slack:C0001')).toBeNull();
    expect(await stores.subscriptions.list({ subscriber: 'slack:C0001' })).toEqual([]);

    const saved = await targets.configure(operatorActor, chan, { time: '9:15' }, ['audio-codecs']);
    expect(saved).toMatchObject({ status: 'saved', created: true, topics: ['audio-codecs'], target: { time: '09:15', timeZone: 'UTC', maxPapers: 10, lastDigestAt: null, digestFrom: new Date('2026-12-05T09:15:00Z') } });
    expect(await targets.configure(bystander, chan, { maxPapers: 5 })).toMatchObject({ status: 'forbidden' });
    expect(await targets.configure(operatorActor, chan, { maxPapers: 5 })).toMatchObject({ status: 'saved', created: false, target: { time: '09:15', maxPapers: 5 } });

    expect(await targets.configure(operatorActor, CONSOLE_TARGET, {}, ['audio-codecs'])).toMatchObject({ status: 'invalid', problems: [{ field: 'topics' }] });
    expect(await stores.targets.get('console')).toBeNull();
    expect(await targets.ensureConsole()).toMatchObject({ id: 'console', platform: 'console', notifyEmpty: true });
  });

  it('a topic removed while the channel is being subscribed to it: says so as an unknown topic, and nothing changed', async () => {
    const stores = createMemoryStores();
    const topics = createTopicService({ topics: stores.topics });
    await topics.seed();
    // Another operator's `topics remove` lands between the lookup and the subscription's write.
    const racing = { ...stores.subscriptions, add: async (s: Parameters<typeof stores.subscriptions.add>[0]) => (await stores.topics.remove(s.topicSlug), stores.subscriptions.add(s)) };
    const subscriptions = createSubscriptionService({ subscriptions: racing, topics });
    const targets = createTargetService({ targets: stores.targets, subscriptionStore: stores.subscriptions, subscriptions, topics, defaults, clock: { now: () => addedAt } });
    expect(await targets.configure(operatorActor, id('slack:C0001'), { time: '9:15' }, ['audio-codecs'])).toEqual({
      status: 'unknown-topics',
      messages: ['The topic "audio codecs" was removed while slack:C0001 was being subscribed to it; nothing subscribed.'],
    });
    expect(await stores.targets.get('slack:C0001')).toBeNull();
    expect(await stores.subscriptions.list({ subscriber: 'slack:C0001' })).toEqual([]);
  });

  it('takes back the topics it made from new text when the call then fails, as it takes back the target', async () => {
    const { stores } = await setup();
    const topics = createTopicService({ topics: stores.topics });
    const real = createSubscriptionService({ subscriptions: stores.subscriptions, topics });
    // The second subscription is refused (as a store failure or a permission change would be).
    const subscriptions = { ...real, subscribe: async (...args: Parameters<typeof real.subscribe>) => (args[1].topic === 'audio-codecs' ? { status: 'forbidden' as const, message: 'refused' } : real.subscribe(...args)) };
    const targets = createTargetService({ targets: stores.targets, subscriptionStore: stores.subscriptions, subscriptions, topics, defaults });
    const chan = id('slack:C0002');
    await expect(targets.configure(operatorActor, chan, {}, ['graph transformers for molecules', 'audio-codecs'])).rejects.toThrow('refused');
    expect(await stores.targets.get('slack:C0002')).toBeNull();
    expect(await stores.subscriptions.list({ subscriber: 'slack:C0002' })).toEqual([]);
    expect((await stores.topics.list()).map((t) => t.name)).not.toContain('graph transformers for molecules');

    // A later name that cannot be a topic: the one made before it goes too.
    const r = await targets.configure(operatorActor, chan, {}, ['sparse attention kernels', 'see <@U0123ABCD> notes']);
    expect(r).toMatchObject({ status: 'unknown-topics' });
    expect((await stores.topics.list()).map((t) => t.name)).not.toContain('sparse attention kernels');
    expect(await stores.targets.get('slack:C0002')).toBeNull();
  });

  it('makes a subscriber target on the default schedule once', async () => {
    const { targets } = await setup();
    const dm = id('discord:123456789012345678', 'user');
    expect(await targets.ensure(dm)).toMatchObject({ created: true, target: { id: 'discord:123456789012345678', platform: 'discord', kind: 'user', time: '09:00' } });
    expect(await targets.ensure(dm)).toMatchObject({ created: false });
  });
});

describe('a target someone adds', () => {
  it('gets its first digest at its next slot in its own zone, not a run at once over the period already ended', async () => {
    const { stores, targets } = await setup();
    // 10:00 UTC is 11:00 in Berlin: today's 08:30 Berlin slot has passed.
    await targets.configure(operatorActor, id('slack:C0001'), { time: '08:30', timeZone: 'Europe/Berlin' }, ['audio-codecs']);
    const added = (await stores.targets.get('slack:C0001'))!;
    // Nothing delivered, and it says so: it waits from the slot before it was added.
    expect(added).toMatchObject({ lastDigestAt: null, digestFrom: new Date('2026-12-05T07:30:00Z') });
    // Before: never delivered, it was due at once for the window that closed at 08:30.
    expect(checkDue(added, addedAt)).toEqual({ status: 'not-due', lastSlot: new Date('2026-12-05T07:30:00Z'), nextSlot: new Date('2026-12-06T07:30:00Z') });
    expect(checkDue(added, new Date('2026-12-06T07:30:00Z'))).toEqual({ status: 'due', slot: new Date('2026-12-06T07:30:00Z') });

    // The same for a DM target a chat subscription makes.
    const { target: dm } = await targets.ensure(id('slack:U0001', 'user'));
    expect(checkDue(dm, addedAt).status).toBe('not-due');
  });

  it('made by a schedule, waits for a slot of that schedule, not of the defaults it was made on', async () => {
    const { targets } = await setup();
    // 10:00 UTC: the default 09:00 slot and the chosen 09:30 one have both passed today.
    const r = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '09:30' });
    expect(r).toMatchObject({ status: 'scheduled', created: true });
    if (r.status !== 'scheduled') return;
    expect(r.before).toBeUndefined();
    expect(checkDue(r.target, addedAt)).toEqual({ status: 'not-due', lastSlot: new Date('2026-12-05T09:30:00Z'), nextSlot: new Date('2026-12-06T09:30:00Z') });
    // A later change keeps its window, and says what the target was.
    const moved = await targets.setSchedule(manager, id('slack:CGENERAL'), { time: '11:00' });
    expect(moved).toMatchObject({ status: 'scheduled', created: false, before: { time: '09:30' }, target: { time: '11:00', lastDigestAt: null, digestFrom: new Date('2026-12-05T09:30:00Z') } });
  });

  it("the service's own console is due at once: a first start shows the whole loop", async () => {
    const { targets } = await setup();
    expect(checkDue(await targets.ensureConsole(), addedAt)).toEqual({ status: 'due', slot: new Date('2026-12-05T09:00:00Z') });
  });
});
