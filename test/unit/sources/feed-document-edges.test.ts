/**
 * Shapes the public feed-parser suites exercise (Python feedparser's tests/wellformed and
 * tests/illformed, rss-parser's test/input feeds) and the RSS 2.0 and Atom 1.0 specs allow,
 * met by paperboy's reader after those already covered in feed-suite-shapes.test.ts and
 * feed-real-world.test.ts. Each case names where its shape comes from.
 */
import { describe, expect, it } from 'vitest';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';

const read = (doc: string, url: string | null = 'https://blog.example.org/feed') => parseFeedPapers(doc, url, 'application/rss+xml', 'feed');
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

describe('an entry whose first date element is no date', () => {
  // WordPress renders a post's zero date (0000-00-00 00:00:00 in MySQL) as "Mon, 30 Nov -0001";
  // sites in other languages print pubDate in their own words (French and German ones are read
  // now; Thai, with its Buddhist year, is not); feedparser falls back through
  // an entry's date elements the same way (its published/updated/created are read separately).
  it('takes the next element that is one, in RSS and Atom', () => {
    const rss = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>A</title><link>https://blog.example.org/a</link><pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate><dc:date>2024-01-05T10:00:00Z</dc:date></item>
      <item><title>B</title><link>https://blog.example.org/b</link><pubDate>ศุกร์ 5 มกราคม 2567</pubDate><dc:date>2024-01-05T11:00:00Z</dc:date></item>
      <item><title>C</title><link>https://blog.example.org/c</link><pubDate>not a date</pubDate></item></channel></rss>`;
    expect(read(rss).papers.map((p) => iso(p.publishedAt))).toEqual(['2024-01-05T10:00:00.000Z', '2024-01-05T11:00:00.000Z', null]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>A</title><link href="https://blog.example.org/a"/><published>0000-00-00T00:00:00Z</published><updated>2024-01-05T12:00:00Z</updated></entry></feed>`;
    expect(iso(read(atom).papers[0]!.publishedAt)).toBe('2024-01-05T12:00:00.000Z');
  });
});

describe('text after the document\'s end', () => {
  const items = '<item><title>A</title><link>https://blog.example.org/a</link></item><item><title>B</title><link>https://blog.example.org/b</link></item>';
  // Free hosts inject an analytics <script> after every response, XML too, and generators print
  // a timing line; feedparser reads such a feed and flags it bozo ("junk after document element").
  it.each([
    ['an injected <script>', '\n<script type="text/javascript" src="https://hosting.example/analytics.js"></script>'],
    ['a line of text', '\nGenerated in 0.21 seconds'],
    ['an HTML comment and a closing </html>', '\n<!-- cached --></body></html>'],
  ])('%s is no part of the feed: every entry is read, and nothing is said to be cut', (_what, junk) => {
    const r = read(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>${junk}`);
    expect([r.papers.map((p) => p.title), r.cutNote]).toEqual([['A', 'B'], null]);
  });

  it('after an Atom or RSS 1.0 document, with a prefix', () => {
    const atom = read(`<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title><a:entry><a:title>A</a:title><a:link href="https://blog.example.org/a"/></a:entry></a:feed>\n<script>track()</script>`);
    const rdf = read(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="https://blog.example.org/a"><title>A</title><link>https://blog.example.org/a</link></item></rdf:RDF>Done.`);
    expect([atom.papers.map((p) => p.title), atom.cutNote, rdf.papers.map((p) => p.title), rdf.cutNote]).toEqual([['A'], null, ['A'], null]);
  });

  it('a feed cut short whose first entry quotes the end tag in its CDATA keeps its whole entries', () => {
    // A post about RSS itself quotes "</channel></rss>"; cutting there, inside that entry, left
    // the salvage of a truncated feed no whole entry at all.
    const quoting = '<item><title>Q</title><link>https://blog.example.org/q</link><description><![CDATA[End a feed with </channel></rss> and you are done.]]></description></item>';
    const r = read(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${quoting}${items}<item><title>Cut</title><link>https://blog.exa`);
    expect(r.papers.map((p) => p.title)).toEqual(['Q', 'A', 'B']);
    expect(r.cutNote).not.toBeNull();
  });

  it('a second feed printed after the first is still refused, not half read', () => {
    const one = `<rss version="2.0"><channel><title>T</title>${items}</channel></rss>`;
    expect(() => read(one + one)).toThrow(/malformed/);
  });
});

describe('an RSS document with two <channel> elements', () => {
  // RSS 2.0 has one channel, but feeds merged by hand or by a plugin repeat it; feedparser reads
  // every item whatever channel holds it. paperboy read none, and said nothing.
  it('reads the items of every channel, the first channel\'s first', () => {
    const r = read(`<rss version="2.0"><channel><title>A</title><link>https://a.example.org/</link><item><title>a1</title><link>/a1</link></item></channel>
      <channel><title>B</title><item><title>b1</title><link>https://b.example.org/b1</link></item></channel></rss>`, null);
    expect(r.papers.map((p) => [p.title, p.absUrl])).toEqual([
      ['a1', 'https://a.example.org/a1'],
      ['b1', 'https://b.example.org/b1'],
    ]);
  });
});

describe('a blog platform\'s line after every post', () => {
  // Yoast SEO, on millions of WordPress sites, ends every item's description and content with
  // "The post %%POSTLINK%% appeared first on %%BLOGLINK%%." by default (its German wording:
  // "Der Beitrag … erschien zuerst auf …").
  it('is no part of the abstract, in HTML or text, in English or German', () => {
    const doc = `<rss version="2.0"><channel><title>Lab blog</title>
      <item><title>New results on sparse attention</title><link>https://lab.example.org/sparse</link>
        <description><![CDATA[<p>We found that sparse attention scales.</p>
<p>The post <a rel="nofollow" href="https://lab.example.org/sparse">New results on sparse attention</a> appeared first on <a rel="nofollow" href="https://lab.example.org">Lab blog</a>.</p>]]></description></item>
      <item><title>Neue Ergebnisse</title><link>https://lab.example.org/neu</link>
        <description>Wir zeigen etwas Neues. Der Beitrag Neue Ergebnisse erschien zuerst auf Lab blog.</description></item>
      <item><title>Only the line</title><link>https://lab.example.org/only</link>
        <description>The post Only the line appeared first on Lab blog.</description></item>
      <item><title>A post about posts</title><link>https://lab.example.org/posts</link>
        <description>The post office appeared first on the list of buildings, then the school.</description></item>
    </channel></rss>`;
    expect(read(doc).papers.map((p) => p.abstract)).toEqual([
      'We found that sparse attention scales.',
      'Wir zeigen etwas Neues.',
      '',
      // Only the line as the platform writes it, naming the post's own title, goes.
      'The post office appeared first on the list of buildings, then the school.',
    ]);
  });
});
