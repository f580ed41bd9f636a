/**
 * Search with a hot window on the real stores (SQLite FTS5, PostgreSQL tsvector): recent papers
 * in MiniSearch, older ones from the database's own index, merged into one answer. Queries about
 * recent papers must get exactly the answer of an index holding every paper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import type { Stores } from '../../src/core/ports.js';
import type { ArchiveSearch } from '../../src/core/search/archive-search.js';
import { memorySnapshotStore } from '../../src/core/search/index-snapshot.js';
import { createSearchService, type SearchOutcome } from '../../src/core/search/search-service.js';
import { createWorkerSearchService } from '../../src/search-worker/client.js';
import { storeBackends } from '../helpers/db.js';

const backends = await storeBackends('search-archive', { memory: false });

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const day = (n: number) => new Date(NOW - n * DAY);

const RECENT = ['mamba', 'selective', 'scan', 'state', 'space', 'hardware', 'kernel', 'duality', 'hippo', 'linear'];
const OLD = ['convolutional', 'recurrent', 'pooling', 'dropout', 'lstm', 'residual', 'batch', 'normalization', 'gradient', 'vanishing'];
/** Deterministic word picks, so both backends see the same corpus. */
const pick = (words: string[], i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]!).join(' ');

const recent: PaperInput[] = Array.from({ length: 40 }, (_, i) => ({
  arxivId: `2611.${String(i).padStart(5, '0')}`,
  source: 'arxiv',
  title: `${pick(RECENT, i, 4)} language model`,
  abstract: `${pick(RECENT, i + 1, 12)} and the language of sequences.`,
  authors: [i % 3 === 0 ? 'Albert Gu' : `Recent Author ${i % 5}`],
  categories: [i % 2 ? 'cs.LG' : 'cs.CL'],
  publishedAt: day(1 + (i % 25)),
  upvotes: i,
}));
const old: PaperInput[] = [
  ...Array.from({ length: 80 }, (_, i): PaperInput => ({
    arxivId: `2401.${String(i).padStart(5, '0')}`,
    source: 'arxiv',
    title: `${pick(OLD, i, 4)} networks`,
    abstract: `${pick(OLD, i + 2, 14)}${i % 4 === 0 ? ' for language' : ''}.`,
    authors: [`Old Author ${i % 7}`],
    categories: [i % 2 ? 'cs.CV' : 'cs.LG'],
    publishedAt: day(100 + i * 3),
    upvotes: null,
  })),
  {
    arxivId: '1706.03762',
    source: 'arxiv',
    title: 'Attention Is All You Need',
    abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: day(900),
  },
  {
    arxivId: '1805.00001',
    source: 'arxiv',
    title: 'Archived accents',
    abstract: 'An old paper by authors whose names carry accents.',
    authors: ['Hadrien Pélissier', 'ŁUKASZ MÜLLER', 'Jørgen Straße', 'Nguyễn Văn Thành', 'Ștefan Țurcanu', 'Zoe\u0301 Decomposed'],
    categories: ['cs.CL'],
    publishedAt: day(800),
  },
  {
    arxivId: '1805.00002',
    source: 'arxiv',
    title: 'Naïve Café models: Сергей reads Ελληνικά',
    abstract: 'Words of other scripts, हिन्दी कोड and เครื่อง, kept whole.',
    authors: ['सुनील कुमार', 'Сергей Иванов'],
    categories: ['cs.CL'],
    publishedAt: day(810),
  },
];

const items = (r: SearchOutcome) => (r.status === 'ok' ? r.items : []);
const answer = (r: SearchOutcome) => (r.status === 'ok' ? { ...r, notes: undefined } : r);

