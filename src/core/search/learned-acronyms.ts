/**
 * The abbreviations the stored papers define ("multimodal large language models (MLLMs)"),
 * counted as the index reads papers: every paper at a rebuild (those past the window too, as
 * for the archive's statistics), then each one caught up with or indexed. Kept in the snapshot.
 */
import type { Paper } from '../papers/paper.js';
import { countDefinitions, linkAcronyms, type DefinitionCounts } from '../topics/acronyms.js';
import type { AcronymPairs } from './acronym-aliases.js';

/** Abbreviation stem -> long form -> papers defining it so (as the snapshot holds it). */
export type AcronymCounts = Record<string, Record<string, number>>;

export interface LearnedAcronyms {
  learn(papers: readonly Paper[]): void;
  pairs(): AcronymPairs;
  reset(): void;
  load(counts: AcronymCounts | undefined): void;
  toJSON(): AcronymCounts;
}

export function learnedAcronyms(): LearnedAcronyms {
  let counts: DefinitionCounts = new Map();
  // Linked again at the first search after a change (a walk of the table).
  let linked: AcronymPairs | null = null;
  return {
    learn(papers) {
      countDefinitions(papers, counts);
      linked = null;
    },
    pairs: () => (linked ??= linkAcronyms(counts)),
    reset() {
      counts = new Map();
      linked = null;
    },
    load(saved) {
      counts = new Map(Object.entries(saved ?? {}).map(([short, longs]) => [short, new Map(Object.entries(longs))]));
      linked = null;
    },
    toJSON: () => Object.fromEntries([...counts].map(([short, longs]) => [short, Object.fromEntries(longs)])),
  };
}
