/**
 * The snapshot stores postings in its own compact form and loads them into MiniSearch's Maps
 * directly; an index read back must answer exactly as the one written, and keep updating.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/papers/paper.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';
import { createSearchIndex, loadSearchIndex, type SearchIndex } from '../../../src/core/search/search-index.js';
import { testPaper } from '../../helpers/test-paper.js';

const WORDS = 'neural audio codec speech token tokenizer compression diffusion video graph network retrieval augmented generation draft model decoding expert routing café'.split(' ');

function papers(n: number, seed = 3): Paper[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const text = (len: number) => Array.from({ length: len }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  return Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1 + (i % 300)));
    return testPaper({
      arxivId: `2601.${String(i).padStart(5, '0')}`,
      title: text(6),
      abstract: text(40),
      authors: [`Author ${i % 17}`],
      publishedAt: at,
      announcedAt: at,
      absUrl: '',
      categories: [i % 2 ? 'cs.CL' : 'cs.SD'],
      upvotes: i % 7,
      aiKeywords: [text(2)],
      firstSeenAt: at,
      updatedAt: at,
    });
  });
}

const QUERIES = ['codec', 'neural codec', 'tok', 'netwrk routing', 'cafe', 'author:"author 3" speech', 'video category:cs.cl', 'zzz'];
const answers = (index: SearchIndex) =>
  QUERIES.map((q) => {
    const parsed = parseQuery(q);
    if (!parsed.ok) throw new Error(parsed.error);
    return index.search(parsed.query, 10);
  });

describe('search index snapshot', () => {
  it('loads back to the same answers, and keeps taking updates', async () => {
    const all = papers(300);
    const written = createSearchIndex(all);
    written.remove(['2601.00007']);
    const loaded = await loadSearchIndex(written.toJSON());
    expect(loaded.size).toBe(written.size);
    expect(answers(loaded)).toEqual(answers(written));
    expect(answers(loaded)[0]!.length).toBe(10);

    const changed = papers(20, 99).map((p, i) => ({ ...p, arxivId: all[i * 3]!.arxivId }));
    for (const index of [written, loaded]) {
      index.upsert(changed);
      index.remove(['2601.00011']);
    }
    expect(answers(loaded)).toEqual(answers(written));
    // And once more through a snapshot of the updated index.
    expect(answers(await loadSearchIndex(loaded.toJSON()))).toEqual(answers(written));
  });
});
