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

const quota: OpenAiAnswer = {
  kind: 'raw',
  status: 429,
  body: JSON.stringify({ error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } }),
};
const badKey: OpenAiAnswer = { kind: 'raw', status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided: sk-te**st.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }) };
// Ollama's answer for a model it has not pulled.
const noModel: OpenAiAnswer = { kind: 'raw', status: 404, body: JSON.stringify({ error: { message: 'model "llama3.1:8b" not found, try pulling it first', type: 'api_error', param: null, code: null } }) };

const vllmNoModel: OpenAiAnswer = { kind: 'raw', status: 404, body: JSON.stringify({ object: 'error', message: 'The model `llama3.1:8b` does not exist.', type: 'NotFoundError', param: null, code: 404 }) };

const reasoningModel: OpenAiAnswer = {
  kind: 'raw',
  status: 400,
  body: JSON.stringify({ error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } }),
};

describe('errors asking again cannot mend', () => {
  for (const [name, answer, expected] of [
    ['429 insufficient_quota', quota, /quota is used up/],
    ['401 invalid key', badKey, /refused OPENAI_API_KEY \(HTTP 401\)/],
    ['404 model not found', noModel, /has no model "llama3\.1:8b".*PAPERBOY_SUMMARY_MODEL.*try pulling it first/],
    // OpenAI's reasoning models (o-series, gpt-5) refuse max_tokens and a temperature but 1.
    ['400 unsupported_parameter', reasoningModel, /"llama3\.1:8b" does not take max_tokens.*PAPERBOY_SUMMARY_MODEL/],
    // vLLM's error body has no `error` object: its message was lost to "404 status code (no body)".
    ['404 model not found (vLLM)', vllmNoModel, /has no model "llama3\.1:8b".*The model `llama3\.1:8b` does not exist/],
  ] as const) {
    it(`${name}: one request, said once, then no more calls today from summaries, drafts or the check`, async () => {
      const w = await world();
      always(w.fake, answer);
      const first = await w.summaries.ensure(await w.papers(4));
      expect(first.size).toBe(4);
      await w.summaries.ensure(await w.papers(6));
      expect(await w.drafter.draft('jailbreaks')).toBeNull();
      // No verdict, and no null either: null would pause the check with a warning every 10 minutes.
      expect(await w.judge.judge('codecs', [{ id: 'a', title: 'A codec', abstract: 'Audio.' }])).toEqual(new Map());
      expect(w.fake.requests).toHaveLength(1);
      const said = w.logger.lines.filter((l) => /no LLM calls for the rest of/.test(l));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(expected);
      expect(w.llm.stats()).toMatchObject({ circuitOpen: true });
    });
  }

  it('a 429 asking to wait an hour is not waited out per paper: the call fails at once', async () => {
    const w = await world();
    w.fake.script({ kind: 'raw', status: 429, headers: { 'retry-after': '3600' }, body: JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }) });
    const out = await w.summaries.ensure(await w.papers(2));
    expect(out.size).toBe(2);
    // The first paper's call was not retried after an hour; the second was asked.
    expect(w.fake.requests).toHaveLength(2);
  });

  it('a 429 with retry-after-ms is retried after it (OpenAI under load)', async () => {
    const w = await world();
    w.fake.script({ kind: 'raw', status: 429, headers: { 'retry-after-ms': '50', 'x-ratelimit-reset-requests': '1s' }, body: JSON.stringify({ error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }) });
    const out = await w.summaries.ensure(await w.papers(1));
    expect(out.get('2612.00000')).toMatch(/^The paper presents/);
    expect(w.fake.requests).toHaveLength(2);
  });
});

