/**
 * With papers outside the window, the archive is asked for every page: an older paper matching
 * better than the window's belongs on it, whatever the page size. With none (a fresh database),
 * a page the window fills is the window's alone and the archive is not asked.
 */
import { describe, expect, it } from 'vitest';
import type { ArchiveHit, ArchiveQuery, ArchiveSearch } from '../../../src/core/search/archive-search.js';
import { mergeWithArchive } from '../../../src/core/search/merge-archive.js';
import { parseQuery, type ParsedQuery } from '../../../src/core/search/query-parser.js';
import type { IndexHit, MatchTier } from '../../../src/core/search/search-index.js';

const q = (raw: string): ParsedQuery => {
  const r = parseQuery(raw);
  if (!r.ok) throw new Error(r.error);
  return r.query;
};
const hit = (id: string): IndexHit => ({ arxivId: id, title: id, score: 1, date: null, upvotes: null, match: {} });
const hots = (n: number) => Array.from({ length: n }, (_, i) => hit(`hot${i}`));

function fakeArchive(answers: Partial<Record<ArchiveQuery['match'], string[]>> = {}) {
  const asked: Array<ArchiveQuery['match']> = [];
  const words: Array<readonly string[]> = [];
  const archive: ArchiveSearch = {
    async search(a) {
      asked.push(a.match);
      words.push(a.words);
      return (answers[a.match] ?? []).map((id): ArchiveHit => ({ arxivId: id, title: id, score: 1, date: null, upvotes: null }));
    },
    countFrom: async () => 0,
  };
  return { archive, asked, words };
}

const merge = (archive: ArchiveSearch, raw: string, hits: IndexHit[], tier: MatchTier, limit: number, everyPage = false) =>
  mergeWithArchive(archive, q(raw), { hits, tier, more: [] }, { before: new Date('2026-11-01'), limit, everyPage });
const ids = (hs: IndexHit[]) => hs.map((h) => h.arxivId);

describe('merge with the archive: the words it is asked for', () => {
  it('are the ones the window searched: common words beside telling ones left out', async () => {
    const { archive, words } = fakeArchive();
    await merge(archive, 'benchmark of the codec', [], 'none', 10);
    expect(words).toEqual([['benchmark', 'codec'], ['benchmark', 'codec']]);
  });
});

describe('merge with the archive: no paper outside the window, a page the window fills is its own', () => {
  it('every word matched by a full page of the window: the archive is not asked', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'] });
    expect(ids(await merge(archive, 'diffusion models', hots(10), 'all', 10))).toEqual(ids(hots(10)));
    expect(asked).toEqual([]);
  });

  it('a window short of a page still interleaves the archive, rank by rank', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0', 'old1'] });
    expect(ids(await merge(archive, 'diffusion models', hots(3), 'all', 10))).toEqual(['hot0', 'old0', 'hot1', 'old1', 'hot2']);
    // Five every-word papers do not fill the page: some-word ones are asked for to follow them.
    expect(asked).toEqual(['all', 'any']);
  });

  it('every-word papers short of a page are followed by some-word papers of both sides, the window\'s first', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'], any: ['old0', 'old1'] });
    const got = await mergeWithArchive(archive, q('diffusion models'), { hits: hots(1), tier: 'all', more: [hit('some0')] }, { before: new Date('2026-11-01'), limit: 10 });
    expect(ids(got)).toEqual(['hot0', 'old0', 'some0', 'old1']);
    expect(asked).toEqual(['all', 'any']);
    // The window's some-word papers filling the page: the archive's are not asked for.
    const full = fakeArchive({ all: ['old0'], any: ['old1'] });
    const page = await mergeWithArchive(full.archive, q('diffusion models'), { hits: hots(1), tier: 'all', more: [hit('some0'), hit('some1')] }, { before: new Date('2026-11-01'), limit: 4 });
    expect(ids(page)).toEqual(['hot0', 'old0', 'some0', 'some1']);
    expect(full.asked).toEqual(['all']);
  });

  it('filters only, a full page of the window: the archive (all older) is not asked', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'] });
    expect(ids(await merge(archive, 'cat:cs.LG', hots(5), 'filter', 5))).toEqual(ids(hots(5)));
    expect(asked).toEqual([]);
  });

  it('some words matched by a full page: every-word archive papers still come first, some-word ones are not asked for', async () => {
    const both = fakeArchive({ all: ['old0'], any: ['old1'] });
    expect(ids(await merge(both.archive, 'lstm language', hots(4), 'any', 4))).toEqual(['old0', ...ids(hots(4))]);
    expect(both.asked).toEqual(['all']);
    const some = fakeArchive({ any: ['old1'] });
    expect(ids(await merge(some.archive, 'lstm language', hots(4), 'any', 4))).toEqual(ids(hots(4)));
    expect(some.asked).toEqual(['all']);
  });

  it('phrase queries always ask (the window\'s hits are checked against the text afterwards)', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'] });
    expect(ids(await merge(archive, '"neural audio codec"', hots(10), 'all', 10))).toContain('old0');
    expect(asked).toEqual(['all']);
  });

  it('so do queries leaving a word out: the window\'s hits may all have it', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'], any: ['old1'] });
    expect(ids(await merge(archive, 'diffusion -image', hots(10), 'all', 10))).toContain('old0');
    expect(asked).toEqual(['all']);
    const some = fakeArchive({ all: ['old0'], any: ['old1'] });
    const got = await mergeWithArchive(some.archive, q('diffusion models -image'), { hits: hots(1), tier: 'all', more: hots(12).slice(1) }, { before: new Date('2026-11-01'), limit: 10 });
    expect(ids(got)).toContain('old1');
    expect(some.asked).toEqual(['all', 'any']);
  });
});

