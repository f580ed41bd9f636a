/** The summarizer keeps at most `concurrency` requests in flight and answers every caller. */
import type { OpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { createOpenAiSummarizer } from '../../../src/summarize/openai.js';

describe('OpenAI summarizer concurrency', () => {
  it('holds requests beyond the limit until one finishes, in order', async () => {
    let inFlight = 0;
    let most = 0;
    const release: Array<() => void> = [];
    const started: string[] = [];
    const client = {
      chat: {
        completions: {
          async create(body: { messages: Array<{ content: string }> }) {
            inFlight++;
            most = Math.max(most, inFlight);
            started.push(body.messages.at(-1)!.content.match(/Codec \d/)![0]);
            await new Promise<void>((resolve) => release.push(resolve));
            inFlight--;
            return { choices: [{ message: { content: 'A codec that compresses speech into few tokens at a low bitrate.' } }], usage: { prompt_tokens: 1, completion_tokens: 1 } };
          },
        },
      },
    } as unknown as OpenAI;
    const llm = createOpenAiSummarizer({ apiKey: 'sk-test', model: 'm', concurrency: 2, dailyTokenBudget: 0, pricePerMTok: 0, cache: createMemoryStores().cache, logger: silentLogger(), client });
    const answers = [0, 1, 2, 3, 4].map((i) => llm.summarize({ arxivId: `2611.0000${i}`, title: `Codec ${i}`, abstract: `Speech. We propose codec ${i}.` }));
    // Let everything that may start, start; then finish one request at a time.
    while (started.length < 5 || release.length) {
      await new Promise((r) => setImmediate(r));
      release.shift()?.();
    }
    expect(await Promise.all(answers)).toEqual(Array(5).fill('A codec that compresses speech into few tokens at a low bitrate.'));
    expect(most).toBe(2);
    expect(started).toEqual(['Codec 0', 'Codec 1', 'Codec 2', 'Codec 3', 'Codec 4']);
  });
});
