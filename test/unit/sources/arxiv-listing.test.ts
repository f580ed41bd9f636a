/**
 * arXiv listings in both forms rss.arxiv.org serves (issue 12, case 8): recognised by their
 * content through `--source rss` and `--source feed` alike.
 */
import { describe, expect, it } from 'vitest';
import { parseArxivRss } from '../../../src/sources/arxiv-rss.js';
import { parseFeed } from '../../../src/sources/feed.js';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { createFileSource } from '../../../src/sources/file.js';
import { FIXTURES, fixture } from './fixtures.js';

describe.each([
  ['--source rss', (body: string) => parseArxivRss(body, null), 'rss'],
  ['--source feed', (body: string) => parseFeed(body, null), 'feed'],
] as const)('an arXiv RSS 2.0 listing through %s', (_name, parse, source) => {
  const papers = parse(fixture('arxiv-listing.rss.xml'));
  const byId = (id: string) => papers.find((p) => p.arxivId === id);

  it('maps every announcement, new and cross as papers', () => {
    expect(papers).toHaveLength(8);
    expect(byId('2508.14001')).toMatchObject({
      source,
      version: 1,
      title: 'Neural Audio Codecs for Low-Resource Speech',
      // `&#8201;` (a thin space) decoded, then collapsed to a space by cleanText.
      abstract: 'We study neural audio codecs for languages with little data, at 1.5 kbps & below.',
      authors: ['Jane Doe', 'John Smith', 'Li Wei'],
      categories: ['cs.SD', 'cs.CL', 'eess.AS'],
      absUrl: 'https://arxiv.org/abs/2508.14001',
    });
    expect(byId('2508.14001')!.publishedAt?.toISOString()).toBe('2025-08-20T04:00:00.000Z');
    expect(byId('2508.14001')!.updateOnly).toBeUndefined();
    expect(byId('2508.14002')).toMatchObject({ authors: ['Ana Lima', 'Martin King, Jr.', 'Prabhat'], abstract: 'Merging tokens saves compute <50% of the time.' });
    expect(byId('2508.14003')).toMatchObject({ version: 2, categories: ['cs.CL', 'cs.LG'] });
    // A cross-listing is announced today but was published before: no publication date from the listing.
    expect(byId('2508.14100')).toMatchObject({ categories: ['cs.LG', 'cs.CL'], announcedAt: new Date('2025-08-20T04:00:00.000Z') });
    expect(byId('2508.14100')!.updateOnly).toBeUndefined();
    expect(byId('2508.14100')!.publishedAt).toBeUndefined();
  });

  it('marks replace and replace-cross as updates of papers we have', () => {
    expect(byId('2411.04965')).toMatchObject({ updateOnly: true, version: 3, abstract: 'A revised abstract for version three.' });
    expect(byId('2407.00002')).toMatchObject({ updateOnly: true, version: 5 });
    expect(byId('2401.00001')).toMatchObject({ updateOnly: true, version: 4, categories: ['stat.ML', 'cs.CL'] });
  });

  it('leaves no announce preamble in any abstract', () => {
    for (const p of papers) expect(p.abstract).not.toMatch(/arXiv:|Announce Type|Abstract:/);
  });
});

describe('an arXiv Atom listing through --source feed', () => {
  it('keeps its authors (dc:creator) and announce types', () => {
    const papers = parseFeed(fixture('arxiv-rss.atom.xml'), null);
    expect(papers.find((p) => p.arxivId === '2508.13426')).toMatchObject({ source: 'feed', authors: ['Jane Doe', 'John Smith', 'Li Wei'], version: 1, categories: ['cs.SD', 'cs.CL', 'eess.AS'] });
    expect(papers.find((p) => p.arxivId === '2411.04965')).toMatchObject({ updateOnly: true, version: 3 });
  });

  it('is recognised without announce_type, from the preamble and OAI ids', () => {
    const stripped = fixture('arxiv-listing.rss.xml').replace(/\s*<arxiv:announce_type>[^<]*<\/arxiv:announce_type>/g, '');
    const r = parseFeedPapers(stripped, null, '', 'feed');
    expect(r.listing).toBe(true);
    expect(r.papers.filter((p) => p.updateOnly).map((p) => p.arxivId)).toEqual(['2411.04965', '2407.00002', '2401.00001']);
  });

  it('a blog that links to arXiv papers is not a listing', () => {
    expect(parseFeedPapers(fixture('feed-rss2.xml'), null, '', 'feed').listing).toBe(false);
  });
});

