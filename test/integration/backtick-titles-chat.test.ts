/**
 * A paper title with backticks in the "Saved" reply, through both real apps: its backticks must
 * not pair with the reply's own command hints (the code spans around `/papers saved …`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const at = new Date(Date.now() - 3_600_000);
      const p = (arxivId: string, title: string) => ({ arxivId, source: 'arxiv' as const, title, abstract: 'x', authors: ['A B'], publishedAt: at });
      await stores.papers.upsertMany([p('2612.20005', 'Don`t stop pretraining'), p('2612.20006', "``Attention'' is not all you need")], at);
    },
  });
});
afterAll(async () => {
  await chat?.close();
});

describe('the Saved reply for a title with backticks', () => {
  it('Slack: both hints stay code, the title shows its backticks as lists do', async () => {
    for (const [id, shown] of [['2612.20005', 'Donˋt stop pretraining'], ['2612.20006', "ˋˋAttention'' is not all you need"]] as const) {
      const answer = await chat.slack(`saved add ${id}`, 'U0BT1');
      expect(answer).toContain(`“${shown}”`);
      expect(answer).toContain('`/papers saved` shows it; `/papers saved export` makes a BibTeX file.');
    }
  });

  it('Discord: both hints stay code, nothing escaped inside them', async () => {
    for (const id of ['2612.20005', '2612.20006']) {
      const answer = await chat.discord([{ type: 2, name: 'saved', options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'paper', value: id }] }] }], '16', { userId: '700000000000000042' });
      expect(answer).toContain('`/papers saved list` shows it; `/papers saved export` makes a BibTeX file.');
      expect(answer).not.toContain('\\\\`');
    }
  });
});
