import { describe, expect, it } from 'vitest';
import { selectItems } from '../../../src/core/digest/plan.js';
import { paper, sub } from './fixtures.js';

const m = (arxivId: string, topicSlug: string, score: number) => ({ arxivId, topicSlug, score, why: `why ${topicSlug}` });

describe('selectItems', () => {
  const papers = [paper('a', { upvotes: 5 }), paper('b', { upvotes: 50 }), paper('c'), paper('d', { publishedAt: new Date('2026-11-21T00:00:00Z') })];

  it('ranks by score, then upvotes, then recency', () => {
    const items = selectItems({
      papers,
      matches: [m('a', 't1', 0.9), m('b', 't1', 0.7), m('c', 't1', 0.7), m('d', 't1', 0.7)],
      subscriptions: [sub('s', 't1')],
      maxPapers: 10,
    });
    expect(items.map((i) => i.arxivId)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('places a paper matching several topics once, under its best topic, and says so', () => {
    const items = selectItems({ papers, matches: [m('a', 't1', 0.6), m('a', 't2', 0.8)], subscriptions: [sub('s', 't1'), sub('s', 't2')], maxPapers: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ arxivId: 'a', topicSlug: 't2' });
    expect(items[0]!.why).toContain('also: t1');
  });

  it('respects per-subscription minScore and maxPapers, and the target cap', () => {
    const matches = [m('a', 't1', 0.9), m('b', 't1', 0.8), m('c', 't1', 0.3), m('d', 't2', 0.5)];
    const items = selectItems({ papers, matches, subscriptions: [sub('s', 't1', { minScore: 0.5, maxPapers: 1 }), sub('s', 't2')], maxPapers: 10 });
    expect(items.map((i) => i.arxivId)).toEqual(['a', 'd']);
    const capped = selectItems({ papers, matches, subscriptions: [sub('s', 't1'), sub('s', 't2')], maxPapers: 2 });
    expect(capped.map((i) => i.arxivId)).toEqual(['a', 'b']);
  });

  it('ignores matches for topics the target does not follow and unknown papers', () => {
    expect(selectItems({ papers, matches: [m('a', 'other', 1), m('zzz', 't1', 1)], subscriptions: [sub('s', 't1')], maxPapers: 10 })).toEqual([]);
  });
});
