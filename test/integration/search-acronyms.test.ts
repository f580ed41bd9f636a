/**
 * Abbreviations and long forms search as each other, with the pairs the papers define
 * themselves: "MLLM" finds a paper that only says "multimodal large language models", "key-value
 * cache" one that only says "KV cache". In the in-memory window (also after a restart from the
 * snapshot) and in the database's archive (SQLite FTS5, PostgreSQL tsvector).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { memorySnapshotStore } from '../../src/core/search/index-snapshot.js';
import { createSearchService, type SearchOutcome, type SearchService } from '../../src/core/search/search-service.js';
import { storeBackends, type OpenBackend } from '../helpers/db.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

const paper = (id: string, title: string, abstract: string): PaperInput => ({ arxivId: id, source: 'arxiv', title, abstract, authors: ['Ada Lovelace'], publishedAt: new Date(NOW - 200 * DAY), categories: ['cs.CL'] });
const papers: PaperInput[] = [
  // The definitions: one paper each says both forms.
  paper('2605.00001', 'Video understanding with multimodal models', 'Multimodal large language models (MLLMs) read frames and answer questions.'),
  paper('2605.00002', 'Serving long contexts', 'The key-value (KV) cache grows with the context; we page it.'),
  // One form only.
  paper('2605.00003', 'Hallucination in multimodal large language models', 'Multimodal large language models describe objects that are not in the image.'),
  paper('2605.00004', 'An MLLM hallucination benchmark', 'We count invented objects in the answers of MLLMs.'),
  paper('2605.00005', 'KV cache eviction for long prompts', 'Evicting entries from the KV cache by attention scores.'),
  paper('2605.00006', 'Compressing the key-value cache', 'Low-rank key-value cache compression.'),
  // Neither form: must stay out.
  paper('2605.00007', 'Hallucination in speech recognition', 'Transcripts with words nobody said, in a cache of audio.'),
];

/** The first results, as many as expected (papers with only some of the words follow them). */
async function first(search: SearchService, query: string, expected: string[]): Promise<void> {
  const r: SearchOutcome = await search.search(query);
  expect(r.status === 'ok' ? r.items.slice(0, expected.length).map((i) => i.arxivId).sort() : r.message, query).toEqual(expected);
}

async function expectAliases(search: SearchService): Promise<void> {
  await first(search, 'MLLM hallucination', ['2605.00003', '2605.00004']);
  await first(search, 'hallucination in multimodal large language models', ['2605.00003', '2605.00004']);
  await first(search, 'KV cache', ['2605.00002', '2605.00005', '2605.00006']);
  await first(search, 'key-value cache compression', ['2605.00006']);
  await first(search, 'key-value cache eviction', ['2605.00005']);
}

describe('abbreviations and long forms in the window', () => {
  it('find each other, also after a restart from the snapshot', async () => {
    const [memory] = await storeBackends('search-acronyms');
    const open = await memory!.open();
    try {
      await open.stores.papers.upsertMany(papers, new Date(NOW - DAY));
      const snapshots = memorySnapshotStore();
      const search = createSearchService({ papers: open.stores.papers, snapshots, warm: false });
      expect((await search.ready()).source).toBe('rebuild');
      await expectAliases(search);
      const reopened = createSearchService({ papers: open.stores.papers, snapshots, warm: false });
      expect((await reopened.ready()).source).toBe('snapshot');
      await expectAliases(reopened);
    } finally {
      await open.drop();
    }
  });
});

const backends = await storeBackends('search-acronyms', { memory: false });

describe.each(backends)('abbreviations and long forms in the archive ($name)', (backend) => {
  let open: OpenBackend;
  beforeAll(async () => {
    open = await backend.open();
    await open.stores.papers.upsertMany(papers, new Date(NOW - 150 * DAY));
  });
  afterAll(async () => {
    await open.drop();
  });

  it('find each other in papers past the window', async () => {
    const search = createSearchService({ papers: open.stores.papers, archive: open.stores.archive, hotDays: 30, now: () => NOW, warm: false });
    expect((await search.ready()).papers).toBe(0);
    await expectAliases(search);
  });
});
