/**
 * Items whose only address is a file (a Media RSS `media:content`, one of several enclosures)
 * or an arXiv link in their text: what real podcast-style and journal feeds write.
 */
import { describe, expect, it } from 'vitest';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { feedItemId } from '../../../src/sources/feed.js';

const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>J</title><link>https://journal.example.org/</link>${items}</channel></rss>`;
const read = (items: string) => parseFeedPapers(rss(items), 'https://journal.example.org/feed', 'application/rss+xml', 'feed');

describe('an item whose only address is a file', () => {
  it('a media:content PDF (no <link>, no <guid>) is its address', () => {
    const r = read('<item><title>Paper only in media</title><description>An abstract.</description><media:content url="https://cdn.example.org/papers/7.pdf" type="application/pdf" medium="document"/></item>');
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => [p.title, p.absUrl, p.arxivId])).toEqual([['Paper only in media', 'https://cdn.example.org/papers/7.pdf', feedItemId('https://cdn.example.org/papers/7.pdf')]]);
  });

  it('a media:content inside media:group, and an arXiv one giving the arXiv id', () => {
    const r = read('<item><title>Grouped</title><media:group><media:content url="https://cdn.example.org/8.jpg" type="image/jpeg"/><media:content url="https://arxiv.org/pdf/2401.06855v2"/></media:group></item>');
    expect(r.papers.map((p) => [p.arxivId, p.absUrl])).toEqual([['2401.06855', 'https://arxiv.org/abs/2401.06855']]);
  });

  it('a PDF or HTML file beside an mp3 is the address, by type or by extension, whichever comes first', () => {
    const r = read(
      [
        '<item><title>Typed</title><enclosure url="https://cdn.example.org/9.mp3" type="audio/mpeg" length="1"/><enclosure url="https://cdn.example.org/9" type="application/pdf" length="1"/></item>',
        '<item><title>By name</title><enclosure url="https://cdn.example.org/10.mp3" length="1"/><media:content url="https://cdn.example.org/10.mp4" medium="video"/><media:content url="https://cdn.example.org/10.pdf"/></item>',
        '<item><title>Page</title><media:content url="https://cdn.example.org/11.png"/><media:content url="https://journal.example.org/articles/11" type="text/html"/></item>',
        '<item><title>Audio only</title><enclosure url="https://cdn.example.org/12.mp3" type="audio/mpeg" length="1"/></item>',
      ].join(''),
    );
    expect(r.papers.map((p) => [p.title, p.absUrl])).toEqual([
      ['Typed', 'https://cdn.example.org/9'],
      ['By name', 'https://cdn.example.org/10.pdf'],
      ['Page', 'https://journal.example.org/articles/11'],
      ['Audio only', 'https://cdn.example.org/12.mp3'],
    ]);
  });

  it('a <link> of its own still comes first', () => {
    const r = read('<item><title>Linked</title><link>https://journal.example.org/articles/13</link><media:content url="https://cdn.example.org/13.pdf" type="application/pdf"/></item>');
    expect(r.papers.map((p) => [p.absUrl, p.pdfUrl])).toEqual([['https://journal.example.org/articles/13', 'https://cdn.example.org/13.pdf']]);
  });
});

