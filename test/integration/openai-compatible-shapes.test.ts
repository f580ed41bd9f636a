/**
 * What OpenAI-compatible servers really answer (Ollama, vLLM, LM Studio, llama.cpp, LiteLLM,
 * proxies) and OpenAI under load, against a local server speaking the wire format: paperboy
 * keeps running on its offline fallbacks, counts what it spends, stops asking when asking cannot
 * help, and says what is wrong in words that name the setting to change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { recordingLogger } from '../helpers/text-sink.js';
import { createOpenAiSummarizer } from '../../src/summarize/openai.js';
import { createSummaryService } from '../../src/summarize/service.js';
import { createOpenAiRelevanceJudge } from '../../src/summarize/relevance-judge.js';
import { createOpenAiTopicDrafter } from '../../src/summarize/topic-drafter.js';
import { TOKEN_NAMESPACE } from '../../src/summarize/token-budget.js';
import { startFakeOpenAi, type FakeOpenAi, type OpenAiAnswer } from '../helpers/fake-openai.js';

const fakes: FakeOpenAi[] = [];
afterEach(async () => Promise.all(fakes.splice(0).map((f) => f.close())));
const NOW = new Date('2026-12-07T06:00:00Z');
const DAY = '2026-12-07';
const DRAFT = JSON.stringify({ expansions: ['jailbreak'], exclusions: [] });

async function world(opts: { budget?: number; answer?: () => string } = {}) {
  const fake = await startFakeOpenAi(opts.answer ? { answer: opts.answer } : {});
  fakes.push(fake);
  const stores = createMemoryStores();
  const logger = recordingLogger();
  const call = { apiKey: 'sk-test', baseURL: fake.baseURL, model: 'llama3.1:8b', dailyTokenBudget: opts.budget ?? 0, cache: stores.cache, logger, now: () => NOW, timeoutMs: 3_000 };
  const llm = createOpenAiSummarizer({ ...call, concurrency: 1, pricePerMTok: 0, maxRetries: 1 });
  const summaries = createSummaryService({ papers: stores.papers, logger, llm, concurrency: 1 });
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `2612.0000${i}`);
  const papers = async (n: number) => {
    await stores.papers.upsertMany(ids(n).map((arxivId, i) => ({ arxivId, source: 'hf' as const, title: `Codec ${i}`, abstract: `Speech is hard. We propose codec ${i}. It is fast.` })), NOW);
    return [...(await stores.papers.getMany(ids(n))).values()].filter((p) => !p.summary);
  };
  const used = async () => Number((await stores.cache.getMany(TOKEN_NAMESPACE, [DAY])).get(DAY) ?? '0');
  return { fake, stores, logger, llm, summaries, papers, used, drafter: createOpenAiTopicDrafter(call), judge: createOpenAiRelevanceJudge(call) };
}

const always = (fake: FakeOpenAi, answer: OpenAiAnswer, n = 20) => fake.script(...Array.from({ length: n }, () => answer));

describe('a server that sends no usage object', () => {
  it('summaries still count an estimate against the daily budget, and stop at it', async () => {
    const w = await world({ budget: 200 });
    always(w.fake, { kind: 'ok', content: 'The paper presents a codec and shows that it works.', noUsage: true });
    await w.summaries.ensure(await w.papers(8));
    expect(await w.used()).toBeGreaterThan(0);
    expect(w.fake.requests.length).toBeLessThan(8);
  });

  it('a topic draft counts an estimate too', async () => {
    const w = await world();
    w.fake.script({ kind: 'ok', content: DRAFT, noUsage: true });
    expect(await w.drafter.draft('jailbreaks')).not.toBeNull();
    expect(await w.used()).toBeGreaterThan(0);
  });
});
