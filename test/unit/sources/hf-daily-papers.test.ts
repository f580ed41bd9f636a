import { describe, expect, it } from 'vitest';
import { createHfDailyPapersSource, mapHfPage } from '../../../src/sources/hf-daily-papers.js';
import { ParseError } from '../../../src/net/errors.js';
import { normalizeInput } from '../../../src/core/papers/merge.js';
import { MAX_ABSTRACT_CHARS } from '../../../src/core/papers/normalize.js';
import type { HttpClient } from '../../../src/net/http.js';
import { fixture } from './fixtures.js';

describe('HF daily papers mapping', () => {
  const page = JSON.parse(fixture('hf-daily-papers.json')) as unknown[];

  it('maps popularity, ai_* fields, links, dates and keeps hidden authors', () => {
    const { papers } = mapHfPage(page, null);
    const bitnet = papers.find((p) => p.arxivId === '2411.04965')!;
    expect(bitnet).toMatchObject({
      source: 'hf',
      title: 'BitNet a4.8: 4-bit Activations for 1-bit LLMs',
      authors: ['Hongyu Wang', 'Shuming Ma', 'Furu Wei'],
      upvotes: 42,
      commentCount: 3,
      githubRepo: 'https://github.com/microsoft/unilm',
      projectPage: 'https://aka.ms/GeneralAI',
      aiSummary: 'BitNet a4.8 uses 4-bit activations for 1-bit LLMs to cut inference cost.',
      aiKeywords: ['1-bit LLMs', 'BitNet', 'quantization', 'sparsification'],
    });
    expect(bitnet.publishedAt?.toISOString()).toBe('2024-11-07T17:36:42.000Z');
    expect(bitnet.announcedAt?.toISOString()).toBe('2024-11-08T01:23:45.678Z');
  });

  it('skips withdrawn papers and says why', () => {
    const { papers, skipped } = mapHfPage(page, null);
    expect(papers.map((p) => p.arxivId)).toEqual(['2411.04965', '2411.05001']);
    expect(skipped.join(' ')).toContain('2411.05002 was withdrawn');
  });

  it('maps a paper without extras to empty optional fields', () => {
    const p = mapHfPage(page, null).papers.find((x) => x.arxivId === '2411.05001')!;
    expect(p.abstract).toBe('');
    expect(p.githubRepo).toBeNull();
    expect(p.aiSummary).toBeNull();
    expect(p.aiKeywords).toEqual([]);
  });

  it("leaves hostile text to the store's normaliser, which bounds and cleans it", () => {
    const hostile = [{ paper: { id: '2411.00001', title: `\u0007Bad\u202E ${'x'.repeat(10_000)}`, summary: 'a\u0000b', authors: [{ name: '@everyone' }] } }];
    const [p] = mapHfPage(hostile, null).papers.map(normalizeInput);
    expect(p!.title.startsWith('Bad x')).toBe(true);
    expect(Array.from(p!.title).length).toBeLessThanOrEqual(1000);
    expect(p!.abstract).toBe('ab');
  });

  it('rejects a body that is not an array, naming the error', () => {
    expect(() => mapHfPage({ error: 'Invalid date' }, 'http://x/api')).toThrow(/JSON array of daily papers: Invalid date/);
    expect(() => mapHfPage('nope', null)).toThrow(ParseError);
  });

  it('skips items that are not daily-papers items without losing the rest', () => {
    const { papers, skipped } = mapHfPage([{ nope: 1 }, page[0]], null);
    expect(papers).toHaveLength(1);
    expect(skipped[0]).toMatch(/^item 0: not a daily-papers item/);
  });
});

