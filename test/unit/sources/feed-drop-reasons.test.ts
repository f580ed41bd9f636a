/**
 * Why an entry is left out, said in the words of the form it was written in: a user looks in
 * the feed for the fields the reason names (RSS `<link>`/`<guid>`, Atom `<link>`/`<id>`,
 * JSON Feed `url`/`id`), so a JSON Feed item must not be explained with RSS's guid.
 */
import { describe, expect, it } from 'vitest';
import { feedItemId, parseFeedPapers } from '../../../src/sources/feed-parse.js';

const dropped = (body: string, url: string | null = 'https://blog.example.org/feed', contentType = '') => parseFeedPapers(body, url, contentType, 'feed').dropped;

const jsonFeed = (items: object[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Blog', items: [{ id: 'ok', url: 'https://blog.example.org/ok', title: 'Fine' }, ...items] });
const atom = (entries: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry><title>Fine</title><link href="https://blog.example.org/ok"/><id>ok</id></entry>${entries}</feed>`;
const rss = (items: string) => `<rss version="2.0"><channel><title>Blog</title><item><title>Fine</title><link>https://blog.example.org/ok</link></item>${items}</channel></rss>`;

describe('JSON Feed items are explained with JSON Feed fields', () => {
  it('no url or external_url: the id is named as "id", never as a guid', () => {
    expect(dropped(jsonFeed([{ id: 'post-17', title: 'No address' }, { title: 'Nothing at all' }]))).toEqual([
      'entry 2 "No address": no "url" or "external_url", and its "id": "post-17" is neither an address nor an arXiv id',
      'entry 3 "Nothing at all": no "url", "external_url" or "id"',
    ]);
  });

  it('a url, or an external_url, that is no http(s) address is named by its field', () => {
    expect(dropped(jsonFeed([{ id: '2', url: 'mailto:ada@example.org', title: 'Mail' }, { id: '3', external_url: 'ftp://files.example.org/p.pdf', title: 'FTP' }]))).toEqual([
      'entry 2 "Mail": "url": "mailto:ada@example.org" is not an http(s) address',
      'entry 3 "FTP": "external_url": "ftp://files.example.org/p.pdf" is not an http(s) address',
    ]);
  });

  it('a relative url with no feed address, and a url too long', () => {
    expect(dropped(jsonFeed([{ id: '2', url: '/posts/2', title: 'Relative' }]), null)).toEqual(['entry 2 "Relative": "url": "/posts/2" is relative, and there is no feed address to resolve it against']);
    expect(dropped(jsonFeed([{ id: '2', url: `https://blog.example.org/${'a'.repeat(3000)}`, title: 'Long' }]))).toEqual(['entry 2 "Long": "url" is longer than 2,048 characters']);
  });

  // White space was taken for a url, and then said to be "relative, and there is no feed address
  // to resolve it against" of a feed fetched from an address.
  it('a url that is empty or white space is said to be empty; an id that is an address stands in', () => {
    expect(dropped(jsonFeed([{ id: 'p2', url: '', title: 'Empty' }, { id: 'p3', url: '  ', title: 'Spaces' }, { url: ' ', external_url: ' ', title: 'Nothing' }]))).toEqual([
      'entry 2 "Empty": "url": "" is empty, and its "id": "p2" is neither an address nor an arXiv id',
      'entry 3 "Spaces": "url": "" is empty, and its "id": "p3" is neither an address nor an arXiv id',
      'entry 4 "Nothing": "url": "" is empty, and there is no "id"',
    ]);
    expect(parseFeedPapers(jsonFeed([{ id: 'https://blog.example.org/4', url: ' ', title: 'Id' }]), null, '', 'feed').papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/ok', 'https://blog.example.org/4']);
  });

  it('no title and no text: the JSON Feed fields a title is made from', () => {
    expect(dropped(jsonFeed([{ id: '2', url: 'https://blog.example.org/2' }]))).toEqual(['entry 2: no "title", and no "summary", "content_text" or "content_html" to make one from']);
  });
});

describe('Atom entries are explained with Atom elements', () => {
  it('no link: the id is an <id>', () => {
    expect(dropped(atom('<entry><title>Urn only</title><id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id></entry><entry><title>Bare</title></entry>'))).toEqual([
      'entry 2 "Urn only": no <link>, and its <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id> is neither an address nor an arXiv id',
      'entry 3 "Bare": no <link> and no <id>',
    ]);
  });

  it('a link that is no http(s) address is its <link href>; an <id> standing in for it is the <id>', () => {
    expect(dropped(atom('<entry><title>Trap</title><link rel="alternate" href="javascript:alert(1)"/><id>2</id></entry><entry><title>Tag id</title><id>tag:blog.example.org,2025:3</id></entry>'))).toEqual([
      'entry 2 "Trap": <link href="javascript:alert(1)"> is not an http(s) address',
      'entry 3 "Tag id": no <link>, and its <id>tag:blog.example.org,2025:3</id> is neither an address nor an arXiv id',
    ]);
  });

  it('no title and no text: <summary> or <content>', () => {
    expect(dropped(atom('<entry><link href="https://blog.example.org/2"/><id>2</id></entry>'))).toEqual(['entry 2: no <title>, and no <summary> or <content> to make one from']);
  });

  // A template that printed no permalink writes `<link href=""/>`: the entry has a link, and it is
  // empty. "no <link>" sent the user looking for an element that is there.
  it('a link whose href is empty (white space is), or missing, is said to be so, not "no <link>"', () => {
    const entries = [
      '<entry><title>Empty</title><link rel="alternate" href=""/><id>urn:uuid:1</id></entry>',
      '<entry><title>Spaces</title><link href="  	 "/><id>urn:uuid:2</id></entry>',
      '<entry><title>No href</title><link rel="alternate" type="text/html"/><id>urn:uuid:3</id></entry>',
      '<entry><title>Empty, no id</title><link href=""/></entry>',
    ].join('');
    expect(dropped(atom(entries))).toEqual([
      'entry 2 "Empty": <link href=""> is empty, and its <id>urn:uuid:1</id> is neither an address nor an arXiv id',
      'entry 3 "Spaces": <link href=""> is empty, and its <id>urn:uuid:2</id> is neither an address nor an arXiv id',
      'entry 4 "No href": <link> has no href, and its <id>urn:uuid:3</id> is neither an address nor an arXiv id',
      'entry 5 "Empty, no id": <link href=""> is empty, and there is no <id>',
    ]);
  });

  // RFC 3986 §5.2 resolves an empty reference to the base itself: every such entry would be the
  // blog's front page. It is left out as empty, xml:base or not; a relative href takes xml:base.
  it('an empty href under xml:base is still empty; a relative href resolves against xml:base', () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/posts/"><title>Blog</title>
      <entry><title>Empty</title><link href=""/><id>urn:uuid:1</id></entry>
      <entry><title>Relative</title><link href="2025/relative"/><id>urn:uuid:2</id></entry>
      <entry xml:base="/other/"><title>Entry base</title><link href="x"/><id>urn:uuid:3</id></entry></feed>`;
    const r = parseFeedPapers(doc, null, '', 'feed');
    expect(r.dropped).toEqual(['entry 1 "Empty": <link href=""> is empty, and its <id>urn:uuid:1</id> is neither an address nor an arXiv id']);
    expect(r.papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/posts/2025/relative', 'https://blog.example.org/other/x']);
  });

  it('an empty link beside another link is passed over for it', () => {
    const r = parseFeedPapers(atom('<entry><title>Two</title><link rel="alternate" href=""/><link rel="related" href="https://blog.example.org/2"/><id>urn:uuid:2</id></entry>'), null, '', 'feed');
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/ok', 'https://blog.example.org/2']);
  });
});

// A fragment alone ("#", "#post-3") is a reference to the document it is in (RFC 3986 §4.4): the
// feed itself, no entry's page. Resolved, every such entry had the feed's address as its link,
// and two of them were one paper: the first was lost without a word.
describe('a link that is only a fragment points into the feed itself, and is no address', () => {
  const feedUrl = 'https://blog.example.org/feed.xml';
  it('RSS: two items linking "#" are both left out, saying so; a permalink guid or an enclosure stands in', () => {
    const items = [
      '<item><title>One</title><link>#</link><guid isPermaLink="false">post-1</guid></item>',
      '<item><title>Two</title><link>#</link><guid isPermaLink="false">post-2</guid></item>',
      '<item><title>Three</title><link>#post-3</link><guid>https://blog.example.org/posts/3</guid></item>',
      '<item><title>Four</title><link>#</link><enclosure url="https://blog.example.org/4.pdf" type="application/pdf" length="1"/></item>',
    ].join('');
    const r = parseFeedPapers(rss(items), feedUrl, '', 'feed');
    expect(r.dropped).toEqual([
      'entry 2 "One": <link>#</link> points into the feed itself, not to a page, and its <guid> is marked isPermaLink="false" (it is no address) and is no arXiv id',
      'entry 3 "Two": <link>#</link> points into the feed itself, not to a page, and its <guid> is marked isPermaLink="false" (it is no address) and is no arXiv id',
    ]);
    expect(r.papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/ok', 'https://blog.example.org/posts/3', 'https://blog.example.org/4.pdf']);
  });

  it('Atom: an href of "#" is passed over for another link, else the entry is left out saying so', () => {
    const entries = '<entry><title>Hash</title><link href="#"/><id>urn:uuid:1</id></entry><entry><title>Other</title><link rel="alternate" href="#top"/><link rel="related" href="https://blog.example.org/2"/><id>urn:uuid:2</id></entry>';
    const r = parseFeedPapers(atom(entries), feedUrl, '', 'feed');
    expect(r.dropped).toEqual(['entry 2 "Hash": <link href="#"> points into the feed itself, not to a page, and its <id>urn:uuid:1</id> is neither an address nor an arXiv id']);
    expect(r.papers.map((p) => p.absUrl)).toEqual(['https://blog.example.org/ok', 'https://blog.example.org/2']);
  });

  it('JSON Feed: a "url" of "#" is no address either', () => {
    expect(dropped(jsonFeed([{ id: 'p2', url: '#', title: 'Hash' }]), feedUrl)).toEqual(['entry 2 "Hash": "url": "#" points into the feed itself, not to a page, and its "id": "p2" is neither an address nor an arXiv id']);
  });
});

describe('RSS items are explained with RSS elements', () => {
  it('no link: the guid marked isPermaLink="false", a guid that is no address, no guid', () => {
    expect(dropped(rss('<item><title>Not a permalink</title><guid isPermaLink="false">https://blog.example.org/?p=2</guid></item><item><title>Number</title><guid>1234</guid></item><item><title>Bare</title></item>'))).toEqual([
      'entry 2 "Not a permalink": no <link>, and its <guid> is marked isPermaLink="false" (it is no address) and is no arXiv id',
      'entry 3 "Number": no <link>, and its <guid>1234</guid> is neither an address nor an arXiv id',
      'entry 4 "Bare": no <link> and no <guid>',
    ]);
  });

  // RSS 2.0: isPermaLink defaults to true, and "false" makes the guid no address. The link
  // chosen and the reason given read the value alike: any case, spaces around it or none.
  it('isPermaLink " false " in any case is no permalink to the link chosen and to the reason alike; " true " or none is one', () => {
    const r = parseFeedPapers(
      rss(
        [
          '<item><title>Spaced</title><guid isPermaLink=" false ">https://blog.example.org/?p=3</guid></item>',
          '<item><title>Episode</title><guid isPermaLink="\tFALSE\n">https://blog.example.org/?p=4</guid><enclosure url="https://blog.example.org/ep4.mp3" type="audio/mpeg" length="1"/></item>',
          '<item><title>True</title><guid isPermaLink=" True ">https://blog.example.org/posts/5</guid></item>',
          '<item><title>Default</title><guid>https://blog.example.org/posts/6</guid></item>',
        ].join(''),
      ),
      'https://blog.example.org/feed',
      '',
      'feed',
    );
    expect(r.dropped).toEqual(['entry 2 "Spaced": no <link>, and its <guid> is marked isPermaLink="false" (it is no address) and is no arXiv id']);
    expect(r.papers.map((p) => [p.title, p.absUrl, p.arxivId])).toEqual([
      ['Fine', 'https://blog.example.org/ok', feedItemId('https://blog.example.org/ok')],
      ['Episode', 'https://blog.example.org/ep4.mp3', feedItemId('https://blog.example.org/ep4.mp3')],
      ['True', 'https://blog.example.org/posts/5', feedItemId('https://blog.example.org/posts/5')],
      ['Default', 'https://blog.example.org/posts/6', feedItemId('https://blog.example.org/posts/6')],
    ]);
  });

  it('the field a bad link came from: <link>, <enclosure url>, <atom:link href>, a permalink <guid>', () => {
    const items = [
      '<item><title>Link</title><link>javascript:alert(1)</link></item>',
      '<item><title>Guid</title><guid>mailto:a@example.org</guid><enclosure url="mailto:b@example.org" type="audio/mpeg" length="1"/></item>',
      '<item><title>Enclosure</title><enclosure url="ftp://files.example.org/ep1.mp3" type="audio/mpeg" length="1"/></item>',
      '<item xmlns:atom="http://www.w3.org/2005/Atom"><title>Atom link</title><atom:link href="data:text/html,x"/></item>',
    ].join('');
    expect(dropped(rss(items))).toEqual([
      'entry 2 "Link": <link>javascript:alert(1)</link> is not an http(s) address',
      // A guid that is no address beginning http(s):// or / is no link: the enclosure is read.
      'entry 3 "Guid": <enclosure url="mailto:b@example.org"> is not an http(s) address',
      'entry 4 "Enclosure": <enclosure url="ftp://files.example.org/ep1.mp3"> is not an http(s) address',
      'entry 5 "Atom link": <atom:link href="data:text/html,x"> is not an http(s) address',
    ]);
    expect(dropped(rss('<item><title>Relative guid</title><guid>/posts/9</guid></item>'), null)).toEqual(['entry 2 "Relative guid": <guid>/posts/9</guid> is relative, and there is no feed address to resolve it against']);
  });

  it('an empty <link> is said to be empty, not missing', () => {
    expect(dropped(rss('<item><title>Empty</title><link></link><guid>1234</guid></item><item><title>Blank</title><link>  </link></item>'))).toEqual([
      'entry 2 "Empty": <link> is empty, and its <guid>1234</guid> is neither an address nor an arXiv id',
      'entry 3 "Blank": <link> is empty, and there is no <guid>',
    ]);
  });

  it('no title and no text: <description> or <content:encoded>', () => {
    expect(dropped(rss('<item><link>https://blog.example.org/2</link></item>'))).toEqual(['entry 2: no <title>, and no <description> or <content:encoded> to make one from']);
  });

  it('RSS 1.0 (RDF) items name rdf:about, where their address is', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://blog.example.org/"><title>Blog</title></channel>
      <item><title>No address</title></item>
      <item rdf:about="urn:isbn:0451450523"><title>Urn</title></item></rdf:RDF>`;
    expect(dropped(rdf)).toEqual(['entry 1 "No address": no <link> or rdf:about and no <guid>', 'entry 2 "Urn": rdf:about="urn:isbn:0451450523" is not an http(s) address']);
  });
});

describe('arXiv listing entries are explained with their form’s elements', () => {
  const ARXIV = 'xmlns:arxiv="http://arxiv.org/schemas/atom"';

  it('RSS: an id that is no arXiv id is the <guid>; no title is no <title>', () => {
    const doc = `<rss version="2.0" ${ARXIV}><channel><title>cs.CL updates on arXiv.org</title>
      <item><title>Broken</title><link>https://arxiv.org/abs/nonsense</link><guid isPermaLink="false">oai:arXiv.org:nonsense</guid><arxiv:announce_type>new</arxiv:announce_type></item>
      <item><title></title><link>https://arxiv.org/abs/2508.14001</link><guid isPermaLink="false">oai:arXiv.org:2508.14001v1</guid><arxiv:announce_type>new</arxiv:announce_type></item>
    </channel></rss>`;
    expect(dropped(doc, null)).toEqual(['entry 1: its <guid>oai:arXiv.org:nonsense</guid> is not an arXiv id', 'entry 2 (2508.14001): no <title>']);
  });

  it('Atom: the <id>', () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom" ${ARXIV}><title>cs.CL updates on arXiv.org</title>
      <entry><title>Broken</title><id>oai:arXiv.org:nonsense</id><link href="https://arxiv.org/abs/nonsense" rel="alternate" type="text/html"/><arxiv:announce_type>new</arxiv:announce_type></entry>
    </feed>`;
    expect(dropped(doc, null)).toEqual(['entry 1: its <id>oai:arXiv.org:nonsense</id> is not an arXiv id']);
  });
});
