/**
 * Scholarly feeds in the shapes publishers, preprint servers and blogs serve them: each fixture
 * names where its shape comes from, and each test what a reader of paperboy's digest must see.
 */
import { describe, expect, it } from 'vitest';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { fixture } from './fixtures.js';

const read = (name: string, url: string) => parseFeedPapers(fixture(name), url, 'application/rss+xml', 'feed');

describe('MathML in feed text (fixture feed-mathml.rss.xml)', () => {
  it('keeps a formula\'s text and drops its tags and its TeX source annotation, escaped, prefixed or written straight in', () => {
    const r = read('feed-mathml.rss.xml', 'https://notes.example.org/feed.xml');
    expect(r.papers.map((p) => p.abstract)).toEqual([
      'With exponential growth the count after t weeks is e kt times the first week’s.',
      'The error stays below ε≤c0 for every n.',
      'Growth is ekt again.',
    ]);
  });
});

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** What a digest shows of each paper a fixture gives: title, authors, date, address, abstract. */
const cards = (name: string, url: string) => read(name, url).papers.map((p) => [p.title, p.authors, iso(p.publishedAt), p.absUrl, p.abstract]);

describe('journal tables of contents in RSS 1.0 with PRISM', () => {
  // fixture feed-cellpress.rdf: items with rdf:about and no <link>, dated only by prism:publicationDate.
  it('a Cell Press item dated only by prism:publicationDate is dated, and takes rdf:about as its address', () => {
    const r = read('feed-cellpress.rdf', 'https://www.cell.com/tics/current.rss');
    expect(r.papers.map((p) => [p.title, p.authors, iso(p.publishedAt), p.absUrl])).toEqual([
      ['Language structure as a training signal', ['Velia Cardin'], '2026-09-14T00:00:00.000Z', 'https://www.cell.com/trends/cognitive-sciences/fulltext/S1364-6613(26)00205-6?rss=yes'],
      // dc:date, when there is one, stays the date.
      ['Attention and the predictive brain', ['Ana Ruiz', 'Tomás Weber'], '2026-09-02T00:00:00.000Z', 'https://www.cell.com/trends/cognitive-sciences/fulltext/S1364-6613(26)00198-1?rss=yes'],
    ]);
  });

  // fixture feed-atypon-toc.rdf: dc:date is the article's online date, prism:coverDate its issue's.
  it('an Atypon item keeps its online dc:date over the issue\'s cover date, one dc:creator per author, and no citation as abstract', () => {
    expect(cards('feed-atypon-toc.rdf', 'https://www.journals.uchicago.edu/action/showFeed?type=etoc&feed=rss&jc=jpe')).toEqual([
      [
        'The Gas Trap: Outcompeting Coal versus Renewables',
        ['Bård Harstad', 'Katinka Holtsmark'],
        '2026-05-05T02:02:24.000Z',
        'https://www.journals.uchicago.edu/doi/abs/10.1086/740172?af=R',
        // The description is only the citation: no abstract.
        '',
      ],
      ['Second article from the same issue', [], '2026-05-06T02:02:24.000Z', 'https://www.journals.uchicago.edu/doi/abs/10.1086/740219?af=R', ''],
    ]);
  });

  it('an item dated by nothing but its issue\'s prism:coverDate takes that date', () => {
    const doc = `<rss version="2.0" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"><channel><title>J</title>
      <item><title>Paper</title><link>https://j.example.org/a/2</link><prism:coverDate>2026-07-01T07:00:00Z</prism:coverDate></item></channel></rss>`;
    expect(iso(parseFeedPapers(doc, null, '', 'feed').papers[0]!.publishedAt)).toBe('2026-07-01T07:00:00.000Z');
  });

  it('an Atom entry with prism:publicationDate and only an <updated> takes the publication date', () => {
    const doc = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"><title>J</title>
      <entry><title>Paper</title><id>https://j.example.org/a/1</id><link href="https://j.example.org/a/1"/>
      <updated>2026-11-30T10:00:00Z</updated><prism:publicationDate>2026-10-02</prism:publicationDate></entry></feed>`;
    expect(iso(parseFeedPapers(doc, null, '', 'feed').papers[0]!.publishedAt)).toBe('2026-10-02T00:00:00.000Z');
  });
});

describe('metadata written as lines at the head of a description', () => {
  // fixture feed-nature.rdf: the citation line before the abstract in content:encoded.
  it('a Nature abstract starts after its citation line; the title\'s markup and a repeated dc:creator go', () => {
    expect(cards('feed-nature.rdf', 'https://www.nature.com/natcatal.rss')).toEqual([
      [
        'Direct electrochemical propylene epoxidation over amorphized perovskite oxide in non-halogenated aqueous electrolyte',
        ['Kalipada Koner', 'Jason S. Adams'],
        '2026-05-12T00:00:00.000Z',
        'https://www.nature.com/articles/s41929-026-01535-6',
        'Direct electrocatalytic oxidation of propylene in aqueous solution has been limited to precious-metal catalysts in halogenated electrolytes.',
      ],
      ['Staying in academia', ['Theresa Mercer', 'Ada Bell'], '2026-09-15T00:00:00.000Z', 'https://www.nature.com/articles/s41562-026-02594-2', 'Returning after leave.'],
    ]);
  });

  // SIAM's Atypon feed writes the citation and the abstract in one run ("…, June 2026. Abstract. A
  // polynomial …"): no line is only a citation, and the text is kept whole.
  it('a citation that runs on into the abstract in one line is kept, as the abstract\'s start', () => {
    const doc = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
      <item rdf:about="https://epubs.siam.org/doi/abs/10.1137/24M1719761?af=R"><title>Sparse Polynomial Matrix Optimization</title><link>https://epubs.siam.org/doi/abs/10.1137/24M1719761?af=R</link>
      <content:encoded>SIAM Journal on Optimization, Volume 36, Issue 2, June 2026. Abstract. A polynomial matrix inequality is studied.</content:encoded></item></rdf:RDF>`;
    expect(parseFeedPapers(doc, null, '', 'feed').papers[0]!.abstract).toBe('SIAM Journal on Optimization, Volume 36, Issue 2, June 2026. Abstract. A polynomial matrix inequality is studied.');
  });

  // fixture feed-sciencedirect.rss.xml: no author or date element; the description is the metadata.
  it('ScienceDirect items take their authors and date from "Author(s):" and "Publication date:", and keep no metadata as abstract', () => {
    expect(cards('feed-sciencedirect.rss.xml', 'https://rss.sciencedirect.com/publication/science/00928674')).toEqual([
      [
        'Harnessing citizen science to contextualize adaptation mechanism discovery',
        ['Laura E. Tibbs-Cortes', 'Linqian Han', 'Jeremy B. Jewell'],
        '2026-05-20T00:00:00.000Z',
        'https://www.sciencedirect.com/science/article/pii/S0092867426005064?dgcid=rss_sd_all',
        '',
      ],
      // An issue's month is the first of that month.
      ['Cell atlas of the developing human gut', ['Sofía Márquez', 'Tobias Lindqvist'], '2026-03-01T00:00:00.000Z', 'https://www.sciencedirect.com/science/article/pii/S0092867426001234?dgcid=rss_sd_all', ''],
      [
        'Gut microbes and host metabolism',
        ['Wei Zhang', 'Priya Natarajan'],
        '2026-02-15T00:00:00.000Z',
        'https://www.sciencedirect.com/science/article/pii/S0092867426000987?dgcid=rss_sd_all',
        'Microbial metabolites reach the liver within hours of a meal.',
      ],
    ]);
  });

  // fixture feed-aps.rdf: dc:creator and dc:date say it already; the "Author(s):" line is no abstract.
  it('an APS abstract loses its "Author(s):" line; the elements still give the authors and date', () => {
    const [p] = read('feed-aps.rdf', 'http://feeds.aps.org/rss/recent/prl.xml').papers;
    expect([p!.authors, iso(p!.publishedAt), p!.abstract]).toEqual([
      ['Mei Tanaka', 'Jonas Berg', 'Aisha Bello'],
      '2025-07-01T10:00:00.000Z',
      'We tune an excitonic insulator with a displacement field and follow its gap. [Phys. Rev. Lett. 135, 010001] Published Tue Jul 01, 2025',
    ]);
  });

  it('"R. Aaij et al. (LHCb Collaboration)" is the person named and the collaboration, not one name', () => {
    const [, p] = read('feed-aps.rdf', 'http://feeds.aps.org/rss/recent/prl.xml').papers;
    expect(p!.authors).toEqual(['R. Aaij', 'LHCb Collaboration']);
  });

  it('a news item\'s "Source:" credit alone is text, and a label later in the text is no header', () => {
    const doc = `<rss version="2.0"><channel><title>N</title>
      <item><title>A</title><link>https://n.example.org/a</link><description>&lt;p&gt;Source: Reuters&lt;/p&gt;&lt;p&gt;Markets rose.&lt;/p&gt;</description></item>
      <item><title>B</title><link>https://n.example.org/b</link><description>We thank the authors: Ann Lee and Bo Kim.</description></item></channel></rss>`;
    expect(parseFeedPapers(doc, null, '', 'feed').papers.map((p) => [p.abstract, p.authors])).toEqual([
      ['Source: Reuters Markets rose.', []],
      ['We thank the authors: Ann Lee and Bo Kim.', []],
    ]);
  });
});

