import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { operatorActor, parseSubscriberId, type Actor } from '../../../src/core/subscriptions/subscriber-id.js';
import { createSubscriptionService } from '../../../src/core/subscriptions/subscription-service.js';
import { createTopicService } from '../../../src/core/topics/topic-service.js';
import { target } from '../digest/fixtures.js';

async function setup() {
  const stores = createMemoryStores();
  const topics = createTopicService({ topics: stores.topics });
  await topics.seed();
  const subs = createSubscriptionService({ subscriptions: stores.subscriptions, topics, targets: stores.targets });
  return { stores, topics, subs };
}

const alice: Actor = { id: 'slack:UALICE1', canManageChannel: () => false };
const manager: Actor = { id: 'slack:UBOSS01', canManageChannel: (ch) => ch === 'slack:CGENERAL' };

describe('subscriber ids', () => {
  it('accepts platform ids of the right shape and explains bad ones', () => {
    expect(parseSubscriberId('slack:U0123ABCD', 'user').ok).toBe(true);
    expect(parseSubscriberId('discord:123456789012345678', 'channel').ok).toBe(true);
    // A Discord DM's target id names the same person.
    expect(parseSubscriberId('discord:user:333333333333333333', 'user')).toMatchObject({ ok: true, value: { id: 'discord:333333333333333333', kind: 'user' } });
    expect(parseSubscriberId('discord:user:333333333333333333', 'channel')).toMatchObject({ ok: false, error: expect.stringContaining('use --user') });
    const bad = [
      ['U0123ABCD', 'channel', /platform:id/],
      ['teams:U0123', 'user', /Unknown platform "teams"/],
      ['slack:C0123ABCD', 'user', /Slack user id/],
      ['slack:U0123ABCD', 'channel', /Slack channel id/],
      ['discord:<@123>', 'user', /numeric Discord id/],
      ['slack:U1\u0000', 'user', /Slack user id/],
    ] as const;
    for (const [raw, kind, msg] of bad) {
      const r = parseSubscriberId(raw, kind);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) expect(r.error).toMatch(msg);
    }
  });
});

describe('a link or a name given for an id', () => {
  it("names the id in a copied Slack or Discord link, whether or not the platform is written before it", () => {
    const links = [
      ['https://acme.slack.com/archives/C0123ABCD', 'channel', 'slack:C0123ABCD'],
      ['slack:https://acme.slack.com/archives/C0123ABCD/p1733400000000100', 'channel', 'slack:C0123ABCD'],
      ['https://app.slack.com/client/T0123ABCD/C0123ABCD', 'channel', 'slack:C0123ABCD'],
      ['https://acme.slack.com/team/U0123ABCD', 'user', 'slack:U0123ABCD'],
      ['https://discord.com/channels/300000000000000001/100000000000000001', 'channel', 'discord:100000000000000001'],
      ['discord:https://ptb.discord.com/channels/300000000000000001/100000000000000001/200000000000000009', 'channel', 'discord:100000000000000001'],
    ] as const;
    for (const [raw, kind, id] of links) {
      expect(parseSubscriberId(raw, kind), raw).toEqual({ ok: false, error: `${JSON.stringify(raw.slice(0, 60))} is a link: the id it names is ${id}` });
    }
  });

  it('offers platform:id for a bare id or a mention of the kind asked for', () => {
    const implied = [
      ['U0123ABCD', 'user', 'has no platform: did you mean slack:U0123ABCD?'],
      ['C0123ABCD', 'channel', 'has no platform: did you mean slack:C0123ABCD?'],
      ['<@U0123ABCD>', 'user', 'is a mention: did you mean slack:U0123ABCD?'],
      ['<@U0123ABCD|alice>', 'user', 'is a mention: did you mean slack:U0123ABCD?'],
      ['slack:<@U0123ABCD>', 'user', 'is a mention: did you mean slack:U0123ABCD?'],
      ['<#C0123ABCD|general>', 'channel', 'is a mention: did you mean slack:C0123ABCD?'],
      ['123456789012345678', 'user', 'has no platform: did you mean discord:123456789012345678?'],
      ['123456789012345678', 'channel', 'has no platform: did you mean discord:123456789012345678?'],
      ['<@123456789012345678>', 'user', 'is a mention: did you mean discord:123456789012345678?'],
      ['<@!123456789012345678>', 'user', 'is a mention: did you mean discord:123456789012345678?'],
      ['discord:<@123456789012345678>', 'user', 'is a mention: did you mean discord:123456789012345678?'],
      ['<#123456789012345678>', 'channel', 'is a mention: did you mean discord:123456789012345678?'],
    ] as const;
    for (const [raw, kind, said] of implied) {
      expect(parseSubscriberId(raw, kind), raw).toEqual({ ok: false, error: `${JSON.stringify(raw)} ${said}` });
    }
    // Of the other kind, or not an id at all, nothing is offered.
    for (const [raw, kind] of [['U0123ABCD', 'channel'], ['<#C0123ABCD>', 'user'], ['<#123456789012345678>', 'user'], ['12345', 'user'], ['<@&123456789012345678>', 'user']] as const) {
      const r = parseSubscriberId(raw, kind);
      expect(r.ok ? '' : r.error, raw).not.toContain('did you mean');
    }
  });

  it("says where a channel's id is found when its name is given", () => {
    expect(parseSubscriberId('slack:#general', 'channel')).toEqual({ ok: false, error: '"#general" is not a Slack channel id like C0123ABCD (the channel\'s details show its id, at the end of About)' });
    expect(parseSubscriberId('discord:#general', 'channel')).toEqual({ ok: false, error: '"#general" is not a numeric Discord id (with Developer Mode on, right-click the channel or the person: Copy ID)' });
    expect(parseSubscriberId('slack:@alice', 'user')).toEqual({ ok: false, error: '"@alice" is not a Slack user id like U0123ABCD (a profile\'s ⋮ menu has Copy member ID)' });
    // An id of the other kind needs no such hint.
    expect(parseSubscriberId('slack:C0123ABCD', 'user')).toEqual({ ok: false, error: '"C0123ABCD" is not a Slack user id like U0123ABCD' });
  });
});

