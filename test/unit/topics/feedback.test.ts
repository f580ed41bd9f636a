import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeedbackMark } from '../../../src/core/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { builtinTopics } from '../../../src/core/topics/builtin.js';
import { macroF1, topicQuality } from '../../../src/core/topics/evaluation.js';
import { learnModel, netVerdicts, type LearnedModel } from '../../../src/core/topics/feedback-model.js';
import { createFeedbackService } from '../../../src/core/topics/feedback-service.js';
import { createMatcher } from '../../../src/core/topics/matcher.js';
import { catalogSlugFor } from '../../../src/core/topics/names.js';
import type { MatchablePaper } from '../../../src/core/topics/paper-features.js';
import { createTopicService } from '../../../src/core/topics/topic-service.js';
import { createMatchService } from '../../../src/core/topics/match-service.js';
import { storedPaper } from './helpers.js';

interface Fixture {
  topics: Record<string, { relevant: string[]; borderline: string[]; distractors: string[] }>;
  papers: Array<{ id: string; title: string; abstract: string; keywords: string[] }>;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/topics/dev-subset.json', import.meta.url), 'utf8')) as Fixture;
const papers: MatchablePaper[] = fixture.papers.map((p) => ({ arxivId: p.id, title: p.title, abstract: p.abstract, aiKeywords: p.keywords }));
const byId = new Map(papers.map((p) => [p.arxivId, p]));
const now = new Date('2026-11-01T00:00:00Z');
const mark = (topicSlug: string, arxivId: string, verdict: 'up' | 'down', actor = 'slack:U1'): FeedbackMark => ({ topicSlug, arxivId, actor, verdict, createdAt: now });

describe('feedback', () => {
  it('net verdicts follow the majority of actors', () => {
    const v = netVerdicts([mark('t', 'a', 'up'), mark('t', 'a', 'down', 'slack:U2'), mark('t', 'a', 'up', 'slack:U3'), mark('t', 'b', 'down')]);
    expect(v.get('a')).toBe('up');
    expect(v.get('b')).toBe('down');
  });

  it('marked papers follow their verdict and the reason says so', () => {
    const topic = builtinTopics(now).find((t) => t.slug === 'audio-codecs')!;
    const p: MatchablePaper = { arxivId: 'p1', title: 'A neural audio codec', abstract: '' };
    const model = learnModel([mark(topic.slug, 'p1', 'down')], new Map([['p1', p]]));
    const r = createMatcher({ learned: new Map([[topic.slug, model]]) }).matchPaper(p, topic);
    expect(r.matched).toBe(false);
    expect(r.why).toContain('marked not relevant');
  });

  it('with only papers marked relevant, a paper that moves down is said to be unlike them, not like papers marked not relevant', () => {
    const topic = builtinTopics(now).find((t) => t.slug === catalogSlugFor(Object.keys(fixture.topics)[0]!))!;
    const relevant = fixture.topics[Object.keys(fixture.topics)[0]!]!.relevant;
    const learned = new Map([[topic.slug, learnModel([mark(topic.slug, relevant[0]!, 'up')], byId, papers)]]);
    const results = createMatcher({ learned }).matchPapers(papers, [topic], { matchedOnly: false });
    const reasons = results.map((r) => r.why);
    expect(reasons.some((w) => w.includes('unlike papers marked relevant'))).toBe(true);
    expect(reasons.filter((w) => w.includes('marked not relevant'))).toEqual([]);
  });

  it('learning from 3 up + 3 down marks per topic does not lose quality on bare definitions and usually gains', () => {
    const topics = Object.keys(fixture.topics).map((n) => builtinTopics(now).find((t) => t.slug === catalogSlugFor(n))!);
    const learned = new Map<string, LearnedModel>();
    const marked = new Map<string, Set<string>>();
    for (const [name, labels] of Object.entries(fixture.topics)) {
      const slug = catalogSlugFor(name)!;
      const up = labels.relevant.slice(0, 3);
      const down = labels.distractors.slice(0, 3);
      learned.set(slug, learnModel([...up.map((id) => mark(slug, id, 'up')), ...down.map((id) => mark(slug, id, 'down'))], byId, papers));
      marked.set(name, new Set([...up, ...down]));
    }
    const score = (learnedModels?: Map<string, LearnedModel>) => {
      const results = createMatcher({ useCatalog: false, learned: learnedModels }).matchPapers(papers, topics);
      return macroF1(
        Object.entries(fixture.topics).map(([name, labels]) => {
          const slug = catalogSlugFor(name)!;
          const universe = new Set(papers.map((p) => p.arxivId).filter((id) => !marked.get(name)!.has(id)));
          return topicQuality(new Set(results.filter((r) => r.topicSlug === slug).map((r) => r.arxivId)), labels, universe);
        }),
      );
    };
    expect(score(learned)).toBeGreaterThanOrEqual(score());
  });

  it('matching page after page reads the topics’ marks once, and a new mark counts at once', async () => {
    const stores = createMemoryStores();
    const topics = createTopicService({ topics: stores.topics });
    await topics.seed();
    await stores.papers.upsertMany(
      fixture.papers.map((p) => ({ arxivId: p.id, source: 'hf' as const, title: p.title, abstract: p.abstract, aiKeywords: p.keywords })),
      now,
    );
    let reads = 0;
    const feedbackStore = { ...stores.feedback, forTopic: (slug: string) => (reads++, stores.feedback.forTopic(slug)) };
    const feedback = createFeedbackService({ feedback: feedbackStore, papers: stores.papers, topics });
    const matching = createMatchService({ papers: stores.papers, topics, feedback });
    const all = await stores.papers.list({});
    const found = await topics.find('audio codecs');
    if (found.status !== 'found') throw new Error('the starter catalog has audio codecs');
    const topic = found.topic;
    const pages = [all.slice(0, 20), all.slice(20, 40), all.slice(40, 60)];
    for (const page of pages) await matching.matchPapers(page, [topic]);
    expect(reads).toBe(1);
    const hit = (await matching.matchPapers(all, [topic]))[0]!;
    expect((await feedback.record({ topic: topic.slug, arxivId: hit.arxivId, actor: 'slack:U1', verdict: 'down' })).status).toBe('recorded');
    // Recording reads the topic's marks once itself (to tell a repeated mark); matching, once more.
    const recorded = reads;
    const after = await matching.matchPapers(all, [topic]);
    expect(reads - recorded).toBe(1);
    expect(after.map((r) => r.arxivId)).not.toContain(hit.arxivId);
  });

  it('the service records marks for known topics and papers only', async () => {
    const stores = createMemoryStores();
    const topics = createTopicService({ topics: stores.topics });
    await topics.seed();
    await stores.papers.upsertMany([{ arxivId: '2601.00001', source: 'hf', title: 'Speculative decoding with a draft model', abstract: 'draft tokens' }], now);
    const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
    expect((await feedback.record({ topic: 'speculative decoding', arxivId: '2601.00001v2', actor: 'slack:U1', verdict: 'up' })).status).toBe('recorded');
    expect((await feedback.record({ topic: 'speculative decodng', arxivId: '2601.00001', actor: 'slack:U1', verdict: 'up' })).status).toBe('unknown-topic');
    expect((await feedback.record({ topic: 'speculative decoding', arxivId: '2601.99999', actor: 'slack:U1', verdict: 'up' })).status).toBe('unknown-paper');
    expect((await feedback.record({ topic: 'speculative decoding', arxivId: '2601.00001', actor: 'slack:U1', verdict: 'maybe' })).status).toBe('invalid');
    const models = await feedback.models(['speculative-decoding', 'audio-codecs']);
    expect(models.get('speculative-decoding')?.verdicts.get('2601.00001')).toBe('up');
    expect(models.has('audio-codecs')).toBe(false);
    void storedPaper;
  });

  it('recording says whether the actor had given this verdict already or the other one, which it replaces', async () => {
    const stores = createMemoryStores();
    const topics = createTopicService({ topics: stores.topics });
    await topics.seed();
    await stores.papers.upsertMany([{ arxivId: '2601.00001', source: 'hf', title: 'Speculative decoding with a draft model', abstract: 'draft tokens' }], now);
    const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
    const record = async (verdict: 'up' | 'down', actor = 'slack:U1') => {
      const r = await feedback.record({ topic: 'speculative decoding', arxivId: '2601.00001', actor, verdict });
      return r.status === 'recorded' ? { again: r.again, replaced: r.replaced } : r.status;
    };
    expect(await record('up')).toEqual({ again: undefined, replaced: undefined });
    expect(await record('up')).toEqual({ again: true, replaced: undefined });
    expect(await record('down')).toEqual({ again: undefined, replaced: 'up' });
    // Another person's mark is theirs: it replaces nothing of the first one's.
    expect(await record('up', 'slack:U2')).toEqual({ again: undefined, replaced: undefined });
  });

  it('a mark is listed with its paper, and taken back by its actor alone: the learned model forgets it', async () => {
    const stores = createMemoryStores();
    const topics = createTopicService({ topics: stores.topics });
    await topics.seed();
    await stores.papers.upsertMany([{ arxivId: '2601.00001', source: 'hf', title: 'Speculative decoding with a draft model', abstract: 'draft tokens' }], now);
    const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
    await feedback.record({ topic: 'speculative decoding', arxivId: '2601.00001', actor: 'slack:U1', verdict: 'down' });
    await feedback.record({ topic: 'speculative decoding', arxivId: '2601.00001', actor: 'slack:U2', verdict: 'down' });
    expect(await feedback.marks('speculative-decoding')).toEqual([
      { arxivId: '2601.00001', title: 'Speculative decoding with a draft model', verdict: 'down', actor: 'slack:U1', markedAt: expect.any(Date) },
      { arxivId: '2601.00001', title: 'Speculative decoding with a draft model', verdict: 'down', actor: 'slack:U2', markedAt: expect.any(Date) },
    ]);
    const before = feedback.revision();
    expect(await feedback.clear({ topic: 'speculative decoding', arxivId: '2601.00001v2', actor: 'slack:U1' })).toMatchObject({ status: 'cleared', arxivId: '2601.00001', verdict: 'down' });
    expect(feedback.revision()).toBe(before + 1);
    expect((await feedback.marks('speculative-decoding')).map((m) => m.actor)).toEqual(['slack:U2']);
    expect(await feedback.clear({ topic: 'speculative decoding', arxivId: '2601.00001', actor: 'slack:U1' })).toMatchObject({ status: 'not-marked' });
    expect((await feedback.clear({ topic: 'speculative decodng', arxivId: '2601.00001', actor: 'slack:U2' })).status).toBe('unknown-topic');
    expect(await feedback.clear({ topic: 'speculative decoding', arxivId: '2601.00001', actor: 'slack:U2' })).toMatchObject({ status: 'cleared' });
    expect((await feedback.models(['speculative-decoding'])).has('speculative-decoding')).toBe(false);
  });
});
