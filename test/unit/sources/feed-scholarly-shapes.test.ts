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
