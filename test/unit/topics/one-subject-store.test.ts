/**
 * A store about one subject (a workspace reading one field's feed): most papers share the
 * topic's field, and a topic a sixth of them are on is no rare one. Its bar must still let in
 * the papers that name it in their title and abstract; a word nearly all of them hold is no
 * evidence against a paper.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../../src/core/topics/corpus.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import type { MatchablePaper } from '../../../src/core/topics/paper-features.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';

const SUBFIELDS = [
  ['music generation', 'We generate music from text prompts with a latent diffusion model and evaluate musicality with listeners.'],
  ['speech enhancement', 'We remove background noise from recorded speech with a masking network and report perceptual quality.'],
  ['source separation', 'We separate mixed recordings into vocals, drums and bass with a band-split network.'],
  ['speaker verification', 'We verify who is speaking from short utterances with margin-based embeddings.'],
  ['text-to-speech', 'We synthesise natural speech from text with a flow-based acoustic model and a vocoder.'],
  ['neural audio codecs', 'We compress waveforms into discrete tokens with residual vector quantization at low bitrates.'],
] as const;

/** 66 audio papers, 11 per subfield, each naming its subfield in title and abstract; 4 on other subjects. */
function oneSubjectStore(): MatchablePaper[] {
  const papers: MatchablePaper[] = [];
  for (let i = 0; i < 66; i++) {
    const [field, body] = SUBFIELDS[i % SUBFIELDS.length]!;
    papers.push({ arxivId: `2612.${String(10000 + i)}`, title: `Audio ${field} with neural networks, variant ${i}`, abstract: `This paper studies audio ${field}. ${body} Experiments use benchmark ${i % 4}.`, categories: ['cs.SD'] });
  }
  for (const [i, subject] of ['graph coloring', 'protein folding', 'robot grasping', 'molecule design'].entries()) {
    papers.push({ arxivId: `2612.${String(20000 + i)}`, title: `A study of ${subject}`, abstract: `We study ${subject} in depth.`, categories: ['cs.LG'] });
  }
  return papers;
}

describe('a store about one subject', () => {
  it('matches every paper naming the topic in title and abstract when a sixth of the store is on it', () => {
    const papers = oneSubjectStore();
    const onTopic = papers.filter((p) => p.title.includes('music generation')).map((p) => p.arxivId);
    expect(onTopic).toHaveLength(11);
    const topic = freeTextTopic('music generation', new Date('2026-12-06T00:00:00Z'));
    const matched = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]).map((r) => r.arxivId);
    expect(matched.sort()).toEqual(onTopic.sort());
  });
  it('matches the store\'s papers on a topic word nearly all of them hold, not the few its best papers pick out', () => {
    const papers = oneSubjectStore();
    const topic = freeTextTopic('audio', new Date('2026-12-06T00:00:00Z'));
    const matched = createMatcher({ corpus: buildCorpus(papers) }).matchPapers(papers, [topic]).map((r) => r.arxivId);
    // All 66 audio papers, none of the 4 others; before, the words of its first ten (one
    // subfield's) decided, and 11 matched.
    expect(matched.sort()).toEqual(papers.filter((p) => p.title.startsWith('Audio')).map((p) => p.arxivId).sort());
  });
});
