import { parseQuery } from '../../../src/core/search/query-parser.js';
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { decodeSnapshot, encodeSnapshot, memorySnapshotStore } from '../../../src/core/search/index-snapshot.js';
import { INDEX_FORMAT_VERSION, createSearchIndex } from '../../../src/core/search/search-index.js';
import { createSearchService } from '../../../src/core/search/search-service.js';
import type { ArchiveSearch } from '../../../src/core/search/archive-search.js';

const t = (d: string) => new Date(`${d}T00:00:00Z`);
const inputs: PaperInput[] = [
  { arxivId: '2601.00001', source: 'hf', title: 'A neural audio codec at 1 kbps', abstract: 'Residual vector quantization for speech.', authors: ['Jane Doe'], publishedAt: t('2026-01-01'), categories: ['cs.SD'], upvotes: 3, aiKeywords: ['speech tokenizer'] },
  { arxivId: '2601.00002', source: 'hf', title: 'Speculative decoding with tiny drafters', abstract: 'A draft model proposes tokens; the codec is not involved.', authors: ['John Smith'], publishedAt: t('2026-02-01'), categories: ['cs.CL'], upvotes: 10 },
  { arxivId: '2601.00003', source: 'hf', title: 'Audio codec benchmark', abstract: 'We compare audio codecs and tokenizers.', authors: ['Jane Doe', 'Li Wei'], publishedAt: t('2026-03-01'), categories: ['cs.SD', 'eess.AS'], upvotes: 1 },
  { arxivId: '2601.00004', source: 'hf', title: 'Codec audio neural', abstract: 'Words in another order: codec for audio.', authors: ['Max Mustermann', 'Zoë Pélissier', 'Łukasz Müller'], publishedAt: t('2026-03-05'), categories: ['cs.SD'], upvotes: 0 },
];

async function setup() {
  const stores = createMemoryStores();
  await stores.papers.upsertMany(inputs, t('2026-03-10'));
  const snapshots = memorySnapshotStore();
  return { stores, snapshots, search: createSearchService({ papers: stores.papers, snapshots }) };
}

const ids = (r: Awaited<ReturnType<ReturnType<typeof createSearchService>['search']>>) => (r.status === 'ok' ? r.items.map((i) => i.arxivId) : r.message);

