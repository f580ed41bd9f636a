import { describe, expect, it } from 'vitest';
import { compareRanked, SELECT_CHUNK, selectItems, selectItemsYielding, type RankedPaper, type SelectInput } from '../../../src/core/digest/plan.js';
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

  it('names the other topics a paper matched by the names people gave them, not their slugs', () => {
    const matches = [m('a', 'free-kv-cache-3f2a', 0.6), m('a', 'gone', 0.7), m('a', 't2', 0.8)];
    const subscriptions = [sub('s', 'free-kv-cache-3f2a'), sub('s', 'gone'), sub('s', 't2')];
    const topicNames = new Map([['free-kv-cache-3f2a', 'KV cache tricks'], ['t2', 'Token compression']]);
    const [item] = selectItems({ papers, matches, subscriptions, maxPapers: 10, topicNames });
    expect(item).toMatchObject({ topicSlug: 't2', why: 'why t2 (also: gone, KV cache tricks)' });
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

  it('picks what sorting every match would pick, in many random windows (it keeps only each topic\'s best as they come)', () => {
    // The plain definition: every paper under its best topic, each topic's list sorted and
    // capped, all of them sorted and capped.
    const reference = (input: SelectInput) => {
      const subs = new Map(input.subscriptions.map((s) => [s.topicSlug, s]));
      const byId = new Map(input.papers.map((p) => [p.arxivId, p]));
      const best = new Map<string, { score: number; paper: RankedPaper; match: (typeof input.matches)[number]; others: string[] }>();
      for (const x of input.matches) {
        const s = subs.get(x.topicSlug);
        const p = byId.get(x.arxivId);
        if (!s || !p || (s.minScore !== null && x.score < s.minScore)) continue;
        const cur = best.get(x.arxivId);
        if (!cur) best.set(x.arxivId, { score: x.score, paper: p, match: x, others: [] });
        else if (x.score > cur.score || (x.score === cur.score && x.topicSlug < cur.match.topicSlug)) best.set(x.arxivId, { score: x.score, paper: p, match: x, others: [...cur.others, cur.match.topicSlug] });
        else cur.others.push(x.topicSlug);
      }
      const kept = [...new Set([...best.values()].map((e) => e.match.topicSlug))].flatMap((slug) =>
        [...best.values()].filter((e) => e.match.topicSlug === slug).sort(compareRanked).slice(0, Math.max(0, subs.get(slug)?.maxPapers ?? Infinity)),
      );
      return kept.sort(compareRanked).slice(0, Math.max(0, input.maxPapers)).map((k) => ({
        arxivId: k.paper.arxivId,
        topicSlug: k.match.topicSlug,
        score: k.score,
        version: k.paper.version,
        why: k.others.length ? `${k.match.why} (also: ${[...new Set(k.others)].sort().join(', ')})` : k.match.why,
      }));
    };
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    for (let run = 0; run < 200; run++) {
      const ps = Array.from({ length: 1 + rnd(60) }, (_, i) => paper(`p${i}`, { upvotes: rnd(4), publishedAt: rnd(5) ? new Date(Date.UTC(2026, 10, 1 + rnd(3))) : null }));
      const topics = ['t0', 't1', 't2', 't3'].slice(0, 1 + rnd(4));
      const matches = Array.from({ length: rnd(150) }, () => m(`p${rnd(ps.length + 3)}`, `t${rnd(5)}`, rnd(6) / 5));
      const subscriptions = topics.map((t) => sub('s', t, { minScore: rnd(3) ? null : 0.4, maxPapers: rnd(3) ? null : rnd(6) }));
      const input = { papers: ps, matches, subscriptions, maxPapers: rnd(25) };
      expect(selectItems(input)).toEqual(reference(input));
    }
  });

  it('selects a big window in bounded steps: the same items, a turn of the event loop every SELECT_CHUNK entries', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) => paper(`q${i}`, { upvotes: i % 5 }));
    const matches = many.flatMap((p, i) => [m(p.arxivId, 't1', (i % 10) / 10), m(p.arxivId, 't2', (i % 7) / 7)]);
    const input = { papers: many, matches, subscriptions: [sub('s', 't1'), sub('s', 't2', { maxPapers: 3 })], maxPapers: 20 };
    let turns = 0;
    const { items, turns: reported } = await selectItemsYielding(input, async () => {
      turns++;
    });
    expect(items).toEqual(selectItems(input));
    expect(items).toHaveLength(20);
    // 12,000 papers, 24,000 matches, then each paper's best entry: 48,000 entries in all.
    expect(reported).toBe(turns);
    expect(turns).toBe(Math.floor((many.length + matches.length + many.length) / SELECT_CHUNK));
  });
});
