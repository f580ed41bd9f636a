/**
 * DOIs as publishers' and preprint servers' feeds state them (prism:doi, dc:identifier in its
 * "doi:", bare and address forms, a dx.doi.org link), kept in one spelling: the alias that makes
 * the same article from two feeds one paper (store/doi-alias.ts).
 */
import { describe, expect, it } from 'vitest';
import { doiAddress, doiFromAddress, normalizeDoi } from '../../../src/core/papers/doi.js';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { parseArxivFeed } from '../../../src/sources/arxiv-api.js';
import { mapFileRecord } from '../../../src/sources/file.js';
import { fixture } from './fixtures.js';

const dois = (name: string, url: string) => parseFeedPapers(fixture(name), url, 'application/rss+xml', 'feed').papers.map((p) => p.doi ?? null);

describe('normalizeDoi', () => {
  it.each([
    ['10.1038/s41929-026-01535-6', '10.1038/s41929-026-01535-6'],
    ['doi:10.1038/S41562-026-02594-2', '10.1038/s41562-026-02594-2'],
    ['DOI: 10.1021/jacs.5c22299', '10.1021/jacs.5c22299'],
    ['https://doi.org/10.1002/anie.202405451', '10.1002/anie.202405451'],
    ['http://dx.doi.org/10.1021/jacs.5c22299', '10.1021/jacs.5c22299'],
    ['https://doi.org/10.1000%2Fabc?utm_source=feed#x', '10.1000/abc'],
    ['info:doi/10.1103/PhysRevLett.135.010001', '10.1103/physrevlett.135.010001'],
    ['  10.1016/j.tics.2026.08.006. ', '10.1016/j.tics.2026.08.006'],
    ['10.1016/S1364-6613(26)00205-6', '10.1016/s1364-6613(26)00205-6'],
  ])('%s -> %s', (raw, kept) => {
    expect(normalizeDoi(raw)).toBe(kept);
  });

  it.each([[''], ['0006-3495'], ['https://www.nature.com/articles/s41929-026-01535-6'], ['10.12/too-short-registrant'], ['10.1000/has space'], ['https://doi.org/10.1000%E0%A4%A']])('%s is no DOI', (raw) => {
    expect(normalizeDoi(raw)).toBeNull();
  });

  it("is no DOI when it is arXiv's own DataCite DOI: the arXiv id says it", () => {
    expect(normalizeDoi('10.48550/arXiv.2411.04965')).toBeNull();
    expect(normalizeDoi('https://doi.org/10.48550/arXiv.2411.04965')).toBeNull();
  });

  it('its address encodes what an address reserves, and reads back as the same DOI', () => {
    expect(doiAddress('10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0')).toBe('https://doi.org/10.1002/(sici)1097-4571(199806)49:8%3C693::aid-asi4%3E3.0.co;2-0');
    expect(doiAddress('10.1000/a#b?c')).toBe('https://doi.org/10.1000/a%23b%3Fc');
    expect(normalizeDoi(doiAddress('10.1000/a#b?c'))).toBe('10.1000/a#b?c');
  });

  it('reads an address as a DOI only when it is a doi.org address: a publisher page that holds one in its path is a page', () => {
    expect(doiFromAddress('https://dx.doi.org/10.1021/JACS.5c22299')).toBe('10.1021/jacs.5c22299');
    expect(doiFromAddress('https://onlinelibrary.wiley.com/doi/10.1002/anie.202405451')).toBeNull();
    expect(doiFromAddress('10.1002/anie.202405451')).toBeNull();
  });
});

