import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TopicDefinition } from '../../../src/core/ports.js';
import { builtinTopics } from '../../../src/core/topics/builtin.js';
import { macroF1, topicQuality } from '../../../src/core/topics/evaluation.js';
import { buildCorpus } from '../../../src/core/topics/corpus.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import { catalogSlugFor } from '../../../src/core/topics/names.js';
import type { MatchablePaper } from '../../../src/core/topics/paper-features.js';
import { learnModel } from '../../../src/core/topics/feedback-model.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';

interface Fixture {
  topics: Record<string, { relevant: string[]; borderline: string[]; distractors: string[] }>;
  papers: Array<{ id: string; title: string; abstract: string; keywords: string[] }>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/topics/dev-subset.json', import.meta.url), 'utf8')) as Fixture;
const papers: MatchablePaper[] = fixture.papers.map((p) => ({ arxivId: p.id, title: p.title, abstract: p.abstract, aiKeywords: p.keywords }));
const builtins = builtinTopics(new Date('2026-01-01T00:00:00Z'));
const topic = (name: string): TopicDefinition => builtins.find((t) => t.slug === catalogSlugFor(name))!;

const paper = (over: Partial<MatchablePaper> & { title: string }): MatchablePaper => ({ arxivId: over.arxivId ?? 'x1', abstract: '', ...over });

describe('offline matcher', () => {
  const matcher = createMatcher();

  it('every dev-set topic name resolves to a catalog topic', () => {
    for (const name of Object.keys(fixture.topics)) expect(topic(name), name).toBeDefined();
  });

  it('keeps macro-F1 on the copied dev subset above 0.85 zero-shot', () => {
    const topics = Object.keys(fixture.topics).map(topic);
    const results = matcher.matchPapers(papers, topics);
    const qualities = Object.entries(fixture.topics).map(([name, labels]) => {
      const slug = topic(name).slug;
      return topicQuality(new Set(results.filter((r) => r.topicSlug === slug).map((r) => r.arxivId)), labels);
    });
    expect(macroF1(qualities)).toBeGreaterThan(0.85);
  });

  it('explains a match with the fields and phrases that matched', () => {
    const r = matcher.matchPaper(
      paper({
        title: 'A speech tokenizer at 12 Hz',
        abstract: 'We present a neural audio codec using residual vector quantization for low bitrate speech.',
      }),
      topic('audio codecs'),
    );
    expect(r.matched).toBe(true);
    expect(r.why).toMatch(/^title: 'speech tokenizer'/);
    expect(r.why).toContain("abstract: 'neural audio codec'");
    expect(r.why).toContain('residual vector quantization');
  });

  it('finds a paper that never says the topic name (synonyms and typical methods)', () => {
    const r = matcher.matchPaper(
      paper({ title: 'Pruning redundant visual tokens for faster multimodal LLMs', abstract: 'We merge tokens and evict entries of the KV cache.' }),
      topic('token compression'),
    );
    expect(r.matched).toBe(true);
  });

  it('uses negative evidence: image compression is not an audio codec', () => {
    const r = matcher.matchPaper(
      paper({ title: 'Learned image compression with hyperpriors', abstract: 'A codec for images trained for rate distortion; bitrate savings over VVC.' }),
      topic('audio codecs'),
    );
    expect(r.matched).toBe(false);
  });

  it("counts a neighbouring sense against a paper only when said as such: 'generation via retrieval' is not 'generative retrieval'", () => {
    const rag = builtins.find((t) => t.slug === 'retrieval-augmented-generation')!;
    const said = (abstract: string) =>
      matcher.matchPaper(paper({ title: 'Agentic retrieval-augmented generation with hierarchical interfaces', abstract }), rag);
    const apart = said('Answers come from generation via hierarchical retrieval over a document store.');
    const named = said('Answers come from generative retrieval over a document store.');
    expect(apart.why).not.toContain('against');
    expect(named.why).toContain("against: 'generative retrieval'");
    expect(apart.score).toBeGreaterThan(named.score);
  });

  it('damps evidence outside the topic domain (graph words in reasoning prompts)', () => {
    const inDomain = matcher.matchPaper(paper({ title: 'Message passing on molecular graphs', abstract: 'node classification' }), topic('graph neural networks'));
    const offDomain = matcher.matchPaper(
      paper({ title: 'Reasoning graphs for chain of thought prompting', abstract: 'Each vertex holds a claim; edges record derivations.' }),
      topic('graph neural networks'),
    );
    expect(inDomain.score).toBeGreaterThan(offDomain.score);
    expect(offDomain.matched).toBe(false);
  });

  it('thresholds: one loose word is not a match, one strong phrase is', () => {
    const weak = matcher.matchPaper(paper({ title: 'Faster decoding', abstract: 'We study inference.' }), topic('speculative decoding'));
    const strong = matcher.matchPaper(paper({ title: 'Better drafts', abstract: 'Speculative decoding with a small draft model.' }), topic('speculative decoding'));
    expect(weak.matched).toBe(false);
    expect(strong.matched).toBe(true);
    expect(strong.score).toBeGreaterThanOrEqual(0.5);
  });

  it('applies must / must-not phrases, categories and minimum upvotes from the definition', () => {
    const base = topic('speculative decoding');
    const p = paper({ title: 'Speculative decoding for code', abstract: 'draft model', categories: ['cs.CL'], upvotes: 3 });
    expect(matcher.matchPaper(p, { ...base, mustNotPhrases: ['for code'] }).outcome).toBe('excluded');
    expect(matcher.matchPaper(p, { ...base, mustPhrases: ['vision'] }).outcome).toBe('excluded');
    expect(matcher.matchPaper(p, { ...base, categories: ['cs.CV'] }).outcome).toBe('excluded');
    expect(matcher.matchPaper(p, { ...base, minUpvotes: 10 }).why).toContain('upvotes');
    expect(matcher.matchPaper(p, { ...base, mustPhrases: ['draft model'], categories: ['cs.CL'], minUpvotes: 1 }).matched).toBe(true);
    // An archive holds its categories, as arXiv's listings read it.
    expect(matcher.matchPaper(p, { ...base, categories: ['cs'] }).matched).toBe(true);
    expect(matcher.matchPaper(p, { ...base, categories: ['math'] }).outcome).toBe('excluded');
  });

  it('matches ad-hoc topics from their free-text description, reusing catalog concepts they name', () => {
    const adHoc: TopicDefinition = { ...builtins[0]!, slug: 'state-space-models', name: 'state space models', description: 'Mamba and other selective state space models', builtin: false };
    const yes = matcher.matchPaper(paper({ title: 'Selective state space models for long sequences', abstract: 'A Mamba variant.' }), adHoc);
    const no = matcher.matchPaper(paper({ title: 'Graph neural networks for molecules', abstract: 'Message passing.' }), adHoc);
    expect(yes.matched).toBe(true);
    expect(no.matched).toBe(false);
    const rag: TopicDefinition = { ...adHoc, slug: 'rag-for-code', name: 'RAG for code', description: 'retrieval-augmented generation for code completion' };
    expect(matcher.matchPaper(paper({ title: 'Repository-level retrieval augmented generation for code completion' }), rag).matched).toBe(true);
  });

  it('a catalog topic needs the agreement of a model calibrated on the corpus, not only its curated phrases', () => {
    const rag = builtins.find((t) => t.slug === 'retrieval-augmented-generation')!;
    // Only the catalog's weaker signals ("multi-hop", "question answering", "grounded", "knowledge"), no retrieval.
    const nearMiss: MatchablePaper = { arxivId: 'near', title: 'Multi-hop question answering grounded in cultural knowledge', abstract: 'We build a multi-hop question answering benchmark whose questions are grounded in regional cultural knowledge. Answers require combining evidence across several reasoning steps, and we evaluate large language models on it.' };
    const onTopic: MatchablePaper = { arxivId: 'on', title: 'Corrective retrieval for grounded answers', abstract: 'Retrieval-augmented generation grounds a language model in documents fetched at inference time. We retrieve passages, grade them and rewrite the query when retrieval fails, improving multi-hop question answering.' };
    // Too few papers to calibrate on: the curated profile decides alone and takes the near miss.
    expect(createMatcher({ corpus: buildCorpus([nearMiss]) }).matchPaper(nearMiss, rag).matched).toBe(true);
    const corpus = buildCorpus([...papers, nearMiss, onTopic]);
    expect(createMatcher({ corpus }).matchPaper(nearMiss, rag).matched).toBe(false);
    expect(createMatcher({ corpus }).matchPaper(onTopic, rag).matched).toBe(true);
  });

  it('matchPapers gives the same answers as matchPaper, sorted by score', () => {
    const topics = builtins.slice(0, 4);
    // One reference corpus for both: catalog topics blend in a model calibrated on it.
    const corpus = buildCorpus(papers);
    const batch = createMatcher({ corpus }).matchPapers(papers, topics);
    for (const r of batch.slice(0, 10)) {
      const single = createMatcher({ corpus }).matchPaper(papers.find((p) => p.arxivId === r.arxivId)!, topics.find((t) => t.slug === r.topicSlug)!);
      expect(single.score).toBe(r.score);
    }
    for (let i = 1; i < batch.length; i++) expect(batch[i - 1]!.score).toBeGreaterThanOrEqual(batch[i]!.score);
  });

  it('copes with hostile text (markup, mentions, RTL, emoji, 10,000 characters)', () => {
    const hostile = paper({ title: '<!channel> @everyone \u202Eevil 🔥 '.repeat(300), abstract: '<script>x</script>'.repeat(500) });
    for (const t of builtins) expect(() => matcher.matchPaper(hostile, t)).not.toThrow();
  });
});

describe('minScore: only the results a layer looks at', () => {
  it('gives the unpruned results scoring at least minScore (catalog and free-text topics, with marks), and far fewer than all', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const topics: TopicDefinition[] = [
      ...builtinTopics(now),
      ...['making language models cheaper to run', 'compressing long prompts', 'robots learning from people'].map((n, i) => freeTextTopic(n, now, 'slack:U1', `free-${i}`)),
    ];
    const byId = new Map(papers.map((p) => [p.arxivId, p]));
    const learned = new Map(
      topics.slice(-2).map((t, i) => [t.slug, learnModel([{ topicSlug: t.slug, arxivId: papers[i]!.arxivId, actor: 'a', verdict: 'up', createdAt: now }, { topicSlug: t.slug, arxivId: papers[i + 5]!.arxivId, actor: 'a', verdict: 'down', createdAt: now }], byId, papers)]),
    );
    const matcher = createMatcher({ corpus: buildCorpus(papers), learned });
    const all = matcher.matchPapers(papers, topics, { matchedOnly: false });
    const key = (r: { topicSlug: string; arxivId: string; score: number; why: string }) => `${r.topicSlug}|${r.arxivId}|${r.score}|${r.why}`;
    for (const least of [0.2, 0.3, 0.5]) {
      const got = matcher.matchPapers(papers, topics, { minScore: least });
      // Scores are rounded to 3 places; the bar is on the unrounded score.
      expect(got.every((r) => r.score >= least - 0.0005), String(least)).toBe(true);
      expect(new Set(got.map(key))).toEqual(new Set(all.filter((r) => r.outcome !== 'excluded' && r.score >= least + 0.0005).map(key).concat(got.filter((r) => Math.abs(r.score - least) < 0.0005).map(key))));
      expect(got.length).toBeLessThan(all.length / 2);
    }
    expect(matcher.matchPapers(papers, topics, { minScore: 0.5 }).map(key)).toEqual(matcher.matchPapers(papers, topics).map(key));
  });
});