describe('HF daily papers paging', () => {
  function fakeHttp(pages: unknown[][]): HttpClient & { urls: string[] } {
    const urls: string[] = [];
    return {
      urls,
      async getText(url: string) {
        urls.push(url);
        const p = Number(new URL(url).searchParams.get('p'));
        return { url, status: 200, contentType: 'application/json', text: JSON.stringify(pages[p] ?? []) };
      },
      async getJson() {
        throw new Error('unused');
      },
    };
  }
  const item = (id: string) => ({ paper: { id, title: `T ${id}`, summary: 's', authors: [] } });

  it('follows pages until a short page and de-duplicates overlaps', async () => {
    const http = fakeHttp([[item('2411.00001'), item('2411.00002')], [item('2411.00002'), item('2411.00003')], [item('2411.00004')]]);
    const source = createHfDailyPapersSource({ baseUrl: 'http://hf.test/api/', http, pageSize: 2 });
    const papers = await source.fetchUnit({ label: '2026-11-27', params: { date: '2026-11-27' } });
    expect(papers.map((p) => p.arxivId)).toEqual(['2411.00001', '2411.00002', '2411.00003', '2411.00004']);
    expect(http.urls).toEqual([0, 1, 2].map((p) => `http://hf.test/api/daily_papers?date=2026-11-27&limit=2&p=${p}`));
  });

  it('digests the raw pages: the same bytes give the same digest, any change another, before mapping', async () => {
    const pages: unknown[][] = [[item('2411.00001'), item('2411.00002')], [item('2411.00003')]];
    const source = createHfDailyPapersSource({ baseUrl: 'http://hf.test/api', http: fakeHttp(pages), pageSize: 2 });
    const unit = { label: '2026-11-27', params: { date: '2026-11-27' } };
    const a = await source.fetchRaw!(unit);
    const b = await source.fetchRaw!(unit);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
    pages[1] = [{ paper: { ...item('2411.00003').paper, upvotes: 7 } }];
    const c = await source.fetchRaw!(unit);
    expect(c.digest).not.toBe(a.digest);
    expect((await c.parse()).papers.map((p) => p.upvotes)).toEqual([undefined, undefined, 7]);
  });

  it('given last run\'s page count, fetches that many pages undecoded; parse follows on when the day grew', async () => {
    const pages: unknown[][] = [[item('2411.00001'), item('2411.00002')], [item('2411.00003')]];
    const http = fakeHttp(pages);
    const source = createHfDailyPapersSource({ baseUrl: 'http://hf.test/api', http, pageSize: 2 });
    const unit = { label: '2026-11-27', params: { date: '2026-11-27' } };
    const plain = await (await source.fetchRaw!(unit)).parse();
    expect(plain).toMatchObject({ parts: 2 });
    http.urls.length = 0;
    const hinted = await source.fetchRaw!(unit, undefined, plain.parts);
    expect(hinted.digest).toBe(plain.digest);
    expect(http.urls).toHaveLength(2);
    // The day grew: page 1 is full now and page 2 exists; the hinted pages are not fetched again.
    pages[1] = [item('2411.00003'), item('2411.00004')];
    pages[2] = [item('2411.00005')];
    http.urls.length = 0;
    const grown = await source.fetchRaw!(unit, undefined, 2);
    expect(grown.digest).not.toBe(plain.digest);
    const parsed = await grown.parse();
    expect(parsed.papers.map((p) => p.arxivId)).toEqual(['2411.00001', '2411.00002', '2411.00003', '2411.00004', '2411.00005']);
    expect(parsed.parts).toBe(3);
    expect(http.urls.map((u) => new URL(u).searchParams.get('p'))).toEqual(['0', '1', '2']);
    expect(parsed.digest).toBe((await (await source.fetchRaw!(unit)).parse()).digest);
    // It shrank to one short page: the extra page fetched is dropped.
    pages[0] = [item('2411.00001')];
    const shrunk = await (await source.fetchRaw!(unit, undefined, 3)).parse();
    expect(shrunk).toMatchObject({ parts: 1 });
    expect(shrunk.papers.map((p) => p.arxivId)).toEqual(['2411.00001']);
  });

  it('makes one unit per day of the window', () => {
    const source = createHfDailyPapersSource({ baseUrl: 'http://hf.test/api', http: fakeHttp([]) });
    expect(source.units({ from: '2026-02-27', to: '2026-03-01' }).map((u) => u.label)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});

describe('HF daily papers against a server that ignores paging', () => {
  it('stops when a full page brings nothing new', async () => {
    const urls: string[] = [];
    const page = [0, 1].map((i) => ({ paper: { id: `2411.0000${i}`, title: 'T', authors: [] } }));
    const http: HttpClient = {
      async getText(url: string) {
        urls.push(url);
        return { url, status: 200, contentType: 'application/json', text: JSON.stringify(page) };
      },
      async getJson() {
        throw new Error('unused');
      },
    };
    const source = createHfDailyPapersSource({ baseUrl: 'http://hf.test/api', http, pageSize: 2 });
    expect(await source.fetchUnit({ label: '2026-11-27', params: { date: '2026-11-27' } })).toHaveLength(2);
    expect(urls).toHaveLength(2);
  });
});

describe('HF daily papers: what the API really sends now and then', () => {
  it('a paper with null fields keeps what it has; others on the page are untouched', () => {
    const odd = [
      { paper: { id: '2411.00002', title: null, summary: null, authors: null, publishedAt: null, upvotes: null, ai_keywords: null, ai_summary: null, githubRepo: null, projectPage: null }, title: 'Top-level title', summary: 'Top-level summary', numComments: null },
      { paper: { id: null, title: 'No id' } },
      { paper: { id: 2411.1, title: 'Numeric id' } },
      { paper: { id: '2411.00004', title: 'Fine', summary: 's', authors: [{ name: 'Ada' }] } },
    ];
    const { papers, skipped } = mapHfPage(odd, null);
    expect(papers.map((p) => [p.arxivId, p.title, p.abstract, p.authors, p.upvotes, p.aiKeywords, p.githubRepo])).toEqual([
      ['2411.00002', 'Top-level title', 'Top-level summary', [], undefined, [], null],
      ['2411.00004', 'Fine', 's', ['Ada'], undefined, [], null],
    ]);
    expect(skipped).toEqual(['item 1: paper.id is missing', 'item 2: paper.id is 2411.1, not a string']);
  });

  it('authors without a name are passed over, a name given as a plain string or under user.fullname is kept', () => {
    const authors = [{ _id: 'a0' }, { name: null, hidden: true }, 'Grace Hopper', { name: '  ' }, { _id: 'a4', user: { fullname: 'Alan Turing', user: 'aturing' } }, { name: 'Ada Lovelace', hidden: true }];
    const [p] = mapHfPage([{ paper: { id: '2411.00005', title: 'T', authors } }], null).papers;
    expect(p!.authors).toEqual(['Grace Hopper', 'Alan Turing', 'Ada Lovelace']);
  });

  it('a huge summary is bounded by the normaliser; HTML in a title stays as written (HF titles are plain text)', () => {
    const [p] = mapHfPage([{ paper: { id: '2411.00006', title: 'Attention &amp; <i>Transformers</i>', summary: 'word '.repeat(200_000) } }], null).papers.map(normalizeInput);
    expect(p!.title).toBe('Attention &amp; <i>Transformers</i>');
    expect(p!.abstract!.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS);
  });

  it('an error object with status 200 is named, whatever shape its error takes', () => {
    expect(() => mapHfPage({ error: 'Rate limit reached' }, 'http://x/api')).toThrow('expected a JSON array of daily papers: Rate limit reached');
    expect(() => mapHfPage({ error: { message: 'Invalid date', code: 400 } }, 'http://x/api')).toThrow('expected a JSON array of daily papers: Invalid date');
    expect(() => mapHfPage({ message: 'Internal Error' }, 'http://x/api')).toThrow('expected a JSON array of daily papers: Internal Error');
    expect(() => mapHfPage({ error: ['a', 'b'] }, 'http://x/api')).toThrow('expected a JSON array of daily papers: ["a","b"]');
  });
});