describe('a listing saved to a file, through --source file', () => {
  it('is read as a listing too', async () => {
    const source = createFileSource();
    const [unit] = source.units({ from: 'x', to: 'x', filePaths: [`${FIXTURES}arxiv-listing.rss.xml`] });
    const papers = await source.fetchUnit(unit!);
    expect(papers).toHaveLength(8);
    expect(papers.find((p) => p.arxivId === '2508.14001')).toMatchObject({ source: 'file', version: 1, authors: ['Jane Doe', 'John Smith', 'Li Wei'] });
    expect(papers.filter((p) => p.updateOnly)).toHaveLength(3);
  });
});

describe('an arXiv listing as served before 2024 (RSS 1.0, saved or archived)', () => {
  const rdf = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://arxiv.org/">
<title>cs.CL updates on arXiv.org</title>
<link>http://arxiv.org/</link>
<description rdf:parseType="Literal">Computer Science -- Computation and Language (cs.CL) updates on the arXiv.org e-print archive</description>
<dc:date>2023-11-30T20:30:00-05:00</dc:date>
</channel>
<item rdf:about="http://arxiv.org/abs/2311.17001">
<title>Speech Tokenizers at Low Bitrate. (arXiv:2311.17001v1 [cs.CL])</title>
<link>http://arxiv.org/abs/2311.17001</link>
<description rdf:parseType="Literal">&lt;p&gt;We study speech tokenizers.&lt;/p&gt;</description>
<dc:creator>Jane Doe, Li Wei</dc:creator>
</item>
<item rdf:about="http://arxiv.org/abs/2311.16002">
<title>An Older Paper, Revised. (arXiv:2311.16002v2 [cs.LG] UPDATED)</title>
<link>http://arxiv.org/abs/2311.16002</link>
<description rdf:parseType="Literal">&lt;p&gt;Version two.&lt;/p&gt;</description>
<dc:creator>Ana Lima</dc:creator>
</item>
<item rdf:about="http://arxiv.org/abs/2311.16500">
<title>Codecs Elsewhere. (arXiv:2311.16500v1 [eess.AS] CROSS LISTED)</title>
<link>http://arxiv.org/abs/2311.16500</link>
<description rdf:parseType="Literal">&lt;p&gt;Cross-listed.&lt;/p&gt;</description>
<dc:creator>Prabhat</dc:creator>
</item>
</rdf:RDF>`;

  it('reads the id, primary category and kind of announcement out of each title, leaving the title clean', () => {
    const papers = parseFeed(rdf, null);
    const byId = (id: string) => papers.find((p) => p.arxivId === id);
    expect(byId('2311.17001')).toMatchObject({ title: 'Speech Tokenizers at Low Bitrate', version: 1, categories: ['cs.CL'], abstract: 'We study speech tokenizers.' });
    expect(byId('2311.17001')!.updateOnly).toBeUndefined();
    // UPDATED was a replacement: it updates a paper already stored, as "replace" does today.
    expect(byId('2311.16002')).toMatchObject({ title: 'An Older Paper, Revised', version: 2, categories: ['cs.LG'], updateOnly: true });
    // CROSS LISTED: announced here, published before.
    expect(byId('2311.16500')).toMatchObject({ title: 'Codecs Elsewhere', categories: ['eess.AS'] });
    expect(byId('2311.16500')!.publishedAt).toBeUndefined();
  });

  it('names the authors, not the markup, where each was linked to an author search (escaped <a> in dc:creator)', () => {
    // As those listings wrote it: the title over lines, each name an escaped link.
    const linked = rdf.replace('<title>Speech Tokenizers at Low Bitrate. (arXiv:2311.17001v1 [cs.CL])</title>', '<title>\nSpeech Tokenizers at Low Bitrate. (arXiv:2311.17001v1 [cs.CL])\n</title>').replace(
      '<dc:creator>Jane Doe, Li Wei</dc:creator>',
      '<dc:creator> &lt;a href="http://arxiv.org/find/cs/1/au:+Doe_J/0/1/0/all/0/1"&gt;Jane Doe&lt;/a&gt;, &lt;a href="http://arxiv.org/find/cs/1/au:+Wei_L/0/1/0/all/0/1"&gt;Li Wei&lt;/a&gt;, &lt;a href="http://arxiv.org/find/cs/1/au:+Martin_K/0/1/0/all/0/1"&gt;Martin King, Jr.&lt;/a&gt;</dc:creator>',
    );
    expect(linked).toContain('au:+Doe_J');
    expect(parseFeed(linked, null).find((p) => p.arxivId === '2311.17001')).toMatchObject({ title: 'Speech Tokenizers at Low Bitrate', authors: ['Jane Doe', 'Li Wei', 'Martin King, Jr.'] });
  });
});
