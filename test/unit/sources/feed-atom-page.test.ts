/**
 * Which of an Atom entry's links is its page (stored as the paper's address), and which its id
 * is made from. The id keeps the choice made when items were first stored (the first alternate
 * link, else the first link): choosing again would store the same posts under new ids and send
 * them again. The page shown is the entry's HTML alternate where it has one (RFC 4287 §4.2.7.2:
 * a link without rel is an alternate), and never its self, edit, comments or enclosure link
 * while another exists.
 */
import { describe, expect, it } from 'vitest';
import { feedItemId, parseFeedPapers } from '../../../src/sources/feed-parse.js';
import { paperFromInput } from '../../../src/core/papers/merge.js';
import { planUpsert } from '../../../src/store/upsert-plan.js';

const FEED_URL = 'https://journal.example.org/feeds/latest.atom';
const entry = (links: string, title = 'A paper') =>
  `<feed xmlns="http://www.w3.org/2005/Atom"><title>Journal</title><id>tag:journal.example.org,2025:latest</id><updated>2025-09-01T00:00:00Z</updated><entry><title>${title}</title><id>tag:journal.example.org,2025:${title.length}</id><updated>2025-09-01T00:00:00Z</updated>${links}</entry></feed>`;
const paper = (doc: string) => {
  const r = parseFeedPapers(doc, FEED_URL, 'application/atom+xml', 'feed');
  expect(r.dropped).toEqual([]);
  return r.papers[0]!;
};

describe('an Atom entry shows its page, and keeps the id it was stored under', () => {
  it('a PDF alternate before the HTML alternate: the HTML page is shown, the id is still the PDF link’s', () => {
    const p = paper(entry('<link rel="alternate" type="application/pdf" href="/articles/17.pdf"/><link rel="alternate" type="text/html" href="/articles/17"/>'));
    expect(p.absUrl).toBe('https://journal.example.org/articles/17');
    expect(p.arxivId).toBe(feedItemId('https://journal.example.org/articles/17.pdf'));
  });

  it('a link without rel is an alternate: a rel-less PDF first, an HTML alternate after', () => {
    const p = paper(entry('<link type="application/pdf" href="/articles/18.pdf"/><link rel="alternate" type="application/xhtml+xml" href="/articles/18"/>'));
    expect(p.absUrl).toBe('https://journal.example.org/articles/18');
    expect(p.arxivId).toBe(feedItemId('https://journal.example.org/articles/18.pdf'));
  });

  it('a rel-less HTML link is the page even after a PDF alternate (the rel-less one is an alternate too)', () => {
    const p = paper(entry('<link rel="alternate" type="application/pdf" href="/articles/19.pdf"/><link href="/articles/19"/>'));
    expect(p.absUrl).toBe('https://journal.example.org/articles/19');
    expect(p.arxivId).toBe(feedItemId('https://journal.example.org/articles/19.pdf'));
  });

  it('no alternate: a related link is shown rather than the self, edit or comments link the id comes from', () => {
    const p = paper(entry('<link rel="self" type="application/atom+xml" href="/entries/20.atom"/><link rel="edit" href="/api/entries/20"/><link rel="replies" type="text/html" href="/articles/20#comments"/><link rel="related" href="https://doi.org/10.1000/20"/>'));
    expect(p.absUrl).toBe('https://doi.org/10.1000/20');
    expect(p.arxivId).toBe(feedItemId('https://journal.example.org/entries/20.atom'));
  });

  it('with only links that are not pages, the enclosure is shown before comments, self and edit; one alone is used', () => {
    expect(paper(entry('<link rel="replies" type="application/atom+xml" href="/articles/21/comments.atom"/><link rel="enclosure" type="application/pdf" length="9" href="/files/21.pdf"/>')).absUrl).toBe('https://journal.example.org/files/21.pdf');
    const self = paper(entry('<link rel="self" href="/entries/22.atom"/>'));
    expect(self).toMatchObject({ absUrl: 'https://journal.example.org/entries/22.atom', arxivId: feedItemId('https://journal.example.org/entries/22.atom') });
  });
});

