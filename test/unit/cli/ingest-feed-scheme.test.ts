/**
 * `feed://host/rss.xml` and `feed:https://host/rss.xml`: the "subscribe" links sites publish for
 * feed readers (the feed: URI scheme), which readers fetch over http(s) (Tiny Tiny RSS's fix_url
 * turns "feed:" into "http:"). Copied from a page, they were refused as not http(s).
 */
import { describe, expect, it } from 'vitest';
import { parseIngestOptions } from '../../../src/cli/commands/ingest.js';

const today = new Date('2026-11-27T12:00:00Z');

describe('ingest of a feed: link', () => {
  it.each([
    ['feed://blog.example.org/rss.xml', 'http://blog.example.org/rss.xml'],
    ['FEED://blog.example.org/rss.xml', 'http://blog.example.org/rss.xml'],
    ['feed:https://blog.example.org/rss.xml', 'https://blog.example.org/rss.xml'],
    ['feed:http://blog.example.org/rss.xml', 'http://blog.example.org/rss.xml'],
  ])('%s is fetched as %s, given with --feed or alone', (link, url) => {
    expect(parseIngestOptions({ feed: [link] }, today)).toMatchObject({ ok: true, source: 'feed', request: { feedUrl: url } });
    expect(parseIngestOptions({ inputs: [link, 'https://other.example/atom'] }, today)).toMatchObject({ ok: true, source: 'feed', request: { feedUrl: `${url} https://other.example/atom` } });
  });

  it('a feed: link to another scheme is still refused', () => {
    expect(parseIngestOptions({ feed: ['feed:ftp://blog.example.org/rss.xml'] }, today)).toEqual({ ok: false, error: '--feed: "feed:ftp://blog.example.org/rss.xml" is not an http(s) URL' });
  });
});
