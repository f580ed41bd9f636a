import { describe, expect, it } from 'vitest';
import { createArxivRssSource, parseArxivRss, splitCreators, stripAnnouncePrefix } from '../../../src/sources/arxiv-rss.js';
import type { HttpClient } from '../../../src/net/http.js';
import { fixture } from './fixtures.js';

describe('arXiv RSS listing mapping', () => {
  const papers = parseArxivRss(fixture('arxiv-rss.atom.xml'), null);

  it('maps new and cross announcements to papers', () => {
    const codec = papers.find((p) => p.arxivId === '2508.13426')!;
    expect(codec).toMatchObject({
      source: 'rss',
      version: 1,
      title: 'Neural Audio Codecs for Low-Resource Speech',
      abstract: 'We study neural audio codecs for languages with little data.',
      authors: ['Jane Doe', 'John Smith', 'Li Wei'],
      categories: ['cs.SD', 'cs.CL', 'eess.AS'],
    });
    expect(codec.updateOnly).toBeUndefined();
    expect(codec.announcedAt?.toISOString()).toBe('2025-08-20T04:00:00.000Z');
    expect(papers.find((p) => p.arxivId === '2508.13500')?.updateOnly).toBeUndefined();
  });

  it('marks replace and replace-cross as update-only', () => {
    expect(papers.find((p) => p.arxivId === '2411.04965')).toMatchObject({ updateOnly: true, version: 3 });
    expect(papers.find((p) => p.arxivId === '2401.00001')).toMatchObject({ updateOnly: true, version: 4 });
  });

  it('strips the announce preamble and splits dc:creator', () => {
    expect(stripAnnouncePrefix('arXiv:2508.13426v1 Announce Type: replace-cross \nAbstract: Text here')).toBe('Text here');
    expect(splitCreators(['A One, B Two and C Three'])).toEqual(['A One', 'B Two', 'C Three']);
  });

  it('an empty listing (weekend) is no papers, not an error', () => {
    const empty = `<?xml version='1.0' encoding='UTF-8'?><feed xmlns="http://www.w3.org/2005/Atom"><id>http://rss.arxiv.org/atom/cs.CL</id><title>cs.CL updates on arXiv.org</title></feed>`;
    expect(parseArxivRss(empty, null)).toEqual([]);
  });

  it('requests one listing for all categories joined with +', async () => {
    const urls: string[] = [];
    const http: HttpClient = {
      async getText(url) {
        urls.push(url);
        return { url, status: 200, contentType: 'application/atom+xml', text: fixture('arxiv-rss.atom.xml') };
      },
      async getJson() {
        throw new Error('unused');
      },
    };
    const source = createArxivRssSource({ baseUrl: 'http://rss.test/', http, defaultCategories: ['cs.AI'] });
    const units = source.units({ from: '2026-11-27', to: '2026-11-27', categories: ['cs.CL', 'cs.SD'] });
    expect(units.map((u) => u.label)).toEqual(['http://rss.test/atom/cs.CL+cs.SD']);
    expect(await source.fetchUnit(units[0]!)).toHaveLength(4);
    expect(urls).toEqual(['http://rss.test/atom/cs.CL+cs.SD']);
  });
});
