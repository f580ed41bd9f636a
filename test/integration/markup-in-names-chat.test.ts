/**
 * Names people type (a topic) and names papers bring (titles, authors) shown on Slack and
 * Discord, over the real signed HTTP paths: whatever markup characters they hold, they read as
 * typed and format nothing (no bold, italics, strike-through, quote or subtext made of a name).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const now = Date.now();

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      await stores.papers.upsertMany(
        [
          {
            arxivId: '2612.00011',
            source: 'file' as const,
            title: 'Marked-up gizmo widgets',
            abstract: 'Gizmo widgets for ~everything, with *stars* and _underscores_ in snake_case.',
            // A name starting a line as a quote would: authors are the card's second line.
            authors: ['> Quoted Author', 'B. Second'],
            publishedAt: new Date(now - 3_600_000),
          },
          { arxivId: '2612.00012', source: 'file' as const, title: '-# Subtext gizmo widgets', abstract: 'Gizmo widgets again.', authors: ['-# Tiny Author'], publishedAt: new Date(now - 7_200_000) },
        ],
        new Date(),
      );
    },
  });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

/** Every mrkdwn text of a Slack answer (what Slack formats). */
function slackMrkdwn(answer: string): string[] {
  const out: string[] = [];
  JSON.stringify((JSON.parse(answer) as { blocks: unknown[] }).blocks, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'mrkdwn') out.push((v as { text: string }).text);
    return v;
  });
  return out;
}

describe('Slack', () => {
  it('a topic name with mrkdwn markers is shown as typed, not as bold, italics or strike-through', async () => {
    const answer = await chat.slack('subscribe "*urgent* _new_ ~old~ gizmo widgets"', 'U0MARK', 'D0MARK');
    const texts = slackMrkdwn(answer).join('\n');
    expect(texts).toContain('gizmo widgets');
    // Slack has no escape for these: a marker pair around a word is formatting.
    expect(texts).not.toMatch(/\*urgent\*|_new_|~old~/);
  });

  it('a topic name with backticks is shown as code nowhere, in the answer or the list', async () => {
    await chat.slack('subscribe "**bold** _it_ `code` gizmo widgets"', 'U0TICK', 'D0TICK');
    const texts = slackMrkdwn(await chat.slack('subscriptions', 'U0TICK', 'D0TICK')).join('\n');
    expect(texts).toContain('code gizmo widgets');
    expect(texts).not.toMatch(/`|\*\*bold|_it_/);
  });

  it("a paper's author starting a line is no quote", async () => {
    const answer = await chat.slack('search gizmo widgets', 'U0MARK', 'D0MARK');
    const texts = slackMrkdwn(answer).join('\n');
    expect(texts).toContain('Quoted Author');
    // Slack reads an escaped `&gt;` at the start of a line as a quote, as it does `>`.
    expect(texts).not.toMatch(/^\s*(&gt;|>)/m);
  });

  it('the bot\'s own command hints stay code', async () => {
    const answer = await chat.slack('subscribe', 'U0MARK', 'D0MARK');
    expect(answer).toContain('`/papers topics`');
  });
});

describe('Discord', () => {
  it('a topic name with markdown is shown as typed, and backticks make no code span', async () => {
    const who = { userId: '400000000000000001' };
    await chat.discord([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: '**bold** _it_ `code` gizmo widgets' }] }], undefined, who);
    const answer = JSON.parse(await chat.discord([{ type: 1, name: 'subscriptions' }], undefined, who)) as { content: string };
    expect(answer.content).toContain('\\*\\*bold\\*\\* \\_it\\_ code gizmo widgets');
    expect(answer.content).not.toContain('`');
  });


  it("a paper's author or title starting a line is no quote and no subtext", async () => {
    const answer = JSON.parse(await chat.discord([{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'gizmo widgets' }] }])) as { embeds: Array<{ title: string; description?: string }> };
    const shown = answer.embeds.flatMap((e) => [e.title, e.description ?? '']).join('\n');
    expect(shown).toContain('Quoted Author');
    expect(shown).toContain('Tiny Author');
    expect(shown).not.toMatch(/^\s*(>|-# )/m);
  });
});