describe('preprint servers', () => {
  // fixture feed-biorxiv.rdf: checked, nothing to change.
  it('bioRxiv: padded titles and links, "Last, I." pairs in one dc:creator, dc:date', () => {
    const r = read('feed-biorxiv.rdf', 'https://connect.biorxiv.org/biorxiv_xml.php?subject=bioengineering');
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => [p.title, p.authors, iso(p.publishedAt), p.absUrl])).toEqual([
      [
        'Microscale Collagen and Fibroblast Interactions Enhance Primary Human Hepatocyte Functions in 3-Dimensional Models',
        ['Kukla, D.', 'Crampton, A.', 'Wood, D.', 'Khetani, S.'],
        '2019-11-29T00:00:00.000Z',
        'http://biorxiv.org/cgi/content/short/857789v1?rss=1',
      ],
      ['Pair-formatted authors', ['Powell, W.', 'Yan, N.', 'Tse, E.'], '2026-05-21T00:00:00.000Z', 'https://www.biorxiv.org/content/10.64898/2026.05.19.726321v1?rss=1'],
    ]);
    expect(r.papers[0]!.abstract).toMatch(/^Human liver models .* cell-based therapies\.$/);
  });
});

describe('ACS Publications (fixture feed-acs.rss.xml)', () => {
  it('a description of only a graphic, the journal in <cite> and a DOI line is no abstract; "A, B, and C" is three people', () => {
    const [p] = read('feed-acs.rss.xml', 'https://pubs.acs.org/action/showFeed?type=axatoc&feed=rss&jc=jacsat').papers;
    expect([p!.title, p!.authors, iso(p!.publishedAt), p!.absUrl, p!.abstract]).toEqual([
      // "[ASAP]" (As Soon As Publishable) says the article is online before its issue: no part of its title.
      'Zeolite Confinement Steers Methane Oxidation',
      ['Yanjing Gao', 'Guangrui Chen', 'Jihong Yu'],
      '2026-05-21T11:40:42.000Z',
      'http://dx.doi.org/10.1021/jacs.5c22299',
      '',
    ]);
  });
});

