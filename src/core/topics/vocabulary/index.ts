/**
 * The vocabulary the matcher ships with: broad concepts of machine learning (language.ts,
 * perception.ts), plus the starter catalog's topics as concepts of their own, so a free-text
 * topic that mentions a catalog topic reuses its curated names.
 */
import { CATALOG, type TopicSpec } from '../catalog.js';
import { contentStems } from '../text.js';
import type { Concept } from './concept.js';
import { EVERYDAY_LANGUAGE } from './everyday-language.js';
import { EVERYDAY_PERCEPTION } from './everyday-perception.js';
import { LANGUAGE_CONCEPTS } from './language.js';
import { PERCEPTION_CONCEPTS } from './perception.js';
import { SYNONYM_TABLE } from './synonyms-data.js';
import { createVocabulary, looseKey, type Vocabulary } from './vocabulary.js';
import { parseSynonyms } from './wordnet.js';

export type { Concept } from './concept.js';
export type { Vocabulary } from './vocabulary.js';

/**
 * A catalog entry's strong phrases are mostly its kinds and parts (a paper on video world
 * models is a video diffusion paper), not other names of it: a topic on world models is not
 * one on video diffusion. So the entry is named by its name, its aliases and the strong
 * phrases made only of their words ("video generator" beside the alias "video generation").
 */
function catalogConcept(spec: TopicSpec): Concept {
  const nameWords = new Set([spec.name, ...spec.aliases].flatMap((n) => contentStems(n)).map(looseKey));
  const saysTheName = (phrase: string) => contentStems(phrase).every((w) => nameWords.has(looseKey(w)));
  return { id: spec.name, forms: [...spec.aliases, ...spec.strong], names: [...spec.aliases, ...spec.strong.filter(saysTheName)], gloss: spec.description };
}

const catalogConcepts: Concept[] = CATALOG.map(catalogConcept);

const built = new Map<boolean, Vocabulary>();

/** The vocabulary's own concepts, each with the everyday ways people type it (everyday-*.ts). */
const ownConcepts: Concept[] = [
  ...LANGUAGE_CONCEPTS.map((c) => ({ ...c, says: EVERYDAY_LANGUAGE[c.id] ?? [] })),
  ...PERCEPTION_CONCEPTS.map((c) => ({ ...c, says: EVERYDAY_PERCEPTION[c.id] ?? [] })),
];

/** The concepts shipped: the vocabulary's own, and the catalog's unless `withCatalog` is false. */
export function shippedConcepts(withCatalog = true): Concept[] {
  return [...ownConcepts, ...(withCatalog ? catalogConcepts : [])];
}

let synonyms: Map<string, string[]> | undefined;

/** Whether shippedVocabulary() has been built in this process (it takes a second or two). */
export const vocabularyBuilt = (withCatalog = true): boolean => built.has(withCatalog);

/** Built once per process (about a thousand concepts). `withCatalog: false` leaves the catalog out. */
export function shippedVocabulary(opts: { withCatalog?: boolean } = {}): Vocabulary {
  const withCatalog = opts.withCatalog ?? true;
  let v = built.get(withCatalog);
  if (!v) {
    v = createVocabulary(shippedConcepts(withCatalog), (synonyms ??= parseSynonyms(SYNONYM_TABLE)));
    built.set(withCatalog, v);
  }
  return v;
}
