import { describe, expect, it } from 'vitest';
import { feedItemId, feedUrls, parseFeed } from '../../../src/sources/feed.js';
import { ParseError } from '../../../src/net/errors.js';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { fixture } from './fixtures.js';

describe('RSS 2.0 / Atom feeds', () => {
  it('gives arXiv links their arXiv id and strips HTML from descriptions', () => {
    const papers = parseFeed(fixture('feed-rss2.xml'), null);
    expect(papers).toHaveLength(2);
    expect(papers[0]).toMatchObject({
      arxivId: '2508.13426',
      // A post about the paper: its link's version is not one the paper's own sources said.
      version: null,
      mention: true,
      source: 'feed',
      title: 'Our new paper on codecs',
      abstract: 'We released codec results & code.',
      authors: ['Jane Doe', 'John Smith'],
      absUrl: 'https://arxiv.org/abs/2508.13426',
    });
    expect(papers[0]!.publishedAt?.toISOString()).toBe('2025-08-20T09:30:00.000Z');
  });

  it('gives other items a stable feed:<sha1(link)> id and no markup', () => {
    const [, blog] = parseFeed(fixture('feed-rss2.xml'), null);
    const link = 'https://blog.example.org/2025/08/workshop-notes';
    expect(blog!.arxivId).toBe(feedItemId(link));
    expect(blog!.arxivId).toMatch(/^feed:[0-9a-f]{40}$/);
    expect(blog!.absUrl).toBe(link);
    expect(blog!.pdfUrl).toBeNull();
    expect(blog!.title).toBe('Notes from the workshop & a demo');
    expect(blog!.abstract).toBe('Talks we liked. More here.');
  });

  it('reads Atom feeds, including html-typed titles', () => {
    const papers = parseFeed(fixture('feed-atom.xml'), null);
    expect(papers.map((p) => p.arxivId)).toEqual(['2508.20001', feedItemId('https://lab.example.org/retreat')]);
    expect(papers[0]).toMatchObject({ title: 'Preprint: Streaming ASR', abstract: 'Streaming speech recognition.', authors: ['Lab Member'] });
    expect(papers[1]!.abstract).toBe('We went hiking.');
  });

  it('rejects documents that are neither RSS nor Atom', () => {
    expect(() => parseFeed('<?xml version="1.0"?><opml><body/></opml>', 'http://f')).toThrow(ParseError);
    expect(() => parseFeed('{"json": true}', 'http://f')).toThrow(/JSON that is not a JSON Feed/);
  });

  it('splits several feed URLs from one request', () => {
    expect(feedUrls({ from: 'x', to: 'x', feedUrl: 'http://a/feed?x=1,2  http://b/atom' })).toEqual(['http://a/feed?x=1,2', 'http://b/atom']);
  });
});