describe.each(backends)('search with a hot window: $name', (backend) => {
  let stores: Stores;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ stores, drop } = await backend.open());
    await stores.papers.upsertMany([...recent, ...old], new Date(NOW - 1000));
  });
  afterAll(() => drop());

  const everything = () => createSearchService({ papers: stores.papers });
  const windowed = (clock = { t: NOW }, snapshots = memorySnapshotStore()) =>
    createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30, now: () => clock.t, snapshots });

  it('holds only the papers of the last 30 days in memory', async () => {
    expect((await windowed().ready()).papers).toBe(recent.length);
    expect((await everything().ready()).papers).toBe(recent.length + old.length);
  });

  it('tells where a window capped at n papers starts, and a capped index holds just those papers', async () => {
    const dates = [...recent, ...old].map((p) => p.publishedAt!.getTime()).sort((a, b) => b - a);
    for (const n of [0, 10, 39, recent.length + old.length - 1]) expect((await stores.archive!.dateAfterNewest!(n))?.getTime()).toBe(dates[n]);
    expect(await stores.archive!.dateAfterNewest!(recent.length + old.length)).toBeNull();
    // Ten newest: papers of one day stay together, so the window holds those dated after the 11th.
    const held = dates.filter((d) => d > dates[10]!).length;
    const capped = createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30, hotMax: 10, now: () => NOW, snapshots: memorySnapshotStore() });
    expect((await capped.ready()).papers).toBe(held);
    // The rest of the window is the archive's: every recent paper is still found.
    expect(items(await capped.search('language', { limit: 50 })).filter((h) => h.arxivId.startsWith('2611.')).length).toBe(recent.length);
  });

  it('answers queries about recent papers exactly as an index of every paper does', async () => {
    const all = everything();
    const hot = windowed();
    const queries = ['mamba', 'selective scan', 'mamb', 'hippo duality kernel', '"mamba state"', 'mamba cat:cs.LG', 'author:gu hardware', 'state space since:2026-11-20'];
    for (const q of queries) {
      const want = await all.search(q, { limit: 10 });
      expect(items(want).length, q).toBeGreaterThan(0);
      // The papers and their scores; what is said of the words differs (only the window's service checks them against the database's words).
      expect(answer(await hot.search(q, { limit: 10 })), q).toEqual(answer(want));
    }
    // A word no stored paper has is searched as the stored word it is a typo of (both databases
    // list their words): the answer is the right spelling's.
    const typo = await hot.search('mamba selectve', { limit: 10 });
    const right = await all.search('mamba selective', { limit: 10 });
    expect(items(typo).length).toBeGreaterThan(0);
    expect(items(typo)).toEqual(items(right));
  });

  it('finds older papers in the database index, marked as archive hits', async () => {
    const hot = windowed();
    const [first] = items(await hot.search('attention vaswani'));
    expect(first).toMatchObject({ arxivId: '1706.03762', title: 'Attention Is All You Need', archive: true, match: {}, url: 'https://arxiv.org/abs/1706.03762' });
    expect(first!.score).toBeGreaterThan(0);
    expect(first!.date?.getTime()).toBe(day(900).getTime());
    // Word beginnings as in MiniSearch's second pass; filters with MiniSearch's meaning.
    expect(items(await hot.search('transduc')).map((i) => i.arxivId)).toEqual(['1706.03762']);
    expect(items(await hot.search('author:vaswani')).map((i) => i.arxivId)).toEqual(['1706.03762']);
    // Only common words beside a filter are searched as typed: PostgreSQL's english tsquery drops
    // them all, and an empty tsquery matches no paper.
    expect(items(await hot.search('the author:vaswani')).map((i) => i.arxivId)).toEqual(['1706.03762']);
    // Names fold in the database as in memory: accents, Ł, ø, ß, either case.
    for (const q of ['author:Pelissier', 'author:Pélissier', 'author:lukasz', 'author:"Łukasz Müller"', 'author:muller', 'author:jorgen', 'author:strasse', 'accents author:pelissier', 'author:nguyen', 'author:Nguyễn', 'author:stefan', 'author:turcanu', 'author:zoé', 'author:"zoe decomposed"']) {
      expect(items(await hot.search(q)).map((i) => i.arxivId), q).toEqual(['1805.00001']);
    }
    // Words fold as the index folds them, on both databases: Latin accents off, the marks of
    // other scripts kept (Devanagari vowel signs, the breve of Cyrillic 'й').
    for (const q of ['Café', 'cafe', 'CAFE', 'naïve', 'naive', 'NAI\u0308VE', 'Сергей', 'Ελληνικά', 'हिन्दी', 'कोड', 'เครื่อง', 'author:कुमार', 'author:Сергей', 'author:иванов']) {
      expect(items(await hot.search(q)).map((i) => i.arxivId), q).toEqual(['1805.00002']);
    }
    // Names are words of the text too: 'muller' finds Müller, 'nguyen' Nguyễn, 'stefan' Ștefan.
    for (const q of ['muller', 'MÜLLER', 'nguyen', 'stefan', 'zoe']) expect(items(await hot.search(q)).map((i) => i.arxivId), q).toEqual(['1805.00001']);
    for (const q of ['author:कमर', 'कड', 'हन्द']) expect(items(await hot.search(q)), q).toEqual([]);
    // 'Сергеи' is not 'Сергей' folded (the breve is kept): the paper is found only as a typo of
    // it, and the answer says so (PostgreSQL too, which forgave no typo in the archive before).
    const slip = await hot.search('Сергеи');
    expect(slip.status === 'ok' ? slip.notes.corrected : null).toEqual([{ typed: 'сергеи', searched: 'сергей' }]);
    expect(items(slip).map((i) => i.arxivId)).toEqual(['1805.00002']);
    expect(items(await hot.search('networks cat:cs.CV author:"old author 1"')).every((i) => i.archive && Number(i.arxivId.slice(5)) % 2 === 1)).toBe(true);
    expect(items(await hot.search('networks since:2026-12-01'))).toEqual([]);
  });

  it('merges by tier, then by score: every-word archive hits before some-word hot hits', async () => {
    const hot = windowed();
    // "language" is in both; only archive papers also say "lstm".
    const both = items(await hot.search('lstm language', { limit: 6 }));
    expect(both.length).toBeGreaterThan(0);
    expect(both[0]!.archive).toBe(true);
    // No paper has both words: some-word hits of both sides, best first on the window's scale,
    // when the window cannot fill the page alone ...
    const mixed = items(await hot.search('mamba pooling', { limit: 100 }));
    expect(mixed.some((i) => i.archive) && mixed.some((i) => !i.archive)).toBe(true);
    const scores = mixed.map((i) => i.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]! * 1.001);
    // ... and when it could fill it alone: the best of the longer answer lead the page, whichever
    // side holds them. (The archive's candidates are the database's own best `limit`: past the first,
    // PostgreSQL's ts_rank may offer others than a longer page finds.)
    const page = items(await hot.search('mamba pooling', { limit: 6 }));
    // (Where the store counts the papers the words reach: SQLite. PostgreSQL keeps the window's page.)
    if (!stores.archive?.prefixCounts) expect(page.every((i) => !i.archive)).toBe(true);
    else expect(page.slice(0, 3).map((i) => i.arxivId)).toEqual(mixed.slice(0, 3).map((i) => i.arxivId));
    // Filters alone: newest first, the window before the archive.
    const listed = items(await hot.search('cat:cs.LG', { limit: 100 }));
    const times = listed.map((i) => i.date!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(listed.some((i) => i.archive) && listed.some((i) => !i.archive)).toBe(true);
  });

  it('asks the archive for every page while papers lie outside the window (SQLite); on a fresh database only to fill one', async () => {
    const asked: string[] = [];
    const archive: ArchiveSearch = { ...stores.archive!, search: (a) => (asked.push(a.match), stores.archive!.search(a)) };
    const hot = createSearchService({ papers: stores.papers, archive, hotDays: 30, now: () => NOW, snapshots: memorySnapshotStore() });
    expect(items(await hot.search('language', { limit: 5 })).length).toBe(5);
    expect(items(await hot.search('"language model"', { limit: 5 })).length).toBe(5);
    // Where the store counts the papers a query's words reach (SQLite), few enough to rank each time.
    expect(asked).toEqual(stores.archive!.prefixCounts ? ['all', 'all'] : []);
    // Every paper within the window (as on a fresh database): the window's full page stands, unasked.
    asked.length = 0;
    const whole = createSearchService({ papers: stores.papers, archive, hotDays: 5000, now: () => NOW, snapshots: memorySnapshotStore() });
    expect(items(await whole.search('"language model"', { limit: 5 })).length).toBe(5);
    expect(items(await whole.search('language', { limit: 5 })).length).toBe(5);
    expect(asked).toEqual([]);
    // A page of 70 needs more than the window's papers with the word: asked.
    expect(items(await whole.search('networks language', { limit: 70 })).length).toBeGreaterThan(40);
    expect(asked.length).toBeGreaterThan(0);
  });

  it('moves the window with time: papers that age out are answered by the archive, and the snapshot still fits', async () => {
    const clock = { t: NOW };
    const snapshots = memorySnapshotStore();
    const hot = windowed(clock, snapshots);
    await hot.ready();
    await hot.persist();
    clock.t = NOW + 20 * DAY;
    const mamba = items(await hot.search('mamba', { limit: 40 }));
    expect(mamba.length).toBe(recent.filter((p) => p.title.includes('mamba') || p.abstract!.includes('mamba')).length);
    expect(mamba.some((i) => i.archive) && mamba.some((i) => !i.archive)).toBe(true);
    for (const i of mamba) expect(i.archive === true, i.arxivId).toBe(i.date!.getTime() < clock.t - 30 * DAY);
    const reopened = await windowed(clock, snapshots).ready();
    expect(reopened.source).toBe('snapshot');
    expect(reopened.papers).toBe(recent.filter((p) => p.publishedAt!.getTime() >= Math.floor((clock.t - 30 * DAY) / 3_600_000) * 3_600_000).length);
  });

  it('keeps the database index in step with paper writes', async () => {
    await stores.papers.upsertMany([{ ...old[5]!, title: 'Quokka networks revisited', source: 'arxiv' }], new Date(NOW));
    const hot = windowed();
    expect(items(await hot.search('quokka')).map((i) => i.arxivId)).toEqual([old[5]!.arxivId]);
    expect(items(await hot.search(`"${old[5]!.title}"`)).map((i) => i.arxivId)).not.toContain(old[5]!.arxivId);
  });

  it('works the same from the search worker of the service (archive queries served by the main thread)', async () => {
    const worker = createWorkerSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30 });
    try {
      // The worker runs on the real clock: all the old papers are out of its window, whatever the date.
      expect((await worker.ready()).papers).toBeLessThanOrEqual(recent.length);
      expect(items(await worker.search('attention vaswani'))[0]).toMatchObject({ arxivId: '1706.03762', archive: true });
    } finally {
      await worker.close();
    }
  });

  it('takes hostile queries as words, never as query syntax', async () => {
    const hot = windowed();
    for (const q of ['"', 'NEAR(lstm pooling)', 'lstm* OR pooling:', "'; DROP TABLE \"Paper\"; --", 'title:lstm', '@everyone <b>lstm</b>', 'lstm & | ! <-> :*', 'x'.repeat(480), '%_\\ author:%']) {
      const r = await hot.search(q);
      expect(r.status === 'ok' || r.status === 'invalid', q).toBe(true);
    }
    expect(items(await hot.search('NEAR(lstm pooling)')).length).toBeGreaterThan(0);
    expect(items(await hot.search('author:%')).length).toBe(0);
  });
});
