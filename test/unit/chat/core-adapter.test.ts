/**
 * The chat commands over the real core services and the in-memory stores: what a Slack or
 * Discord user does lands in the same stores the digest job and the CLI read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { composeServices } from '../../../src/app/compose.js';
import { handleButton } from '../../../src/chat/commands/actions.js';
import { handleParsed } from '../../../src/chat/commands/handle.js';
import { parseCommandText } from '../../../src/chat/commands/parse.js';
import type { ChatActor, CommandServices } from '../../../src/chat/commands/services.js';
import type { Stores } from '../../../src/core/ports.js';
import { seedBuiltinTopics } from '../../../src/core/topics/builtin.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const dataDir = mkdtempSync(join(tmpdir(), 'paperboy-core-adapter-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let stores: Stores;
let services: CommandServices;
const now = new Date();

const actor = (userId: string, manager = false): ChatActor => ({
  platform: 'slack',
  userId: `slack:${userId}`,
  channelId: 'slack:C0CHAN',
  mayManageChannel: async () => manager,
});
const run = (text: string, who = actor('U0ADA')) => handleParsed(parseCommandText(text), who, { services, timeoutMs: 5000 });

beforeEach(async () => {
  stores = createMemoryStores();
  await seedBuiltinTopics(stores.topics, now);
  await stores.papers.upsertMany(
    [
      {
        arxivId: '2501.00001',
        source: 'hf',
        title: 'A neural audio codec with residual vector quantization for speech',
        abstract: 'We present a neural audio codec that compresses speech and music at 1.5 kbps using residual vector quantization; our speech tokenizer beats EnCodec.',
        authors: ['Ada Lovelace'],
        absUrl: 'https://arxiv.org/abs/2501.00001',
        pdfUrl: 'https://arxiv.org/pdf/2501.00001',
        publishedAt: now,
      },
      {
        arxivId: '2501.00002',
        source: 'hf',
        title: 'Graph attention for molecules',
        abstract: 'A graph neural network for molecular property prediction with message passing.',
        authors: ['Alan Turing'],
        absUrl: 'https://arxiv.org/abs/2501.00002',
        publishedAt: now,
      },
    ],
    now,
  );
  // The chat commands as the service builds them; the search snapshot goes to a scratch directory.
  const config = loadConfig({ DATABASE_URL: 'file:./unused.db', PAPERBOY_DATA_DIR: dataDir, PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'UTC', PAPERBOY_DIGEST_MAX_PAPERS: '10' });
  services = composeServices(config, stores, silentLogger()).commands;
});

describe('chat commands over the core', () => {
  it('subscribes the caller, creates their delivery target, and previews their digest', async () => {
    // The target this made waits for its next slot (the real clock's: any day, at 09:00 UTC).
    expect((await run('subscribe audio codecs')).text).toMatch(/^You will get “audio codecs” in your digest, at 09:00 UTC every day; first digest \w{3} \d{4}-\d\d-\d\d 09:00 UTC\./);
    expect(await stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).toMatchObject([{ topicSlug: 'audio-codecs', createdBy: 'slack:U0ADA' }]);
    expect(await stores.targets.get('slack:U0ADA')).toMatchObject({ platform: 'slack', kind: 'user', time: '09:00' });
    const preview = await run('digest');
    const ids = preview.blocks.flatMap((b) => (b.type === 'paper' ? [b.paper.arxivId] : []));
    expect(ids).toEqual(['2501.00001']);
    // Each paper says which topic brought it by the name people read, as the digest does, not its slug.
    expect(preview.blocks.flatMap((b) => (b.type === 'paper' ? [b.note] : []))).toEqual([expect.stringMatching(/^audio codecs: /)]);
  });

  it('subscribing to free text creates a topic of its own and previews its matches with 👍/👎 on that topic', async () => {
    const reply = await run('subscribe speech tokenizers at low bitrate');
    expect(reply.text).toContain('will get “speech tokenizers at low bitrate”');
    expect(reply.text).toContain('a new topic');
    const subs = await stores.subscriptions.list({ subscriber: 'slack:U0ADA' });
    expect(subs).toHaveLength(1);
    expect(subs[0]!.topicSlug).toBe('speech-tokenizers-at-low-bitrate');
    const papers = reply.blocks.filter((b) => b.type === 'paper');
    expect(papers.map((b) => (b.type === 'paper' ? b.paper.arxivId : ''))).toEqual(['2501.00001']);
    const votes = papers.flatMap((b) => (b.type === 'paper' ? b.buttons.map((x) => x.action) : [])).filter((a) => a.kind === 'feedback');
    expect(votes).toEqual([
      { kind: 'feedback', verdict: 'up', topicSlug: 'speech-tokenizers-at-low-bitrate', arxivId: '2501.00001' },
      { kind: 'feedback', verdict: 'down', topicSlug: 'speech-tokenizers-at-low-bitrate', arxivId: '2501.00001' },
    ]);
  });

  it('a topic typed as "X but not Y" says what counts against it, and its preview leaves Y out', async () => {
    const reply = await run('subscribe speech codecs but not molecules');
    expect(reply.text).toContain('will get “speech codecs but not molecules”');
    expect(reply.blocks.some((b) => b.type === 'context' && b.text === 'Counted against it: “molecules”.')).toBe(true);
    expect(reply.blocks.filter((b) => b.type === 'paper').map((b) => (b.type === 'paper' ? b.paper.arxivId : ''))).toEqual(['2501.00001']);
    expect((await run('subscribe audio codecs')).blocks.some((b) => b.type === 'context' && b.text.startsWith('Counted against it'))).toBe(false);
  });

  it('a topic naming a field no stored paper mentions says why its preview is empty', async () => {
    const reply = await run('subscribe protein folding');
    // This store holds a paper on speech and one on molecules: neither word is mentioned.
    expect(reply.blocks.some((b) => b.type === 'context' && b.text === 'No stored paper mentions “protein” or “folding” yet: only papers that do will match.')).toBe(true);
    expect((await run('subscribe speech codecs')).blocks.some((b) => b.type === 'context' && b.text.startsWith('No stored paper mentions'))).toBe(false);
  });

  it('unsubscribing from a misspelt topic offers Unsubscribe buttons for the near topics one follows, and only those', async () => {
    const none = await run('unsubscribe audo codecs');
    expect(none.text).toBe('There is no topic “audo codecs”. `/papers subscriptions` lists what you follow.');
    expect(none.blocks.some((b) => b.type === 'buttons')).toBe(false);
    expect((await run('channel unsubscribe audo codecs', actor('U0ADA', true))).text).toBe('There is no topic “audo codecs”. `/papers channel list` shows what this channel follows.');
    await run('subscribe audio codecs');
    const near = await run('unsubscribe audo codecs');
    expect(near.text).toContain('Did you mean: audio codecs?');
    expect(near.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []))).toEqual([{ label: 'Unsubscribe: audio codecs', action: { kind: 'unsubscribe', topicSlug: 'audio-codecs' } }]);
  });

  it("a mark's Undo takes back only the presser's mark, on the store, and a second Undo finds none", async () => {
    const mark = { kind: 'feedback' as const, topicSlug: 'audio-codecs', arxivId: '2501.00001' };
    await handleButton({ ...mark, verdict: 'up' }, actor('U0ADA'), { services });
    await handleButton({ ...mark, verdict: 'up' }, actor('U0BOB'), { services });
    // A second press of the same button says so, rather than thanking again.
    expect((await handleButton({ ...mark, verdict: 'up' }, actor('U0BOB'), { services })).text).toBe('You had marked this paper 👍 for “audio codecs” already; it stays so.');
    const undone = await handleButton({ ...mark, verdict: 'clear' }, actor('U0ADA'), { services });
    expect(undone.text).toBe('Your 👍 on this paper is taken back: “audio codecs” matches it as if you had never marked it.');
    expect((await stores.feedback.forTopic('audio-codecs')).map((m) => m.actor)).toEqual(['slack:U0BOB']);
    expect((await handleButton({ ...mark, verdict: 'clear' }, actor('U0ADA'), { services })).text).toContain('You have no mark on this paper for “audio codecs”');
  });

  it('a narrower alias of a built-in topic becomes its own topic, offers the built-in, and its marks stay on it', async () => {
    const reply = await run('subscribe neural speech codec');
    expect(reply.text).toContain('will get “neural speech codec”');
    expect(reply.blocks.some((b) => b.type === 'context' && b.text.includes('narrower than the built-in topic “audio codecs”'))).toBe(true);
    expect(reply.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.action.kind === 'subscribe' && x.action.topicSlug === 'audio-codecs'))).toBe(true);
    expect((await stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).map((x) => x.topicSlug)).toEqual(['neural-speech-codec']);
    await services.recordFeedback({ topicSlug: 'neural-speech-codec', arxivId: '2501.00001', actor: 'slack:U0ADA', verdict: 'down' });
    expect(await stores.feedback.forTopic('audio-codecs')).toEqual([]);
    expect(await stores.feedback.forTopic('neural-speech-codec')).toHaveLength(1);
    // An acronym means the built-in itself.
    expect((await run('subscribe RLHF')).text).toContain('will get “RLHF');
    // Whoever subscribes to the narrower topic later is offered the built-in too, not only the person who made it.
    const later = await run('subscribe neural speech codec', actor('U0BOB'));
    expect(later.text).toContain('will get “neural speech codec”');
    expect(later.blocks.some((b) => b.type === 'context' && b.text.includes('narrower than the built-in topic “audio codecs”'))).toBe(true);
    expect(later.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.action.kind === 'subscribe' && x.action.topicSlug === 'audio-codecs'))).toBe(true);
    // Someone who follows the built-in already is not offered it.
    await run('subscribe audio codecs', actor('U0CAT'));
    const following = await run('subscribe neural speech codec', actor('U0CAT'));
    expect(following.text).toContain('will get “neural speech codec”');
    expect(following.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.action.kind === 'subscribe'))).toBe(false);
  });

  it('a narrower alias is never the built-in topic: searching it offers no marks on the built-in, unsubscribing it leaves the built-in followed', async () => {
    await run('subscribe audio codecs');
    const searched = await run('search neural speech codec');
    const buttons = searched.blocks.flatMap((b) => (b.type === 'paper' ? b.buttons : []));
    expect(buttons.some((x) => x.action.kind === 'feedback' && x.action.topicSlug === 'audio-codecs')).toBe(false);
    expect(searched.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.action.kind === 'subscribe' && x.action.topicSlug === 'audio-codecs'))).toBe(false);
    const left = await run('unsubscribe neural speech codec');
    expect(left.text).not.toContain('no longer');
    expect((await stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).map((x) => x.topicSlug)).toEqual(['audio-codecs']);
  });

  it('a near-misspelt topic name is asked about; quotes take it as typed', async () => {
    const asked = await run('subscribe audio codecz');
    expect(asked.text).toContain('audio codecs');
    expect(asked.text).toContain('/papers subscribe "audio codecz"');
    expect(await stores.subscriptions.list()).toEqual([]);
    const taken = await run('subscribe "audio codecz"');
    expect(taken.text).toContain('will get “audio codecz”');
  });

  it('answers an unknown topic with the closest catalog names', async () => {
    const reply = await run('subscribe audio codex');
    expect(reply.text).toContain('audio codecs');
    expect(await stores.subscriptions.list()).toEqual([]);
  });

  it('searches the index and offers the topic a query names', async () => {
    const reply = await run('search audio codecs');
    const papers = reply.blocks.filter((b) => b.type === 'paper');
    expect(papers.map((b) => (b.type === 'paper' ? b.paper.arxivId : ''))).toContain('2501.00001');
    expect(reply.blocks.some((b) => b.type === 'buttons' && b.buttons.some((x) => x.action.kind === 'subscribe'))).toBe(true);
  });

  it('lets the core refuse a channel change without a manager, and a change to someone else', async () => {
    expect((await run('channel subscribe audio codecs')).text).toContain('Only people');
    expect((await run('channel subscribe audio codecs', actor('U0BOSS', true))).text).toContain('This channel will get');
    expect(await stores.targets.get('slack:C0CHAN')).toMatchObject({ kind: 'channel' });
    // Even a caller who lies about whose subscription it is gets refused by the core.
    const other = await services.subscribe({ subscriber: 'slack:U0BOB', kind: 'user', topic: 'audio codecs', actor: { id: 'slack:U0ADA', mayManageChannel: true } });
    expect(other.status).toBe('forbidden');
    const elsewhere = await services.subscribe({ subscriber: 'slack:C0OTHER', kind: 'channel', topic: 'rlhf', actor: { id: 'slack:U0ADA', mayManageChannel: false } });
    expect(elsewhere.status).toBe('forbidden');
    expect((await stores.subscriptions.list()).map((s) => s.subscriber)).toEqual(['slack:C0CHAN']);
  });

  it('tells a refused unsubscribe as a refused subscribe: the topic suggested, who may not, what was wrong', async () => {
    const ada = { id: 'slack:U0ADA', mayManageChannel: false };
    await services.subscribe({ subscriber: 'slack:U0ADA', kind: 'user', topic: 'audio codecs', actor: ada });
    const asked = [
      { subscriber: 'slack:U0ADA', kind: 'user' as const, topic: 'audio kodecs', actor: ada },
      { subscriber: 'slack:U0BOB', kind: 'user' as const, topic: 'audio codecs', actor: ada },
      { subscriber: 'nonsense', kind: 'user' as const, topic: 'audio codecs', actor: ada },
    ];
    const unsubscribed = await Promise.all(asked.map((req) => services.unsubscribe(req)));
    expect(unsubscribed).toEqual([
      { status: 'unknown-topic', suggestions: [expect.objectContaining({ slug: 'audio-codecs', name: 'audio codecs' })] },
      { status: 'forbidden', reason: expect.any(String) },
      { status: 'invalid', message: expect.any(String) },
    ]);
    const subscribed = await services.subscribe({ ...asked[1]!, topic: 'audio codecs' });
    expect(subscribed).toEqual(unsubscribed[1]);
  });

  it('schedules a weekly roll-up for a channel and for the caller\'s own DM digest, and back to daily', async () => {
    const weekly = await run('channel schedule weekly monday 09:00', actor('U0BOSS', true));
    expect(weekly.text).toMatch(/^This channel's digest now comes weekly on Monday at 09:00 UTC \(the week's best papers\); first digest Mon \d{4}-\d\d-\d\d 09:00 UTC\.$/);
    expect(await stores.targets.get('slack:C0CHAN')).toMatchObject({ time: '09:00', weeklyOn: 1, kind: 'channel' });
    expect((await run('channel list')).text).toContain('Digest weekly on Monday at 09:00 UTC');
    expect((await run('channel schedule weekly 09:00', actor('U0BOSS', true))).text).toMatch(/Say which day/);
    expect((await run('channel schedule 08:00 daily', actor('U0BOSS', true))).text).toContain('at 08:00 UTC every day');
    expect(await stores.targets.get('slack:C0CHAN')).toMatchObject({ time: '08:00', weeklyOn: null });
    // A DM digest: the caller's own, from anywhere, no manager needed.
    const mine = await run('schedule weekly fri 07:30 Europe/Berlin');
    expect(mine.text).toMatch(/^Your personal digest now comes weekly on Friday at 07:30 Europe\/Berlin \(the week's best papers\); first digest Fri \d{4}-\d\d-\d\d 07:30 Europe\/Berlin\.$/);
    expect(await stores.targets.get('slack:U0ADA')).toMatchObject({ kind: 'user', platform: 'slack', weeklyOn: 5, timeZone: 'Europe/Berlin' });
    // Subscribing afterwards says when the digest comes, not "the daily digest".
    const subscribed = await run('subscribe speculative decoding');
    expect(subscribed.text).toContain('You will get “speculative decoding” in your digest, weekly on Friday at 07:30 Europe/Berlin');
    expect(subscribed.text).not.toContain('daily');
  });

  it('schedules the channel digest on its delivery target', async () => {
    await run('channel schedule 07:45 Europe/Berlin weekdays', actor('U0BOSS', true));
    expect(await stores.targets.get('slack:C0CHAN')).toMatchObject({ time: '07:45', timeZone: 'Europe/Berlin', weekdaysOnly: true });
    expect((await run('channel list')).text).toContain('07:45 Europe/Berlin, weekdays');
  });

  it('channel list keeps the schedule in front of a long topic list, and says how many topics it left out', async () => {
    await run('channel schedule 07:45 Europe/Berlin weekdays', actor('U0BOSS', true));
    const subjects = ['graph', 'audio', 'video', 'speech', 'robot', 'protein', 'weather', 'code'];
    const aims = ['compression', 'retrieval', 'generation', 'alignment', 'evaluation'];
    // Quoted: names this alike are otherwise asked about as likely typos of one another.
    for (const subject of subjects) for (const aim of aims) await run(`channel subscribe "${subject} ${aim} for large scale serving systems"`, actor('U0BOSS', true));
    const { text } = await run('channel list');
    expect(text).toMatch(/^Digest at 07:45 Europe\/Berlin, weekdays\./);
    expect(text).toMatch(/This channel follows 40 topics \(page 1 of \d+\):/);
    expect(text).toMatch(/…and \d+ more: `\/papers channel list <words>` lists only those with the words\. “Next ›” shows them\.$/);
    expect(text.length).toBeLessThan(2000);
  });

  it('stores feedback from a button as the presser', async () => {
    const reply = await handleButton({ kind: 'feedback', verdict: 'up', topicSlug: 'audio-codecs', arxivId: '2501.00001' }, actor('U0ADA'), { services });
    expect(reply.text).toContain('Thanks');
    expect(await stores.feedback.forTopic('audio-codecs')).toMatchObject([{ arxivId: '2501.00001', actor: 'slack:U0ADA', verdict: 'up' }]);
  });

  it('apologises when the store is closed', async () => {
    await stores.close();
    stores.subscriptions.list = () => Promise.reject(new Error('database is down'));
    expect((await run('subscriptions')).text).toContain("can't reach its database");
  });
});
