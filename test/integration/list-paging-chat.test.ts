/**
 * Long lists page: someone following 200 topics (a channel too, a workspace of 200) saw one
 * message's worth and "…and N more", with words to narrow it but no way to go on. Each list now
 * has "‹ Previous" / "Next ›" buttons that redraw the same message at another page, keeping the
 * words; a page never holds a topic without its Unsubscribe button, and a page that no longer
 * exists (the list shrank) shows the last one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const DISCORD_USER = '123456789012345678';
const topics = Array.from({ length: 200 }, (_, i) => ({ slug: `topic-${String(i).padStart(3, '0')}`, name: `Topic ${String(i).padStart(3, '0')}` }));

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const now = new Date();
      for (const t of topics) {
        await stores.topics.add({ slug: t.slug, name: t.name, description: t.name, mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: now });
        for (const subscriber of ['slack:U0ADA', `discord:${DISCORD_USER}`, 'slack:U0SHRINK']) await stores.subscriptions.add({ subscriber, kind: 'user', topicSlug: t.slug, minScore: null, maxPapers: null, createdBy: subscriber, createdAt: now });
        for (const channel of ['slack:C0001', 'discord:555555555555555555']) await stores.subscriptions.add({ subscriber: channel, kind: 'channel', topicSlug: t.slug, minScore: null, maxPapers: null, createdBy: channel, createdAt: now });
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

interface Page {
  text: string;
  names: string[];
  unsubscribes: string[];
  /** Page buttons by label: what pressing them sends. */
  prev: string | null;
  next: string | null;
  replaced: boolean | undefined;
}
type Shown = ReturnType<typeof discordPage>;
type SlackButton = { action_id: string; value: string; text: { text: string } };
type Press = { actionId: string; value: string } | { customId: string };
const names = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('•'))
    .map((l) => l.slice(2).trim());

const slackPage = (answer: string): Page & { press: Record<string, Press> } => {
  const body = JSON.parse(answer) as { replace_original?: boolean; blocks: Array<{ type: string; text?: { text: string }; elements?: SlackButton[] }> };
  const text = body.blocks.map((b) => (b.type === 'section' || b.type === 'header' ? b.text!.text : b.type === 'context' ? (b.elements as unknown as Array<{ text: string }>).map((e) => e.text).join(' ') : '')).join('\n');
  const buttons = body.blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : []));
  const press: Record<string, Press> = Object.fromEntries(buttons.map((b) => [b.text.text, { actionId: b.action_id, value: b.value }]));
  return { text, names: names(text), unsubscribes: buttons.map((b) => b.text.text).filter((l) => l.startsWith('Unsubscribe: ')), prev: press['‹ Previous'] ? '‹ Previous' : null, next: press['Next ›'] ? 'Next ›' : null, replaced: body.replace_original, press };
};
const discordPage = (answer: string): Page & { press: Record<string, Press>; rows: number; lastRow: string[] } => {
  const body = JSON.parse(answer) as { content: string; components: Array<{ components: Array<{ label: string; custom_id: string }> }> };
  const buttons = body.components.flatMap((r) => r.components);
  const press: Record<string, Press> = Object.fromEntries(buttons.map((b) => [b.label, { customId: b.custom_id }]));
  return { text: body.content, names: names(body.content), unsubscribes: buttons.map((b) => b.label).filter((l) => l.startsWith('Unsubscribe: ')), prev: press['‹ Previous'] ? '‹ Previous' : null, next: press['Next ›'] ? 'Next ›' : null, replaced: undefined, press, rows: body.components.length, lastRow: body.components.at(-1)?.components.map((b) => b.label) ?? [] };
};

const pressOn = async (platform: 'slack' | 'discord', p: Press, who: string): Promise<Shown> => ('customId' in p ? discordPage(await chat.discordButton(p.customId, { userId: who })) : ({ ...slackPage(await chat.slackButton(p.actionId, p.value, who)), rows: 0, lastRow: [] }));

/** Every page from the first by Next, then back by Previous: each seen once, the whole list in order. */
async function walk(platform: 'slack' | 'discord', first: Page & { press: Record<string, Press> }, who: string): Promise<Shown[]> {
  const pages: Shown[] = [{ rows: 0, lastRow: [], ...first }];
  while (pages.at(-1)!.next) {
    expect(pages.length).toBeLessThan(60);
    const page = await pressOn(platform, pages.at(-1)!.press['Next ›']!, who);
    if (platform === 'slack') expect(page.replaced).toBe(true);
    pages.push(page);
  }
  const back = await pressOn(platform, pages.at(-1)!.press['‹ Previous']!, who);
  expect(back.names).toEqual(pages.at(-2)!.names);
  return pages;
}

