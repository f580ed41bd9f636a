/**
 * Reading lists page as the other long lists do: someone with 40 saved papers saw the newest five
 * and "35 more; export sends them all", with no way to browse the rest in chat. `/papers saved`
 * (and a channel's list) now has "‹ Previous" / "Next ›" buttons that redraw the same message,
 * every paper keeping its Remove, and a Remove pressed on a page redraws that page (or the last
 * one, when the list shrank past it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const DISCORD_USER = '123456789012345678';
const PAPERS = 40;
/** Ids in the order a list shows them: newest save first. */
const ids = Array.from({ length: PAPERS }, (_, i) => `2501.${String(10000 + i)}`);
const newestFirst = [...ids].reverse();
const LISTS = ['slack:U0ADA', 'slack:U0REM', 'slack:C0001', `discord:${DISCORD_USER}`, 'discord:555555555555555555'];

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const now = new Date();
      await stores.papers.upsertMany(
        ids.map((arxivId, i) => ({ arxivId, source: 'arxiv', version: 1, title: `Saved paper number ${String(i).padStart(2, '0')}`, abstract: 'An abstract.', authors: ['Ada Lovelace'], categories: ['cs.LG'], publishedAt: now })),
        now,
      );
      for (const listId of LISTS) {
        // The Discord channel's papers were saved by the person who removes one below (no manager there).
        const savedBy = listId.startsWith('discord:') ? `discord:${DISCORD_USER}` : listId;
        for (const [i, arxivId] of ids.entries()) await stores.saved.add({ listId, arxivId, savedBy, savedAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
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

type Press = { actionId: string; value: string } | { customId: string };
interface Shown {
  text: string;
  /** The papers' ids, as their Remove buttons name them, in order. */
  removes: string[];
  press: Record<string, Press>;
  /** Each paper's Remove, by arXiv id. */
  remove: Record<string, Press>;
  replaced: boolean | undefined;
  rows: number;
  lastRow: string[];
}

const slackShown = (answer: string): Shown => {
  const body = JSON.parse(answer) as { replace_original?: boolean; blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }> };
  const text = body.blocks.map((b) => (b.type === 'section' || b.type === 'header' ? b.text!.text : b.type === 'context' ? (b.elements as unknown as Array<{ text: string }>).map((e) => e.text).join(' ') : '')).join('\n');
  const buttons = body.blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : []));
  const removes = buttons.filter((b) => b.action_id === 'paper_unsave');
  const idOf = (value: string) => /^(?:user|channel)\|([^|]+)/.exec(value)![1]!;
  return {
    text,
    removes: removes.map((b) => idOf(b.value)),
    press: Object.fromEntries(buttons.map((b) => [b.text.text, { actionId: b.action_id, value: b.value }])),
    remove: Object.fromEntries(removes.map((b) => [idOf(b.value), { actionId: b.action_id, value: b.value }])),
    replaced: body.replace_original,
    rows: 0,
    lastRow: [],
  };
};
const discordShown = (answer: string): Shown => {
  const body = JSON.parse(answer) as { content: string; embeds?: Array<{ footer?: { text: string } }>; components: Array<{ components: Array<{ label: string; custom_id?: string }> }> };
  const buttons = body.components.flatMap((r) => r.components);
  const removes = buttons.filter((b) => b.custom_id?.startsWith('unsave:'));
  const idOf = (customId: string) => /^unsave:[uc]:(?:\d+:)?(.+)$/.exec(customId)![1]!;
  return {
    text: body.content,
    removes: removes.map((b) => idOf(b.custom_id!)),
    press: Object.fromEntries(buttons.filter((b) => b.custom_id).map((b) => [b.label, { customId: b.custom_id! }])),
    remove: Object.fromEntries(removes.map((b) => [idOf(b.custom_id!), { customId: b.custom_id! }])),
    replaced: undefined,
    rows: body.components.length,
    lastRow: body.components.at(-1)?.components.map((b) => b.label) ?? [],
  };
};

const pressOn = async (p: Press, who: string): Promise<Shown> => ('customId' in p ? discordShown(await chat.discordButton(p.customId, { userId: who })) : slackShown(await chat.slackButton(p.actionId, p.value, who)));

/** Every page from the first by Next: each page's papers, in order. */
async function walk(first: Shown, who: string): Promise<Shown[]> {
  const pages = [first];
  while (pages.at(-1)!.press['Next ›']) {
    expect(pages.length).toBeLessThan(60);
    pages.push(await pressOn(pages.at(-1)!.press['Next ›']!, who));
  }
  return pages;
}

