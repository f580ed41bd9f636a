/**
 * Matching quality against labelled papers (the rules of shared/data/README.md): borderline
 * papers count neither as hits nor as false alarms.
 */
export interface TopicLabels {
  relevant: readonly string[];
  borderline: readonly string[];
}

export interface TopicQuality {
  precision: number;
  recall: number;
  f1: number;
  returned: number;
  hits: number;
  falseAlarms: string[];
  misses: string[];
}

export function topicQuality(returned: ReadonlySet<string>, labels: TopicLabels, universe?: ReadonlySet<string>): TopicQuality {
  const inUniverse = (id: string) => !universe || universe.has(id);
  const relevant = new Set(labels.relevant.filter(inUniverse));
  const borderline = new Set(labels.borderline);
  let hits = 0;
  let counted = 0;
  const falseAlarms: string[] = [];
  for (const id of returned) {
    if (!inUniverse(id) || borderline.has(id)) continue;
    counted++;
    if (relevant.has(id)) hits++;
    else falseAlarms.push(id);
  }
  const misses = [...relevant].filter((id) => !returned.has(id));
  const precision = counted === 0 ? (relevant.size === 0 ? 1 : 0) : hits / counted;
  const recall = relevant.size === 0 ? 1 : hits / relevant.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, returned: returned.size, hits, falseAlarms, misses };
}

export function macroF1(qualities: readonly TopicQuality[]): number {
  return qualities.length === 0 ? 0 : qualities.reduce((s, q) => s + q.f1, 0) / qualities.length;
}