describe('search service', () => {
  it('finds papers by words with typos and prefixes, title first', async () => {
    const { search } = await setup();
    const r = await search.search('audio codek');
    expect(ids(r)).toContain('2601.00003');
    expect(ids(await search.search('specul'))).toEqual(['2601.00002']);
    const items = (await search.search('codec')).status === 'ok' ? ((await search.search('codec')) as { items: Array<{ arxivId: string; score: number }> }).items : [];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items[0]!.score).toBeGreaterThan(0);
  });

  it('a repeated query word counts once, as in MiniSearch', async () => {
    const { search } = await setup();
    const scores = async (q: string) => {
      const r = await search.search(q);
      return r.status === 'ok' ? r.items.map((i) => [i.arxivId, i.score]) : r.message;
    };
    expect(await scores('codec codec codec')).toEqual(await scores('codec'));
    expect(await scores('audio audio speculative')).toEqual(await scores('audio speculative'));
  });

  it('"a or b" finds papers with either word; "or" alone or quoted is a word', async () => {
    const { search, stores } = await setup();
    // A paper that says both words and "or": read as a word, "or" made it the only result.
    await stores.papers.upsertMany([{ arxivId: '2601.00005', source: 'hf', title: 'A speculative benchmark', abstract: 'Drafting or verifying, compared.', authors: ['Ann Other'], publishedAt: t('2026-03-06') }], t('2026-03-10'));
    await search.refresh();
    expect(new Set(ids(await search.search('speculative or benchmark')))).toEqual(new Set(['2601.00002', '2601.00003', '2601.00005']));
    expect(new Set(ids(await search.search('speculative OR benchmark')))).toEqual(new Set(['2601.00002', '2601.00003', '2601.00005']));
    // Without "or" both words are wanted: no paper has both, so any paper with one comes after.
    expect(ids(await search.search('audio neural'))).toEqual(expect.arrayContaining(['2601.00001', '2601.00004']));
    expect(parseQuery('speculative or').ok && (parseQuery('speculative or') as { query: { any?: boolean } }).query.any).toBeFalsy();
    expect(parseQuery('"or" speculative').ok && (parseQuery('"or" speculative') as { query: { terms: string[] } }).query.terms).toEqual(['or', 'speculative']);
  });

  it('papers with some of the words follow those with every word when these do not fill the page', async () => {
    const { search } = await setup();
    // Only the drafting paper says both; the codec papers say one. They came back with nothing else.
    const got = ids(await search.search('speculative codec'));
    expect(got[0]).toBe('2601.00002');
    expect(got).toEqual(expect.arrayContaining(['2601.00001', '2601.00003', '2601.00004']));
    // A page the every-word papers fill has none of the others.
    expect(ids(await search.search('speculative codec', { limit: 1 }))).toEqual(['2601.00002']);
  });

  it('with an archive, papers of the window with some of the words come after the archive\'s with every word', async () => {
    const stores = createMemoryStores();
    // The archive's paper is stored too: its hit is scored again, on the window's scale, from its text.
    await stores.papers.upsertMany([...inputs, { arxivId: '2001.00001', source: 'hf', title: 'Speculative codec, 2010', abstract: 'Old.', authors: ['Ann Other'], publishedAt: t('2010-01-01') }], t('2026-03-10'));
    const old = { arxivId: '2001.00001', title: 'Speculative codec, 2010', score: 1, date: t('2010-01-01'), upvotes: null };
    const archive: ArchiveSearch = { search: async (q) => (q.match === 'all' ? [old] : []), countFrom: async () => inputs.length };
    const search = createSearchService({ papers: stores.papers, archive, hotDays: 3650, now: () => t('2026-03-10').getTime(), warm: false });
    const got = ids(await search.search('speculative codec'));
    expect([...(got as string[]).slice(0, 2)].sort()).toEqual(['2001.00001', '2601.00002']);
    expect(got.slice(2)).toEqual(expect.arrayContaining(['2601.00001', '2601.00003', '2601.00004']));
  });

  it('a common word of the query ("of", "the") is not one a paper must have', async () => {
    const { search, stores } = await setup();
    await stores.papers.upsertMany([{ arxivId: '2601.00006', source: 'hf', title: 'Notes of a codec', abstract: 'A benchmark of sorts.', authors: ['Ann Other'], publishedAt: t('2026-03-06') }], t('2026-03-10'));
    await search.refresh();
    // "Audio codec benchmark" has no "of": it came after the one paper that did.
    expect(ids(await search.search('benchmark of codec'))[0]).toBe('2601.00003');
  });

  it('a common word inside a hyphenated word ("text-to-speech") is not one a paper must have either', async () => {
    const { search, stores } = await setup();
    await stores.papers.upsertMany(
      [
        { arxivId: '2601.00007', source: 'hf', title: 'Speech from text in one pass', abstract: 'A synthesis model.', authors: ['Ann Other'], publishedAt: t('2026-03-06') },
        { arxivId: '2601.00008', source: 'hf', title: 'Notes', abstract: 'We learn to write text; speech is left for later.', authors: ['Ann Other'], publishedAt: t('2026-03-07') },
      ],
      t('2026-03-10'),
    );
    await search.refresh();
    // "to" required, the title that says text and speech came after the abstract that merely had "to".
    expect(ids(await search.search('text-to-speech'))[0]).toBe('2601.00007');
  });

  it('quoted phrases must appear as phrases', async () => {
    const { search } = await setup();
    const r = await search.search('"neural audio codec"');
    expect(ids(r)).toEqual(['2601.00001']);
  });

  it('leaves out papers with a word starting as a -word or NOT word does, wherever the word stands', async () => {
    const { search } = await setup();
    expect(ids(await search.search('codec')).length).toBe(4);
    // 2601.00002 says "codec" in its abstract, 2601.00001 "speech" in its abstract and "speech tokenizer" in its keywords.
    expect(ids(await search.search('codec -speculative'))).not.toContain('2601.00002');
    expect([...ids(await search.search('codec NOT speech'))].sort()).toEqual(['2601.00002', '2601.00003', '2601.00004']);
    // A word's endings go with it: -tokenizer leaves out "tokenizers" too.
    expect([...ids(await search.search('codec -tokenizer'))].sort()).toEqual(['2601.00002', '2601.00004']);
    expect(await search.search('-codec')).toMatchObject({ status: 'invalid' });
  });

  it('filters by author, since and category', async () => {
    const { search } = await setup();
    expect(new Set(ids(await search.search('author:"jane doe"')))).toEqual(new Set(['2601.00001', '2601.00003']));
    expect(ids(await search.search('codec since:2026-02-15'))).not.toContain('2601.00001');
    expect(ids(await search.search('codec category:cs.CL'))).toEqual(['2601.00002']);
    // Accents and letters like Ł fold on both sides, as plain search and follows fold names.
    for (const name of ['author:Pelissier', 'author:Pélissier', 'author:"zoe pelissier"', 'by:lukasz', 'by:muller', 'author:Müller']) expect(ids(await search.search(name)), name).toEqual(['2601.00004']);
    expect(ids(await search.search('audio cat:eess'))).toEqual(['2601.00003']);
  });

  it('breaks ties by recency, then upvotes', async () => {
    const { search } = await setup();
    // A filter-only query scores every match the same.
    expect(ids(await search.search('category:cs.SD'))).toEqual(['2601.00004', '2601.00003', '2601.00001']);
  });

  it('rejects bad queries with a message', async () => {
    const { search } = await setup();
    for (const q of ['', 'x'.repeat(5000), 'a\u0007b']) expect((await search.search(q)).status).toBe('invalid');
    // A category arXiv does not have is a typo to say, not "no papers" (the papers have categories).
    expect(await search.search('codec category:cs.CLL')).toMatchObject({ status: 'invalid', message: 'category: "cs.CLL" is not an arXiv category (like cs.CL, or an archive like cs); did you mean cs.CL?' });
  });

  it('indexes new and changed papers without a rebuild', async () => {
    const { search, stores } = await setup();
    await search.ready();
    const now = t('2026-04-01');
    await stores.papers.upsertMany([{ arxivId: '2604.00009', source: 'hf', title: 'Mixture of experts routing' }], now);
    await search.indexPapers([(await stores.papers.get('2604.00009'))!]);
    expect(ids(await search.search('experts routing'))).toEqual(['2604.00009']);
    await stores.papers.upsertMany([{ arxivId: '2601.00002', source: 'hf', title: 'Speculative decoding renamed to lookahead' }], t('2026-04-02'));
    expect(await search.refresh()).toBe(1);
    expect(ids(await search.search('lookahead'))).toEqual(['2601.00002']);
  });

  it('says when opening the index will take a while: a rebuild, or a catch-up of more than a page', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(inputs, t('2026-03-10'));
    const snapshots = memorySnapshotStore();
    const said: string[] = [];
    const onSlowOpen = (what: string) => void said.push(what);
    await createSearchService({ papers: stores.papers, snapshots, onSlowOpen }).ready();
    expect(said).toEqual(['building the search index from the database (no snapshot; once, later searches reuse it)…']);
    // A few new papers: quiet. A backfill's worth: said once.
    await stores.papers.upsertMany([{ arxivId: '2605.00001', source: 'hf', title: 'One more' }], t('2026-05-01'));
    await createSearchService({ papers: stores.papers, snapshots, onSlowOpen }).ready();
    expect(said).toHaveLength(1);
    await stores.papers.upsertMany(Array.from({ length: 1200 }, (_, i) => ({ arxivId: `2606.${String(10000 + i)}`, source: 'hf' as const, title: `Paper ${i}` })), t('2026-06-01'));
    await createSearchService({ papers: stores.papers, snapshots, onSlowOpen }).ready();
    expect(said.slice(1)).toEqual(['adding the papers stored since the search index was last saved (once)…']);
  });

  it('restarts from the snapshot, catches up, and rebuilds when the fingerprint does not fit', async () => {
    const { stores, snapshots, search } = await setup();
    expect((await search.ready()).source).toBe('rebuild');
    expect(snapshots.data).not.toBeNull();

    const warm = createSearchService({ papers: stores.papers, snapshots });
    expect((await warm.ready()).source).toBe('snapshot');
    expect(ids(await warm.search('drafters'))).toEqual(['2601.00002']);

    await stores.papers.upsertMany([{ arxivId: '2605.00001', source: 'hf', title: 'Graph neural networks at scale' }], t('2026-05-01'));
    const caughtUp = createSearchService({ papers: stores.papers, snapshots });
    expect((await caughtUp.ready()).source).toBe('snapshot+catch-up');
    expect(ids(await caughtUp.search('graph'))).toEqual(['2605.00001']);

    const decoded = decodeSnapshot(snapshots.data!);
    if (!decoded.ok) throw new Error('snapshot unreadable');
    snapshots.data = encodeSnapshot({ ...decoded.header, format: INDEX_FORMAT_VERSION + 1 }, decoded.indexJson);
    const opened = await createSearchService({ papers: stores.papers, snapshots }).ready();
    expect(opened.source).toBe('rebuild');
    expect(opened.reason).toMatch(/format/);

    snapshots.data = 'garbage';
    expect((await createSearchService({ papers: stores.papers, snapshots }).ready()).source).toBe('rebuild');

    // A snapshot missing papers that catch-up can't find (updated before its mark) is rebuilt.
    snapshots.data = encodeSnapshot(
      { format: INDEX_FORMAT_VERSION, count: 1, maxUpdatedAt: '2030-01-01T00:00:00.000Z' },
      createSearchIndex([(await stores.papers.get('2601.00001'))!]).toJSON(),
    );
    const stale = await createSearchService({ papers: stores.papers, snapshots }).ready();
    expect(stale.source).toBe('rebuild');
    expect(stale.papers).toBe(5);
  });
});

