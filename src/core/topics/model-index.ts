/**
 * Many compiled topic models against many new papers. Models share most phrases, so clauses
 * are indexed by phrase: each paper's n-grams are counted once and looked up, and only the
 * topics with evidence are scored. Cost grows with the papers' text, not papers x topics.
 */
import type { FieldLengths } from './query-scorer.js';
import { combine, saturate } from './query-scorer.js';
import { MAX_NGRAM } from './text.js';
import type { TopicModel } from './topic-model.js';

export interface ModelIndex {
  models: readonly TopicModel[];
  /** Phrase -> (model, clause) pairs looking for it. */
  byKey: Map<string, Array<[number, number]>>;
}

export interface ModelScore {
  raw: number;
  /** Clause index -> value, for the reason. */
  values: Map<number, number>;
}

export function indexModels(models: readonly TopicModel[]): ModelIndex {
  const byKey = new Map<string, Array<[number, number]>>();
  models.forEach((m, mi) => {
    m.clauses.forEach((c, ci) => {
      const list = byKey.get(c.key);
      if (list) list.push([mi, ci]);
      else byKey.set(c.key, [[mi, ci]]);
    });
  });
  return { models, byKey };
}

function gramCounts(seq: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < seq.length; i++) {
    let key = '';
    for (let n = 0; n < MAX_NGRAM && i + n < seq.length; n++) {
      key = n === 0 ? seq[i]! : `${key} ${seq[i + n]}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return out;
}

/** Scores of one analysed paper for every model with any evidence. */
export function scoreAgainst(index: ModelIndex, doc: { title: readonly string[]; body: readonly string[] }, avg: FieldLengths): Map<number, ModelScore> {
  const title = gramCounts(doc.title);
  const body = gramCounts(doc.body);
  const perModel = new Map<number, Map<number, number>>();
  const seen = new Set<string>();
  for (const key of [...title.keys(), ...body.keys()]) {
    if (seen.has(key)) continue;
    seen.add(key);
    const users = index.byKey.get(key);
    if (!users) continue;
    const tf: [number, number] = [title.get(key) ?? 0, body.get(key) ?? 0];
    const sat = saturate(tf, doc.title.length, doc.body.length, avg);
    for (const [mi, ci] of users) {
      const m = index.models[mi]!;
      let values = perModel.get(mi);
      if (!values) perModel.set(mi, (values = new Map()));
      values.set(ci, m.clauses[ci]!.weight * m.idf[ci]! * sat);
    }
  }
  const out = new Map<number, ModelScore>();
  for (const [mi, values] of perModel) out.set(mi, { raw: combine(index.models[mi]!, values), values });
  return out;
}
