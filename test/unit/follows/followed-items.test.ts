import { describe, expect, it } from 'vitest';
import { FOLLOWED_SECTION, withFollowedAuthors } from '../../../src/core/follows/followed-items.js';
import type { Follow } from '../../../src/core/ports.js';
import { paper } from '../digest/fixtures.js';

const follow = (author: string): Follow => ({ subscriber: 'slack:U0ADA', author, createdBy: 'test', createdAt: new Date('2026-11-01T00:00:00Z') });
const topicItem = (arxivId: string) => ({ arxivId, topicSlug: 'audio', score: 0.9, version: 1, why: 'matched “codec”' });

describe('followed authors in a digest plan', () => {
  const papers = [paper('2611.00001', { authors: ['A. Lovelace', 'C. Babbage'] }), paper('2611.00002', { authors: ['Alan Lovelace'] }), paper('2611.00003', { authors: ['Grace Hopper'] })];

  it('adds papers a followed author wrote, in their own section, and marks topic papers they wrote', () => {
    const items = withFollowedAuthors([topicItem('2611.00003')], papers, [follow('Ada Lovelace'), follow('Grace Hopper')], 10);
    expect(items).toEqual([
      { arxivId: '2611.00001', topicSlug: FOLLOWED_SECTION, score: 1, version: 1, why: 'followed author: Ada Lovelace' },
      { ...topicItem('2611.00003'), why: 'matched “codec”; followed author: Grace Hopper' },
    ]);
  });

  it('keeps followed papers before topic papers when the digest cap bites', () => {
    expect(withFollowedAuthors([topicItem('2611.00003')], papers, [follow('Ada Lovelace')], 1).map((i) => i.arxivId)).toEqual(['2611.00001']);
  });

  it('changes nothing without follows', () => {
    const items = [topicItem('2611.00003')];
    expect(withFollowedAuthors(items, papers, [], 10)).toBe(items);
  });
});