describe('merge with the archive: papers outside the window, asked for every page', () => {
  const scored = (id: string, score: number): IndexHit => ({ ...hit(id), score });
  const rescore = async (hs: IndexHit[]) => hs.map((h) => ({ ...h, score: 100 }));
  const opts = { before: new Date('2026-11-01'), limit: 3, everyPage: true, rescore };

  it('every word matched by a full page of the window: a better archive paper leads it', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'] });
    const got = await mergeWithArchive(archive, q('diffusion models'), { hits: [scored('hot0', 50), scored('hot1', 40), scored('hot2', 30)], tier: 'all', more: [] }, opts);
    expect(ids(got).slice(0, 2)).toEqual(['old0', 'hot0']);
    // The every-word papers fill the page: the some-word ones are not asked for.
    expect(asked).toEqual(['all']);
  });

  it('"a or b" and some-word pages ask too, and the rest join on one scale', async () => {
    const any = fakeArchive({ any: ['old1'] });
    const got = await mergeWithArchive(any.archive, q('lstm or language'), { hits: [scored('hot0', 50), scored('hot1', 40), scored('hot2', 30)], tier: 'any', more: [] }, opts);
    expect(ids(got)[0]).toBe('old1');
    expect(any.asked).toEqual(['any']);
    // The database's every word is exact words: a typo the window took counts as some words there.
    const some = fakeArchive({ any: ['old1'] });
    const page = await mergeWithArchive(some.archive, q('lstm language'), { hits: [scored('hot0', 50), scored('hot1', 40), scored('hot2', 30)], tier: 'any', more: [] }, opts);
    expect(ids(page)[0]).toBe('old1');
    expect(some.asked).toEqual(['all', 'any']);
  });

  it('filters only: still the window\'s newest, the archive (all older) not asked', async () => {
    const { archive, asked } = fakeArchive({ all: ['old0'] });
    expect(ids(await merge(archive, 'cat:cs.LG', hots(5), 'filter', 5, true))).toEqual(ids(hots(5)));
    expect(asked).toEqual([]);
  });
});

describe('merge with the archive: one scale', () => {
  const scored = (id: string, score: number): IndexHit => ({ ...hit(id), score });
  // The window's scale for archive hits: here the reverse of the archive's own order.
  const rescore = async (hs: IndexHit[]) => hs.map((h, i) => ({ ...h, score: 10 + i })).reverse();

  it('archive hits scored on the window\'s scale are merged with the window\'s best first', async () => {
    const { archive } = fakeArchive({ all: ['old0', 'old1'] });
    const got = await mergeWithArchive(archive, q('diffusion models'), { hits: [scored('hot0', 10.5), scored('hot1', 1)], tier: 'all', more: [] }, { before: new Date('2026-11-01'), limit: 10, rescore });
    expect(got.map((h) => [h.arxivId, h.score])).toEqual([['old1', 11], ['hot0', 10.5], ['old0', 10], ['hot1', 1]]);
  });

  it('with nothing from the window the archive\'s answer is its own, in its order', async () => {
    const { archive } = fakeArchive({ all: ['old0', 'old1'] });
    const got = await mergeWithArchive(archive, q('diffusion models'), { hits: [], tier: 'none', more: [] }, { before: new Date('2026-11-01'), limit: 10, rescore });
    expect(ids(got)).toEqual(['old0', 'old1']);
  });
});
