/**
 * A paper sent once while the LLM could not be asked, and never in another digest, kept its
 * extractive fallback for good. The sweep asks again for such papers, newest first, a few a run;
 * with no LLM, or calls stopped for the day, it asks nothing and says nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { loadConfig } from '../../src/config.js';
import { createSummaryServiceFromConfig } from '../../src/summarize/factory.js';
import { RETRY_SOURCE } from '../../src/summarize/service.js';
import { TOKEN_NAMESPACE, budgetDay } from '../../src/summarize/token-budget.js';
import { sweepRetrySummaries } from '../../jobs/summary-sweep.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { recordingLogger } from '../helpers/text-sink.js';
import { seedPapers } from './delivery-support.js';

const PAPERS = 3;
const ids = Array.from({ length: PAPERS }, (_, i) => `2611.${String(i).padStart(5, '0')}`);

describe('the sweep of summaries made while the LLM could not be asked', () => {
  let db: TestDatabase;
  let stores: Stores;
  let openai: FakeOpenAi;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    openai = await startFakeOpenAi();
    await seedPapers(stores, PAPERS);
  });
  afterAll(async () => {
    await openai.close();
    await db.drop();
  });
  beforeEach(async () => {
    for (const id of ids) await stores.papers.setSummary(id, 'The fallback sentence.', RETRY_SOURCE, RETRY_SOURCE);
  });

  const sweep = (env: Record<string, string>, limit?: number) => {
    const logger = recordingLogger();
    const summaries = createSummaryServiceFromConfig(loadConfig(env), { papers: stores.papers, cache: stores.cache, logger });
    return { logger, done: sweepRetrySummaries({ papers: stores.papers, summaries, logger }, limit) };
  };
  const sources = async () => Promise.all(ids.map(async (id) => (await stores.papers.get(id))!.summarySource));

  it('asks nothing and says nothing with no LLM configured', async () => {
    const asked = openai.requests.length;
    const { logger, done } = sweep({});
    expect(await done).toEqual({ asked: 0, replaced: 0 });
    expect(openai.requests.length).toBe(asked);
    expect(await sources()).toEqual(ids.map(() => RETRY_SOURCE));
    expect(logger.lines).toEqual([]);
  });

  it('asks nothing and says nothing while the day\'s token budget is spent', async () => {
    await stores.cache.increment(TOKEN_NAMESPACE, budgetDay({}), 1_000);
    const asked = openai.requests.length;
    const { logger, done } = sweep({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, PAPERBOY_LLM_DAILY_TOKEN_BUDGET: '500' });
    expect(await done).toEqual({ asked: 0, replaced: 0 });
    expect(openai.requests.length).toBe(asked);
    expect(await sources()).toEqual(ids.map(() => RETRY_SOURCE));
    expect(logger.lines).toEqual([]);
  });

  it('replaces the fallbacks with the LLM\'s summaries, newest first and at most the limit a run', async () => {
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, PAPERBOY_LLM_DAILY_TOKEN_BUDGET: '0' };
    const asked = openai.requests.length;
    const first = sweep(env, 2);
    expect(await first.done).toEqual({ asked: 2, replaced: 2 });
    expect(openai.requests.length - asked).toBe(2);
    // seedPapers gives every paper one date: newest first falls back to the id, highest first.
    expect(await sources()).toEqual([RETRY_SOURCE, 'llm', 'llm']);
    expect((await stores.papers.get(ids[2]!))!.summary).toContain('The paper presents Audio codec paper 2');
    expect(first.logger.lines).toEqual(['summaries: 2 asked again, 2 replaced']);

    const second = sweep(env, 2);
    expect(await second.done).toEqual({ asked: 1, replaced: 1 });
    expect(await sources()).toEqual(['llm', 'llm', 'llm']);

    // Nothing left to ask about: no call, no line.
    const third = sweep(env, 2);
    expect(await third.done).toEqual({ asked: 0, replaced: 0 });
    expect(openai.requests.length - asked).toBe(3);
    expect(third.logger.lines).toEqual([]);
  });
});