describe('real Atom shapes keep the page and id they had', () => {
  // Blogger: comments (Atom and HTML), edit and self links before the alternate.
  it('Blogger', () => {
    const p = paper(
      entry(
        "<link rel='replies' type='application/atom+xml' href='https://lab.blogspot.com/feeds/4242/comments/default' title='Post Comments'/><link rel='replies' type='text/html' href='https://www.blogger.com/comment.g?blogID=1&amp;postID=4242' title='0 Comments'/><link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/1/posts/default/4242'/><link rel='self' type='application/atom+xml' href='https://www.blogger.com/feeds/1/posts/default/4242'/><link rel='alternate' type='text/html' href='https://lab.blogspot.com/2025/09/codec.html' title='Codec'/>",
      ),
    );
    expect(p).toMatchObject({ absUrl: 'https://lab.blogspot.com/2025/09/codec.html', arxivId: feedItemId('https://lab.blogspot.com/2025/09/codec.html') });
  });

  // WordPress's feed-atom.php: the alternate, then comment links (thr:count) and podcast enclosures.
  it('WordPress', () => {
    const p = paper(
      entry(
        '<link rel="alternate" type="text/html" href="https://speechlab.example.org/2025/09/02/codec/"/><link rel="replies" type="text/html" href="https://speechlab.example.org/2025/09/02/codec/#comments" xmlns:thr="http://purl.org/syndication/thread/1.0" thr:count="3"/><link rel="replies" type="application/atom+xml" href="https://speechlab.example.org/2025/09/02/codec/feed/atom/"/><link href="https://speechlab.example.org/wp-content/uploads/talk.mp3" rel="enclosure" length="1234" type="audio/mpeg"/>',
      ),
    );
    expect(p).toMatchObject({ absUrl: 'https://speechlab.example.org/2025/09/02/codec/', arxivId: feedItemId('https://speechlab.example.org/2025/09/02/codec/') });
  });

  // GitHub releases and commits: one HTML alternate, a media:thumbnail beside it.
  it('GitHub', () => {
    const p = paper(entry('<link rel="alternate" type="text/html" href="https://github.com/acme/speechkit/releases/tag/v2.0.0"/>'));
    expect(p).toMatchObject({ absUrl: 'https://github.com/acme/speechkit/releases/tag/v2.0.0', arxivId: feedItemId('https://github.com/acme/speechkit/releases/tag/v2.0.0') });
  });

  // The arXiv API: the abstract page as the alternate, the PDF and the DOI as related links.
  it('the arXiv API', () => {
    const p = paper(entry('<link href="http://arxiv.org/abs/2401.06855v2" rel="alternate" type="text/html"/><link title="pdf" href="http://arxiv.org/pdf/2401.06855v2" rel="related" type="application/pdf"/><link title="doi" href="http://dx.doi.org/10.1000/xyz" rel="related"/>'));
    expect(p).toMatchObject({ arxivId: '2401.06855', absUrl: 'https://arxiv.org/abs/2401.06855' });
  });
});

describe('an entry stored with its PDF alternate as its address, read again', () => {
  const t0 = new Date('2025-09-01T00:00:00Z');
  const t1 = new Date('2025-09-02T00:00:00Z');
  const links = '<link rel="alternate" type="application/pdf" href="/articles/23.pdf"/><link rel="alternate" type="text/html" href="/articles/23"/>';

  it('takes the HTML page as its address, under the id it was stored with, and counts as updated once', () => {
    const input = paper(entry(links));
    // As the entry was stored before the page was shown: the PDF its id is made from was its address.
    const before = paperFromInput({ ...input, absUrl: 'https://journal.example.org/articles/23.pdf', pdfUrl: null }, t0);
    const id = feedItemId('https://journal.example.org/articles/23.pdf');
    expect(before.arxivId).toBe(id);
    const { writes, result } = planUpsert(new Map([[id, before]]), [input], t1);
    expect(result).toMatchObject({ created: [], updated: [id] });
    expect(writes).toMatchObject([{ arxivId: id, absUrl: 'https://journal.example.org/articles/23', pdfUrl: 'https://journal.example.org/articles/23.pdf', firstSeenAt: t0 }]);
    // Read again after that, nothing changes.
    expect(planUpsert(new Map([[id, writes[0]!]]), [input], t1).result).toMatchObject({ updated: [], unchanged: [id] });
  });
});

