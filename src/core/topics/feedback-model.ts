/**
 * Learning from feedback, Rocchio-style: phrases common in papers marked relevant and absent
 * from papers marked not relevant become extra evidence for that topic (and the reverse
 * becomes negative evidence). Learned evidence is capped in the matcher so a few marks tip
 * borderline papers rather than redefine the topic. The marked papers themselves follow
 * their verdict.
 */
import type { FeedbackMark, FeedbackVerdict } from '../ports.js';
import type { MatchablePaper } from './paper-features.js';
import type { Signal } from './profile.js';
import { GENERIC_WORDS, contentStems } from './text.js';

export interface LearnedModel {
  signals: Signal[];
  /** Net verdict per marked paper (majority over actors). */
  verdicts: Map<string, FeedbackVerdict>;
}

const MAX_POSITIVE = 12;
const MAX_NEGATIVE = 8;
const LEARNED_WEIGHT = 1;
/** Phrases in more than this share of background papers are too common to learn. */
const MAX_BACKGROUND_SHARE = 0.05;

/** Majority verdict per paper; ties cancel out. */
export function netVerdicts(marks: readonly FeedbackMark[]): Map<string, FeedbackVerdict> {
  const tally = new Map<string, number>();
  for (const m of marks) tally.set(m.arxivId, (tally.get(m.arxivId) ?? 0) + (m.verdict === 'up' ? 1 : -1));
  const out = new Map<string, FeedbackVerdict>();
  for (const [id, n] of tally) if (n !== 0) out.set(id, n > 0 ? 'up' : 'down');
  return out;
}

function terms(paper: MatchablePaper): Set<string> {
  const out = new Set<string>();
  const texts = [paper.title, paper.abstract, ...(paper.aiKeywords ?? [])];
  for (const text of texts) {
    const stems = contentStems(text);
    for (let i = 0; i < stems.length; i++) {
      const a = stems[i]!;
      if (a.length > 2 && !GENERIC_WORDS.has(a)) out.add(a);
      const b = stems[i + 1];
      if (b !== undefined && !(GENERIC_WORDS.has(a) && GENERIC_WORDS.has(b))) out.add(`${a} ${b}`);
    }
  }
  return out;
}

function frequencies(papers: MatchablePaper[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of papers) for (const t of terms(p)) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

/**
 * `background` is a sample of recent papers: phrases common across it ("language model")
 * say nothing about the topic and are not learned.
 */
export function learnModel(
  marks: readonly FeedbackMark[],
  papers: ReadonlyMap<string, MatchablePaper>,
  background: readonly MatchablePaper[] = [],
): LearnedModel {
  const verdicts = netVerdicts(marks);
  const up: MatchablePaper[] = [];
  const down: MatchablePaper[] = [];
  for (const [id, v] of verdicts) {
    const p = papers.get(id);
    if (p) (v === 'up' ? up : down).push(p);
  }
  const bgDf = frequencies([...background]);
  const common = (t: string) => background.length > 0 && (bgDf.get(t) ?? 0) / background.length > MAX_BACKGROUND_SHARE;
  const upDf = frequencies(up);
  const downDf = frequencies(down);
  // A phrase must recur (in two marked papers, or the only one) to be a pattern, not a detail.
  const minUp = Math.min(2, up.length);
  const minDown = Math.min(2, down.length);

  const candidates = (df: Map<string, number>, other: Map<string, number>, n: number, min: number): Array<[string, number]> =>
    [...df]
      .filter(([t, c]) => c >= min && !other.has(t) && !common(t))
      .map(([t, c]): [string, number] => [t, (c / n) * (t.includes(' ') ? 1.2 : 1)])
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  const signals: Signal[] = [];
  if (up.length) {
    for (const [t, w] of candidates(upDf, downDf, up.length, minUp).slice(0, MAX_POSITIVE)) {
      signals.push({ phrase: t, stems: t.split(' '), weight: LEARNED_WEIGHT * w, tier: 'learned' });
    }
  }
  if (down.length) {
    for (const [t, w] of candidates(downDf, upDf, down.length, minDown).slice(0, MAX_NEGATIVE)) {
      signals.push({ phrase: t, stems: t.split(' '), weight: -LEARNED_WEIGHT * w, tier: 'learned' });
    }
  }
  return { signals, verdicts };
}