describe('search service without warming (the one-off CLI)', () => {
  it('answers exactly as a warmed one, also with posting lists long enough to be warmed', async () => {
    const stores = createMemoryStores();
    const words = ['codec', 'audio', 'speech', 'diffusion', 'graph', 'attention', 'token', 'model'];
    // Every paper has "model": a list of 1,500 postings, which warming preloads (>= 1,000).
    const many: PaperInput[] = Array.from({ length: 1500 }, (_, i) => ({
      arxivId: `2602.${String(i).padStart(5, '0')}`,
      source: 'hf',
      title: `${words[i % 8]} ${words[(i * 3) % 8]} model ${i}`,
      abstract: `A ${words[(i * 5) % 8]} model for ${words[(i * 7) % 8]} tasks.`,
      authors: [`Author ${i % 40}`],
      publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      upvotes: i % 13,
    }));
    await stores.papers.upsertMany(many, t('2026-03-10'));
    const warmed = createSearchService({ papers: stores.papers, snapshots: memorySnapshotStore() });
    const cold = createSearchService({ papers: stores.papers, snapshots: memorySnapshotStore(), warm: false });
    for (const q of ['model', 'audio model', 'codek', 'diffusion graph', 'mod', '"audio model"', 'model author:"author 7"']) {
      expect(await cold.search(q, { limit: 20 }), q).toEqual(await warmed.search(q, { limit: 20 }));
    }
  });
});