describe('paging through a reading list', () => {
  it('slack: /papers saved pages through all 40, newest first, each paper with its Remove, redrawn in place', async () => {
    const first = slackShown(await chat.slack('saved', 'U0ADA'));
    expect(first.press['‹ Previous']).toBeUndefined();
    expect(first.text).toContain('Your reading list: 40 papers, newest first (page 1 of');
    const pages = await walk(first, 'U0ADA');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flatMap((p) => p.removes)).toEqual(newestFirst);
    for (const [i, p] of pages.entries()) {
      expect(p.text).toContain(`(page ${i + 1} of ${pages.length})`);
      if (i > 0) expect(p.replaced).toBe(true);
    }
    const back = await pressOn(pages.at(-1)!.press['‹ Previous']!, 'U0ADA');
    expect(back.removes).toEqual(pages.at(-2)!.removes);
  });

  it('discord: a page fits one message, the page buttons taking the last of its five rows, updated in place', async () => {
    const first = discordShown(await chat.discord([{ type: 2, name: 'saved', options: [{ type: 1, name: 'list', options: [] }] }], '16', { dm: true, userId: DISCORD_USER }));
    const before = chat.discordButtonTypes.length;
    const pages = await walk(first, DISCORD_USER);
    expect(chat.discordButtonTypes.slice(before).every((t) => t === 6 || t === 7)).toBe(true);
    expect(pages.flatMap((p) => p.removes)).toEqual(newestFirst);
    for (const p of pages) {
      expect(p.rows).toBeLessThanOrEqual(5);
      expect(p.lastRow.every((l) => l === '‹ Previous' || l === 'Next ›')).toBe(true);
    }
  });

  it('a channel’s list pages too, on both platforms', async () => {
    const slack = await walk(slackShown(await chat.slack('saved channel', 'U0ADA')), 'U0ADA');
    expect(slack.flatMap((p) => p.removes)).toEqual(newestFirst);
    expect(slack[0]!.text).toContain("This channel's reading list: 40 papers");
    const discord = await walk(discordShown(await chat.discord([{ type: 2, name: 'saved', options: [{ type: 1, name: 'list', options: [{ type: 3, name: 'where', value: 'channel' }] }] }], '16', { userId: DISCORD_USER })), DISCORD_USER);
    expect(discord.flatMap((p) => p.removes)).toEqual(newestFirst);
  });

  it('typed: `/papers saved page 3` shows that page', async () => {
    const third = slackShown(await chat.slack('saved page 3', 'U0ADA'));
    expect(third.text).toContain('(page 3 of');
    const pages = await walk(slackShown(await chat.slack('saved', 'U0ADA')), 'U0ADA');
    expect(third.removes).toEqual(pages[2]!.removes);
  });

  it('Remove on page 3 redraws page 3 without the paper; on a last page it empties, the new last page', async () => {
    const first = slackShown(await chat.slack('saved', 'U0REM'));
    const third = await pressOn((await pressOn(first.press['Next ›']!, 'U0REM')).press['Next ›']!, 'U0REM');
    const gone = third.removes[1]!;
    const after = await pressOn(third.remove[gone]!, 'U0REM');
    expect(after.replaced).toBe(true);
    expect(after.text).toContain(`Removed ${gone}`);
    expect(after.text).toContain('(page 3 of');
    const rest = newestFirst.filter((id) => id !== gone);
    expect(after.removes).toEqual(rest.slice(third.removes.length * 2, third.removes.length * 3));
    // The last page, down to its last paper: removing it shows the page before.
    let last = slackShown(await chat.slack('saved page 99', 'U0REM'));
    const pages = Number(/\(page (\d+) of \1\)/.exec(last.text)![1]);
    while (last.removes.length > 1) last = await pressOn(last.remove[last.removes[0]!]!, 'U0REM');
    const emptied = await pressOn(last.remove[last.removes[0]!]!, 'U0REM');
    expect(emptied.text).toContain(`(page ${pages - 1} of ${pages - 1})`);
    expect(emptied.press['Next ›']).toBeUndefined();
    expect(emptied.removes.length).toBeGreaterThan(0);
  });

  it('discord: Remove on a page redraws that page in place', async () => {
    const first = discordShown(await chat.discord([{ type: 2, name: 'saved', options: [{ type: 1, name: 'list', options: [{ type: 3, name: 'where', value: 'channel' }] }] }], '16', { userId: DISCORD_USER }));
    const second = await pressOn(first.press['Next ›']!, DISCORD_USER);
    const gone = second.removes[0]!;
    const before = chat.discordButtonTypes.length;
    const after = await pressOn(second.remove[gone]!, DISCORD_USER);
    expect(chat.discordButtonTypes.slice(before)).toEqual([expect.toSatisfy((t: number) => t === 6 || t === 7)]);
    expect(after.text).toContain(`Removed ${gone}`);
    expect(after.text).toContain('(page 2 of');
    expect(after.removes).not.toContain(gone);
    expect(after.removes.length).toBe(second.removes.length);
  });
});
