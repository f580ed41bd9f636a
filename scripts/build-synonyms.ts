/**
 * Writes src/core/topics/vocabulary/synonyms-data.ts: WordNet's everyday synonyms of the words
 * the shipped vocabulary's glosses and forms use (wordnet.ts says how). Run after changing the
 * vocabulary or the stemmer; test/unit/topics/synonyms.test.ts fails while the table is stale.
 *
 * Usage: npm run vocabulary:synonyms
 */
import { writeFileSync } from 'node:fs';
import { shippedSynonymsSource } from './synonyms-source.js';

const target = new URL('../src/core/topics/vocabulary/synonyms-data.ts', import.meta.url);
const source = shippedSynonymsSource();
writeFileSync(target, source);
console.log(`wrote ${target.pathname}: ${source.split('\n').length} lines, ${(source.length / 1024).toFixed(0)} KB`);
