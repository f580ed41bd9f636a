/**
 * Learning from feedback, Rocchio-style (as arxiv-sanity-like tools do with TF-IDF): the
 * topic gets a centroid = mean(papers marked relevant) - 0.75 * mean(papers marked not
 * relevant) over IDF-weighted phrase vectors. A paper's similarity to it, standardised against
 * a background sample of recent papers, nudges the lexical score — capped, and only for papers
 * that already have topic evidence, so a few marks tip borderline papers rather than redefine
 * the topic. The marked papers themselves follow their verdict.
 */
import type { FeedbackMark, FeedbackVerdict } from '../ports.js';
import type { MatchablePaper } from './paper-features.js';
import { GENERIC_WORDS, contentStems } from './text.js';
import { dot, toUnitLength } from './sparse-vector.js';

export interface LearnedModel {
  /** Net verdict per marked paper (majority over actors). */
  verdicts: Map<string, FeedbackVerdict>;
  /** The marked papers themselves: free-text topics learn their words (topic-model.ts). */
  up: MatchablePaper[];
  down: MatchablePaper[];
  /** Unit-length Rocchio centroid over phrase ids; empty when there is nothing to learn from. */
  centroid: Map<string, number>;
  idf: Map<string, number>;
  defaultIdf: number;
  /** Similarity statistics over the background, for standardising. */
  mean: number;
  std: number;
}

const DOWN_WEIGHT = 0.75;
/** Raw-evidence shift per standard deviation of similarity above the background. */
export const FEEDBACK_GAIN = 0.8;
export const FEEDBACK_MAX_UP = 2;
export const FEEDBACK_MAX_DOWN = 2.5;

/** Majority verdict per paper; ties cancel out. */
export function netVerdicts(marks: readonly FeedbackMark[]): Map<string, FeedbackVerdict> {
  const tally = new Map<string, number>();
  for (const m of marks) tally.set(m.arxivId, (tally.get(m.arxivId) ?? 0) + (m.verdict === 'up' ? 1 : -1));
  const out = new Map<string, FeedbackVerdict>();
  for (const [id, n] of tally) if (n !== 0) out.set(id, n > 0 ? 'up' : 'down');
  return out;
}

/** Content unigrams and bigrams of title, keywords and abstract. */
export function paperTerms(paper: MatchablePaper): Set<string> {
  const out = new Set<string>();
  for (const text of [paper.title, paper.abstract, ...(paper.aiKeywords ?? [])]) {
    const stems = contentStems(text);
    for (let i = 0; i < stems.length; i++) {
      const a = stems[i]!;
      if (a.length > 2 && !GENERIC_WORDS.has(a)) out.add(a);
      const b = stems[i + 1];
      if (b !== undefined && !GENERIC_WORDS.has(a) && !GENERIC_WORDS.has(b)) out.add(`${a} ${b}`);
    }
  }
  return out;
}

function vector(terms: Set<string>, idf: Map<string, number>, defaultIdf: number): Map<string, number> {
  const v = new Map<string, number>();
  for (const t of terms) v.set(t, idf.get(t) ?? defaultIdf);
  toUnitLength(v);
  return v;
}

/** Similarity of a paper (its terms) to the model's centroid. */
export function similarity(model: LearnedModel, terms: Set<string>): number {
  return model.centroid.size === 0 ? 0 : dot(vector(terms, model.idf, model.defaultIdf), model.centroid);
}

/** Raw-evidence adjustment for a paper with `terms` (0 when the model has nothing to say). */
export function feedbackShift(model: LearnedModel, terms: Set<string>): number {
  if (model.centroid.size === 0) return 0;
  const z = (similarity(model, terms) - model.mean) / model.std;
  return Math.max(-FEEDBACK_MAX_DOWN, Math.min(FEEDBACK_MAX_UP, FEEDBACK_GAIN * z));
}

/**
 * `background` is a sample of recent papers: it gives phrase rarity (IDF) and the typical
 * similarity, so common phrases ("language model") and generic papers don't count.
 */
export function learnModel(
  marks: readonly FeedbackMark[],
  papers: ReadonlyMap<string, MatchablePaper>,
  background: readonly MatchablePaper[] = [],
): LearnedModel {
  const verdicts = netVerdicts(marks);
  const bgTerms = background.map(paperTerms);
  const df = new Map<string, number>();
  for (const terms of bgTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  const n = bgTerms.length;
  const idf = new Map<string, number>();
  for (const [t, c] of df) idf.set(t, Math.log((n + 1) / (c + 1)) + 1);
  const defaultIdf = Math.log(n + 1) + 1;

  const centroid = new Map<string, number>();
  const add = (paper: MatchablePaper, weight: number) => {
    for (const [t, w] of vector(paperTerms(paper), idf, defaultIdf)) centroid.set(t, (centroid.get(t) ?? 0) + w * weight);
  };
  const ups = [...verdicts].filter(([id, v]) => v === 'up' && papers.has(id)).map(([id]) => papers.get(id)!);
  const downs = [...verdicts].filter(([id, v]) => v === 'down' && papers.has(id)).map(([id]) => papers.get(id)!);
  for (const p of ups) add(p, 1 / ups.length);
  for (const p of downs) add(p, -DOWN_WEIGHT / downs.length);
  if (toUnitLength(centroid) === 0 || ups.length === 0) centroid.clear();

  const model: LearnedModel = { verdicts, up: ups, down: downs, centroid, idf, defaultIdf, mean: 0, std: 1 };
  const sims = bgTerms.map((terms) => similarity(model, terms));
  if (sims.length >= 5) {
    model.mean = sims.reduce((s, x) => s + x, 0) / sims.length;
    const variance = sims.reduce((s, x) => s + (x - model.mean) ** 2, 0) / sims.length;
    model.std = Math.max(Math.sqrt(variance), 0.02);
  } else {
    model.std = 0.1;
  }
  return model;
}