describe('"[ASAP]" and other brackets in titles', () => {
  const titles = (...written: string[]) =>
    parseFeedPapers(
      `<rss version="2.0"><channel><title>J</title>${written.map((t, i) => `<item><title>${t}</title><link>https://pubs.example.org/doi/10.1021/x.${i}</link><description>Text of the abstract.</description></item>`).join('')}</channel></rss>`,
      null,
      '',
      'feed',
    ).papers.map((p) => p.title);

  it('the status goes however it is written; a title that was only the status is made from the description; other brackets stay', () => {
    expect(titles('<![CDATA[[ASAP]  Zeolite Confinement]]>', '[asap]Lower case', '[ASAP]', '[Review] Catalysis in Confinement', 'Results from [ASAP] trials')).toEqual([
      'Zeolite Confinement',
      'Lower case',
      'Text of the abstract.',
      '[Review] Catalysis in Confinement',
      'Results from [ASAP] trials',
    ]);
  });
});

describe('IEEE Xplore (fixture feed-ieee-toc.rss.xml)', () => {
  it('authors listed in an item\'s own <authors> element, "A;B;", are its authors', () => {
    const [p] = read('feed-ieee-toc.rss.xml', 'https://ieeexplore.ieee.org/rss/TOC78.XML').papers;
    expect([p!.title, p!.authors, p!.absUrl, p!.abstract]).toEqual([
      'Graph Signal Sampling With Noisy Labels',
      ['Li Wei', 'Maria Gonzalez', 'Tomasz Nowak'],
      'http://ieeexplore.ieee.org/document/11234567',
      'We study sampling of graph signals when the labels are noisy.',
    ]);
  });
});

