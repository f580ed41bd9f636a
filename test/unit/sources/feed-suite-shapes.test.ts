/**
 * Feed shapes taken from public parser test suites and the specs, through the real parser:
 * Python feedparser (kurtmckee/feedparser tests/wellformed, tests/illformed, tests/test_date_parsers.py),
 * RFC 4287 (Atom), XML Base, RSS 2.0, and Simon Fell's RSS namespace tests as feedparser carries
 * them. Each case names the suite file its shape comes from; the fixtures are ours, small and
 * written the way those files write the feed.
 */
import { describe, expect, it } from 'vitest';
import { parseFeedPapers } from '../../../src/sources/feed-parse.js';
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
    expect(read().dropped).toEqual(['entry 7 "No link, an id that is no address": no link, and its id is neither a link nor an arXiv id']);
  });
});
