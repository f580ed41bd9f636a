/**
 * Feeds in the shapes real sites serve them (issue 12): each fixture reproduces one case found in
 * the wild, with its sizes and counts, and every entry must come out with clean text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/sources/feed.js';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { decodeBody } from '../../../src/net/charset.js';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import { FIXTURES, fixture } from './fixtures.js';

const bytes = (name: string) => readFileSync(`${FIXTURES}${name}`);

/** Text that still carries HTML markup, references, mojibake (UTF-8 read as Latin-1) or U+FFFD. */
const DIRTY = [/<\/?(?:p|div|br|a|b|i|em|strong|span|h\d|ul|li)\b[^>]*>/i, /&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/i, /\uFFFD/, /Ã[\u0080-\u00BF]|â€/];

function expectClean(papers: PaperInput[]): void {
  for (const p of papers) {
    for (const text of [p.title, p.abstract ?? '', ...(p.authors ?? [])]) for (const dirt of DIRTY) expect(text).not.toMatch(dirt);
  }
}

describe('case 1: ordinary entity references are not an entity bomb', () => {
  it('stores all 60 items of a news feed with 3,000+ references in escaped HTML', () => {
    const body = fixture('feed-escaped-html-60.rss.xml');
    expect(body.match(/&/g)!.length).toBeGreaterThanOrEqual(3000);
    const papers = parseFeed(body, 'https://news.example.org/feed/');
    expect(papers).toHaveLength(60);
    expectClean(papers);
    expect(papers[0]).toMatchObject({
      title: 'Story 1: Speech codecs & benchmarks – what’s new',
      authors: ['Seán O’Brien'],
      absUrl: 'https://news.example.org/2025/08/story-1/?utm_source=rss&utm_medium=rss&utm_campaign=story-1',
    });
    expect(papers[0]!.abstract).toBe('Researchers’ new work on speech codecs & related benchmarks… Read more — 1 min “Quote 1” <said> the team.');
  });

  it('still refuses a document whose own DTD entities blow up (quadratic blowup)', () => {
    const big = 'x'.repeat(9_000);
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY big "${big}">]>
<rss version="2.0"><channel><title>t</title>${Array.from({ length: 200 }, (_, i) => `<item><title>T${i}</title><link>https://x.example/${i}</link><guid>&big;&big;&big;&big;&big;&big;&big;&big;&big;&big;</guid></item>`).join('')}</channel></rss>`;
    expect(() => parseFeed(bomb, 'https://x.example/feed')).toThrow(/DTD entities expand past the safety limits/);
  });

  it('does not expand DTD entities inside text elements at all', () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "EXPANDED">]><rss version="2.0"><channel><item><title>A &e; title</title><link>https://x.example/1</link></item></channel></rss>`;
    expect(parseFeed(doc, null)[0]!.title).toBe('A &e; title');
  });
});

