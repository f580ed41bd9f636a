/**
 * Deterministic synthetic papers for speed benchmarks: arXiv-like titles and ~150-word
 * abstracts drawn from an ML vocabulary, with topic phrases sprinkled in so that searches
 * and topic matching find realistic numbers of hits.
 */
import type { Paper } from '../../src/core/papers/paper.js';

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'model models training learning neural network networks transformer attention layer layers representation ' +
  'representations embedding embeddings dataset datasets benchmark evaluation performance accuracy efficient ' +
  'efficiency scalable scaling inference latency memory compute optimization gradient loss objective supervised ' +
  'unsupervised self-supervised contrastive pretraining fine-tuning adaptation transfer generalization robustness ' +
  'language vision multimodal image video audio speech text graph node policy reward agent reasoning planning ' +
  'retrieval generation generative diffusion sampling decoding tokens token sequence context long-context ' +
  'quantization pruning distillation sparse dense mixture expert routing alignment preference feedback human ' +
  'instruction prompt prompting chain-of-thought math code program synthesis translation summarization question ' +
  'answering knowledge factual hallucination safety privacy federated continual curriculum data augmentation ' +
  'synthetic simulation robot manipulation navigation control dynamics physics molecule protein drug discovery ' +
  'medical clinical segmentation detection classification recognition tracking depth reconstruction rendering ' +
  'neural-field gaussian splatting point cloud lidar mesh 3d scene camera motion temporal spatial frequency'
).split(' ');

const PHRASES = [
  'speculative decoding', 'draft model', 'kv cache compression', 'token merging', 'visual token pruning',
  'neural audio codec', 'residual vector quantization', 'speech tokenizer', 'image tokenizer', 'vq-vae codebook',
  'retrieval-augmented generation', 'dense retriever', 'reward model', 'human feedback', 'direct preference optimization',
  'video diffusion', 'text-to-video generation', 'graph neural network', 'message passing', 'mixture of experts',
  'expert routing', 'llm agents', 'tool use', 'state space model', 'flow matching', 'chain-of-thought reasoning',
];

const FIRST = 'Ada Alan Grace Yann Geoffrey Fei-Fei Andrew Daphne Yoshua Ilya Oriol Jürgen Sepp Kaiming Ross Percy Chelsea Sergey Pieter Emma Li Wei Min Priya Ahmed Sofia Mateo Yuki Olga Kwame'.split(' ');
const LAST = 'Lovelace Turing Hopper LeCun Hinton Li Ng Koller Bengio Sutskever Vinyals Schmidhuber Hochreiter He Girshick Liang Finn Levine Abbeel Strubell Zhang Wang Chen Patel Hassan Garcia Rossi Tanaka Ivanova Mensah'.split(' ');
const CATEGORIES = ['cs.CL', 'cs.LG', 'cs.AI', 'cs.CV', 'cs.SD', 'eess.AS', 'stat.ML', 'cs.RO', 'cs.IR'];

export interface SyntheticOptions {
  count: number;
  seed?: number;
  /** arXiv-like id prefix (YYMM); ids are `${prefix}.${n}`. */
  idPrefix?: string;
  start?: Date;
  /** Days from `start` over which publication dates spread (default two years). */
  days?: number;
  /**
   * Long words (13+ letters) in each abstract, mostly different from paper to paper, as real
   * abstracts have (compounds, names, identifiers); the vocabulary above has none. From their
   * own random stream, so the papers are otherwise the same as without.
   */
  longWords?: number;
}

/**
 * Real abstracts have a long-tailed vocabulary: besides the common field words above, words
 * are drawn from 20,000 pronounceable pseudo-words with Zipf-like (log-uniform rank) frequency.
 */
