import MiniSearch, { type Options } from 'minisearch';
import { expect, it } from 'vitest';
import { createScorer } from '../../../src/core/search/term-scorer.js';

const WORDS = 'neural audio codec speech token compression diffusion video graph network retrieval augmented generation draft model decoding expert routing'.split(' ');
type Doc = { id: string; title: string; abstract: string };
const OPTIONS: Options<Doc> = { fields: ['title', 'abstract'], storeFields: ['title'], autoVacuum: false };
const boost = { title: 2, abstract: 1 };

// After adds, replaces and discards (not yet vacuumed), the pruned top-k must score as a
// MiniSearch index freshly built from the live documents does: the old copies a replace
// leaves in the posting lists must not count.
it('top-k scores after random updates equal those of a fresh index over the live documents', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const text = (len: number) => Array.from({ length: len }, pick).join(' ');
  let checks = 0;
  const mismatches: string[] = [];
  for (let round = 0; round < 30; round++) {
    const mini = new MiniSearch<Doc>(OPTIONS);
    const live = new Map<string, Doc>();
    const n = 1 + Math.floor(rand() * 50);
    const put = (id: string) => {
      const doc = { id, title: text(3), abstract: text(12) };
      if (live.has(id)) mini.replace(doc);
      else mini.add(doc);
      live.set(id, doc);
    };
    for (let i = 0; i < n; i++) put(`d${i}`);
    const scorer = createScorer(mini);
    for (let op = 0; op < 15; op++) {
      const id = `d${Math.floor(rand() * n)}`;
      if (rand() < 0.6 || live.size <= 1 || !live.has(id)) put(id);
      else {
        mini.discard(id);
        live.delete(id);
      }
      scorer.invalidate();
      const first = pick();
      const second = pick();
      const q = rand() < 0.5 || second === first ? first : `${first} ${second}`;
      const combineWith = rand() < 0.5 ? 'AND' : 'OR';
      const k = 1 + Math.floor(rand() * 10);
      const got: number[] = [];
      scorer.best(
        { words: q.split(' ').map((term) => ({ term, prefix: false, fuzzy: 0 })), combineWith, boost, maxFuzzy: 2 },
        {
          offer(shortId, score) {
            if (!scorer.stored(shortId)) return;
            got.push(score);
            got.sort((a, b) => b - a);
            if (got.length > k) got.pop();
          },
          floor: () => (got.length === k ? got[k - 1]! * (1 - 1e-9) : 0),
        },
      );
      const fresh = new MiniSearch<Doc>(OPTIONS);
      fresh.addAll([...live.values()]);
      const want = fresh.search(q, { combineWith, boost, prefix: false, fuzzy: false }).slice(0, k).map((r) => r.score);
      checks++;
      const same = got.length === want.length && got.every((s, i) => Math.abs(s - want[i]!) <= 1e-9 * Math.max(1, s));
      if (!same) mismatches.push(`${q} ${combineWith} k=${k}: ${got.join(',')} vs ${want.join(',')}`);
    }
  }
  expect(checks).toBe(450);
  expect(mismatches).toEqual([]);
});