describe('subscription service', () => {
  it('lets users subscribe themselves, with options, and refuses duplicates', async () => {
    const { subs } = await setup();
    const r = await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'audio codecs', minScore: 0.7, maxPapers: 5 });
    expect(r.status).toBe('subscribed');
    if (r.status === 'subscribed') expect(r.subscription).toMatchObject({ topicSlug: 'audio-codecs', minScore: 0.7, maxPapers: 5, createdBy: 'slack:UALICE1' });
    const dup = await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'Audio Codecs' });
    expect(dup).toMatchObject({ status: 'duplicate', message: 'slack:UALICE1 is already subscribed to "audio codecs"; nothing changed.' });
    expect(dup).not.toHaveProperty('updated');
  });

  it('subscribing again changes only the limits it names, and says what they are now', async () => {
    const { subs, stores } = await setup();
    await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'audio codecs', minScore: 0.7, maxPapers: 5 });
    const before = (await stores.subscriptions.list({ subscriber: 'slack:UALICE1' }))[0]!;
    const again = await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'audio codecs', maxPapers: 3 });
    expect(again).toMatchObject({ status: 'duplicate', message: 'slack:UALICE1 is already subscribed to "audio codecs"; now min score 0.7, max 3 papers.', updated: { minScore: 0.7, maxPapers: 3 } });
    const after = await stores.subscriptions.list({ subscriber: 'slack:UALICE1' });
    expect(after).toEqual([{ ...before, maxPapers: 3 }]);
    // The same limits again: nothing to change.
    expect(await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'audio codecs', maxPapers: 3 })).toMatchObject({ message: expect.stringContaining('nothing changed') });
    // Someone else may not change another's limits by subscribing them again.
    const bob: Actor = { id: 'slack:UBOB0001', canManageChannel: () => false };
    expect((await subs.subscribe(bob, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'audio codecs', maxPapers: 1 })).status).toBe('forbidden');
    expect((await stores.subscriptions.list({ subscriber: 'slack:UALICE1' }))[0]!.maxPapers).toBe(3);
  });

  it('a Discord id keeps the kind it was first used as: a channel is not also a DM, nor a DM target a channel', async () => {
    const { subs, stores } = await setup();
    const id = 'discord:423456789012345678';
    expect((await subs.subscribe(operatorActor, { subscriber: id, kind: 'channel', topic: 'rlhf' })).status).toBe('subscribed');
    const asUser = await subs.subscribe(operatorActor, { subscriber: id, kind: 'user', topic: 'llm agents' });
    expect(asUser).toEqual({ status: 'invalid', message: `${id} is already a channel, not a DM: a DM needs the user's own id; nothing changed` });
    expect((await stores.subscriptions.list({ subscriber: id })).map((s) => s.kind)).toEqual(['channel']);
    // A DM target with no subscriptions yet is known by its target.
    const dm = 'discord:523456789012345678';
    await stores.targets.upsert(target(dm, { kind: 'user' }));
    expect((await subs.subscribe(operatorActor, { subscriber: dm, kind: 'channel', topic: 'rlhf' })).status).toBe('invalid');
    expect((await subs.subscribe(operatorActor, { subscriber: dm, kind: 'user', topic: 'rlhf' })).status).toBe('subscribed');
    // channel add asks the same question before it writes the target: subscriptions without one count.
    const { createTargetService } = await import('../../../src/core/targets/target-service.js');
    const { parseTargetId } = await import('../../../src/core/targets/target-id.js');
    const targets = createTargetService({ targets: stores.targets, subscriptionStore: stores.subscriptions, subscriptions: subs, topics: (await setup()).topics, defaults: { PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'UTC', PAPERBOY_DIGEST_MAX_PAPERS: 10 } });
    const bare = 'discord:623456789012345678';
    await stores.subscriptions.add({ subscriber: bare, kind: 'channel', topicSlug: 'rlhf', minScore: null, maxPapers: null, createdBy: 'operator', createdAt: new Date() });
    const dmId = parseTargetId(bare, { dm: true });
    if (!dmId.ok) throw new Error(dmId.error);
    const asDm = await targets.configure(operatorActor, dmId.value, {}, ['llm agents']);
    expect(asDm).toMatchObject({ status: 'conflict' });
    expect(await stores.targets.get(bare)).toBeNull();
  });

  it("refuses to change another user's subscriptions", async () => {
    const { subs, stores } = await setup();
    const r = await subs.subscribe(alice, { subscriber: 'slack:UBOB0001', kind: 'user', topic: 'rlhf' });
    expect(r.status).toBe('forbidden');
    expect(await stores.subscriptions.list()).toEqual([]);
    await subs.subscribe(operatorActor, { subscriber: 'slack:UBOB0001', kind: 'user', topic: 'rlhf' });
    expect((await subs.unsubscribe(alice, { subscriber: 'slack:UBOB0001', kind: 'user', topic: 'rlhf' })).status).toBe('forbidden');
    expect((await stores.subscriptions.list()).length).toBe(1);
  });

  it('channel subscriptions need the chat layer to say the actor manages that channel', async () => {
    const { subs } = await setup();
    expect((await subs.subscribe(alice, { subscriber: 'slack:CGENERAL', kind: 'channel', topic: 'rag' })).status).toBe('forbidden');
    expect((await subs.subscribe(manager, { subscriber: 'slack:COTHER01', kind: 'channel', topic: 'rag' })).status).toBe('forbidden');
    // Same channel name on another platform is not the channel the chat layer vouched for.
    const crossPlatform: Actor = { id: 'discord:123456789012345678', canManageChannel: () => true };
    expect((await subs.subscribe(crossPlatform, { subscriber: 'slack:CGENERAL', kind: 'channel', topic: 'rag' })).status).toBe('forbidden');
    expect((await subs.subscribe(manager, { subscriber: 'slack:CGENERAL', kind: 'channel', topic: 'rag' })).status).toBe('subscribed');
    const listed = await subs.list({ subscriber: 'slack:CGENERAL', kind: 'channel' });
    expect(listed.status === 'ok' && listed.items.map((s) => s.topicName)).toEqual(['retrieval-augmented generation']);
  });

  it('unknown topics get the closest names and store nothing', async () => {
    const { subs, stores } = await setup();
    const r = await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'speculative decodng' });
    expect(r.status).toBe('unknown-topic');
    if (r.status === 'unknown-topic') expect(r.suggestions).toContain('speculative decoding');
    expect(await stores.subscriptions.list()).toEqual([]);
  });

  it('ad-hoc topics are created only when the request is otherwise allowed', async () => {
    const { subs, topics } = await setup();
    const before = (await topics.list()).length;
    const refused = await subs.subscribe(alice, { subscriber: 'slack:UBOB0001', kind: 'user', topic: 'state space models', createIfMissing: true });
    expect(refused.status).toBe('forbidden');
    expect((await topics.list()).length).toBe(before);
    const ok = await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'state space models', createIfMissing: true });
    expect(ok.status === 'subscribed' && ok.createdTopic).toBe(true);
    expect((await topics.list()).length).toBe(before + 1);
  });

  it('rejects bad options, empty, huge and control-character topics without storing', async () => {
    const { subs, stores, topics } = await setup();
    const before = (await topics.list()).length;
    const cases = [
      { topic: 'rlhf', minScore: 2 },
      { topic: 'rlhf', maxPapers: 0 },
      { topic: '', createIfMissing: true },
      { topic: 'x'.repeat(5000), createIfMissing: true },
      { topic: 'evil\u0007topic', createIfMissing: true },
    ];
    for (const c of cases) {
      const r = await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', ...c });
      expect(['invalid', 'unknown-topic'], JSON.stringify(c).slice(0, 60)).toContain(r.status);
    }
    expect(await stores.subscriptions.list()).toEqual([]);
    expect((await topics.list()).length).toBe(before);
  });

  it('unsubscribe says when there was nothing to remove', async () => {
    const { subs } = await setup();
    expect((await subs.unsubscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'moe' })).status).toBe('not-subscribed');
    await subs.subscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'moe' });
    expect((await subs.unsubscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'mixture of experts' })).status).toBe('unsubscribed');
  });

  it('unsubscribe names a near topic not followed in words only: what it offers to leave is what is followed', async () => {
    const { subs } = await setup();
    // Chat turns `suggestions` into Unsubscribe buttons: one for a topic not followed would do nothing.
    expect(await subs.unsubscribe(alice, { subscriber: 'slack:UALICE1', kind: 'user', topic: 'speculatve decoding' })).toEqual({
      status: 'unknown-topic',
      message: 'slack:UALICE1 follows no topic named "speculatve decoding". Did you mean "speculative decoding"? slack:UALICE1 does not follow that either.',
      suggestions: [],
    });
  });
});
