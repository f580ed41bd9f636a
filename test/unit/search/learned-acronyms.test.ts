import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/papers/paper.js';
import { learnedAcronyms } from '../../../src/core/search/learned-acronyms.js';

const paper = (id: string, abstract: string) => ({ arxivId: id, title: 'A paper', abstract }) as Paper;

describe('learned abbreviations', () => {
  it('are linked both ways, as the topic matcher links them', () => {
    const learned = learnedAcronyms();
    learned.learn([paper('1', 'We study the key-value (KV) cache of long prompts.')]);
    expect(learned.pairs().get('kv')).toEqual(['key valu']);
    expect(learned.pairs().get('key valu')).toEqual(['kv']);
  });

  it('stay bounded: past the bound the definitions fewest papers made go first', () => {
    const learned = learnedAcronyms(4);
    const names = ['Alpha Beta Gamma (ABG)', 'Delta Epsilon Zeta (DEZ)', 'Eta Theta Iota (ETI)', 'Kappa Lambda Mu (KLM)', 'Nu Xi Omicron (NXO)'];
    learned.learn([paper('0', 'Retrieval augmented generation (RAG) helps.'), paper('1', 'Retrieval augmented generation (RAG) again.')]);
    learned.learn(names.map((n, i) => paper(`n${i}`, `We propose ${n} for tables.`)));
    expect(Object.keys(learned.toJSON())).toEqual(['rag']);
    expect(learned.pairs().get('rag')).toEqual(['retriev augment generat']);
  });
});
