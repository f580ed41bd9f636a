/**
 * The OpenAI embeddings adapter and the semantic layer against a local HTTP server that
 * speaks the `/v1/embeddings` wire format.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { createOpenAiEmbeddings } from '../../src/embeddings/openai.js';
import { semanticLayerFromConfig } from '../../src/embeddings/index.js';
import { builtinTopics } from '../../src/core/topics/builtin.js';
import { createSemanticScorer } from '../../src/core/topics/semantic.js';
import { createTopicServices } from '../../src/app/core-services.js';
import { silentLogger } from '../../src/log.js';

interface Seen {
  auth: string | undefined;
  body: { model: string; input: string[]; encoding_format?: string };
}

/** Deterministic toy embedding: counts of a few marker words, so similarity is predictable. */
const MARKERS = ['audio', 'codec', 'speech', 'graph', 'video', 'draft'];
function embed(text: string): number[] {
  const lower = text.toLowerCase();
  return MARKERS.map((m) => lower.split(m).length - 1 + 0.01);
}

let server: Server;
let baseURL: string;
const seen: Seen[] = [];
let failNext = false;

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += String(chunk);
  return s;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const raw = await body(req);
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404).end();
      return;
    }
    if (failNext) {
      failNext = false;
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad input', type: 'invalid_request_error', code: null } }));
      return;
    }
    const parsed = JSON.parse(raw) as Seen['body'];
    seen.push({ auth: req.headers.authorization, body: parsed });
    const inputs = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
    // Answer out of order: clients must place vectors by `index`.
    const data = inputs.map((t, index) => ({ object: 'embedding', index, embedding: embed(t) })).reverse();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data, model: parsed.model, usage: { prompt_tokens: 5, total_tokens: 5 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('OpenAI embeddings adapter', () => {
  it('sends model, inputs and the key; returns vectors in input order', async () => {
    const provider = createOpenAiEmbeddings({ apiKey: 'sk-test', baseURL, model: 'text-embedding-3-small', maxRetries: 0 });
    const vectors = await provider.embed(['audio codec', 'graph graph', '']);
    const last = seen[seen.length - 1]!;
    expect(last.auth).toBe('Bearer sk-test');
    expect(last.body.model).toBe('text-embedding-3-small');
    expect(last.body.encoding_format).toBe('float');
    expect(last.body.input).toEqual(['audio codec', 'graph graph', ' ']);
    expect(vectors[0]).toEqual(embed('audio codec'));
    expect(vectors[1]).toEqual(embed('graph graph'));
  });

  it('surfaces API errors', async () => {
    const provider = createOpenAiEmbeddings({ apiKey: 'sk-test', baseURL, model: 'm', maxRetries: 0 });
    failNext = true;
    await expect(provider.embed(['x'])).rejects.toThrow(/400|bad input/);
  });

  it('caches vectors per paper and per topic definition in the CacheStore', async () => {
    const stores = createMemoryStores();
    const provider = createOpenAiEmbeddings({ apiKey: 'sk-test', baseURL, model: 'toy', maxRetries: 0 });
    const scorer = createSemanticScorer({ provider, cache: stores.cache });
    const topic = builtinTopics(new Date()).find((t) => t.slug === 'audio-codecs')!;
    const paper = { arxivId: 'p1', title: 'A speech codec', abstract: 'audio audio codec' };
    const other = { arxivId: 'p2', title: 'Graph networks', abstract: 'graph graph' };
    const before = seen.length;
    const first = await scorer.similarities([{ paper, topic }, { paper: other, topic }]);
    expect(first.get('audio-codecs|p1')!).toBeGreaterThan(first.get('audio-codecs|p2')!);
    const calls = seen.length - before;
    await scorer.similarities([{ paper, topic }]);
    expect(seen.length - before).toBe(calls);
    const edited = { ...topic, description: `${topic.description} Also vocoders.` };
    await scorer.similarities([{ paper, topic: edited }]);
    expect(seen.length - before).toBe(calls + 1);
    expect(seen[seen.length - 1]!.body.input).toHaveLength(1);
  });

  it('is off unless PAPERBOY_EMBEDDINGS and a key are set, and then lifts semantically close papers', async () => {
    const stores = createMemoryStores();
    const off = { PAPERBOY_EMBEDDINGS: false, OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: baseURL, PAPERBOY_EMBEDDING_MODEL: 'toy', PAPERBOY_HTTP_TIMEOUT_MS: 2000 };
    expect(semanticLayerFromConfig(off, stores.cache)).toBeUndefined();
    expect(semanticLayerFromConfig({ ...off, PAPERBOY_EMBEDDINGS: true, OPENAI_API_KEY: undefined }, stores.cache)).toBeUndefined();
    const semantic = semanticLayerFromConfig({ ...off, PAPERBOY_EMBEDDINGS: true }, stores.cache)!;
    expect(semantic.model).toBe('toy');

    await stores.papers.upsertMany(
      [{ arxivId: '2601.00001', source: 'hf', title: 'Discrete units for speech', abstract: 'Vocoder resynthesis from speech units; audio audio audio codec codec.' }],
      new Date(),
    );
    const plain = createTopicServices({ stores });
    const withSemantic = createTopicServices({ stores, semantic });
    await plain.topics.seed();
    const lexical = await plain.matching.matchTopic('audio codecs');
    const blended = await withSemantic.matching.matchTopic('audio codecs');
    expect(lexical.status === 'ok' && blended.status === 'ok').toBe(true);
    if (lexical.status !== 'ok' || blended.status !== 'ok') return;
    const l = lexical.items[0]?.score ?? 0;
    const b = blended.items[0]!;
    expect(b.score).toBeGreaterThan(l);
    expect(b.why).toContain('semantic similarity');
  });
});

describe('embeddings that fail or change under the same model name', () => {
  it('an embeddings endpoint that 404s (chat works) leaves matching lexical, says so once naming the model setting, and pauses', async () => {
    const stores = createMemoryStores();
    const lines: string[] = [];
    const logger = { ...silentLogger(), warn: (o: object | string, msg?: string) => void lines.push(`${msg ?? ''} ${JSON.stringify(o)}`) };
    // The server answers 404 for any path but /v1/embeddings: a server with chat and no embeddings.
    const semantic = semanticLayerFromConfig(
      { PAPERBOY_EMBEDDINGS: true, OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: `${baseURL}/no-embeddings`, PAPERBOY_EMBEDDING_MODEL: 'nomic-embed-text', PAPERBOY_HTTP_TIMEOUT_MS: 2000 },
      stores.cache,
      logger,
    )!;
    await stores.papers.upsertMany([{ arxivId: '2601.00002', source: 'hf', title: 'Neural audio codecs', abstract: 'An audio codec for speech.' }], new Date());
    const plain = createTopicServices({ stores });
    const withSemantic = createTopicServices({ stores, semantic });
    await plain.topics.seed();
    const lexical = await plain.matching.matchTopic('audio codecs');
    const blended = await withSemantic.matching.matchTopic('audio codecs');
    expect(blended).toEqual(lexical);
    await withSemantic.matching.matchTopic('audio codecs');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/nomic-embed-text/);
    expect(lines[0]).toMatch(/PAPERBOY_EMBEDDING_MODEL/);
  });

  it('vectors of another dimension than those stored (the model behind the name changed) are never compared with them', async () => {
    const stores = createMemoryStores();
    let dims = 3;
    const asked: string[][] = [];
    const provider = {
      model: 'same-name',
      embed: async (texts: string[]) => {
        asked.push(texts);
        return texts.map((t) => Array.from({ length: dims }, (_, i) => (t.includes('audio') ? 1 : 0) + i * 0.01 + 0.01));
      },
    };
    const lines: string[] = [];
    const logger = { ...silentLogger(), warn: (_o: object | string, msg?: string) => void lines.push(msg ?? '') };
    const scorer = createSemanticScorer({ provider, cache: stores.cache, logger });
    const topic = builtinTopics(new Date()).find((t) => t.slug === 'audio-codecs')!;
    const p1 = { arxivId: 'p1', title: 'audio', abstract: 'audio' };
    const p2 = { arxivId: 'p2', title: 'audio', abstract: 'audio' };
    await scorer.similarities([{ paper: p1, topic }]);
    dims = 5;
    asked.length = 0;
    const after = await scorer.similarities([{ paper: p1, topic }, { paper: p2, topic }]);
    // The stored 3-dimension vectors were embedded again with the new model, and say so.
    expect(asked.flat()).toHaveLength(3);
    expect(after.get('audio-codecs|p1')).toBeCloseTo(after.get('audio-codecs|p2')!, 10);
    expect(lines).toEqual([expect.stringMatching(/3 to 5 dimensions/)]);
    const stored = await stores.cache.getMany('embeddings:same-name', ['paper:p1']);
    expect((JSON.parse(stored.get('paper:p1')!) as number[]).length).toBe(5);
  });
});