describe('an item whose only arXiv link is in its text', () => {
  it('an abs or pdf link in the description HTML identifies it', () => {
    const r = read(
      [
        '<item><title>Newsletter 1</title><description><![CDATA[<p>We read <a href="https://arxiv.org/abs/2501.01234v3">this paper</a> today.</p>]]></description></item>',
        '<item><title>Newsletter 2</title><description>&lt;p&gt;PDF: &lt;a href="https://arxiv.org/pdf/2502.04321"&gt;here&lt;/a&gt;.&lt;/p&gt;</description></item>',
        '<item><title>Newsletter 3</title><description>No link.</description><content:encoded><![CDATA[See https://export.arxiv.org/abs/2503.00001.]]></content:encoded></item>',
      ].join(''),
    );
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => [p.title, p.arxivId, p.absUrl, p.mention])).toEqual([
      ['Newsletter 1', '2501.01234', 'https://arxiv.org/abs/2501.01234', true],
      ['Newsletter 2', '2502.04321', 'https://arxiv.org/abs/2502.04321', true],
      ['Newsletter 3', '2503.00001', 'https://arxiv.org/abs/2503.00001', true],
    ]);
  });

  it('an item with a link of its own keeps it; one with no arXiv link, or links to several papers, is still dropped', () => {
    const r = read(
      [
        '<item><title>Own</title><link>https://blog.example.org/posts/1</link><description>&lt;a href="https://arxiv.org/abs/2501.01234"&gt;x&lt;/a&gt;</description></item>',
        '<item><title>None</title><description>&lt;a href="https://example.org/a"&gt;x&lt;/a&gt;</description></item>',
        '<item><title>Digest</title><description>https://arxiv.org/abs/2501.00001 and https://arxiv.org/pdf/2501.00002v1 (https://arxiv.org/abs/2501.00001v2)</description></item>',
      ].join(''),
    );
    expect(r.papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/posts/1']);
    expect(r.dropped).toEqual(['entry 2 "None": no <link> and no <guid>', 'entry 3 "Digest": links 2 arXiv papers, not one: left out; no <link> and no <guid>']);
  });
});

describe('an entry written twice', () => {
  it('is one paper: the later entry, the earlier filling what it leaves empty; a paper beats a post that mentions it', () => {
    const r = read(
      [
        '<item><title>Draft</title><link>https://journal.example.org/a/1</link><description>Short.</description><author>a@example.org (Ada Lovelace)</author><pubDate>Mon, 01 Sep 2025 10:00:00 GMT</pubDate></item>',
        '<item><title>Mention</title><link>https://blog.example.org/p/2</link><description>&lt;a href="https://arxiv.org/abs/2501.01234"&gt;x&lt;/a&gt;</description><guid isPermaLink="false">https://arxiv.org/abs/2501.01234</guid></item>',
        '<item><title>Final</title><link>https://journal.example.org/a/1</link><pubDate>Tue, 02 Sep 2025 10:00:00 GMT</pubDate></item>',
        '<item><title>Own entry</title><guid>oai:arXiv.org:2501.01234</guid><link>https://arxiv.org/abs/2501.01234v2</link></item>',
      ].join(''),
    );
    // The arXiv-shaped guid makes the last an arXiv listing's entry (the paper's own); the post only fills its empty abstract.
    expect(r.papers.map((p) => [p.title, p.abstract, p.authors, p.publishedAt?.toISOString(), p.mention ?? false])).toEqual([
      ['Final', 'Short.', ['Ada Lovelace'], '2025-09-01T10:00:00.000Z', false],
      ['Own entry', 'x', [], undefined, false],
    ]);
  });
});

