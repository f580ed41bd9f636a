import { describe, expect, it, vi } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { createFeedbackService } from '../../../src/core/topics/feedback-service.js';
import { createMatchService } from '../../../src/core/topics/match-service.js';
import { createTopicService, freeTextTopic } from '../../../src/core/topics/topic-service.js';
import type { Paper } from '../../../src/core/papers/paper.js';

// Every compile of the topics indexes their models once (and an empty list first): counting that counts compiles.
const compiles = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/core/topics/model-index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/topics/model-index.js')>();
  return { ...real, indexModels: (...args: Parameters<typeof real.indexModels>) => (args[0].length > 0 && compiles.n++, real.indexModels(...args)) };
});

const at = new Date(Date.UTC(2026, 10, 1));
const subjects = [
  'KV cache compression for long-context serving',
  'speech tokenizer for spoken language models',
  'reward models for RLHF preference data',
  'retrieval-augmented generation over documents',
  'protein structure prediction with diffusion',
  'graph neural networks for molecules',
  'robot grasping from tactile sensing',
  'federated learning under differential privacy',
  'image segmentation of medical scans',
  'weather forecasting with transformers',
  'code generation benchmarks for agents',
  'sparse mixture of experts routing',
];

async function setup() {
  const stores = createMemoryStores();
  const inputs = Array.from({ length: 120 }, (_, i) => ({ arxivId: `2611.${String(i).padStart(5, '0')}`, source: 'hf' as const, title: `${subjects[i % subjects.length]} ${i}`, abstract: `We study ${subjects[i % subjects.length]!.toLowerCase()}, setting ${i}.` }));
  await stores.papers.upsertMany(inputs, at);
  const topics = createTopicService({ topics: stores.topics });
  const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
  const papers: Paper[] = await stores.papers.list({ limit: 200 });
  return { matching: createMatchService({ papers: stores.papers, topics, feedback, now: () => at.getTime() }), papers };
}

/** The topics as the digest reads them for each page: from the store, so new objects every time. */
const read = () => ['kv cache compression', 'speech tokenizer', 'reward models'].map((t) => freeTextTopic(t, at));

describe('a digest matching a big window page by page', () => {
  it('compiles the topics once for every page while they, their marks and the reference papers are unchanged, with the results of compiling per page', async () => {
    const { matching, papers } = await setup();
    const pages = [papers.slice(0, 20), papers.slice(20, 40), papers.slice(40, 100)];
    await matching.matchPapers(pages[0]!, read());
    const before = compiles.n;
    const results = [];
    for (const page of pages) results.push(await matching.matchPapers(page, read()));
    expect(compiles.n).toBe(before);
    expect(results.flat().filter((r) => r.matched).length).toBeGreaterThan(5);

    // Each page as a fresh service compiles it: the same results.
    for (const [i, page] of pages.entries()) expect(await (await setup()).matching.matchPapers(page, read())).toEqual(results[i]);

    // A topic changed in the store is compiled again, and matched as it now reads.
    const sofar = compiles.n;
    const edited = read();
    edited[0]!.mustNotPhrases = ['long-context'];
    const after = await matching.matchPapers(pages[0]!, edited);
    expect(compiles.n).toBe(sofar + 1);
    expect(after.some((r) => r.topicSlug === edited[0]!.slug)).toBe(false);
  });
});
