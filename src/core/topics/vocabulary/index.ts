/**
 * The vocabulary the matcher ships with: broad concepts of machine learning (language.ts,
 * perception.ts), plus the starter catalog's topics as concepts of their own, so a free-text
 * topic that mentions a catalog topic reuses its curated names.
 */
import { CATALOG } from '../catalog.js';
import type { Concept } from './concept.js';
import { LANGUAGE_CONCEPTS } from './language.js';
import { PERCEPTION_CONCEPTS } from './perception.js';
import { createVocabulary, type Vocabulary } from './vocabulary.js';

export type { Concept } from './concept.js';
export type { Vocabulary } from './vocabulary.js';

const catalogConcepts: Concept[] = CATALOG.map((spec) => ({ id: spec.name, forms: [...spec.aliases, ...spec.strong], gloss: spec.description }));

const built = new Map<boolean, Vocabulary>();

/** Built once per process (about a thousand concepts). `withCatalog: false` leaves the catalog out. */
export function shippedVocabulary(opts: { withCatalog?: boolean } = {}): Vocabulary {
  const withCatalog = opts.withCatalog ?? true;
  let v = built.get(withCatalog);
  if (!v) {
    v = createVocabulary([...LANGUAGE_CONCEPTS, ...PERCEPTION_CONCEPTS, ...(withCatalog ? catalogConcepts : [])]);
    built.set(withCatalog, v);
  }
  return v;
}
