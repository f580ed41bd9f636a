/**
 * The shipped vocabulary's forms are stemmed as paper words are: a one-word form that stems
 * like an everyday word of abstracts is evidence wherever that word is written.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';
import { stem, words } from '../../../src/core/topics/text.js';
import { LANGUAGE_CONCEPTS } from '../../../src/core/topics/vocabulary/language.js';
import { offTopicPapers } from './helpers.js';
import { PERCEPTION_CONCEPTS } from '../../../src/core/topics/vocabulary/perception.js';

/** Everyday words of abstracts that one-word forms once stemmed like ('SHAP' and "shape"). */
const EVERYDAY = ['shape', 'shaping', 'aimed', 'aiming', 'scheme', 'schemes', 'rational', 'moderate', 'moderately'];

describe('vocabulary forms', () => {
  it('has no one-word form that stems like an everyday word of abstracts', () => {
    const everyday = new Map(EVERYDAY.map((w) => [stem(w), w]));
    const clashes = [...LANGUAGE_CONCEPTS, ...PERCEPTION_CONCEPTS].flatMap((c) =>
      [c.id, ...c.forms].flatMap((f) => {
        const ws = words(f);
        const hit = ws.length === 1 ? everyday.get(stem(ws[0]!)) : undefined;
        return hit && hit !== ws[0] ? [`${c.id}: '${f}' reads "${hit}"`] : [];
      }),
    );
    expect(clashes).toEqual([]);
  });

  it('a foundation model is no LLM: a topic on LLMs is not met by a radiology foundation model, one on foundation models takes LLMs too', () => {
    const filler = offTopicPapers(60);
    const radiology = Array.from({ length: 3 }, (_, i) => ({ arxivId: `rad${i}`, title: `A radiology foundation model ${i}`, abstract: `We pretrain a foundation model on chest scans; pretraining on many hospitals helps, case ${i}.` }));
    const llm = Array.from({ length: 3 }, (_, i) => ({ arxivId: `llm${i}`, title: `Pretraining large language models on less data ${i}`, abstract: `Large language model pretraining with curated tokens, run ${i}.` }));
    const papers = [...filler, ...radiology, ...llm];
    const results = (text: string) => createMatcher().matchPapers(papers, [freeTextTopic(text, new Date('2026-01-01T00:00:00Z'))], { matchedOnly: false });
    const matched = (text: string) => results(text).filter((r) => r.matched).map((r) => r.arxivId).sort();
    expect(matched('LLM pretraining')).toEqual(llm.map((p) => p.arxivId));
    // LLMs are foundation models: papers on them are evidence for the broader topic (ranked
    // under those that say its own words).
    expect(matched('pretraining foundation models')).toEqual(expect.arrayContaining(radiology.map((p) => p.arxivId)));
    const broader = new Map(results('pretraining foundation models').map((r) => [r.arxivId, r.score]));
    for (const p of llm) expect(broader.get(p.arxivId)).toBeGreaterThan(0.3);
  });
});
