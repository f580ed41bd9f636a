/**
 * Typos in typed topics (spelling.ts): a word no paper and no vocabulary entry uses is read as
 * the known word a typo away that papers use most, or as two words papers write together.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/topics/corpus.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import { respell, respellingNote, type SpellingContext } from '../../../src/core/topics/spelling.js';
import { stem } from '../../../src/core/topics/text.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';

/** Papers' word counts by stem (and phrase), as a corpus gives them. */
function context(lexicon: string[], used: Record<string, number>): SpellingContext {
  const byStem = new Map(Object.entries(used).map(([w, n]) => [w.split(' ').map(stem).join(' '), n]));
  return { lexicon: new Set(lexicon), used: (s) => byStem.get(s) ?? 0 };
}

describe('respell', () => {
  const ctx = context(['diffusion', 'division', 'language', 'models', 'retrieval', 'augmented'], { diffusion: 40, division: 2, language: 90, models: 120, retrieval: 12, augmented: 9, 'retrieval augmented': 7 });

  it('reads a word nobody uses as the known word a typo away that papers use most', () => {
    expect(respell('diffsion language models', ctx)).toEqual({ text: 'diffusion language models', respelled: [{ typed: 'diffsion', read: 'diffusion' }] });
    // Two slips in one topic, and the case of the rest kept.
    expect(respell('Diffsion languge Models', ctx).text).toBe('diffusion language Models');
  });

  it('prefers the word papers use most when two are a typo away', () => {
    // 'clasification' is one edit from 'classification' and from 'clarification': papers decide.
    const near = context(['classification', 'clarification'], { classification: 40, clarification: 2 });
    expect(respell('clasification', near).respelled).toEqual([{ typed: 'clasification', read: 'classification' }]);
    const rare = context(['classification', 'clarification'], { classification: 1, clarification: 2 });
    expect(respell('clasification', rare).respelled).toEqual([{ typed: 'clasification', read: 'clarification' }]);
  });

  it('splits two words typed as one when papers write them together', () => {
    expect(respell('retrievalaugmented generation', ctx).respelled).toEqual([{ typed: 'retrievalaugmented', read: 'retrieval augmented' }]);
  });

  it('leaves alone what papers use, names and abbreviations, short words and words far from any', () => {
    const used = context(['diffusion'], { diffusion: 40, diffusive: 1 });
    // A word papers use is not a typo, however close it is to another.
    expect(respell('diffusive models', used).respelled).toEqual([]);
    // Capitals past the first letter: a name or an abbreviation ("DiffSion", "DIFSION").
    expect(respell('DiffSion DIFSION', ctx).respelled).toEqual([]);
    // Under five letters a slip is too often another word.
    expect(respell('modl', context(['model'], { model: 50 })).respelled).toEqual([]);
    expect(respell('photosynthesis', ctx)).toEqual({ text: 'photosynthesis', respelled: [] });
  });

  it('leaves English words the papers do not use', () => {
    const radiology = context(['radiology', 'layers'], { radiology: 30, layers: 80 });
    expect(respell('AI for cardiology', radiology).respelled).toEqual([]);
    expect(respell('language models for lawyers', radiology).respelled).toEqual([]);
    // A vocabulary word a typo away that no paper uses is still the word meant (its concept's forms may be used).
    expect(respell('diffsion models', context(['diffusion'], { diffusion: 0 })).respelled).toEqual([{ typed: 'diffsion', read: 'diffusion' }]);
  });

  it('leaves a capitalised word inside the text (a name), and reads one that opens it', () => {
    expect(respell('Diffsion models', ctx).respelled).toEqual([{ typed: 'Diffsion', read: 'diffusion' }]);
    expect(respell('models after Diffsion', ctx).respelled).toEqual([]);
    // In Title Case a capital says nothing of names.
    expect(respell('Retrieval Augmented Generation with Diffsion Models', ctx).respelled).toEqual([{ typed: 'Diffsion', read: 'diffusion' }]);
    expect(respell('Language Models after Diffsion', ctx).respelled).toEqual([{ typed: 'Diffsion', read: 'diffusion' }]);
    // One capitalised word is no Title Case.
    expect(respell('language models after Diffsion', ctx).respelled).toEqual([]);
  });

  it('keeps the first letter: a name a letter away from a known word is no slip of it', () => {
    const godel = context(['model', 'diffusion'], { model: 120, diffusion: 40 });
    expect(respell('Godel incompleteness and language models', godel).respelled).toEqual([]);
    // The first letter left out, and nothing else, is still the word.
    expect(respell('iffusion models', godel).respelled).toEqual([{ typed: 'iffusion', read: 'diffusion' }]);
    expect(respell('iffsion models', godel).respelled).toEqual([]);
    expect(respell('dffusion models', godel).respelled).toEqual([{ typed: 'dffusion', read: 'diffusion' }]);
  });

  it('folds accents as the matcher does, and keeps a word written with a combining accent whole', () => {
    expect(respell('difusión models', ctx).respelled).toEqual([{ typed: 'difusión', read: 'diffusion' }]);
    expect(respell('diffusio\u0301n models', ctx)).toEqual({ text: 'diffusio\u0301n models', respelled: [] });
  });

  it('looks up at most eight unknown words in a text: more is not a topic with a slip', () => {
    const many = Array.from({ length: 12 }, () => 'diffsion').join(' ');
    expect(respell(many, ctx).respelled).toHaveLength(8);
  });

  it('says what it read how, and nothing when it read every word as typed', () => {
    expect(respellingNote([{ typed: 'diffsion', read: 'diffusion' }])).toBe('No recent paper uses every word as typed: read “diffsion” as “diffusion”.');
    expect(respellingNote([])).toBeNull();
  });
});

describe('a topic typed with a slip', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../fixtures/topics/dev-subset.json', import.meta.url), 'utf8')) as { papers: Array<{ id: string; title: string; abstract: string }> };
  const papers = fixture.papers.map((p) => ({ arxivId: p.id, title: p.title, abstract: p.abstract }));
  const corpus = buildCorpus(papers);
  const matches = (text: string) => createMatcher({ corpus }).matchPapers(papers, [freeTextTopic(text, new Date(), null, 'free-t')]);

  it('matches the papers the topic typed right matches, and each reason says what the slip was read as', () => {
    const right = matches('speculative decoding').map((r) => r.arxivId);
    expect(right.length).toBeGreaterThan(1);
    const slipped = matches('speculatve decoding');
    expect(slipped.map((r) => r.arxivId)).toEqual(right);
    expect(slipped[0]!.why).toContain('(for “speculatve”)');
  });

  it('reads only what was asked for: "wanna", "latest" and "thanks" are no slips', () => {
    const right = matches('speculative decoding').map((r) => r.arxivId);
    for (const asked of ['I wanna follow speculatve decoding', 'latest speculatve decoding, thanks']) {
      const got = matches(asked);
      expect(got.map((r) => r.arxivId), asked).toEqual(right);
      expect(got[0]!.why, asked).not.toMatch(/for “(wanna|latest|thanks)”/);
    }
  });
});
