import { describe, expect, it } from 'vitest';
import { feedItemId, parseFeed } from '../../../src/sources/feed.js';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';

const FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'A lab blog',
  home_page_url: 'https://lab.example.org/',
  authors: [{ name: 'The Lab' }],
  items: [
    { id: '1', url: 'https://arxiv.org/abs/2602.17602v2', title: 'Our paper is out', content_html: '<p>We release <b>MolHIT</b>.</p>', date_published: '2026-02-27T10:00:00+01:00', authors: [{ name: 'Ada' }], tags: ['cs.LG'] },
    { id: '2', url: '/posts/retreat', title: 'Retreat', content_text: 'We went hiking.', date_published: '2026-02-20T09:00:00Z' },
    { id: '3', title: 'No link at all', summary: 'Dropped.' },
  ],
});

describe('JSON Feed', () => {
  it('reads items as RSS and Atom entries are read: arXiv links as mentions, others under feed: ids', () => {
    const result = parseFeedPapers(FEED, 'https://lab.example.org/feed.json', 'application/feed+json', 'feed');
    expect(result.entries).toBe(3);
    expect(result.dropped).toEqual([expect.stringContaining('entry 3 "No link at all"')]);
    const [paper, post] = result.papers;
    expect(paper).toMatchObject({ arxivId: '2602.17602', version: null, title: 'Our paper is out', abstract: 'We release MolHIT.', authors: ['Ada'], mention: true });
    expect(paper!.categories).toBeUndefined();
    expect(paper!.publishedAt?.toISOString()).toBe('2026-02-27T09:00:00.000Z');
    expect(post).toMatchObject({ arxivId: feedItemId('https://lab.example.org/posts/retreat'), abstract: 'We went hiking.', authors: ['The Lab'], categories: [] });
  });

  // JSON Feed 1.1 §"authors": `author` (1.0's) is deprecated, kept for old readers; a reader uses
  // `authors` when it is there and ignores `author`. Feeds that write both often name only the
  // first author in `author`; one that names someone else there added a person to the paper.
  it('1.0\'s author and 1.1\'s authors: authors when there, author otherwise, the feed\'s last', () => {
    const both = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Lab',
      author: { name: 'Old Feed Name' },
      authors: [{ name: 'The Lab' }],
      items: [
        { id: '1', url: 'https://lab.example.org/1', title: 'Both', author: { name: 'Webmaster' }, authors: [{ name: 'Ada' }, { name: 'Bo' }] },
        { id: '2', url: 'https://lab.example.org/2', title: '1.0 style', author: { name: 'Cy' } },
        { id: '3', url: 'https://lab.example.org/3', title: 'Unnamed authors', author: { name: 'Di' }, authors: [{ url: 'https://x.example.org/di' }] },
        { id: '4', url: 'https://lab.example.org/4', title: 'Feed\'s', author: { url: 'https://x.example.org/nobody' } },
      ],
    });
    expect(parseFeed(both, 'https://lab.example.org/feed.json').map((p) => p.authors)).toEqual([['Ada', 'Bo'], ['Cy'], ['Di'], ['The Lab']]);
  });

  it('is recognised by its body whatever the content type says', () => {
    expect(parseFeed(FEED, 'https://lab.example.org/feed.json', 'text/plain')).toHaveLength(2);
  });

  it('JSON that is not a JSON Feed gets a message saying so', () => {
    expect(() => parseFeed('{"data": []}', 'https://x.example.org/api')).toThrow(/JSON that is not a JSON Feed/);
    expect(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', 'https://x.example.org/feed.json')).toThrow(/malformed or truncated JSON/);
  });
});

// Older WordPress JSON Feed plugins write titles and summaries through WordPress's HTML filters
// ("Caf&eacute;", "Q&amp;A", "it&#8217;s"): the spec says plain text, but a reference there is
// escaped HTML far more often than a title about HTML. Text with no reference is left as written.
describe('a JSON Feed whose plain-text fields hold HTML references', () => {
  const items = (list: Record<string, unknown>[]) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'WP', items: list });
  it('decodes them in titles and summaries; other text stays as written', () => {
    const papers = parseFeed(
      items([
        { id: '1', url: 'https://wp.example.org/1', title: 'Caf&eacute; Q&amp;A: it&#8217;s &#x201C;here&#x201D;', summary: 'Na&iuml;ve &amp; fast.' },
        { id: '2', url: 'https://wp.example.org/2', title: 'AT&T and R&D: a <b> token & more', content_text: 'x < y & z' },
        { id: '3', url: 'https://wp.example.org/3', title: 'Unknown &foo; stays' },
      ]),
      'https://wp.example.org/feed.json',
      'application/feed+json',
    );
    expect(papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Café Q&A: it’s “here”', 'Naïve & fast.'],
      ['AT&T and R&D: a <b> token & more', 'x < y & z'],
      ['Unknown &foo; stays', ''],
    ]);
  });
});

describe('a JSON Feed item with no address whose HTML links one arXiv paper', () => {
  it('is a mention of that paper, as an RSS item whose description links one is', () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [
        { id: 'n1', title: 'This week', content_html: '<p>We read <a href="https://arxiv.org/abs/2501.01234v3">this paper</a>.</p>' },
        { id: 'n2', title: 'With a summary', summary: 'A short note.', content_html: '<p>PDF: <a href="https://arxiv.org/pdf/2502.04321">here</a></p>' },
        { id: 'n3', title: 'Plain', content_text: 'See https://arxiv.org/abs/2503.00001.' },
      ],
    });
    const r = parseFeedPapers(feed, 'https://blog.example.org/feed.json', 'application/feed+json', 'feed');
    expect(r.dropped).toEqual([]);
    expect(r.papers.map((p) => [p.title, p.arxivId, p.abstract, p.mention])).toEqual([
      ['This week', '2501.01234', 'We read this paper.', true],
      ['With a summary', '2502.04321', 'A short note.', true],
      ['Plain', '2503.00001', 'See https://arxiv.org/abs/2503.00001.', true],
    ]);
  });
});
