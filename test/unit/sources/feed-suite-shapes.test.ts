/**
 * Feed shapes taken from public parser test suites and the specs, through the real parser:
 * Python feedparser (kurtmckee/feedparser tests/wellformed, tests/illformed, tests/test_date_parsers.py),
 * RFC 4287 (Atom), XML Base, RSS 2.0, and Simon Fell's RSS namespace tests as feedparser carries
 * them. Each case names the suite file its shape comes from; the fixtures are ours, small and
 * written the way those files write the feed.
 */
import { describe, expect, it } from 'vitest';
import { feedItemId, parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { fixture } from './fixtures.js';

const FEED_URL = 'https://lab.example.org/feeds/preprints.atom';

describe('Atom entry links (fixture feed-atom-links.xml)', () => {
  const read = () => parseFeedPapers(fixture('feed-atom-links.xml'), FEED_URL, 'application/atom+xml', 'feed');
  const byTitle = (title: string) => read().papers.find((p) => p.title === title);

  // feedparser tests/wellformed/base/http_entry_link_base_content_location.xml (a relative href
  // against the document's address), feed_*_xml_base.xml (xml:base on the feed, relative to that
  // address), entry_link_alternate_map_link_3.xml and atom10/entry_link_rel_*.xml (rel=alternate
  // wins over enclosure, related, self and via); an Atom namespace bound to a prefix (RFC 4287
  // §2: only the namespace name matters) as in tests/wellformed/namespace/*NoDefNS*.xml.
  it('a prefixed Atom namespace, xml:base on the feed and the entry, and the alternate among several links', () => {
    const r = read();
    expect(r.entries).toBe(7);
    expect(byTitle('Relative alternate link')).toMatchObject({
      absUrl: 'https://lab.example.org/lab/posts/1.html',
      // One element per author; contributors are not authors (atom10/entry_author_*, entry_contributor_*).
      authors: ['Ana Lima', 'Ben Okafor'],
      abstract: 'Tokens <s> and </s> stay text.',
    });
    expect(byTitle('Relative alternate link')!.publishedAt?.toISOString()).toBe('2025-09-01T12:00:00.000Z');
    expect(byTitle('Enclosure, related and self before the alternate')).toMatchObject({ absUrl: 'https://lab.example.org/lab/posts/2.html', authors: ['Lab Admin'] });
    expect(byTitle('Entry with its own xml:base')!.absUrl).toBe('https://mirror.example.net/archive/posts/3.html');
  });

  // XML Base §4.2 / feedparser tests/wellformed/base/*_xml_base.xml: the base in scope for an
  // attribute includes the xml:base of the element that carries it.
  it('xml:base written on the link element itself applies to its href', () => {
    expect(byTitle('xml:base on the link element itself')!.absUrl).toBe('https://cdn.example.com/blog/posts/4.html');
  });

  // RFC 4287 §4.2.7.2: a registered relation name and the IANA IRI ending in it are one relation.
  it('a relation written as its IANA IRI is the alternate link', () => {
    expect(byTitle('Relation written as its IANA IRI')!.absUrl).toBe('https://lab.example.org/lab/posts/5.html');
  });

  // feedparser tests/wellformed/atom10/entry_link_no_href_link_priority.xml and
  // tests/illformed/atom_entry_link_no_href.xml: the address as the link's text, alternate first.
  it('a link written as text with no href is read, and the alternate one still wins', () => {
    expect(byTitle('Link written as text, no href')!.absUrl).toBe('https://lab.example.org/lab/posts/6.html');
  });

  // feedparser tests/wellformed/atom10/entry_id_no_link_enclosures.xml: an entry with an urn id
  // and no link. It cannot be stored (nothing to click), and the reason must say so — not that a
  // "relative link" had no feed address, when the feed had one and the entry no link at all.
  it('an entry with no link and an urn id is left out with the true reason', () => {
    expect(read().dropped).toEqual(['entry 7 "No link, an id that is no address": no <link>, and its <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id> is neither an address nor an arXiv id']);
  });
});

describe('a WordPress RSS 2.0 feed (fixture feed-wordpress-shapes.rss.xml)', () => {
  const read = () => parseFeedPapers(fixture('feed-wordpress-shapes.rss.xml'), 'https://speechlab.example.org/feed/', 'application/rss+xml; charset=UTF-8', 'feed');

  // RSS 2.0 spec (guid, isPermaLink; author is an e-mail address; dc:creator from the Dublin Core
  // module); feedparser tests/wellformed/rss/item_guid*, item_author*, item_dc_creator*,
  // item_content_encoded*, and its entity cases (numeric, hex, and &nbsp; the XML never declared).
  it('reads links, guids, authors, dates and text in the shapes WordPress writes them', () => {
    const r = read();
    expect(r.papers.map((p) => [p.title, p.absUrl, p.authors, p.publishedAt?.toISOString()])).toEqual([
      ['It’s out: our codec paper — with code', 'https://speechlab.example.org/2025/09/02/codec-paper/', ['Jane Doe'], '2025-09-02T14:05:00.000Z'],
      // "Mon, 1 Sep 25 10:05 EST": a one-digit day, a two-digit year, no seconds, a named US zone.
      ['Reading group, week 36', 'https://speechlab.example.org/2025/09/01/reading-group-36/', ['Jane Doe'], '2025-09-01T15:05:00.000Z'],
      ['Three authors, one line', 'https://speechlab.example.org/2025/08/31/three-authors/', ['Ana Lima', 'Ben Okafor', 'Chen Wei'], '2025-08-31T08:00:00.000Z'],
      ['Ping <@U123> @everyone', 'https://speechlab.example.org/2025/08/30/ping/', [], '2025-08-30T09:00:00.000Z'],
      ['A PDF enclosure and no link', 'https://speechlab.example.org/papers/enclosure.pdf', [], '2025-08-29T13:00:00.000Z'],
    ]);
    // The description (an excerpt) wins over content:encoded; an item with only content:encoded uses it.
    // &#160; is stored as a plain space (stored text has its whitespace normalised).
    expect(r.papers[0]!.abstract).toBe('Our codec runs at 1.5 kbps and beats the baselines … […]');
    expect(r.papers[1]!.abstract).toBe('Only full content here, no description.');
    // A guid with isPermaLink="false" is not the item's address, even when it looks like one.
    expect(r.dropped).toEqual(['entry 6 "A guid that is not a permalink and no link": no <link>, and its <guid> is marked isPermaLink="false" (it is no address) and is no arXiv id']);
  });

  // Hostile text: script content goes; mention-like text stays text for the renderers to escape
  // (platform-facts.md: Slack mrkdwn escaping, Discord allowed_mentions).
  it('drops scripts and their content, keeps mention-like text as text', () => {
    const ping = read().papers[3]!;
    expect(ping.title).not.toMatch(/alert|script/);
    expect(ping.abstract).toBe('Body for @here and <@U999>.');
  });

  it('a 10,000-character title is stored cut, not refused, and the entry keeps its link', () => {
    const title = `${'Scaling speech codecs '.repeat(455)}end`.slice(0, 10_000);
    const doc = `<rss version="2.0"><channel><item><title>${title}</title><link>https://x.example/long</link></item></channel></rss>`;
    const [paper] = parseFeedPapers(doc, null, '', 'feed').papers;
    expect(paper!.absUrl).toBe('https://x.example/long');
    expect(paper!.title.length).toBeLessThanOrEqual(1000);
    expect(title.startsWith(paper!.title.replace(/…$/, ''))).toBe(true);
  });
});

describe('older and stranger documents', () => {
  // feedparser tests/wellformed/rss/rss_version_091_netscape.xml shape: RSS 0.91 with Netscape's
  // DOCTYPE, whose DTD (never fetched) is what declares &nbsp; and the other HTML entities.
  it('RSS 0.91 with the Netscape DOCTYPE and an HTML entity it declares', () => {
    const doc = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old lab page</title><link>https://old.example.edu/</link><description>News</description><language>en-us</language>
<item><title>Tech&nbsp;report 12 &eacute;dition</title><link>https://old.example.edu/tr12.html</link><description>Scanned &amp; posted.</description></item></channel></rss>`;
    expect(parseFeedPapers(doc, null, '', 'feed').papers).toMatchObject([{ title: 'Tech report 12 édition', absUrl: 'https://old.example.edu/tr12.html', abstract: 'Scanned & posted.' }]);
  });

  // feedparser tests/illformed/charref_out_of_range.xml: references past U+10FFFF or to a surrogate.
  it('character references outside Unicode become U+FFFD instead of failing the feed', () => {
    const doc = '<rss version="2.0"><channel><item><title>a &#1114112; b &#x110000; c &#55296; d</title><link>https://x.example/1</link></item></channel></rss>';
    expect(parseFeedPapers(doc, null, '', 'feed').papers[0]!.title).toBe('a \uFFFD b \uFFFD c \uFFFD d');
  });

  it('a feed with a channel and no items is empty, not an error', () => {
    const doc = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet week</title><link>https://x.example/</link><description>Nothing yet</description></channel></rss>';
    expect(parseFeedPapers(doc, 'https://x.example/feed', 'application/rss+xml', 'feed')).toMatchObject({ papers: [], dropped: [], entries: 0 });
  });

  // feedsmith#260 and simplepie#677 (adafruit.com's feed), rss-php#28 (Slashdot's), vienna-rss#1854:
  // templates that close <channel> before writing the items, so they are siblings of it.
  it('items written after </channel>, as its siblings, are read after the channel\'s own', () => {
    const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>New products</title><link>https://shop.example/</link>
<item><title>Inside</title><link>https://shop.example/p/1</link></item></channel>
<item><title>Outside one</title><link>https://shop.example/p/2</link></item>
<item><title>Outside two</title><link>p/3</link></item></rss>`;
    expect(parseFeedPapers(doc, 'https://shop.example/feed.xml', 'application/rss+xml', 'feed')).toMatchObject({
      papers: [{ title: 'Inside' }, { title: 'Outside one' }, { title: 'Outside two', absUrl: 'https://shop.example/p/3' }],
      dropped: [],
      entries: 3,
    });
    const onlyOutside = '<rss version="2.0"><channel><title>T</title></channel><item><title>Lone</title><link>https://x.example/1</link></item></rss>';
    expect(parseFeedPapers(onlyOutside, null, '', 'feed').papers).toMatchObject([{ title: 'Lone' }]);
  });

  // FeedWordPress's parser ("junk before the feed prolog"): a site that displays PHP errors prints
  // them before the feed, and the header they stop is the Content-Type, so it comes as text/html.
  it('PHP warnings printed before the feed are not the feed: its entries are read', () => {
    const feed = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Lab</title><item><title>Post</title><link>https://lab.example/p/1</link></item></channel></rss>';
    for (const junk of [
      '<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by (output started at /var/www/wp-config.php:1) in <b>/var/www/wp-includes/feed-rss2.php</b> on line <b>8</b><br />\n',
      'PHP Notice:  Undefined index: cat in /var/www/feed.php on line 3\n',
    ]) {
      for (const type of ['text/html; charset=UTF-8', 'application/rss+xml']) {
        expect(parseFeedPapers(junk + feed, 'https://lab.example/feed', type, 'feed').papers, `${junk} as ${type}`).toMatchObject([{ title: 'Post' }]);
      }
    }
  });

  // geo-mashup#108, simple-location#79, Jetpack#9924: WordPress plugins that each declare the
  // namespace they share write it twice on <rss>; a template may repeat any attribute.
  it('an attribute written twice in a tag (a namespace two plugins declare) does not fail the feed; the first is read', () => {
    const doc = `<?xml version="1.0"?><rss version="2.0" xmlns:georss="http://www.georss.org/georss" xmlns:georss="http://www.georss.org/georss" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Blog</title><item><title>Field notes</title><guid isPermaLink="false" isPermaLink="true">https://blog.example/?p=7</guid><link>https://blog.example/notes</link><dc:creator>Ana</dc:creator><georss:point>45.2 -75.6</georss:point></item></channel></rss>`;
    expect(parseFeedPapers(doc, null, '', 'feed')).toMatchObject({ papers: [{ title: 'Field notes', absUrl: 'https://blog.example/notes', authors: ['Ana'] }], dropped: [] });
  });

  // A generator with nothing to publish yet may write the document element alone.
  it('a feed element with nothing in it is an empty feed, not "no feed"', () => {
    for (const doc of ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>']) {
      expect(parseFeedPapers(doc, 'https://x.example/feed', 'application/atom+xml', 'feed'), doc).toMatchObject({ papers: [], dropped: [], entries: 0 });
    }
  });
});

describe('a page or a file that is not a feed says what it is', () => {
  const parse = (body: string, contentType: string) => () => parseFeedPapers(body, 'https://blog.example.org/feed', contentType, 'feed');

  // A site's HTML at its feed address, written the ways real pages start: a cache plugin's comment
  // before the DOCTYPE, or XHTML 1.0 with an XML declaration (the XHTML 1.0 spec's own document
  // form). Served as text or XML, so the Content-Type does not give it away.
  it('an HTML page behind a comment or an XML declaration is named as an HTML page', () => {
    const commented = '\n<!-- Page cached by a cache plugin -->\n<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Speech Lab</title></head><body><p>Hello<br></body></html>';
    const xhtml = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Sign in</title></head><body/></html>';
    expect(parse(commented, 'text/plain')).toThrow('expected an RSS or Atom feed but got an HTML page ("Speech Lab")');
    expect(parse(xhtml, 'application/xml')).toThrow('expected an RSS or Atom feed but got an HTML page ("Sign in")');
  });

  // The blog's own address given for its feed: the page names the feed in its head, as feed
  // readers' autodiscovery finds it (WordPress writes these two links, the posts' feed first).
  it('a web page that names its feed says the feed\'s address, resolved against the page\'s', () => {
    const blog = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Speech Lab – Blog</title><link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="Speech Lab &raquo; Feed" href="/blog/feed/?lang=en&amp;v=2" />
<link rel="alternate" type="application/rss+xml" title="Speech Lab &raquo; Comments Feed" href="/comments/feed/" /></head><body><p>Posts</p></body></html>`;
    expect(() => parseFeedPapers(blog, 'https://lab.example/blog/', 'text/html; charset=UTF-8', 'feed')).toThrow(
      'expected an RSS or Atom feed but got an HTML page ("Speech Lab – Blog"); the page names its feed: https://lab.example/blog/feed/?lang=en&v=2 (from https://lab.example/blog/)',
    );
    const atomOnly = '<html><head><title>Notes</title><link href="https://notes.example/atom.xml" type="application/atom+xml" rel="alternate feed"></head></html>';
    expect(parse(atomOnly, 'text/html')).toThrow('got an HTML page ("Notes"); the page names its feed: https://notes.example/atom.xml (from');
    // A page that names no feed, or only a stylesheet or a javascript: address, says only what it is.
    expect(parse('<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head></html>', 'text/html')).toThrow(/got an HTML page \("Home"\) \(from/);
  });

  it('XML that is some other document names its element (a sitemap, an OPML subscription list)', () => {
    expect(parse('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://blog.example.org/</loc></url></urlset>', 'application/xml')).toThrow(
      'expected an RSS or Atom feed but the document is <urlset>, not <rss>, <rdf:RDF> or <feed>',
    );
    expect(parse('<?xml version="1.0"?><opml version="2.0"><head><title>Subscriptions</title></head><body><outline xmlUrl="https://x.example/rss"/></body></opml>', 'text/x-opml')).toThrow(/the document is <opml>/);
  });

  it('a plain-text status page is quoted, not reported as malformed XML', () => {
    expect(parse('Too Many Requests\n', 'text/plain')).toThrow('expected an RSS or Atom feed but got text that is not XML: "Too Many Requests"');
  });
});

describe('JSON Feed as the 1.0 and 1.1 specs allow it (jsonfeed.org/version/1, /1.1)', () => {
  // 1.0's single "author" object; an id written as a number (1.0 feeds in the wild; 1.1 says
  // "should be a string"); a title-less microblog item with only content_html; external_url
  // beside url (the item is the post at url). 1.1's empty "items" is a feed with nothing new.
  it('reads 1.0 authors, numeric ids and title-less items; an empty items list is an empty feed', () => {
    const doc = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      title: 'Notes',
      home_page_url: 'https://notes.example.org/',
      author: { name: 'Ada Lovelace', url: 'https://notes.example.org/about' },
      items: [
        { id: 42, url: 'https://notes.example.org/2025/09/02/42', content_html: '<p>Reading the new <a href="https://arxiv.org/abs/2509.00001">codec paper</a> today. Looks solid.</p>', date_published: '2025-09-02T10:00:00-07:00' },
        { id: '43', url: 'https://notes.example.org/2025/09/03/43', external_url: 'https://example.com/elsewhere', title: 'Link post', summary: 'See there.' },
      ],
    });
    const r = parseFeedPapers(doc, 'https://notes.example.org/feed.json', 'application/feed+json', 'feed');
    expect(r.papers.map((p) => [p.title, p.absUrl, p.authors, p.publishedAt?.toISOString()])).toEqual([
      ['Reading the new codec paper today.', 'https://notes.example.org/2025/09/02/42', ['Ada Lovelace'], '2025-09-02T17:00:00.000Z'],
      ['Link post', 'https://notes.example.org/2025/09/03/43', ['Ada Lovelace'], undefined],
    ]);
    const empty = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Quiet', items: [] });
    expect(parseFeedPapers(empty, 'https://notes.example.org/feed.json', 'application/feed+json', 'feed')).toMatchObject({ papers: [], entries: 0 });
  });

  it('a link post whose external_url is an arXiv paper speaks of that paper, as an RSS item linking it does', () => {
    // A linkblog (micro.blog writes JSON Feed) sharing a paper: url is the post, external_url the paper.
    const doc = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Links',
      items: [
        { id: 'https://links.example.org/44', url: 'https://links.example.org/44', external_url: 'https://arxiv.org/abs/2509.01234v2', title: 'Worth reading', content_text: 'A codec that halves the bitrate.' },
        { id: 'https://links.example.org/45', url: 'https://links.example.org/45', external_url: 'https://example.com/elsewhere', title: 'Link post' },
      ],
    });
    const r = parseFeedPapers(doc, 'https://links.example.org/feed.json', 'application/feed+json', 'feed');
    expect(r.papers.map((p) => [p.arxivId, p.absUrl, p.mention ?? false])).toEqual([
      ['2509.01234', 'https://arxiv.org/abs/2509.01234', true],
      [expect.stringMatching(/^feed:/), 'https://links.example.org/45', false],
    ]);
  });
});

describe('a very large feed', () => {
  // Aggregators and journal feeds with thousands of items (arXiv's cs listings reach ~1,000 a day).
  it('reads all 5,000 items of a 5 MB feed, each under its own id', () => {
    const items = Array.from({ length: 5000 }, (_, i) => `<item><title>Paper ${i}</title><link>https://big.example.org/p/${i}</link><guid>https://big.example.org/p/${i}</guid><dc:creator>A One, B Two</dc:creator><description>&lt;p&gt;${'Abstract text. '.repeat(50)}&lt;/p&gt;</description></item>`).join('\n');
    const doc = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big</title><link>https://big.example.org/</link>${items}</channel></rss>`;
    expect(doc.length).toBeGreaterThan(4_000_000);
    const r = parseFeedPapers(doc, 'https://big.example.org/feed', 'application/rss+xml', 'feed');
    expect(r).toMatchObject({ entries: 5000, dropped: [] });
    expect(new Set(r.papers.map((p) => p.arxivId)).size).toBe(5000);
    expect(r.papers[4999]).toMatchObject({ title: 'Paper 4999', authors: ['A One', 'B Two'] });
  }, 60_000);
});

describe('elements are read by namespace, not by local name', () => {
  const parse = (doc: string, url: string | null = null) => parseFeedPapers(doc, url, '', 'feed');
  const LOOKALIKE = (where: string) => `<szf:description>An extension's description (${where} the real one).</szf:description>`;

  // feedparser tests/wellformed/namespace/*LocalNameClash.xml (Simon Fell's RSS namespace tests):
  // an extension element that shares RSS's local name, before and after the real one, in RSS 2.0
  // without a namespace, RSS 2.0 in Userland's namespace bound to a prefix, and RSS 1.0 with no
  // default namespace.
  it('an extension\'s <description> never stands in for the item\'s own (RSS 2.0, Userland RSS 2.0, RSS 1.0)', () => {
    const item = (p: string) =>
      `<${p}title>Clash test</${p}title><${p}link>https://rss.example.org/1</${p}link>${LOOKALIKE('before')}<${p}description>correct description</${p}description>${LOOKALIKE('after')}<dcterms:modified>2002-09-28T20:01:19Z</dcterms:modified>`;
    const szf = 'xmlns:szf="http://schemas.pocketsoap.com/rss/myDescModule/" xmlns:dcterms="http://purl.org/dc/terms/"';
    const docs = [
      `<rss version="2.0" ${szf}><channel><title>t</title><item>${item('')}</item></channel></rss>`,
      `<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2" ${szf}><r:channel><r:title>t</r:title><r:item>${item('r:')}</r:item></r:channel></r:rss>`,
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" ${szf}><rss:channel rdf:about="https://rss.example.org/"><rss:title>t</rss:title></rss:channel><rss:item rdf:about="https://rss.example.org/1">${item('rss:')}</rss:item></rdf:RDF>`,
    ];
    for (const doc of docs) {
      const r = parse(doc);
      expect(r.papers, doc.slice(0, 40)).toHaveLength(1);
      expect(r.papers[0], doc.slice(0, 40)).toMatchObject({ title: 'Clash test', abstract: 'correct description', absUrl: 'https://rss.example.org/1' });
      // dcterms:modified is the date when the item has no pubDate, dc:date or issued date.
      expect(r.papers[0]!.publishedAt?.toISOString()).toBe('2002-09-28T20:01:19.000Z');
    }
  });

  // Media RSS (media:title, media:description, media:content, media:group), iTunes
  // (itunes:title, itunes:summary) and content:encoded written before the item's own elements,
  // as podcast and video feeds write them.
  it('Media RSS, iTunes and content:encoded elements before <title> and <description> do not win', () => {
    const doc = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Lab talks</title>
      <item><media:title>talk-42.mp4</media:title><itunes:title>Ep. 42</itunes:title><dc:title>Dublin Core title</dc:title><title>Talk 42: speech codecs</title>
        <media:description>Video file, 1080p.</media:description><itunes:summary>Podcast summary.</itunes:summary><content:encoded>&lt;p&gt;Full post.&lt;/p&gt;</content:encoded><description>We talk about codecs.</description>
        <link>https://talks.example.org/42</link></item>
      <item><media:group><media:title>Group title</media:title><media:content url="https://cdn.example.org/43.mp4"/></media:group><title>Talk 43</title><itunes:summary>Only a podcast summary.</itunes:summary><link>https://talks.example.org/43</link></item>
    </channel></rss>`;
    expect(parse(doc).papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Talk 42: speech codecs', 'We talk about codecs.'],
      ['Talk 43', 'Only a podcast summary.'],
    ]);
  });

  it('an Atom entry\'s own title and summary win over Media RSS and iTunes lookalikes written before them', () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><title>Videos</title>
      <entry><media:title>clip.mp4</media:title><title>Paper walkthrough</title><id>tag:v.example.org,2025:1</id><link href="https://v.example.org/1"/>
        <media:content url="https://cdn.example.org/1.mp4" type="video/mp4"><media:description>Encoded at 1080p.</media:description></media:content>
        <itunes:summary>Podcast blurb.</itunes:summary><summary>We walk through the codec paper.</summary><updated>2025-08-20T10:00:00Z</updated></entry></feed>`;
    expect(parse(doc).papers).toMatchObject([{ title: 'Paper walkthrough', abstract: 'We walk through the codec paper.', absUrl: 'https://v.example.org/1' }]);
  });

  // The known fallbacks still stand in where the item has nothing of its own; a Media RSS or
  // iTunes title only when there is no title in RSS or Dublin Core at all.
  it('Dublin Core, content:encoded and Media RSS stand in when the item has no element of its own', () => {
    const doc = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
      <item><dc:title>Only a Dublin Core title</dc:title><dc:creator>Ana Lima</dc:creator><dc:date>2025-09-01T08:00:00Z</dc:date><content:encoded>Body from content:encoded.</content:encoded><link>https://x.example/1</link></item>
      <item><media:title>Only a media title</media:title><media:description>Only a media description.</media:description><link>https://x.example/2</link></item>
    </channel></rss>`;
    const r = parse(doc);
    expect(r.papers.map((p) => [p.title, p.abstract, p.authors])).toEqual([
      ['Only a Dublin Core title', 'Body from content:encoded.', ['Ana Lima']],
      ['Only a media title', 'Only a media description.', []],
    ]);
    expect(r.papers[0]!.publishedAt?.toISOString()).toBe('2025-09-01T08:00:00.000Z');
  });

  // Namespaces in XML: the namespace name matters, not the prefix. Dublin Core under another
  // prefix is Dublin Core; `dc:` bound to another namespace is not; a default namespace declared
  // on an element applies to it and its children.
  it('prefixes bound to any name, a known prefix bound elsewhere, and default namespaces on inner elements', () => {
    const doc = `<rss version="2.0" xmlns:purl="http://purl.org/dc/elements/1.1/" xmlns:dc="http://example.com/not-dublin-core/"><channel><title>t</title>
      <item><dc:title>Not Dublin Core</dc:title><purl:title>Dublin Core under another prefix</purl:title><purl:creator>Ana Lima</purl:creator><link>https://x.example/1</link></item>
      <item><x:title xmlns:x="http://search.yahoo.com/mrss/">A media title under another prefix</x:title><title>Own title</title><link>https://x.example/2</link></item>
      <item><title xmlns="http://example.com/other/">Another namespace's title</title><title>Own title 3</title><link>https://x.example/3</link></item>
    </channel></rss>`;
    expect(parse(doc).papers.map((p) => [p.title, p.authors])).toEqual([
      ['Dublin Core under another prefix', ['Ana Lima']],
      ['Own title', []],
      ['Own title 3', []],
    ]);
    // RSS 1.0 with its namespace as the default on the rdf:RDF element, and Atom declared on each entry.
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:m="http://search.yahoo.com/mrss/"><channel rdf:about="https://j.example/"><title>J</title><link>https://j.example/</link></channel>
      <item rdf:about="https://j.example/a1"><m:title>wrong</m:title><title>Article one</title><link>https://j.example/a1</link></item></rdf:RDF>`;
    expect(parse(rdf).papers).toMatchObject([{ title: 'Article one', absUrl: 'https://j.example/a1' }]);
    const atom = `<feed><entry xmlns="http://www.w3.org/2005/Atom"><title>Declared on the entry</title><link href="https://a.example/1"/><id>1</id></entry></feed>`;
    expect(parse(atom).papers).toMatchObject([{ title: 'Declared on the entry', absUrl: 'https://a.example/1' }]);
  });

  // Feeds that use the common prefixes without declaring them were read before and still are.
  it('undeclared dc:, content: and atom: prefixes are read as those namespaces', () => {
    const doc = `<rss version="2.0"><channel><title>t</title><atom:link rel="self" href="https://x.example/feed"/>
      <item><title>Undeclared</title><link>/p/1</link><dc:creator>Ana Lima</dc:creator><dc:date>2025-09-01</dc:date><content:encoded>&lt;p&gt;Body.&lt;/p&gt;</content:encoded></item></channel></rss>`;
    expect(parse(doc).papers).toMatchObject([{ title: 'Undeclared', abstract: 'Body.', authors: ['Ana Lima'], absUrl: 'https://x.example/p/1' }]);
    expect(parse(doc).papers[0]!.publishedAt?.toISOString()).toBe('2025-09-01T00:00:00.000Z');
  });
});

describe('FeedBurner (xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0")', () => {
  const parse = (doc: string) => parseFeedPapers(doc, 'https://feeds.feedburner.com/LabBlog', 'application/rss+xml', 'feed');

  // FeedBurner rewrites every <link> (and an Atom alternate) to a redirect through its own host
  // and keeps the item's address in feedburner:origLink: that is the URL a digest links to, and
  // it says which arXiv paper a post is. The id stays the <link>'s, as stored before.
  it('feedburner:origLink is the item\'s address in RSS and Atom, and names an arXiv paper when it links one; the id stays the <link>\'s', () => {
    const rss = `<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>Lab blog</title><link>https://lab.example.org/</link>
      <item><title>Our codec paper</title><link>http://feedproxy.google.com/~r/LabBlog/~3/AbC123/</link><guid isPermaLink="false">https://lab.example.org/?p=101</guid><feedburner:origLink>https://lab.example.org/2025/09/codec-paper/</feedburner:origLink></item>
      <item><title>Read this preprint</title><link>http://feedproxy.google.com/~r/LabBlog/~3/DeF456/</link><feedburner:origLink>https://arxiv.org/abs/2509.01234v2</feedburner:origLink></item>
    </channel></rss>`;
    expect(parse(rss).papers.map((p) => [p.arxivId, p.absUrl])).toEqual([
      [feedItemId('http://feedproxy.google.com/~r/LabBlog/~3/AbC123/'), 'https://lab.example.org/2025/09/codec-paper/'],
      ['2509.01234', 'https://arxiv.org/abs/2509.01234'],
    ]);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fb="http://rssnamespace.org/feedburner/ext/1.0"><title>Lab blog</title>
      <entry><title>Atom post</title><id>tag:lab.example.org,2025:7</id><link rel="alternate" href="http://feedproxy.google.com/~r/LabBlog/~3/GhI789/"/><fb:origLink>https://lab.example.org/2025/09/atom-post/</fb:origLink></entry></feed>`;
    expect(parse(atom).papers).toMatchObject([{ arxivId: feedItemId('http://feedproxy.google.com/~r/LabBlog/~3/GhI789/'), absUrl: 'https://lab.example.org/2025/09/atom-post/' }]);
  });

  it('an origLink that is not an absolute http(s) address leaves the item its <link>', () => {
    const doc = `<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>t</title>
      <item><title>Relative</title><link>https://lab.example.org/a</link><feedburner:origLink>/a</feedburner:origLink></item>
      <item><title>Script</title><link>https://lab.example.org/b</link><feedburner:origLink>javascript:alert(1)</feedburner:origLink></item>
    </channel></rss>`;
    expect(parse(doc)).toMatchObject({ dropped: [], papers: [{ absUrl: 'https://lab.example.org/a' }, { absUrl: 'https://lab.example.org/b' }] });
  });
});

describe('hand-made RSS that borrows names from other formats (read before namespaces counted, kept since)', () => {
  const parse = (doc: string) => parseFeedPapers(doc, 'https://hand.example.org/feed', 'application/rss+xml', 'feed');

  it('unprefixed summary, creator and published/updated/date in an RSS item', () => {
    const doc = `<rss version="2.0"><channel><title>t</title>
      <item><title>A</title><link>https://hand.example.org/a</link><summary>Abstract of A.</summary><creator>Ada Lovelace</creator><published>2025-03-04T10:00:00Z</published></item>
      <item><title>B</title><link>https://hand.example.org/b</link><updated>2025-03-05T10:00:00Z</updated></item>
      <item><title>C</title><link>https://hand.example.org/c</link><date>2025-03-06</date></item>
    </channel></rss>`;
    const papers = parse(doc).papers;
    expect(papers[0]).toMatchObject({ abstract: 'Abstract of A.', authors: ['Ada Lovelace'] });
    expect(papers.map((p) => p.publishedAt?.toISOString().slice(0, 10))).toEqual(['2025-03-04', '2025-03-05', '2025-03-06']);
  });

  it('an item titled only by atom:title, and a channel in a default namespace of its own', () => {
    const titled = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>
      <item><atom:title>Only an Atom title</atom:title><link>https://hand.example.org/t</link><description>A longer description that must not become the title.</description></item>
    </channel></rss>`;
    expect(parse(titled).papers[0]!.title).toBe('Only an Atom title');
    const scoped = `<rss version="2.0"><channel xmlns="http://backend.userland.com/rss2x"><title>t</title>
      <item><title>In the channel's namespace</title><link>https://hand.example.org/n</link></item>
    </channel></rss>`;
    expect(parse(scoped).papers.map((p) => p.title)).toEqual(["In the channel's namespace"]);
  });
});