describe('DOIs in journal and preprint feeds (fixtures in test/fixtures/sources)', () => {
  it('Nature (RSS 1.0): prism:doi, lower-cased where it is written in upper case', () => {
    expect(dois('feed-nature.rdf', 'https://www.nature.com/natcatal.rss')).toEqual(['10.1038/s41929-026-01535-6', '10.1038/s41562-026-02594-2']);
  });

  it('bioRxiv: dc:identifier "doi:…", unversioned, so a v2 with a new link states the same DOI', () => {
    expect(dois('feed-biorxiv.rdf', 'http://connect.biorxiv.org/biorxiv_xml.php?subject=bioengineering')).toEqual(['10.1101/857789', '10.64898/2026.05.19.726321']);
    const v2 = fixture('feed-biorxiv.rdf').replaceAll('726321v1?rss=1', '726321v2?rss=1');
    const [, first] = parseFeedPapers(fixture('feed-biorxiv.rdf'), null, '', 'feed').papers;
    const [, second] = parseFeedPapers(v2, null, '', 'feed').papers;
    expect(second!.arxivId).not.toBe(first!.arxivId);
    expect(second!.doi).toBe(first!.doi);
  });

  it('Wiley: prism:doi beside dc:identifier and a guid that is a bare DOI', () => {
    expect(dois('feed-wiley.rss.xml', 'https://onlinelibrary.wiley.com/feed/15213773/most-recent')).toEqual(['10.1002/anie.202405451']);
  });

  it('ACS: no DOI element, but its link is the dx.doi.org address', () => {
    expect(dois('feed-acs.rss.xml', 'https://pubs.acs.org/action/showFeed?jc=jacsat')).toEqual(['10.1021/jacs.5c22299']);
  });

  it('Cell Press: a bare DOI in dc:identifier; the item without one has none', () => {
    expect(dois('feed-cellpress.rdf', 'https://www.cell.com/tics/current.rss')).toEqual(['10.1016/j.tics.2026.08.006', null]);
  });

  it('APS and Atypon: prism:doi (and dc:identifier) with a publisher /doi/ page as the link', () => {
    expect(dois('feed-aps.rdf', 'http://feeds.aps.org/rss/recent/prl.xml')).toEqual(['10.1103/physrevlett.135.010001', '10.1103/physrevlett.135.011802']);
    expect(dois('feed-atypon-toc.rdf', 'https://www.journals.uchicago.edu/action/showFeed?type=etoc&feed=rss&jc=jpe')).toEqual(['10.1086/740172', '10.1086/740219']);
  });

  it('ScienceDirect and IEEE Xplore state none: their items keep the id rule alone', () => {
    expect(dois('feed-sciencedirect.rss.xml', 'https://rss.sciencedirect.com/publication/science/00928674')).toEqual([null, null, null]);
    expect(dois('feed-ieee-toc.rss.xml', 'http://ieeexplore.ieee.org/rss/TOC78.XML')).toEqual([null]);
  });

  it('an input without a DOI has no doi key at all, so its input hash is what it was before DOIs were kept', () => {
    const [paper] = parseFeedPapers(fixture('feed-ieee-toc.rss.xml'), null, '', 'feed').papers;
    expect(paper).not.toHaveProperty('doi');
  });

  it('a post about an arXiv paper gives it no DOI, whatever its own metadata says', () => {
    const rss = `<rss version="2.0" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"><channel><title>Blog</title><link>https://blog.example.org/</link>
      <item><title>On BitNet</title><link>https://arxiv.org/abs/2411.04965</link><prism:doi>10.5555/blog.1</prism:doi></item></channel></rss>`;
    const [post] = parseFeedPapers(rss, null, '', 'feed').papers;
    expect(post).toMatchObject({ arxivId: '2411.04965', mention: true });
    expect(post).not.toHaveProperty('doi');
  });
});

describe('DOIs from the arXiv API and from files', () => {
  it("arxiv:doi is the published version's DOI; arXiv's own DataCite DOI is not kept", () => {
    const [bitnet] = parseArxivFeed(fixture('arxiv-api.atom.xml'), null).papers;
    expect(bitnet).not.toHaveProperty('doi');
    const entry = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry><id>http://arxiv.org/abs/2401.01234v3</id>
      <title>A paper</title><summary>Text.</summary><arxiv:doi>10.1103/PhysRevD.109.013009 10.1103/PhysRevD.109.099901</arxiv:doi></entry></feed>`;
    const [mapped] = parseArxivFeed(entry, null).papers;
    expect(mapped?.doi).toBe('10.1103/physrevd.109.013009');
  });

  it('a file record reads `doi` (as papers --json and arXiv\'s metadata snapshot write it), else a doi.org url', () => {
    const snapshot = mapFileRecord({ id: '0704.0001', title: 'Calculation of prompt diphoton production', doi: '10.1103/PhysRevD.76.013009' });
    expect(snapshot.kind === 'paper' && snapshot.input.doi).toBe('10.1103/physrevd.76.013009');
    const byUrl = mapFileRecord({ url: 'https://doi.org/10.1021/jacs.5c22299', title: 'An ACS article' });
    expect(byUrl.kind === 'paper' && byUrl.input.doi).toBe('10.1021/jacs.5c22299');
    const none = mapFileRecord({ url: 'https://example.org/a', title: 'A page', doi: 42 });
    expect(none.kind === 'paper' && 'doi' in none.input).toBe(false);
  });
});
