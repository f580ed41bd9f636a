/**
 * A channel following more topics than one reply lists: `channel list` said "…and N more." with
 * no way to see them. Words narrow it, as they do for `subscriptions`, on both platforms.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const name = (i: number) => `Topic ${String(i).padStart(2, '0')} on speech codecs, vocoders and neural audio compression`;

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const now = new Date();
      for (let i = 0; i < 60; i++) {
        const slug = `topic-${i}`;
        await stores.topics.add({ slug, name: name(i), description: name(i), mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: now });
        for (const subscriber of ['slack:C0001', 'discord:555555555555555555']) {
          await stores.subscriptions.add({ subscriber, kind: 'channel', topicSlug: slug, minScore: null, maxPapers: null, createdBy: subscriber, createdAt: now });
        }
      }
    },
  });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

const discordList = (words?: string) => chat.discord([{ type: 2, name: 'channel', options: [{ type: 1, name: 'list', options: words ? [{ type: 3, name: 'words', value: words }] : [] }] }], '0');

describe('channel list of a channel following many topics', () => {
  it('Slack: the cut list says how to see the rest, and words show them', async () => {
    const all = await chat.slack('channel list', 'U0ANY');
    expect(all).toContain('This channel follows 60 topics');
    expect(all).toMatch(/…and \d+ more: `\/papers channel list &lt;words&gt;` lists only those with the words\./);
    expect(all).not.toContain(name(55));
    const some = await chat.slack('channel list topic 55', 'U0ANY');
    expect(some).toContain('1 topic this channel follows has “topic 55” (of 60)');
    expect(some).toContain(name(55));
    expect(await chat.slack('channel list nothing-like-it', 'U0ANY')).toContain('None of the 60 topics this channel follows has “nothing-like-it”');
  });

  it('Discord: the same through the words option', async () => {
    expect(await discordList()).toMatch(/…and \d+ more: `\/papers channel list words:<words>` lists only those with the words\./);
    const some = await discordList('topic 55');
    expect(some).toContain('1 topic this channel follows has “topic 55” (of 60)');
    expect(some).toContain(name(55));
  });
});
