/**
 * An answer from the archive alone (no paper of the window matches) shows its scores going down.
 * On PostgreSQL it was two database queries, every word then any word, each ranked by its own
 * ts_rank: a paper with both words far apart (0.20 on the every-word query) was listed before one
 * saying one word in its title (0.33 on the any-word query), and the score column went up.
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { fillerPapers, searchItems as items, searchPaper as paper, storedPapersSearch } from '../helpers/archive-search.js';
import { storeBackends } from '../helpers/db.js';

const backends = await storeBackends('search-archive-scale', { memory: false });

const NOW = Date.parse('2026-12-06T12:00:00Z');
const filler = fillerPapers(20);
const papers: PaperInput[] = [
  ...filler,
  // The archive (older than the window's 30 days): every word, strongly.
  paper('2602.00001', 'Lookahead sampling for language models', 'Lookahead sampling draws tokens with lookahead.', '2026-02-06T00:00:00Z'),
  // Every word, far apart in a long abstract.
  paper(
    '2602.00002',
    'Routing between models during reasoning',
    'We switch models within one generation. A lookahead step decides when to switch, based on the confidence of the small model over the next few tokens, the cost of the larger model, the length of the remaining answer and the budget the user set; ' +
      'this keeps quality while the larger model is used for a fifth of the tokens, and the method needs no training. Among the alternatives we compare against is nucleus sampling.',
    '2026-02-09T00:00:00Z',
  ),
  // One word, in the title and throughout.
  paper('2602.00003', 'Sampling, sampling, sampling: a study of sampling', 'Sampling methods for decoders: sampling with temperature, sampling with top-k.', '2026-02-05T00:00:00Z'),
  paper('2602.00004', 'Importance sampling in reinforcement learning', 'Off-policy correction by sampling.', '2026-02-04T00:00:00Z'),
  // The window: nothing here has either word.
  paper('2612.01001', 'Vision transformers for satellite images', 'Satellite images with transformers.', '2026-12-05T10:00:00Z'),
];

describe.each(backends)('an answer from the archive alone: $name', (backend) => {
  const { stores: opened, windowed } = storedPapersSearch(backend, papers, NOW);

  it('shows scores going down, every-word papers first', async () => {
    const got = items(await windowed().search('lookahead sampling', { limit: 10 }));
    expect(got.every((h) => h.archive)).toBe(true);
    expect(new Set(got.map((h) => h.arxivId))).toEqual(new Set(['2602.00001', '2602.00002', '2602.00003', '2602.00004']));
    // Papers with both words before papers with one (SQLite, asking the archive on every page, merges them by score).
    if (!opened().archive?.prefixCounts) expect(got.slice(0, 2).map((h) => h.arxivId).sort()).toEqual(['2602.00001', '2602.00002']);
    const scores = got.map((h) => h.score);
    // Down, but for near-ties (within 0.1%), which list newer papers first.
    for (let i = 1; i < scores.length; i++) expect(scores[i]!, String(scores)).toBeLessThanOrEqual(scores[i - 1]! * 1.001);
    expect(Math.min(...scores)).toBeGreaterThan(0);
  });

  it('lists papers matching more of three words first, scores going down', async () => {
    const got = items(await windowed().search('lookahead nucleus sampling', { limit: 10 }));
    const scores = got.map((h) => h.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!, String(scores)).toBeLessThanOrEqual(scores[i - 1]! * 1.001);
    // Every word, then two of three, then one (SQLite merges them by BM25 times the words matched instead).
    if (!opened().archive?.prefixCounts) expect(got.map((h) => h.arxivId).slice(0, 2)).toEqual(['2602.00002', '2602.00001']);
  });

  it('keeps a one-word query\'s order and scores the database\'s own', async () => {
    const got = items(await windowed().search('sampling', { limit: 10 }));
    expect(got.map((h) => h.arxivId)[0]).toBe('2602.00003');
    const scores = got.map((h) => h.score);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!, String(scores)).toBeLessThanOrEqual(scores[i - 1]! * 1.001);
  });
});