const SYLLABLES = 'ka ro mi ne tu sa lo vi de pa zu ri mo ne fa gi ho le ta bu'.split(' ');
const TAIL_SIZE = 20_000;
const TAIL = Array.from({ length: TAIL_SIZE }, (_, i) => {
  let n = i;
  let w = '';
  do {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return `${w}${SYLLABLES[(i * 7) % SYLLABLES.length]}x`;
});
const tailWord = (r: () => number) => TAIL[Math.min(TAIL_SIZE - 1, Math.floor(Math.exp(r() * Math.log(TAIL_SIZE))) - 1)]!;

/** Papers come from areas: most words from the area's own slice of the vocabulary. */
const AREAS = 12;
const areaWords = (area: number) => WORDS.filter((_, i) => i % AREAS === area);

export function syntheticPapers(opts: SyntheticOptions): Paper[] {
  return [...syntheticPaperStream(opts)];
}

/** The same papers as syntheticPapers, one at a time: a million do not fit in a heap at once. */
export function* syntheticPaperStream(opts: SyntheticOptions): Generator<Paper> {
  const r = rng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const areas = Array.from({ length: AREAS }, (_, a) => areaWords(a));
  const rLong = rng((opts.seed ?? 42) + 1);
  const longWord = () => `${tailWord(rLong)}${tailWord(rLong)}${tailWord(rLong)}`.padEnd(13, 'x');
  const start = (opts.start ?? new Date('2025-01-01T00:00:00Z')).getTime();
  const days = opts.days ?? 730;
  for (let i = 0; i < opts.count; i++) {
    const phrase = pick(PHRASES);
    const area = pick(areas);
    const word = () => {
      const x = r();
      return x < 0.35 ? pick(area) : x < 0.5 ? pick(WORDS) : tailWord(r);
    };
    const titleWords = Array.from({ length: 5 + Math.floor(r() * 6) }, word);
    titleWords.splice(Math.floor(r() * titleWords.length), 0, phrase);
    const title = titleWords.join(' ').replace(/^./, (c) => c.toUpperCase());
    const sentences: string[] = [];
    for (let s = 0; s < 7; s++) {
      const ws = Array.from({ length: 14 + Math.floor(r() * 10) }, word);
      if (r() < 0.35) ws.splice(Math.floor(r() * ws.length), 0, r() < 0.6 ? phrase : pick(PHRASES));
      sentences.push(`${ws.join(' ')}.`);
    }
    const published = new Date(start + Math.floor(r() * days) * 86_400_000);
    const id = `${opts.idPrefix ?? String(2500 + (i % 12) + 1)}.${String(10_000 + i).padStart(5, '0')}`;
    yield {
      arxivId: id,
      version: 1,
      title,
      abstract: opts.longWords ? `${sentences.join(' ')} ${Array.from({ length: opts.longWords }, longWord).join(' ')}.` : sentences.join(' '),
      authors: Array.from({ length: 2 + Math.floor(r() * 5) }, () => `${pick(FIRST)} ${pick(LAST)}`),
      publishedAt: published,
      announcedAt: published,
      absUrl: `https://arxiv.org/abs/${id}`,
      pdfUrl: null,
      categories: [pick(CATEGORIES), ...(r() < 0.5 ? [pick(CATEGORIES)] : [])],
      upvotes: Math.floor(r() * r() * 200),
      commentCount: null,
      githubRepo: null,
      projectPage: null,
      aiSummary: null,
      aiKeywords: [phrase, word(), word()],
      sources: ['hf'],
      doi: null,
      summary: null,
      summarySource: null,
      firstSeenAt: published,
      updatedAt: published,
    };
  }
}

/** 1,000 (or n) mixed queries: words, prefixes, typos, phrases, filters. */
export function mixedQueries(n: number, seed = 7): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const typo = (w: string) => (w.length > 5 ? `${w.slice(0, 2)}${w[3]}${w[2]}${w.slice(4)}` : w);
  const kinds = [
    () => pick(WORDS),
    () => `${pick(WORDS)} ${pick(WORDS)}`,
    () => pick(PHRASES),
    () => `"${pick(PHRASES)}"`,
    () => pick(WORDS).slice(0, 4),
    () => typo(pick(PHRASES.filter((p) => !p.includes('-')))),
    () => `${pick(PHRASES)} author:${pick(LAST).toLowerCase()}`,
    () => `${pick(WORDS)} category:${pick(CATEGORIES)}`,
    () => `${pick(PHRASES)} since:2026-06-01`,
    () => `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`,
  ];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!());
}

/** Ad-hoc topic names for subscription benchmarks. */
export function syntheticTopicNames(n: number, seed = 11): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const names = new Set<string>();
  while (names.size < n) names.add(r() < 0.5 ? `${pick(PHRASES)} for ${pick(WORDS)}` : `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`);
  return [...names];
}