describe('search service: the abbreviations papers define', () => {
  it('counts each paper\'s definitions once: a paper updated later (its upvotes) is not counted again', async () => {
    const stores = createMemoryStores();
    const paper: PaperInput = { arxivId: '2601.00009', source: 'hf', title: 'Grounding MLLMs', abstract: 'We study multimodal large language models (MLLMs) on charts.', upvotes: 1 };
    await stores.papers.upsertMany([paper], t('2026-03-10'));
    const snapshots = memorySnapshotStore();
    const search = createSearchService({ papers: stores.papers, snapshots });
    await search.ready();
    const counted = () => {
      const decoded = decodeSnapshot(snapshots.data!);
      if (!decoded.ok) throw new Error('snapshot unreadable');
      return decoded.header.acronyms?.mllm;
    };
    expect(counted()).toEqual({ 'multimodal larg languag model': 1 });
    // Read again by a catch-up, and handed over straight from an ingest.
    await stores.papers.upsertMany([{ ...paper, upvotes: 5 }], t('2026-03-11'));
    await search.refresh();
    await stores.papers.upsertMany([{ ...paper, upvotes: 9 }], t('2026-03-12'));
    await search.indexPapers([(await stores.papers.getMany([paper.arxivId])).get(paper.arxivId)!]);
    await search.persist();
    expect(counted()).toEqual({ 'multimodal larg languag model': 1 });
  });
});

describe('a snapshot it cannot read', () => {
  it('is rebuilt, the reason said on one clean line whatever the store threw', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany([{ arxivId: '2612.00001', source: 'hf', title: 'Speech codecs', abstract: 'Audio tokens.', authors: ['Jane Doe'], publishedAt: new Date('2026-12-01T00:00:00Z') }], new Date('2026-12-01T00:00:00Z'));
    const snapshots = memorySnapshotStore();
    const first = createSearchService({ papers: stores.papers, snapshots, warm: false });
    await first.ready();
    await first.persist();
    let counts = 0;
    const papers = { ...stores.papers, count: () => (counts++ === 0 ? Promise.reject('database \u001b[31mgone\u001b[0m\nfor now') : stores.papers.count()) };
    const slow: string[] = [];
    const again = createSearchService({ papers, snapshots, warm: false, onSlowOpen: (what) => void slow.push(what) });
    expect(await again.ready()).toMatchObject({ source: 'rebuild', reason: 'unreadable snapshot: database gone for now' });
    expect(slow).toEqual([expect.stringContaining('(unreadable snapshot: database gone for now;')]);
  });
});
