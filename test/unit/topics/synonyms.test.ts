/**
 * Everyday synonyms (WordNet) in reading typed topics against the vocabulary's glosses: how the
 * table is made from WordNet's files, that the shipped table is the one those files give today,
 * and what a synonym may and may not do to a topic's concepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stem } from '../../../src/core/topics/text.js';
import { shippedVocabulary } from '../../../src/core/topics/vocabulary/index.js';
import { createVocabulary, looseKey } from '../../../src/core/topics/vocabulary/vocabulary.js';
import { formatSynonyms, parseSynonyms, synonymsFromWordnet } from '../../../src/core/topics/vocabulary/wordnet.js';
import { shippedSynonymsSource } from '../../../scripts/synonyms-source.js';

const key = (w: string) => looseKey(stem(w));

/** WordNet's file format: a data line per synset, an index line per lemma with its senses most frequent first. */
const tiny = {
  verb: {
    data: [
      '  1 This licence line starts with spaces',
      '00000001 41 v 02 imitate 0 copy 0 000 | reproduce someone\'s behavior',
      '00000002 41 v 02 imitate 0 simulate 0 000 | make a reproduction of',
      '00000003 41 v 02 imitate 0 mime 0 000 | the rarest sense',
      '00000004 41 v 02 think 0 reason 0 000 | use the mind',
      '00000005 41 v 02 unthinking 0 careless 0 000 | not thinking',
    ].join('\n'),
    index: [
      '  1 licence',
      'imitate v 3 1 @ 3 2 00000001 00000002 00000003  ',
      'think v 1 1 @ 1 1 00000004  ',
      'unthinking v 1 1 @ 1 1 00000005  ',
      'take_in v 1 1 @ 1 1 00000001  ',
      // Two senses, neither seen in the tagged corpus: the first alone is read.
      'copy v 2 1 @ 2 0 00000001 00000002  ',
    ].join('\n'),
  },
  noun: { data: '', index: '' },
  adj: { data: '', index: '' },
  adv: { data: '', index: '' },
};

describe('synonyms from WordNet', () => {
  it('keeps the words sharing a lemma\'s first two senses (past the first, only senses the tagged corpus saw) that the vocabulary uses, and no negated or phrasal lemma', () => {
    const table = synonymsFromWordnet(tiny, () => true);
    expect(table.get(key('imitate'))).toEqual([key('copy'), key('simulate')].sort());
    // The third sense ("mime") is past the first two.
    expect(table.get(key('imitate'))).not.toContain(key('mime'));
    expect(table.get(key('think'))).toEqual([key('reason')]);
    expect(table.get(key('copy'))).toEqual([key('imitate')]);
    // "unthinking" reads as "think" to the loose key: its synonyms would be the opposite's.
    expect(table.get(key('think'))).not.toContain(key('careless'));
    expect(table.has(key('careless'))).toBe(false);
    expect([...table.keys()].some((k) => k.includes('_'))).toBe(false);
    // Only words the vocabulary uses are kept.
    expect(synonymsFromWordnet(tiny, (k) => k === key('copy')).get(key('imitate'))).toEqual([key('copy')]);
    expect(parseSynonyms(formatSynonyms(table))).toEqual(table);
  });

  it('the shipped table is the one WordNet and the vocabulary give today (run npm run vocabulary:synonyms if not)', () => {
    const shipped = readFileSync(new URL('../../../src/core/topics/vocabulary/synonyms-data.ts', import.meta.url), 'utf8');
    expect(shipped === shippedSynonymsSource()).toBe(true);
  });

  it('a typed word meets a gloss through its synonym, for half its weight', () => {
    const concepts = [
      { id: 'knowledge distillation', forms: ['knowledge distillation', 'teacher-student'], gloss: 'copying the skills of a big model into a small student' },
      { id: 'imitation learning', forms: ['imitation learning', 'behavior cloning'], gloss: 'robots that imitate experts doing a task' },
      { id: 'image generation', forms: ['image generation'], gloss: 'drawing big colourful pictures' },
    ];
    const synonyms = new Map([[key('imitate'), [key('copy')]]]);
    const plain = createVocabulary(concepts);
    const withSynonyms = createVocabulary(concepts, synonyms);
    const ids = (v: typeof plain, text: string) => v.conceptsIn(text).map((h) => h.concept.id);
    // "imitate" is imitation learning's word; "bigger" alone is the picture concept's too.
    expect(ids(plain, 'imitate a bigger one')).not.toContain('knowledge distillation');
    expect(ids(withSynonyms, 'imitate a bigger one')).toContain('knowledge distillation');
    // A concept that says the word itself still fits better than one that says a synonym.
    const strength = (id: string) => withSynonyms.conceptsIn('imitate experts').find((h) => h.concept.id === id)?.strength ?? 0;
    expect(strength('imitation learning')).toBeGreaterThan(strength('knowledge distillation'));
  });

  it('synonyms alone describe nothing: a concept must share a word of the text itself', () => {
    const concepts = [
      { id: 'topic modelling', forms: ['topic model', 'lda'], gloss: 'finding the kinds of subjects a collection of documents covers' },
    ];
    // 'sort' shares a sense with 'kind' here, 'parcel' one with 'subject'.
    const synonyms = new Map([[key('sort'), [key('kind')]], [key('parcel'), [key('subject')]]]);
    const v = createVocabulary(concepts, synonyms);
    expect(v.conceptsIn('sorting parcels').map((h) => h.concept.id)).toEqual([]);
    // Said with a word of the gloss itself, the synonym counts.
    expect(v.conceptsIn('sorting subjects').map((h) => h.concept.id)).toEqual(['topic modelling']);
  });

  it('a synonym that is itself a word of the text is not counted twice', () => {
    const concepts = [
      { id: 'latent reasoning', forms: ['latent reasoning'], gloss: 'models that reason in hidden states' },
      { id: 'video reasoning', forms: ['video reasoning'], gloss: 'answering questions about clips' },
    ];
    const v = createVocabulary(concepts, new Map([[key('think'), [key('reason')]]]));
    // 'reason' is typed: "think" adds nothing more to a concept that says 'reason' only.
    const video = v.conceptsIn('think and reason about clips').find((h) => h.concept.id === 'video reasoning');
    expect(video?.words).toEqual([key('reason'), key('clips')]);
    // Typed alone, "think" meets 'reason' through its synonym.
    expect(v.conceptsIn('think in hidden states').find((h) => h.concept.id === 'latent reasoning')?.words).toContain(key('think'));
  });

  it('the shipped vocabulary reads a paraphrase through WordNet, and "unified" is not "un-ified"', () => {
    const ids = shippedVocabulary({ withCatalog: false }).conceptsIn('training a small model to imitate a bigger one').map((h) => h.concept.id);
    expect(ids).toContain('llm distillation');
    expect(key('unsafe')).toBe(key('safety'));
    for (const w of ['unified', 'universal', 'understand', 'unique']) expect(key(w).startsWith('un'), w).toBe(true);
    expect(key('uninformed')).toBe(key('informed'));
  });
});
