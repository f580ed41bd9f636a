/**
 * Topics with long names that differ only at the end (the longest a topic may be named), as
 * someone following several variants of one phrase has them: each reply's buttons must still
 * tell them apart, on both platforms, within each platform's label limit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const DISCORD_USER = '123456789012345678';
const STEM = 'Retrieval augmented generation for long scientific documents with citations, tables and figures';
const names = ['in biology', 'in chemistry', 'in physics'].map((field) => `${STEM} ${field}`);

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const now = new Date();
      for (const [i, name] of names.entries()) {
        const slug = `rag-variant-${i}`;
        await stores.topics.add({ slug, name, description: name, mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: now });
        for (const subscriber of ['slack:U0ADA', `discord:${DISCORD_USER}`]) {
          await stores.subscriptions.add({ subscriber, kind: 'user', topicSlug: slug, minScore: null, maxPapers: null, createdBy: subscriber, createdAt: now });
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

type Button = { text?: { text: string }; label?: string };
const slackLabels = (answer: string) =>
  (JSON.parse(answer) as { blocks: Array<{ type: string; elements?: Button[] }> }).blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : [])).map((e) => e.text!.text);
const discordLabels = (answer: string) => (JSON.parse(answer) as { components: Array<{ components: Button[] }> }).components.flatMap((r) => r.components).map((c) => c.label!);

describe('unsubscribe buttons for long topic names', () => {
  it('Slack: each button names its own topic, the differing end kept', async () => {
    const labels = slackLabels(await chat.slack('subscriptions', 'U0ADA', 'D0ADA'));
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size).toBe(3);
    expect(labels.every((l) => l.length <= 75)).toBe(true);
    expect(labels.map((l) => l.split(' ').at(-1))).toEqual(['biology', 'chemistry', 'physics']);
  });

  it('Discord: the same', async () => {
    const labels = discordLabels(await chat.discord([{ type: 1, name: 'subscriptions', options: [] }], '16', { dm: true, userId: DISCORD_USER }));
    expect(labels).toHaveLength(3);
    expect(new Set(labels).size).toBe(3);
    expect(labels.every((l) => l.length <= 80)).toBe(true);
    expect(labels.map((l) => l.split(' ').at(-1))).toEqual(['biology', 'chemistry', 'physics']);
  });
});