describe('replies that are not the JSON asked for, said as what they are', () => {
  const cases: Array<[string, OpenAiAnswer, RegExp]> = [
    ['a proxy login page with 200', { kind: 'raw', status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><title>Sign in</title></html>' }, /an HTML page/],
    ['a stream nobody asked for', { kind: 'raw', status: 200, contentType: 'text/event-stream', body: 'data: {"choices":[{"delta":{"content":"{}"}}]}\n\ndata: [DONE]\n\n' }, /a stream/],
    ['JSON cut off at max_tokens', { kind: 'ok', content: '{"expansions": ["jailbreak", "red te', finishReason: 'length' }, /cut off at max_tokens/],
    ['a refusal', { kind: 'ok', content: null, refusal: "I'm sorry, I can't help with that." }, /refused: I'm sorry/],
    ['a reasoning model that only reasoned', { kind: 'ok', content: '', reasoningContent: 'The user wants phrases. Let me think', finishReason: 'length' }, /reasoning_content/],
    ['no choices', { kind: 'raw', status: 200, body: JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] }) }, /no choices/],
  ];
  for (const [name, answer, said] of cases) {
    it(`a topic draft from ${name}: no draft, and the log says what came back`, async () => {
      const w = await world();
      w.fake.script(answer);
      expect(await w.drafter.draft('jailbreaks')).toBeNull();
      expect(w.logger.lines.join('\n')).toMatch(said);
    });
  }

  it('JSON with prose and a fence around it is read', async () => {
    const w = await world();
    w.fake.script({ kind: 'ok', content: 'Here is the JSON you asked for:\n\n```json\n' + DRAFT + '\n```\n\nLet me know if you need more.' });
    expect((await w.drafter.draft('jailbreaks'))?.expansions).toEqual(['jailbreak']);
  });

  it('a server that refuses response_format (LM Studio) is asked again without it, and not asked with it after', async () => {
    const w = await world({ answer: () => '{"relevant": [1]}' });
    w.fake.script({ kind: 'raw', status: 400, body: JSON.stringify({ error: "'response_format.type' must be 'json_schema' or 'text'" }) });
    const papers = [{ id: 'a', title: 'A codec', abstract: 'Audio.' }];
    expect(await w.judge.judge('codecs', papers)).toEqual(new Map([['a', true]]));
    expect(await w.judge.judge('codecs again', papers)).toEqual(new Map([['a', true]]));
    expect(w.fake.requests.map((r) => r.response_format?.type ?? 'none')).toEqual(['json_object', 'none', 'none']);
  });
});

describe('summaries from such replies', () => {
  it('a summary cut off at max_tokens is not stored as the paper summary', async () => {
    const w = await world();
    w.fake.script({ kind: 'ok', content: 'The paper presents a speech codec that compresses audio at low bitrates while', finishReason: 'length' });
    await w.summaries.ensure(await w.papers(1));
    expect((await w.stores.papers.get('2612.00000'))!.summarySource).toBe('extractive');
    expect(w.logger.lines.join('\n')).toMatch(/cut off at max_tokens/);
  });

  it('an HTML page with 200 is a failure said as one', async () => {
    const w = await world();
    w.fake.script({ kind: 'raw', status: 200, contentType: 'text/html; charset=utf-8', body: '<html><body>Log in to continue</body></html>' });
    await w.summaries.ensure(await w.papers(1));
    // Not an answer: the fallback is asked for again on a later run.
    expect((await w.stores.papers.get('2612.00000'))!.summarySource).toBe('extractive-retry');
    expect(w.logger.lines.join('\n')).toMatch(/an HTML page/);
  });
});

describe('thinking models that think in the content (deepseek-r1, qwen3 on Ollama)', () => {
  const thinking = '<think>\nThe user wants {"expansions"} for this; let me recall what papers say.\n</think>\n\n';

  it('a topic draft after a <think> block is read', async () => {
    const w = await world();
    w.fake.script({ kind: 'ok', content: thinking + DRAFT });
    expect((await w.drafter.draft('jailbreaks'))?.expansions).toEqual(['jailbreak']);
  });

  it('a summary after a <think> block is the summary, without the thinking', async () => {
    const w = await world();
    w.fake.script({ kind: 'ok', content: thinking + 'The paper presents a speech codec that is fast and small.' });
    await w.summaries.ensure(await w.papers(1));
    expect(await w.stores.papers.get('2612.00000')).toMatchObject({ summarySource: 'llm', summary: 'The paper presents a speech codec that is fast and small.' });
  });
});
