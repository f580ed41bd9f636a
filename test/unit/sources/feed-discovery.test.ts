/**
 * Which feed a web page names (`<link rel="alternate" type="application/…+xml" href>`, feed
 * readers' autodiscovery), and whether it is one to follow: the page's first main feed in
 * document order, its address resolved against `<base href>` or the page's own; a comments feed,
 * the page itself, or an address that is not plain http(s) is never followed.
 */
import { describe, expect, it } from 'vitest';
import { namedFeed } from '../../../src/sources/feed-discovery.js';

const page = (head: string) => `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Lab</title>${head}</head><body><p>Posts</p></body></html>`;
const alt = (type: string, href: string, title = '') => `<link rel="alternate" type="${type}"${title ? ` title="${title}"` : ''} href="${href}">`;
const PAGE_URL = 'https://lab.example/blog/';

describe('the feed a web page names', () => {
  it('resolves a relative href against the page address', () => {
    expect(namedFeed(page(alt('application/atom+xml', 'atom.xml')), PAGE_URL)).toEqual({ url: 'https://lab.example/blog/atom.xml', kind: 'feed' });
    expect(namedFeed(page(alt('application/rss+xml', '/feed/?a=1&amp;b=2')), PAGE_URL)).toEqual({ url: 'https://lab.example/feed/?a=1&b=2', kind: 'feed' });
  });

  it('resolves it against the first <base href>, itself resolved against the page', () => {
    const head = `<base href="/static/site/"><base href="https://elsewhere.example/">${alt('application/atom+xml', 'feeds/atom.xml')}`;
    expect(namedFeed(page(head), PAGE_URL)).toEqual({ url: 'https://lab.example/static/site/feeds/atom.xml', kind: 'feed' });
    // A <base> with no href (only a target) is no base address.
    expect(namedFeed(page(`<base target="_blank">${alt('application/rss+xml', 'rss.xml')}`), PAGE_URL)?.url).toBe('https://lab.example/blog/rss.xml');
  });

  it('takes the first feed in document order, whatever its form (RSS, Atom, JSON Feed)', () => {
    const head = alt('application/feed+json', '/feed.json') + alt('application/atom+xml', '/atom.xml') + alt('application/rss+xml', '/rss.xml');
    expect(namedFeed(page(head), PAGE_URL)?.url).toBe('https://lab.example/feed.json');
  });

  it('passes over a comments feed for the main one, before or after it (WordPress, Blogger)', () => {
    const wordpress = alt('application/rss+xml', '/feed/', 'Lab &raquo; Feed') + alt('application/rss+xml', '/comments/feed/', 'Lab &raquo; Comments Feed');
    expect(namedFeed(page(wordpress), PAGE_URL)).toEqual({ url: 'https://lab.example/feed/', kind: 'feed' });
    const commentsFirst = alt('application/rss+xml', '/2025/05/post/feed/', 'Lab &raquo; On codecs Comments Feed') + alt('application/atom+xml', '/feeds/comments/default') + alt('application/atom+xml', '/feeds/posts/default', 'Lab - Atom');
    expect(namedFeed(page(commentsFirst), PAGE_URL)).toEqual({ url: 'https://lab.example/feeds/posts/default', kind: 'feed' });
    // Only a comments feed: named as such, not taken for the posts.
    expect(namedFeed(page(alt('application/rss+xml', '/comments/feed/', 'Lab » Commentaires')), PAGE_URL)).toEqual({ url: 'https://lab.example/comments/feed/', kind: 'comments' });
  });

  it('names the page itself as such: there is nothing else to read', () => {
    expect(namedFeed(page(alt('application/rss+xml', '/blog/')), PAGE_URL)).toEqual({ url: PAGE_URL, kind: 'itself' });
    expect(namedFeed(page(alt('application/rss+xml', '#top')), PAGE_URL)).toEqual({ url: PAGE_URL, kind: 'itself' });
    // Another feed after it is the one read.
    expect(namedFeed(page(alt('application/rss+xml', '') + alt('application/rss+xml', PAGE_URL) + alt('application/rss+xml', '/rss.xml')), PAGE_URL)?.url).toBe('https://lab.example/rss.xml');
  });

  it('never names an address that is not plain http(s): another scheme, credentials, whitespace', () => {
    for (const href of ['javascript:alert(1)', 'ftp://lab.example/feed.xml', 'file:///etc/passwd', 'https://user:secret@lab.example/feed.xml', 'data:application/rss+xml,<rss/>']) {
      expect(namedFeed(page(alt('application/rss+xml', href)), PAGE_URL)).toBeNull();
    }
    expect(namedFeed(page(alt('application/rss+xml', 'ftp://lab.example/feed.xml') + alt('application/rss+xml', 'https://lab.example/ok.xml')), PAGE_URL)?.url).toBe('https://lab.example/ok.xml');
  });

  it('passes over links and bases commented out (an old feed a theme left in a comment)', () => {
    const head = `<!-- <base href="/old/"> ${alt('application/rss+xml', '/old-feed.xml')} -->${alt('application/atom+xml', 'atom.xml')}`;
    expect(namedFeed(page(head), PAGE_URL)?.url).toBe('https://lab.example/blog/atom.xml');
  });

  it('reads only alternates typed as a feed: not a stylesheet, an oEmbed or a WordPress REST API link', () => {
    const head = '<link rel="stylesheet" type="text/css" href="/s.css"><link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2"><link rel="alternate" type="application/json+oembed" href="/oembed"><link rel="alternate" hreflang="de" href="/de/">';
    expect(namedFeed(page(head), PAGE_URL)).toBeNull();
    expect(namedFeed(page(`${head}<link rel="Alternate Feed" type="Application/RSS+XML; charset=utf-8" href='/rss'>`), PAGE_URL)?.url).toBe('https://lab.example/rss');
  });
});
