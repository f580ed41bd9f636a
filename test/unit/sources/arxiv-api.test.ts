import { describe, expect, it } from 'vitest';
import { buildArxivQuery, createArxivApiSource, parseArxivFeed } from '../../../src/sources/arxiv-api.js';
import { UpstreamError, ParseError } from '../../../src/net/errors.js';
import { createThrottle } from '../../../src/net/throttle.js';
import type { HttpClient } from '../../../src/net/http.js';
import { fixture } from './fixtures.js';

describe('arXiv API mapping', () => {
  it('maps ids with versions, primary category first, pdf link, cleaned text', () => {
    const { papers, total } = parseArxivFeed(fixture('arxiv-api.atom.xml'), null);
    expect(total).toBe(2);
    const [bitnet, old] = papers;
    expect(bitnet).toMatchObject({
      arxivId: '2411.04965',
      version: 2,
      source: 'arxiv',
      title: 'BitNet a4.8: 4-bit Activations for 1-bit LLMs',
      authors: ['Hongyu Wang', 'Shuming Ma', 'Furu Wei'],
      categories: ['cs.CL', 'cs.LG'],
      pdfUrl: 'https://arxiv.org/pdf/2411.04965v2',
      absUrl: 'https://arxiv.org/abs/2411.04965',
    });
    expect(bitnet!.abstract).toBe('Recent research on the 1-bit Large Language Models (LLMs), such as BitNet b1.58, presents a promising direction & a way to cut the inference cost of LLMs.');
    expect(bitnet!.publishedAt?.toISOString()).toBe('2024-11-07T17:36:42.000Z');
    expect(old).toMatchObject({ arxivId: 'cs/9901001', version: 1, authors: ['Claude Shannon'] });
  });

  it('treats the single Error entry as an error, not a paper', () => {
    expect(() => parseArxivFeed(fixture('arxiv-api-error.atom.xml'), 'http://a/query')).toThrow(/rejected the query: incorrect id format for 1234.12345v/);
  });

  it('treats "Rate exceeded." as a retryable upstream error', () => {
    try {
      parseArxivFeed('Rate exceeded.', 'http://a/query');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).retryable).toBe(true);
    }
  });

  it('rejects HTML error pages and truncated XML with ParseError', () => {
    expect(() => parseArxivFeed('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', 'http://a')).toThrow(/HTML page \("502 Bad Gateway"\)/);
    const truncated = fixture('arxiv-api.atom.xml').slice(0, 1500);
    expect(() => parseArxivFeed(truncated, 'http://a')).toThrow(ParseError);
  });

  it('builds the date-window query across categories', () => {
    expect(buildArxivQuery(['cs.CL'], '2026-11-27')).toBe('cat:cs.CL AND submittedDate:[202611270000 TO 202611272359]');
    expect(buildArxivQuery(['cs.CL', 'cs.SD'], '2026-11-27')).toBe('(cat:cs.CL OR cat:cs.SD) AND submittedDate:[202611270000 TO 202611272359]');
    // The API indexes categories, not archives: an archive is asked as its categories.
    expect(buildArxivQuery(['math', 'hep-th'], '2026-11-27')).toBe('(cat:math.* OR cat:hep-th) AND submittedDate:[202611270000 TO 202611272359]');
  });
});

describe('arXiv API paging and spacing', () => {
  function entry(n: number): string {
    return `<entry><id>http://arxiv.org/abs/2611.${String(n).padStart(5, '0')}v1</id><title>T${n}</title><summary>S</summary><published>2026-11-27T10:00:00Z</published><author><name>A</name></author></entry>`;
  }
  function feed(entries: number[], total: number): string {
    return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><opensearch:totalResults>${total}</opensearch:totalResults>${entries.map(entry).join('')}</feed>`;
  }

  it('pages with start/max_results and waits the configured interval between requests', async () => {
    const urls: string[] = [];
    const http: HttpClient = {
      async getText(url) {
        urls.push(url);
        const start = Number(new URL(url).searchParams.get('start'));
        const body = start === 0 ? feed([1, 2], 3) : feed([3], 3);
        return { url, status: 200, contentType: 'application/atom+xml', text: body };
      },
      async getJson() {
        throw new Error('unused');
      },
    };
    const waits: number[] = [];
    let t = 0;
    const throttle = createThrottle(3000, { now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)) });
    const source = createArxivApiSource({ baseUrl: 'http://arxiv.test/api', http, throttle, defaultCategories: ['cs.CL'], pageSize: 2 });
    const [unit] = source.units({ from: '2026-11-27', to: '2026-11-27' });
    const papers = await source.fetchUnit(unit!);
    expect(papers.map((p) => p.arxivId)).toEqual(['2611.00001', '2611.00002', '2611.00003']);
    expect(urls.map((u) => new URL(u).searchParams.get('start'))).toEqual(['0', '2']);
    expect(new URL(urls[0]!).searchParams.get('search_query')).toBe('cat:cs.CL AND submittedDate:[202611270000 TO 202611272359]');
    expect(waits).toEqual([3000]);
  });
});