describe('feed links that are not safe to click', () => {
  it('drops items whose only link is javascript:, and reads RSS 1.0 (RDF)', () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://j.example/rss"><title>Journal</title><link>https://j.example</link></channel>
  <item rdf:about="https://j.example/a1"><title>Article one</title><link>https://j.example/a1</link><dc:creator>X. Writer</dc:creator><dc:date>2025-08-01</dc:date></item>
  <item rdf:about="javascript:alert(1)"><title>Trap</title><link>javascript:alert(1)</link></item>
</rdf:RDF>`;
    const papers = parseFeed(rdf, null);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ title: 'Article one', absUrl: 'https://j.example/a1', authors: ['X. Writer'] });
  });

  it('takes a new-style arXiv id from a guid, an old-style shape only when the guid says arXiv', () => {
    const body = `<rss version="2.0"><channel>
      <item><title>A</title><link>https://papers.example/p/1</link><guid isPermaLink="false">2401.12345v2</guid></item>
      <item><title>B</title><link>https://news.example/b</link><guid isPermaLink="false">news/1234567</guid></item>
      <item><title>C</title><link>https://papers.example/p/3</link><guid isPermaLink="false">arXiv:hep-th/9901001</guid></item>
      <item><title>D</title><link>https://blog.example/p/4</link><guid isPermaLink="false">2024.00042</guid></item>
    </channel></rss>`;
    // '2024.00042' has no month 24: a blog's own numbering.
    expect(parseFeedPapers(body, null, '', 'feed').papers.map((p) => p.arxivId)).toEqual(['2401.12345', feedItemId('https://news.example/b'), 'hep-th/9901001', feedItemId('https://blog.example/p/4')]);
  });

  it('an entry linking to the feed\'s own page is told apart by its guid, and its id does not hang on the other entries', () => {
    const feed = (items: string) => `<rss version="2.0"><channel><link>https://ex.com/changelog</link>${items}</channel></rss>`;
    const a = '<item><title>A</title><link>https://ex.com/changelog</link><guid isPermaLink="false">a</guid></item>';
    const b = '<item><title>B</title><link>https://ex.com/changelog/</link><guid isPermaLink="false">b</guid></item>';
    const c = '<item><title>C</title><link>https://ex.com/posts/c</link><guid isPermaLink="false">c</guid></item>';
    const day1 = parseFeedPapers(feed(a + b + c), null, '', 'feed').papers;
    const day2 = parseFeedPapers(feed(b + c), null, '', 'feed').papers;
    expect(new Set(day1.map((p) => p.arxivId)).size).toBe(3);
    expect(day2.map((p) => p.arxivId)).toEqual(day1.slice(1).map((p) => p.arxivId));
    // An entry with a page of its own keeps the id of its link alone; an anchor is a page of its own.
    expect(day1[2]!.arxivId).toBe(feedItemId('https://ex.com/posts/c'));
    const anchored = parseFeedPapers(feed('<item><title>V2</title><link>https://ex.com/changelog#v2</link><guid isPermaLink="false">v2</guid></item>'), null, '', 'feed').papers;
    expect(anchored[0]!.arxivId).toBe(feedItemId('https://ex.com/changelog#v2'));
    // The home page named with another scheme or www. is the same page.
    const www = parseFeedPapers(`<rss version="2.0"><channel><link>http://www.ex.com/news</link>${[1, 2].map((n) => `<item><title>N${n}</title><link>https://ex.com/news</link><guid isPermaLink="false">n${n}</guid></item>`).join('')}</channel></rss>`, null, '', 'feed').papers;
    expect(new Set(www.map((p) => p.arxivId)).size).toBe(2);
  });

  it('a link most of a feed shares is a page, not an item: its entries are told apart by their guids even with no site link', () => {
    const item = (n: number, link = 'https://ex.com/updates') => `<item><title>U${n}</title><link>${link}</link><guid isPermaLink="false">u${n}</guid></item>`;
    const feed = (items: string) => `<rss version="2.0"><channel><title>Updates</title>${items}</channel></rss>`;
    const day1 = parseFeedPapers(feed(item(1) + item(2) + item(3)), null, '', 'feed').papers;
    expect(new Set(day1.map((p) => p.arxivId)).size).toBe(3);
    // The next day the oldest item is gone: the others keep their ids.
    const day2 = parseFeedPapers(feed(item(2) + item(3) + item(4)), null, '', 'feed').papers;
    expect(day2.slice(0, 2).map((p) => p.arxivId)).toEqual(day1.slice(1).map((p) => p.arxivId));
    // Two posts that link the same article are about one thing: they stay one paper, in a short feed too.
    for (const others of [1, 5]) {
      const posts = Array.from({ length: others }, (_, i) => item(i + 1, `https://ex.com/posts/${i + 1}`)).join('');
      const twice = parseFeedPapers(feed(posts + item(9, 'https://ex.com/posts/1')), null, '', 'feed').papers;
      expect(twice.filter((p) => p.arxivId === feedItemId('https://ex.com/posts/1')), `${others}`).toHaveLength(1);
      expect(new Set(twice.map((p) => p.arxivId)).size).toBe(others);
    }
  });

  it('a title made from a description with no space in it is cut between characters, not inside one', () => {
    const body = `<rss version="2.0"><channel><item><link>https://j.example/e</link><description>a${'😀'.repeat(100)}</description></item></channel></rss>`;
    const [paper] = parseFeedPapers(body, null, '', 'feed').papers;
    expect(paper!.title.endsWith('…')).toBe(true);
    expect(paper!.title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('says a link is too long when it is, not that it is no http(s) address', () => {
    const long = `https://j.example/${'a'.repeat(3000)}`;
    const body = `<rss version="2.0"><channel><item><title>Long</title><link>${long}</link></item><item><title>Fine</title><link>https://j.example/ok</link></item></channel></rss>`;
    expect(parseFeedPapers(body, null, '', 'feed').dropped).toEqual(['entry 1 "Long": <link> is longer than 2,048 characters']);
  });
});
