import { describe, expect, it } from 'vitest';
import { memoryCache } from '../../helpers/memory-topics.js';
import { recordingLogger } from '../../helpers/text-sink.js';
import { createOpenAiRelevanceJudge } from '../../../src/summarize/relevance-judge.js';
import { TOKEN_NAMESPACE } from '../../../src/summarize/token-budget.js';

describe('relevance judge and the daily token budget', () => {
  it('says a spent budget once in each of the days the budget counts by (UTC), however many batches ask', async () => {
    const cache = memoryCache();
    const logger = recordingLogger();
    let now = new Date('2026-12-06T23:59:00Z');
    // No request is made with the budget spent: the key is never used.
    const judge = createOpenAiRelevanceJudge({ apiKey: 'sk-test', model: 'm', dailyTokenBudget: 100, cache, logger, now: () => now });
    const papers = [{ id: '2601.00001', title: 'A paper', abstract: 'About codecs.' }];
    await cache.putMany(TOKEN_NAMESPACE, [['2026-12-06', '100']]);
    expect(await judge.judge('codecs', papers)).toBeNull();
    expect(await judge.judge('codecs', papers)).toBeNull();
    expect(logger.lines).toEqual([expect.stringMatching(/budget spent/)]);
    now = new Date('2026-12-07T00:01:00Z');
    await cache.putMany(TOKEN_NAMESPACE, [['2026-12-07', '100']]);
    expect(await judge.judge('codecs', papers)).toBeNull();
    expect(logger.lines).toEqual([expect.stringMatching(/budget spent/), expect.stringMatching(/budget spent/)]);
  });
});
