/**
 * How much a topic's abbreviation weighs beside the words of what it abbreviates.
 */
import { NEAR_PREFIX } from './corpus.js';
import type { Clause } from './query-scorer.js';

/**
 * The abbreviation of a topic typed in full ("optical character recognition", OCR) weighs as
 * much as the topic said once: its words and pairs are a group each, whose values add up, while
 * the abbreviation was one clause of one group, so a paper calling it OCR throughout scored as
 * if it said one of those words, and "OCR" and "optical character recognition" matched 6 and 2
 * of the 384 real papers. Only an abbreviation of the whole topic: one of a part ("reasoning
 * in large language models") weighed so outweighed the topic's other parts.
 */
export function abbreviationsWeighAsSpelledOut(clauses: Clause[], idf: readonly number[], aspectCount: number): void {
  const value = (i: number) => clauses[i]!.weight * idf[i]!;
  clauses.forEach((c, i) => {
    if (c.source !== 'acronym' || c.stems.length !== 1 || c.weight <= 0 || c.aspects.length < aspectCount) return;
    let phrase: readonly string[] = [];
    for (const o of clauses) if (o.group === c.group && o.source === 'topic' && o.stems.length > phrase.length) phrase = o.stems;
    if (phrase.length < 2) return;
    const inPhrase = (stems: readonly string[]) => phrase.some((_, k) => stems.every((s, j) => phrase[k + j] === s));
    const best = new Map<number, number>();
    clauses.forEach((o, j) => {
      if (o.source !== 'topic' || o.weight <= 0 || o.key.startsWith(NEAR_PREFIX) || !inPhrase(o.stems)) return;
      best.set(o.group, Math.max(best.get(o.group) ?? 0, value(j)));
    });
    let target = 0;
    for (const v of best.values()) target += v;
    if (value(i) < target) c.weight = target / idf[i]!;
  });
}