describe('Wiley Online Library (fixture feed-wiley.rss.xml)', () => {
  it('a description that is only "<Journal>, EarlyView." gives way to dc:description, which holds the abstract', () => {
    const [p] = read('feed-wiley.rss.xml', 'https://onlinelibrary.wiley.com/feed/15213773/most-recent').papers;
    expect([p!.authors, iso(p!.publishedAt), p!.absUrl, p!.abstract]).toEqual([
      ['Chong‐Jiu Lu', 'Wen‐Jie Shi', 'Di‐Chang Zhong'],
      '2024-08-02T10:40:21.000Z',
      'https://onlinelibrary.wiley.com/doi/10.1002/anie.202405451',
      'Four robust metal hydrogen‐bonded organic frameworks have been constructed. Abstract Hydrogen‐bonded organic frameworks (HOFs) are outstanding candidates for photocatalytic hydrogen evolution.',
    ]);
  });

  // Atypon's other journals write the same line for articles online before their issue.
  it('"<Journal>, Ahead of Print." with nothing after it is no abstract', () => {
    const doc = `<rss version="2.0"><channel><title>J</title><item><title>T</title><link>https://www.tandfonline.com/doi/full/10.1080/1.2?af=R</link>
      <description>Journal of Private International Law, Ahead of Print. &lt;br/&gt;</description></item></channel></rss>`;
    expect(parseFeedPapers(doc, null, '', 'feed').papers[0]!.abstract).toBe('');
  });
});

describe('PubMed search feeds (pubmed.ncbi.nlm.nih.gov/rss/search/…)', () => {
  // Item links as PubMed writes them: the client's name, the feed's id, the feed's creation (fc)
  // and regeneration (ff) times and PubMed's version (v) in the query; ff and v change whenever
  // the feed is made again.
  const feed = (ff: string, v: string) => `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>"crispr" - PubMed</title>
    <link>https://pubmed.ncbi.nlm.nih.gov/rss/search/1abc/?limit=15&amp;utm_campaign=pubmed-2&amp;fc=20240104154523</link>
    <item><title>Base editing in mice</title><link>https://pubmed.ncbi.nlm.nih.gov/38123456/?utm_source=Other&amp;utm_medium=rss&amp;utm_campaign=pubmed-2&amp;utm_content=1abc&amp;fc=20240104154523&amp;ff=${ff}&amp;v=${v}</link>
      <dc:identifier>pmid:38123456</dc:identifier></item>
    <item><title>A PMC article</title><link>https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8923115/?utm_source=Other&amp;utm_medium=rss&amp;utm_campaign=pubmed-2&amp;utm_content=1abc&amp;fc=20240104154523&amp;ff=${ff}&amp;v=${v}</link></item>
  </channel></rss>`;
  const papers = (doc: string) => parseFeedPapers(doc, 'https://pubmed.ncbi.nlm.nih.gov/rss/search/1abc/?limit=15', '', 'feed').papers.map((p) => [p.arxivId, p.absUrl]);

  it('an article keeps one id and one address whenever the feed is made again', () => {
    const first = papers(feed('20240105021301', '2.18.0.post9+e462414'));
    expect(papers(feed('20240106080000', '2.18.0.post22+67771e2'))).toEqual(first);
    expect(first.map(([, url]) => url)).toEqual(['https://pubmed.ncbi.nlm.nih.gov/38123456/', 'https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8923115/']);
  });

  it('other sites\' query strings, tracking ones too, are left as they are: the ids stored from them stay', () => {
    const doc = `<rss version="2.0"><channel><title>B</title><item><title>Post</title><link>https://blog.example.org/post/?utm_source=rss&amp;utm_medium=rss</link></item></channel></rss>`;
    expect(parseFeedPapers(doc, null, '', 'feed').papers[0]!.absUrl).toBe('https://blog.example.org/post/?utm_source=rss&utm_medium=rss');
  });
});
