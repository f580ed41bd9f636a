/**
 * A Discord subscribe answer with a full preview (five papers, a row of buttons each) and the
 * "Follow … instead" button: Discord takes five rows of buttons a message, so one paper has no
 * row in the answer. It once came without buttons ("Buttons for papers 1–4"); it now comes in a
 * follow-up message with its own row, over the real signed interaction path; and as Discord
 * draws all rows under all embeds, each paper's row carries its number, on from the answer's.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const now = Date.now();
const paper = (n: number, title: string, abstract: string) => ({ arxivId: `2612.0010${n}`, source: 'file' as const, title, abstract, publishedAt: new Date(now - n * 3_600_000) });

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      await seedBuiltinTopics(stores.topics, new Date());
      await stores.papers.upsertMany(
        [
          paper(1, 'KV cache compression for long-context inference', 'We compress the key-value cache of transformers by quantization and eviction, reducing memory for long context.'),
          paper(2, 'KV cache eviction for transformers', 'Key-value cache eviction reduces memory in transformers long context.'),
          paper(3, 'Quantizing the KV cache to 2 bits', 'Key-value cache quantization compresses memory of LLM serving.'),
          paper(4, 'KV cache compression by merging', 'We compress the KV cache by merging tokens for long context.'),
          paper(5, 'KV cache offloading', 'KV cache compression and offloading for long context inference memory.'),
          paper(6, 'KV cache sharing across layers', 'Cross-layer KV cache compression reduces memory.'),
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

it('shows every best match with its buttons: the one past the rows in a follow-up', async () => {
  const answer = JSON.parse(await chat.discord([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'KV cache compression' }] }], '16', { dm: true })) as {
    content: string;
    embeds: Array<{ title: string }>;
    components: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  };
  expect(answer.components).toHaveLength(5);
  expect(answer.components[0]!.components[0]!.custom_id).toMatch(/^sub:token-compression:/);
  // Four papers have the rows left; the fifth comes next, with its own.
  expect(answer.embeds).toHaveLength(4);
  expect(answer.content).not.toContain('Buttons for papers');
  // Discord draws every row under all the embeds: a paper's row starts with the number its title has.
  expect(answer.embeds.map((e) => e.title.slice(0, 3))).toEqual(['1. ', '2. ', '3. ', '4. ']);
  expect(answer.components.slice(1).map((r) => r.components[0]!.label)).toEqual(['1. Open', '2. Open', '3. Open', '4. Open']);
  const [, next] = (await chat.answerMessages(2)) as Array<typeof answer & { flags?: number }>;
  expect(next!.embeds.map((e) => e.title.slice(0, 3))).toEqual(['5. ']);
  expect(next!.components.map((r) => r.components[0]!.label)).toEqual(['5. Open']);
  expect(next!.content).toContain('Paper 5 of 5, continued.');
  expect(next!.flags).toBe(64);
});