describe('paging through long lists', () => {
  it('slack: subscriptions page by page, each topic listed once and with its button, updating the message', async () => {
    const first = slackPage(await chat.slack('subscriptions', 'U0ADA', 'D0ADA'));
    expect(first.prev).toBeNull();
    expect(first.next).not.toBeNull();
    const pages = await walk('slack', first, 'U0ADA');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.names)).toEqual(topics.map((t) => t.name));
    for (const [i, p] of pages.entries()) {
      expect(p.text).toContain(`page ${i + 1} of ${pages.length}`);
      expect(p.unsubscribes.map((l) => l.replace('Unsubscribe: ', ''))).toEqual(p.names);
    }
    expect(pages.at(-1)!.next).toBeNull();
  });

  it('discord: subscriptions page by page; the page buttons take the last row, at most 20 unsubscribe buttons, the message updated in place', async () => {
    const ask = async () => discordPage(await chat.discord([{ type: 1, name: 'subscriptions', options: [] }], '16', { dm: true, userId: DISCORD_USER }));
    const first = await ask();
    const before = chat.discordButtonTypes.length;
    const pages = await walk('discord', first, DISCORD_USER);
    expect(chat.discordButtonTypes.slice(before).every((t) => t === 6 || t === 7)).toBe(true);
    expect(pages.flatMap((p) => p.names)).toEqual(topics.map((t) => t.name));
    for (const p of pages) {
      expect(p.unsubscribes.length).toBeLessThanOrEqual(20);
      expect(p.unsubscribes.map((l) => l.replace('Unsubscribe: ', ''))).toEqual(p.names);
      expect(p.lastRow.every((l) => l === '‹ Previous' || l === 'Next ›')).toBe(true);
    }
  });

  it('topics and channel list page too, on both platforms', async () => {
    const slackTopics = await walk('slack', slackPage(await chat.slack('topics', 'U0ADA')), 'U0ADA');
    expect(slackTopics.flatMap((p) => p.names)).toEqual(topics.map((t) => t.name));
    const discordChannel = await walk('discord', discordPage(await chat.discord([{ type: 2, name: 'channel', options: [{ type: 1, name: 'list', options: [] }] }], '0')), DISCORD_USER);
    expect(discordChannel.flatMap((p) => p.names)).toEqual(topics.map((t) => t.name));
    expect(discordChannel.at(-1)!.text).toContain(`page ${discordChannel.length} of ${discordChannel.length}`);
  });

  it('the words are kept from page to page', async () => {
    // "topic 1": Topic 001, 010–019, 021 … 100–199: 119 topics, six pages of 20.
    const want = topics.map((t) => t.name).filter((n) => n.toLowerCase().includes('1'));
    const pages = await walk('discord', discordPage(await chat.discord([{ type: 1, name: 'subscriptions', options: [{ type: 3, name: 'words', value: 'Topic 1' }] }], '16', { dm: true, userId: DISCORD_USER })), DISCORD_USER);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.names)).toEqual(want);
    expect(pages[1]!.text).toContain('“Topic 1”');
  });

  it('page 2 on Slack shows the words as typed too', async () => {
    const first = slackPage(await chat.slack('subscriptions Topic 1', 'U0ADA', 'D0ADA'));
    const second = await pressOn('slack', first.press['Next ›']!, 'U0ADA');
    expect(second.text).toContain('have “Topic 1”');
  });

  it('a page past the end (the list shrank meanwhile) shows the last page', async () => {
    const first = slackPage(await chat.slack('subscriptions', 'U0SHRINK', 'D0SHRINK'));
    const next = first.press['Next ›'] as { actionId: string; value: string };
    const far = { actionId: next.actionId.replace(/\d+$/, '99'), value: next.value.replace(/\|2\|/, '|99|') };
    const last = await pressOn('slack', far, 'U0SHRINK');
    expect(last.names.at(-1)).toBe('Topic 199');
    expect(last.next).toBeNull();
    for (const t of topics.slice(30)) await chat.app.commands.unsubscribe({ subscriber: 'slack:U0SHRINK', kind: 'user', topic: t.slug, actor: { id: 'slack:U0SHRINK', mayManageChannel: false } });
    const shrunk = await pressOn('slack', far, 'U0SHRINK');
    expect(shrunk.names.at(-1)).toBe('Topic 029');
    expect(shrunk.text).toMatch(/page (\d+) of \1/);
  });

  it('typed: `/papers subscriptions page 2` (and with words) shows that page', async () => {
    const second = slackPage(await chat.slack('subscriptions page 2', 'U0ADA', 'D0ADA'));
    expect(second.text).toContain('page 2 of');
    expect(second.prev).not.toBeNull();
    const first = slackPage(await chat.slack('subscriptions', 'U0ADA', 'D0ADA'));
    expect(second.names[0]).not.toBe(first.names[0]);
    const words = discordPage(await chat.discord([{ type: 1, name: 'subscriptions', options: [{ type: 3, name: 'words', value: 'topic 1 page 2' }] }], '16', { dm: true, userId: DISCORD_USER }));
    expect(words.text).toContain('page 2 of');
    expect(words.names.every((n) => n.includes('1'))).toBe(true);
  });
});
