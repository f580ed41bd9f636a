import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { createFeedbackService } from '../../../src/core/topics/feedback-service.js';
import { createMatchService, REFERENCE_PAPERS } from '../../../src/core/topics/match-service.js';
import { createTopicService } from '../../../src/core/topics/topic-service.js';
import type { PaperListQuery } from '../../../src/core/papers/ports.js';

const day = 86_400_000;
const at = (d: number) => new Date(Date.UTC(2026, 10, 1) + d * day);

/** A match service over memory stores that counts its reads of the reference corpus (the recent papers, REFERENCE_PAPERS of them). */
async function setup() {
  const stores = createMemoryStores();
  let clock = at(0).getTime();
  const paper = (i: number) => ({ arxivId: `2611.${String(i).padStart(5, '0')}`, source: 'hf' as const, title: `KV cache compression for long-context serving ${i}`, abstract: `We evict and quantize the key-value cache of an LLM, setting ${i}.` });
  await stores.papers.upsertMany(Array.from({ length: 40 }, (_, i) => paper(i)), at(0));
  let referenceReads = 0;
  // A reference read takes a while, as thousands of rows from a real database do.
  const papers = {
    ...stores.papers,
    list: async (q: PaperListQuery) => {
      if (q.limit === REFERENCE_PAPERS) {
        referenceReads++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return stores.papers.list(q);
    },
  };
  const topics = createTopicService({ topics: stores.topics });
  const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
  const matching = createMatchService({ papers, topics, feedback, now: () => clock });
  return {
    matching,
    reads: () => referenceReads,
    store: async (i: number, d: number) => {
      clock = at(d).getTime();
      await stores.papers.upsertMany([paper(i)], at(d));
    },
  };
}

describe('reading the reference papers ahead of a preview (warm)', () => {
  it('a preview after warm() reads no reference papers itself; without it, the preview does', async () => {
    const cold = await setup();
    await cold.matching.previewText('kv cache compression');
    expect(cold.reads()).toBe(1);

    const warm = await setup();
    await warm.matching.warm();
    expect(warm.reads()).toBe(1);
    const preview = await warm.matching.previewText('kv cache compression');
    expect(preview.status === 'ok' && preview.matched).toBeGreaterThan(0);
    expect(warm.reads()).toBe(1);
  });

  it('a preview asked while the papers are being read waits for that read instead of reading them again', async () => {
    const t = await setup();
    const [, preview] = await Promise.all([t.matching.warm(), t.matching.previewText('kv cache compression')]);
    expect(t.reads()).toBe(1);
    expect(preview.status === 'ok' && preview.matched).toBeGreaterThan(0);
  });

  it('after papers are stored, warm() reads them in, so the next preview has them without a read; with nothing new it reads nothing', async () => {
    const t = await setup();
    await t.matching.warm();
    await t.matching.warm();
    expect(t.reads()).toBe(1);
    await t.store(99, 0.001);
    await t.matching.warm();
    expect(t.reads()).toBe(2);
    const preview = await t.matching.previewText('kv cache compression');
    expect(t.reads()).toBe(2);
    expect(preview.status === 'ok' && preview.items.some((i) => i.arxivId === '2611.00099')).toBe(true);
  });
});
