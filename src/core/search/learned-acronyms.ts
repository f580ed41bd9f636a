/**
 * The abbreviations the stored papers define ("multimodal large language models (MLLMs)"),
 * counted as the index reads papers: every paper at a rebuild (those past the window too, as
 * for the archive's statistics), then each one new to the store that is caught up with or
 * indexed (an update does not count a paper twice). Kept in the snapshot.
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

/**
 * Most abbreviations kept. About 0.4 new ones a paper in the 384 real papers, most defined by one
 * paper only (a method's own name): unbounded, a million papers' table would be of the order of
 * 100 MB in the search worker (40,000 abbreviations took 14 MB of heap). Past the bound the rarest definitions go (those of one paper first, as
 * often as needed), down to half of it.
 */
export const MAX_ABBREVIATIONS = 20_000;

/** Drops the definitions made by the fewest papers until at most `keep` abbreviations remain. */
function thin(counts: DefinitionCounts, keep: number): void {
  for (let floor = 2; counts.size > keep; floor++) {
    for (const [short, longs] of counts) {
      for (const [long, n] of longs) if (n < floor) longs.delete(long);
      if (longs.size === 0) counts.delete(short);
    }
  }
}

export function learnedAcronyms(max = MAX_ABBREVIATIONS): LearnedAcronyms {
  let counts: DefinitionCounts = new Map();
  // Linked again at the first search after a change (a walk of the table).
  let linked: AcronymPairs | null = null;
  return {
    learn(papers) {
      countDefinitions(papers, counts);
      if (counts.size > max) thin(counts, Math.floor(max / 2));
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