describe('an Atom entry whose only address is a Media RSS file', () => {
  const atom = (entries: string) =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>J</title><id>urn:uuid:feed</id>${entries}</feed>`;
  const readAtom = (entries: string) => parseFeedPapers(atom(entries), 'https://journal.example.org/feed.atom', 'application/atom+xml', 'feed');

  it('is kept at its media:content, direct or grouped, as the same RSS item is', () => {
    const r = readAtom(
      [
        '<entry><id>urn:uuid:1</id><title>Direct</title><summary>An abstract.</summary><media:content url="https://cdn.example.org/papers/7.pdf" type="application/pdf"/></entry>',
        '<entry><id>tag:journal.example.org,2025:2</id><title>Grouped</title><media:group><media:content url="https://cdn.example.org/8.jpg" type="image/jpeg"/><media:content url="https://arxiv.org/pdf/2401.06855v2"/></media:group></entry>',
      ].join(''),
    );
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => [p.title, p.arxivId, p.absUrl])).toEqual([
      ['Direct', feedItemId('https://cdn.example.org/papers/7.pdf'), 'https://cdn.example.org/papers/7.pdf'],
      ['Grouped', '2401.06855', 'https://arxiv.org/abs/2401.06855'],
    ]);
    const same = read('<item><title>Direct</title><description>An abstract.</description><media:content url="https://cdn.example.org/papers/7.pdf" type="application/pdf"/></item>');
    expect(same.papers[0]!.arxivId).toBe(r.papers[0]!.arxivId);
  });

  it('a <link> or an address <id> of its own still comes first; the media PDF is its PDF', () => {
    const r = readAtom(
      [
        '<entry><id>urn:uuid:3</id><title>Linked</title><link href="https://journal.example.org/a/3"/><media:content url="https://cdn.example.org/3.pdf" type="application/pdf"/></entry>',
        '<entry><id>https://journal.example.org/a/4</id><title>Id</title><media:content url="https://cdn.example.org/4.pdf" type="application/pdf"/></entry>',
      ].join(''),
    );
    expect(r.papers.map((p) => [p.absUrl, p.pdfUrl])).toEqual([
      ['https://journal.example.org/a/3', 'https://cdn.example.org/3.pdf'],
      ['https://journal.example.org/a/4', 'https://cdn.example.org/4.pdf'],
    ]);
  });
});

describe('a digest linking several arXiv papers', () => {
  it('is dropped saying how many papers it links, in every form', () => {
    const rssDigest = read('<item><title>Digest</title><description>https://arxiv.org/abs/2501.00001 and https://arxiv.org/pdf/2501.00002v1 (https://arxiv.org/abs/2501.00001v2)</description><content:encoded><![CDATA[<a href="https://arxiv.org/abs/2501.00003">c</a> <a href="https://arxiv.org/abs/2501.00004">d</a>]]></content:encoded></item>');
    expect(rssDigest.dropped).toEqual(['entry 1 "Digest": links 4 arXiv papers, not one: left out; no <link> and no <guid>']);
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [{ id: 'w1', title: 'Week 1', content_html: '<a href="https://arxiv.org/abs/2501.00001">a</a>, <a href="https://arxiv.org/abs/2501.00002">b</a>' }],
    });
    expect(parseFeedPapers(json, 'https://blog.example.org/feed.json', 'application/feed+json', 'feed').dropped).toEqual([
      'entry 1 "Week 1": links 2 arXiv papers, not one: left out; no "url" or "external_url", and its "id": "w1" is neither an address nor an arXiv id',
    ]);
  });
});

describe('a JSON Feed item whose only address is an attachment', () => {
  const json = (items: object[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://journal.example.org/', items });
  const readJson = (items: object[]) => parseFeedPapers(json(items), 'https://journal.example.org/feed.json', 'application/feed+json', 'feed');

  it('is kept at its best file, ranked as RSS enclosures are', () => {
    const r = readJson([
      { id: '1', title: 'Only a PDF', summary: 'An abstract.', attachments: [{ url: 'https://cdn.example.org/1.pdf', mime_type: 'application/pdf' }] },
      { id: '2', title: 'PDF after mp3', attachments: [{ url: 'https://cdn.example.org/2.mp3', mime_type: 'audio/mpeg' }, { url: '/papers/2', mime_type: 'application/pdf' }] },
      { id: '3', title: 'arXiv file', attachments: [{ url: 'https://cdn.example.org/3.jpg', mime_type: 'image/jpeg' }, { url: 'https://arxiv.org/pdf/2401.06855v2', mime_type: 'application/octet-stream' }] },
    ]);
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => [p.title, p.absUrl, p.arxivId])).toEqual([
      ['Only a PDF', 'https://cdn.example.org/1.pdf', feedItemId('https://cdn.example.org/1.pdf')],
      ['PDF after mp3', 'https://journal.example.org/papers/2', feedItemId('https://journal.example.org/papers/2')],
      ['arXiv file', 'https://arxiv.org/abs/2401.06855', '2401.06855'],
    ]);
  });

  it('a url of its own still comes first', () => {
    const r = readJson([{ id: '4', url: 'https://journal.example.org/a/4', title: 'Linked', attachments: [{ url: 'https://cdn.example.org/4.pdf', mime_type: 'application/pdf' }] }]);
    expect(r.papers.map((p) => [p.absUrl, p.pdfUrl])).toEqual([['https://journal.example.org/a/4', 'https://cdn.example.org/4.pdf']]);
  });
});