describe('case 2: a BOM or blank lines before the XML declaration', () => {
  it('reads every item', () => {
    const raw = bytes('feed-bom-newline.rss.xml');
    expect([...raw.subarray(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 0x0a, 0x0a]);
    // As a file read as UTF-8 would hand it over: BOM kept as U+FEFF.
    const papers = parseFeed(raw.toString('utf8'), null);
    expect(papers.map((p) => p.title)).toEqual(['Lab note 1', 'Lab note 2', 'Lab note 3', 'Lab note 4', 'Lab note 5']);
    expect(parseFeed(`\r\n  ${fixture('feed-rss2.xml')}`, null)).toHaveLength(2);
  });
});

describe('case 3: charsets from the XML declaration or the Content-Type', () => {
  it('ISO-8859-1 bytes declared in the XML declaration', () => {
    const raw = bytes('feed-iso-8859-1.rss.xml');
    expect(raw.includes(Buffer.from('Über', 'latin1'))).toBe(true);
    const papers = parseFeed(decodeBody(raw, 'application/rss+xml').text, null);
    expect(papers).toHaveLength(8);
    expectClean(papers);
    expect(papers[0]).toMatchObject({ title: 'Über die Größe von Sprachmodellen', authors: ['Jürgen Müller'] });
    expect(papers[1]!.title).toBe('Élève et maître : « apprentissage »');
    expect(papers[0]!.abstract).toBe('Zusammenfassung 1: Straße, Maß, Übung, naïve café, ±5 °C, ½ Stunde.');
  });

  it('Windows-1252 bytes (curly quotes, €, dashes) named only by the Content-Type', () => {
    const raw = Buffer.from(bytes('feed-windows-1252.rss.xml').toString('latin1').replace(' encoding="windows-1252"', ''), 'latin1');
    const papers = parseFeed(decodeBody(raw, 'text/xml; charset=windows-1252').text, null);
    expect(papers.map((p) => p.title)).toEqual(['“Smart quotes” in a title', 'Costs: €5 per run – cheap', 'Wait… what?', 'It’s a “test” — of dashes', 'Ellipsis… and • bullets', 'Trademark™ and ‰ signs']);
    expect(papers[0]!.abstract).toBe('Post 1 – it’s about “encodings” and €.');
  });
});

describe('case 4: relative links', () => {
  it('resolves a GitHub releases feed against the feed address', () => {
    const papers = parseFeed(fixture('feed-github-releases.atom.xml'), 'https://github.com/acme/speechkit/releases.atom');
    expect(papers).toHaveLength(12);
    expectClean(papers);
    expect(papers[0]).toMatchObject({ title: 'v1.11.0', absUrl: 'https://github.com/acme/speechkit/releases/tag/v1.11.0', authors: ['octocat'] });
    expect(papers[0]!.abstract).toBe("What's Changed Faster decoding by @octocat in #400 Full Changelog: v1.10.0...v1.11.0");
    expect(new Set(papers.map((p) => p.arxivId)).size).toBe(12);
  });

  it('uses xml:base, and explains the entries it cannot use', () => {
    const doc = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/posts/">
      <entry><title>ok</title><link href="one.html"/><id>1</id></entry>
      <entry><title>Trap</title><link href="javascript:alert(1)"/><id>2</id></entry>
      <entry><link href="three.html"/><id>3</id></entry></feed>`;
    const r = parseFeedPapers(doc, null, '', 'feed');
    expect(r.papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/posts/one.html']);
    expect(r.dropped).toEqual(['entry 2 "Trap": <link href="javascript:alert(1)"> is not an http(s) address', 'entry 3: no <title>, and no <summary> or <content> to make one from']);
    const noBase = parseFeedPapers('<rss version="2.0"><channel><item><title>rel</title><link>/a/b</link></item></channel></rss>', null, '', 'feed');
    expect(noBase.dropped).toEqual(['entry 1 "rel": <link>/a/b</link> is relative, and there is no feed address to resolve it against']);
  });
});

describe('case 5: markup written inside elements', () => {
  it('Atom xhtml titles, summaries and content keep their text', () => {
    const papers = parseFeed(fixture('feed-inline-xhtml.atom.xml'), null);
    expect(papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Scaling laws for speech & text', 'We fit power laws to many runs. Loss < 2.0 at scale.'],
      ['Prefixed markup too', 'First paragraph. Second one.'],
      ['Escaped title', 'Plain text where x < y and a & b stay as written.'],
    ]);
    expect(papers[0]!.authors).toEqual(['Group Admin']);
  });

  it('RSS descriptions with unescaped, double-escaped and CDATA HTML', () => {
    const papers = parseFeed(fixture('feed-inline-html.rss.xml'), null);
    expectClean(papers);
    expect(papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Unescaped markup in the description', 'Our paper on speech tokenizers is out. Read it. Slides soon.'],
      ['Double-escaped HTML', 'Talk at the workshop on Friday.'],
      ['Q&A with the lab – part 2', 'CDATA with markup & an entity.'],
      ['Markup inside CDATA inside content:encoded', 'Only content:encoded here.'],
    ]);
  });
});

describe('case 6: authors the way the format means them', () => {
  it('one dc:creator per author in a journal RDF feed; a single list is split', () => {
    const papers = parseFeed(fixture('feed-journal.rdf'), null);
    expect(papers).toHaveLength(11);
    expect(papers[0]!.authors).toEqual(['Krogman, N.']);
    expect(papers[1]!.authors).toEqual(['Krogman, N.', 'Beckley, T. M.']);
    expect(papers[2]!.authors).toEqual(['Smith, J. R., Jr.', 'Nakamura, Y.', 'Dubois, M.-C.']);
    expect(papers[10]!.authors).toEqual(['Doe, J.', 'Smith, A.', 'Lee, K.']);
    expect(papers[0]!.publishedAt?.toISOString()).toBe('2025-08-06T14:00:00.000Z');
  });
});

describe('case 7: every HTML entity', () => {
  it('decodes named, numeric and hex references, escaped or written directly', () => {
    const papers = parseFeed(fixture('feed-named-entities.rss.xml'), null);
    expectClean(papers);
    expect(papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Köln: „Sprachmodelle“ im Test', 'Die Forscher aus Köln sagen: „Größer ist nicht besser“ – sagt Prof. Müller €…'],
      ['Café & crème – references written directly', 'Précis : « citation » — © 2025 ™'],
      ['Numeric änd hex ü references', '„Anführung“ – Ärger'],
    ]);
  });
});

describe('case 9: Atom 0.3', () => {
  it('decodes base64 content and reads escaped and xml modes and 0.3 dates', () => {
    const papers = parseFeed(fixture('feed-atom03.xml'), null);
    expect(papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Base64 & friends', 'Decoded HTML body & a café.'],
      ['Plain base64', 'Just text, x < y.'],
      ['Escaped mode', 'Escaped HTML.'],
      ['XML mode', 'Inline XHTML.'],
    ]);
    expect(papers.map((p) => p.authors)).toEqual([['Old Blogger'], ['Old Blogger'], ['Old Blogger'], ['Old Blogger']]);
    expect(papers[0]!.publishedAt?.toISOString()).toBe('2025-08-20T09:00:00.000Z');
    expect(papers[2]!.publishedAt?.toISOString()).toBe('2025-08-18T09:00:00.000Z');
  });
});

describe('other shapes seen in the wild', () => {
  it('repairs bare ampersands, and still rejects truncated XML', () => {
    const doc = '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Q & A</title><link>https://x.example/?a=1&b=2</link></item></channel></rss>';
    expect(parseFeed(doc, null)[0]).toMatchObject({ title: 'Q & A', absUrl: 'https://x.example/?a=1&b=2' });
    expect(() => parseFeed(doc.slice(0, 80), null)).toThrow('the feed is cut short or malformed before its first complete entry (at line 1, column 65)');
  });

  it('reads items that carry elements named like JavaScript internals (<constructor>, <__proto__>)', () => {
    const doc = '<rss version="2.0"><channel><item><title>Builders</title><link>https://x.example/1</link><constructor>x</constructor><__proto__><polluted>yes</polluted></__proto__><prototype/></item><item><title>Second</title><link>https://x.example/2</link></item></channel></rss>';
    const papers = parseFeed(doc, null);
    expect(papers.map((p) => p.title)).toEqual(['Builders', 'Second']);
  });

  it('reads a feed served as text/html, and still names a real HTML page', () => {
    expect(parseFeed(fixture('feed-rss2.xml'), null, 'text/html; charset=utf-8')).toHaveLength(2);
    expect(() => parseFeed('<!DOCTYPE html><html><head><title>Sign in</title></head></html>', 'https://x.example/feed', 'text/html')).toThrow(/HTML page \("Sign in"\)/);
  });

  it('keeps escaped angle brackets that are not HTML ("<T>", "<PAD>") in titles and abstracts', () => {
    const doc = '<rss version="2.0"><channel><item><title>Generics with &lt;T&gt;</title><link>https://x.example/1</link><description>&lt;p&gt;Drop &amp;lt;PAD&amp;gt; tokens&lt;/p&gt;</description></item></channel></rss>';
    expect(parseFeed(doc, null)[0]).toMatchObject({ title: 'Generics with <T>', abstract: 'Drop <PAD> tokens' });
  });

  it('a video feed describes its entries inside <media:group>', () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:yt="http://www.youtube.com/xml/schemas/2015">
      <entry><id>yt:video:abc123</id><yt:videoId>abc123</yt:videoId><title>Paper walkthrough</title>
      <link rel="alternate" href="https://www.youtube.com/watch?v=abc123"/><author><name>Lab Channel</name></author>
      <published>2025-08-20T10:00:00+00:00</published>
      <media:group><media:title>Paper walkthrough</media:title><media:description>We walk through the codec paper.</media:description></media:group></entry></feed>`;
    expect(parseFeed(doc, null)[0]).toMatchObject({ title: 'Paper walkthrough', abstract: 'We walk through the codec paper.', authors: ['Lab Channel'], absUrl: 'https://www.youtube.com/watch?v=abc123' });
  });

  it('items without a title take one from their description (microblog feeds)', () => {
    const doc = '<rss version="2.0"><channel><item><link>https://m.example/@a/1</link><description>&lt;p&gt;New paper out today on speech codecs! Link below.&lt;/p&gt;</description></item></channel></rss>';
    expect(parseFeed(doc, null)[0]).toMatchObject({ title: 'New paper out today on speech codecs!', abstract: 'New paper out today on speech codecs! Link below.' });
  });

  it('a title made from a long description is cut as an extractive summary is: at a late word, else at a character, with no comma before the ellipsis', () => {
    const item = (text: string) => parseFeed(`<rss version="2.0"><channel><item><link>https://m.example/@a/2</link><description>${text}</description></item></channel></rss>`, null)[0]!.title;
    // Text without spaces (Japanese, say) keeps as much as fits, not a 60-character stub.
    const japanese = '音声コーデックの新しい論文を読む'.repeat(15);
    const title = item(japanese);
    expect(title.length).toBe(120);
    expect(title.endsWith('…') && japanese.startsWith(title.slice(0, -1))).toBe(true);
    expect(item(`${'word '.repeat(20)}codecs, ${'y'.repeat(60)}`)).toBe(`${'word '.repeat(20)}codecs…`);
  });
});

describe('case 9: feeds that are not well-formed, read as feed readers read them', () => {
  const rss = fixture('feed-rss2.xml');
  const whole = parseFeedPapers(rss, 'https://example.org/feed', 'application/rss+xml', 'feed');

  it('a feed cut short keeps its whole entries and says it was cut', () => {
    expect(whole.papers.length).toBeGreaterThanOrEqual(2);
    // The connection dropped inside the last item, and right after an item's end.
    for (const cut of [rss.lastIndexOf('</item>') - 5, rss.indexOf('</item>') + '</item>'.length]) {
      const read = parseFeedPapers(rss.slice(0, cut), 'https://example.org/feed', 'application/rss+xml', 'feed');
      const ids = read.papers.map((p) => p.arxivId);
      // What was read is the feed's, in order; at most the entry that was cut is missing.
      expect(ids).toEqual(whole.papers.map((p) => p.arxivId).filter((id) => ids.includes(id)));
      expect(read.entries).toBeLessThan(whole.entries);
      // Said of the feed, not counted as an entry left out.
      expect(read.cutNote).toBe(`the feed is cut short after entry ${read.entries} (${read.entries === 1 ? 'that entry was' : `entries 1 to ${read.entries} were`} read; nothing after could be)`);
      expect(read.dropped).not.toContain(read.cutNote);
    }
  });

  it('a feed broken or cut only in its closing tags lost nothing, and says nothing of a cut', () => {
    const end = rss.lastIndexOf('</item>') + '</item>'.length;
    const closing = rss.slice(end);
    expect(closing).toMatch(/<\/channel>\s*<\/rss>/);
    for (const body of [
      rss.slice(0, rss.lastIndexOf('</channel>') + 4),
      rss.slice(0, end) + closing.replace('</channel>', '</chanel>'),
      rss.slice(0, end) + closing.replace('</rss>', '</rss'),
    ]) {
      const read = parseFeedPapers(body, 'https://example.org/feed', 'application/rss+xml', 'feed');
      expect(read.papers.map((p) => p.arxivId)).toEqual(whole.papers.map((p) => p.arxivId));
      expect(read.cutNote).toBeNull();
    }
  });

  it('an Atom feed cut short too, with its prefixes', () => {
    const atom = fixture('feed-atom.xml');
    const full = parseFeedPapers(atom, 'https://example.org/atom', 'application/atom+xml', 'feed');
    const read = parseFeedPapers(atom.slice(0, atom.lastIndexOf('</feed>') + 3), 'https://example.org/atom', 'application/atom+xml', 'feed');
    expect(read.papers.map((p) => p.arxivId)).toEqual(full.papers.map((p) => p.arxivId));
  });

  it('unclosed <br> and <img> in unescaped markup, and a bare & in a link, lose nothing and need no note', () => {
    const sloppy = rss.replace(/<description>/, '<description>First line<br>second <img src="x.png" alt="a"> line & more ').replace(/<link>([^<]*)<\/link>/, '<link>$1?a=1&b=2</link>');
    const read = parseFeedPapers(sloppy, 'https://example.org/feed', 'application/rss+xml', 'feed');
    expect(read.papers).toHaveLength(whole.papers.length);
    expect(read.dropped).toEqual(whole.dropped);
  });

  it('an end tag that closes nothing, in the channel or in an item, loses nothing (feedparser illformed/rss_image_height_stray_end_tag)', () => {
    const item = rss.indexOf('<item>');
    const stray = `${rss.slice(0, item)}<image><url>https://example.org/logo.png</url></height></image>${rss.slice(item).replace('</title>', '</title></span>')}`;
    const read = parseFeedPapers(stray, 'https://example.org/feed', 'application/rss+xml', 'feed');
    expect(read.papers).toEqual(whole.papers);
    expect(read.cutNote).toBeNull();
  });

  // Hand-written HTML in descriptions, as small sites and CMS templates put it there unescaped:
  // not XML, though the elements are read raw and never needed to be (rss-parser, feedparser's
  // loose parser and browsers read these feeds).
  it('HTML that is not XML, written unescaped in a text element, is read as HTML and loses nothing', () => {
    const broken = ['<p>First para<p>second', '<b><i>misnested</b></i>', '<a href=https://x.example/a>unquoted</a>', '<input type="checkbox" checked> done', 'a < b and 3 <4', '<p>keeps <![CDATA[a <b>]]> ]]> text'];
    const items = broken.map((html, i) => `<item><title>Post ${i} &amp; x < y</title><link>https://blog.example.org/${i}</link><description>${html}</description></item>`).join('\n');
    const read = parseFeedPapers(`<rss version="2.0"><channel><title>Lab</title><link>https://blog.example.org/</link>\n${items}\n</channel></rss>`, null, '', 'feed');
    expect(read.papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Post 0 & x < y', 'First para second'],
      ['Post 1 & x < y', 'misnested'],
      ['Post 2 & x < y', 'unquoted'],
      ['Post 3 & x < y', 'done'],
      ['Post 4 & x < y', 'a < b and 3 <4'],
      ['Post 5 & x < y', 'keeps a <b> ]]> text'],
    ]);
    expect(read.cutNote).toBeNull();
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><id>https://x.example/1</id><summary type="html"><p>Q&amp;A<p>more</summary></entry>
<entry><title>B</title><id>https://x.example/2</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>XHTML &amp; fine</p></div></content><summary/></entry></feed>`;
    expect(parseFeedPapers(atom, null, '', 'feed').papers.map((p) => p.abstract)).toEqual(['Q&A more', 'XHTML & fine']);
  });

  it('a description left open ends with its entry: the entries after it are read, not swallowed into it', () => {
    // Item 2's <description> is never closed; item 3's code sample holds "</item>" in CDATA, and the
    // channel's own description is left open before the first item.
    const doc = `<rss version="2.0"><channel><title>Lab</title><description>About the lab
<item><title>One</title><link>https://x.example/1</link><description>first</description></item>
<item><title>Two</title><link>https://x.example/2</link><description><p>left open</item>
<item><title>Three</title><link>https://x.example/3</link><description><p>Write <![CDATA[<item>…</item>]]> per post<p>then</description></item>
<item><title>Four</title><link>https://x.example/4</link><description>fourth</description></item>
</channel></rss>`;
    const read = parseFeedPapers(doc, null, '', 'feed');
    expect(read.papers.map((p) => [p.title, p.abstract])).toEqual([
      ['One', 'first'],
      ['Two', 'left open'],
      ['Three', 'Write <item>…</item> per post then'],
      ['Four', 'fourth'],
    ]);
    expect(read).toMatchObject({ dropped: [], cutNote: null });
  });

  it('a body with no whole entry at all is still refused, in plain words and where it ends', () => {
    const cut = rss.slice(0, rss.indexOf('</item>') - 3);
    const lines = cut.trimEnd().split('\n');
    expect(() => parseFeedPapers(cut, 'https://example.org/feed', 'application/rss+xml', 'feed')).toThrow(
      `the feed is cut short or malformed before its first complete entry (it ends at line ${lines.length}, column ${lines.at(-1)!.length}) (from https://example.org/feed)`,
    );
    // Cut inside a description (read raw, so the parser named its element path, at "1:1"); blank lines before it count.
    const inDescription = `\n\n<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>T</title>\n<item>\n<title>A</title>\n<description>Some text that is cu`;
    expect(() => parseFeedPapers(inDescription, null, '', 'file')).toThrow(/^the feed is cut short or malformed before its first complete entry \(it ends at line 9, column 33\)$/);
    // Malformed rather than cut: the parser's own position, which is right.
    expect(() => parseFeedPapers('<rss version="2.0"><channel><title>T</titl></channel></rss>', null, '', 'file')).toThrow(/before its first complete entry \(at line 1, column 37\)$/);
  });
});