describe("an entry's PDF is the paper's PDF link, beside its page", () => {
  const pdfOf = (doc: string, type = 'application/atom+xml') => {
    const r = parseFeedPapers(doc, FEED_URL, type, 'feed');
    expect(r.dropped).toEqual([]);
    return r.papers.map((p) => [p.absUrl, p.pdfUrl]);
  };
  const rss = (item: string) => `<rss version="2.0"><channel><title>Journal</title><link>https://journal.example.org/</link><item><title>A paper</title>${item}</item></channel></rss>`;

  it('Atom: an alternate or enclosure link typed application/pdf, or untyped and ending in .pdf', () => {
    expect(pdfOf(entry('<link rel="alternate" type="application/pdf" href="/articles/30.pdf"/><link rel="alternate" type="text/html" href="/articles/30"/>'))).toEqual([['https://journal.example.org/articles/30', 'https://journal.example.org/articles/30.pdf']]);
    expect(pdfOf(entry('<link rel="alternate" type="text/html" href="/articles/31"/><link href="/files/31.pdf?dl=1"/>'))).toEqual([['https://journal.example.org/articles/31', 'https://journal.example.org/files/31.pdf?dl=1']]);
    // A related or via PDF is another document (a cited paper, the post's source).
    expect(pdfOf(entry('<link href="/articles/31b"/><link rel="related" type="application/pdf" href="https://arxiv.example.org/cited.pdf"/><link rel="via" href="/files/src.pdf"/>'))).toEqual([['https://journal.example.org/articles/31b', null]]);
    expect(pdfOf(entry('<link href="/articles/32"/><link rel="enclosure" type="application/pdf; charset=binary" href="https://cdn.example.net/32"/>'))).toEqual([['https://journal.example.org/articles/32', 'https://cdn.example.net/32']]);
  });

  // An arXiv overlay journal's entry: its page on the journal, its PDF on arXiv, whose /pdf/
  // addresses have no .pdf; the same reading as a stored address a page may replace (merge.ts).
  it('an untyped link to arXiv\'s /pdf/ is a PDF, as an address ending in .pdf is', () => {
    expect(pdfOf(entry('<link href="/articles/31c"/><link rel="enclosure" href="https://arxiv.org/pdf/2401.06855v2"/>'))).toEqual([['https://journal.example.org/articles/31c', 'https://arxiv.org/pdf/2401.06855v2']]);
    expect(pdfOf(rss('<link>https://journal.example.org/articles/31d</link><enclosure url="https://export.arxiv.org/pdf/2401.06856" length="1"/>'), 'application/rss+xml')).toEqual([['https://journal.example.org/articles/31d', 'https://export.arxiv.org/pdf/2401.06856']]);
  });

  it('Atom: no PDF link when there is none, a link says another type, or the PDF is the only address', () => {
    expect(pdfOf(entry('<link href="/articles/33"/><link rel="enclosure" type="audio/mpeg" href="/files/33.pdf"/>'))).toEqual([['https://journal.example.org/articles/33', null]]);
    expect(pdfOf(entry('<link href="/articles/34"/><link rel="edit" href="/api/34.pdf"/>'))).toEqual([['https://journal.example.org/articles/34', null]]);
    expect(pdfOf(entry('<link rel="enclosure" type="application/pdf" href="/files/35.pdf"/>'))).toEqual([['https://journal.example.org/files/35.pdf', null]]);
  });

  it('RSS: a PDF enclosure (typed or by its name) beside the item link; other enclosures are not one', () => {
    expect(pdfOf(rss('<link>https://journal.example.org/articles/36</link><enclosure url="https://journal.example.org/files/36.pdf" length="1" type="application/pdf"/>'), 'application/rss+xml')).toEqual([['https://journal.example.org/articles/36', 'https://journal.example.org/files/36.pdf']]);
    expect(pdfOf(rss('<link>https://journal.example.org/articles/37</link><enclosure url="/files/37.PDF" length="1"/>'), 'application/rss+xml')).toEqual([['https://journal.example.org/articles/37', 'https://journal.example.org/files/37.PDF']]);
    expect(pdfOf(rss('<link>https://journal.example.org/articles/38</link><enclosure url="https://journal.example.org/files/38.mp3" length="1" type="audio/mpeg"/>'), 'application/rss+xml')).toEqual([['https://journal.example.org/articles/38', null]]);
  });

  it('an unusable PDF address first (javascript:, over-long) does not hide a usable PDF after it', () => {
    const long = `https://journal.example.org/files/${'x'.repeat(3000)}.pdf`;
    expect(pdfOf(rss(`<link>https://journal.example.org/articles/40</link><enclosure url="javascript:alert(1)" type="application/pdf"/><enclosure url="${long}" type="application/pdf"/><enclosure url="/files/40.pdf" type="application/pdf"/>`), 'application/rss+xml')).toEqual([['https://journal.example.org/articles/40', 'https://journal.example.org/files/40.pdf']]);
    expect(pdfOf(entry('<link href="/articles/41"/><link rel="enclosure" type="application/pdf" href="javascript:alert(1)"/><link rel="enclosure" type="application/pdf" href="/files/41.pdf"/>'))).toEqual([['https://journal.example.org/articles/41', 'https://journal.example.org/files/41.pdf']]);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Journal', items: [{ id: '42', url: 'https://journal.example.org/articles/42', title: 'A paper', attachments: [{ url: 'javascript:alert(1)', mime_type: 'application/pdf' }, { url: '/files/42.pdf', mime_type: 'application/pdf' }] }] });
    expect(pdfOf(json, 'application/feed+json')).toEqual([['https://journal.example.org/articles/42', 'https://journal.example.org/files/42.pdf']]);
  });

  it('JSON Feed: an attachment of type application/pdf; a hostile address is no PDF link', () => {
    const json = (attachments: unknown[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Journal', items: [{ id: '39', url: 'https://journal.example.org/articles/39', title: 'A paper', attachments }] });
    expect(pdfOf(json([{ url: 'https://journal.example.org/files/39.mp3', mime_type: 'audio/mpeg' }, { url: '/files/39.pdf', mime_type: 'application/pdf' }]), 'application/feed+json')).toEqual([['https://journal.example.org/articles/39', 'https://journal.example.org/files/39.pdf']]);
    expect(pdfOf(json([{ url: 'javascript:alert(1)', mime_type: 'application/pdf' }]), 'application/feed+json')).toEqual([['https://journal.example.org/articles/39', null]]);
  });
});
