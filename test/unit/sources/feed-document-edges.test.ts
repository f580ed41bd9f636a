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
  // sites in other languages print pubDate in their own words; feedparser falls back through
  // an entry's date elements the same way (its published/updated/created are read separately).
  it('takes the next element that is one, in RSS and Atom', () => {
    const rss = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>A</title><link>https://blog.example.org/a</link><pubDate>Mon, 30 Nov -0001 00:00:00 +0000</pubDate><dc:date>2024-01-05T10:00:00Z</dc:date></item>
      <item><title>B</title><link>https://blog.example.org/b</link><pubDate>vendredi 5 janvier 2024</pubDate><dc:date>2024-01-05T11:00:00Z</dc:date></item>
      <item><title>C</title><link>https://blog.example.org/c</link><pubDate>not a date</pubDate></item></channel></rss>`;
    expect(read(rss).papers.map((p) => iso(p.publishedAt))).toEqual(['2024-01-05T10:00:00.000Z', '2024-01-05T11:00:00.000Z', null]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>A</title><link href="https://blog.example.org/a"/><published>0000-00-00T00:00:00Z</published><updated>2024-01-05T12:00:00Z</updated></entry></feed>`;
    expect(iso(read(atom).papers[0]!.publishedAt)).toBe('2024-01-05T12:00:00.000Z');
  });
});
