/**
 * The LLM check of borderline papers (core/topics/relevance-check.ts) with a scripted judge:
 * which pairs are asked, what a verdict does, that verdicts are stored and reused, the per-run
 * cap, and that no answer leaves every decision as the words made it.
 */
import { describe, expect, it } from 'vitest';
import type { JudgeExamples, RelevanceJudge, TopicDefinition } from '../../../src/core/ports.js';
import type { MatchResult } from '../../../src/core/topics/matcher.js';
import type { MatchablePaper } from '../../../src/core/topics/paper-features.js';
import { CHECK_BATCH, CHECK_MAX_PAIRS, CHECK_PAIRS_PER_HOUR, CHECK_PAUSE_MS, MAX_EXAMPLES, createRelevanceCheck } from '../../../src/core/topics/relevance-check.js';
import { freeTextTopic } from '../../../src/core/topics/topic-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const topic = freeTextTopic('training a small model to imitate a bigger one', new Date('2026-11-01T00:00:00Z'), 'slack:U1');
const topics = new Map([[topic.slug, topic]]);

function result(arxivId: string, score: number, over: Partial<MatchResult> = {}): MatchResult {
  const matched = score >= 0.5;
  return { arxivId, topicSlug: topic.slug, score, matched, outcome: matched ? 'matched' : 'below-threshold', why: "abstract: 'student'", ...over };
}

const paper = (arxivId: string): MatchablePaper => ({ arxivId, title: `Paper ${arxivId}`, abstract: `Abstract of ${arxivId}.` });

/** A judge that says yes to the ids in `yes`, records what it was asked, and can be switched off. */
function scriptedJudge(yes: ReadonlySet<string>) {
  const calls: Array<{ topicText: string; ids: string[]; examples?: JudgeExamples }> = [];
  let answering = true;
  const judge: RelevanceJudge = {
    model: 'judge-model',
    async judge(topicText, papers, examples) {
      calls.push({ topicText, ids: papers.map((p) => p.id), ...(examples ? { examples } : {}) });
      return answering ? new Map(papers.map((p) => [p.id, yes.has(p.id)])) : null;
    },
  };
  return { judge, calls, stop: () => void (answering = false) };
}

function papersOf(results: readonly MatchResult[]): Map<string, MatchablePaper> {
  return new Map(results.map((r) => [r.arxivId, paper(r.arxivId)]));
}

describe('LLM check of borderline papers', () => {
  it('asks only about papers near the bar, and its verdict decides them', async () => {
    const { judge, calls } = scriptedJudge(new Set(['below-yes', 'above-yes']));
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache });
    const results = [
      result('clear-in', 0.95),
      result('clear-out', 0.1),
      result('below-yes', 0.4),
      result('below-no', 0.45),
      result('above-yes', 0.55),
      result('above-no', 0.65),
      result('excluded', 0.4, { outcome: 'excluded', matched: false }),
      result('marked', 0.4, { why: 'marked relevant; abstract: x' }),
      result('like-down', 0.55, { why: "abstract: 'student'; like papers marked not relevant" }),
    ];
    const out = await check.decide(results, papersOf(results), topics);

    expect(calls).toHaveLength(1);
    expect(calls[0]!.topicText).toBe(topic.name);
    // Nearest the bar first.
    expect(calls[0]!.ids).toEqual(['below-no', 'above-yes', 'below-yes', 'above-no']);
    expect(out.map((r) => r.arxivId)).toEqual(['clear-in', 'below-yes', 'above-yes', 'like-down']);
    const lifted = out.find((r) => r.arxivId === 'below-yes')!;
    expect(lifted).toMatchObject({ matched: true, outcome: 'matched', score: 0.6 });
    expect(lifted.why).toBe("abstract: 'student'; judge-model judged it on topic");
  });

  it('stores each verdict and does not ask again; a changed description is asked again', async () => {
    const cache = createMemoryStores().cache;
    const { judge, calls } = scriptedJudge(new Set(['a']));
    const check = createRelevanceCheck({ judge, cache });
    const results = [result('a', 0.4), result('b', 0.6)];
    const first = await check.decide(results, papersOf(results), topics);
    const again = await check.decide(results, papersOf(results), topics);
    expect(calls).toHaveLength(1);
    expect(again).toEqual(first);
    expect(first.map((r) => r.arxivId)).toEqual(['a']);

    const edited = { ...topic, description: 'knowledge distillation from a large teacher into a small student' } satisfies TopicDefinition;
    await check.decide(results, papersOf(results), new Map([[topic.slug, edited]]));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.topicText).toBe(`${topic.name}: ${edited.description}`);
  });

  it('asks in batches, at most CHECK_MAX_PAIRS a run; the rest keep their lexical decision', async () => {
    const { judge, calls } = scriptedJudge(new Set());
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache });
    const results = Array.from({ length: CHECK_MAX_PAIRS + 10 }, (_, i) => result(`p${i}`, i % 2 ? 0.52 : 0.48));
    const out = await check.decide(results, papersOf(results), topics);
    const asked = calls.flatMap((c) => c.ids);
    expect(asked).toHaveLength(CHECK_MAX_PAIRS);
    expect(Math.max(...calls.map((c) => c.ids.length))).toBe(CHECK_BATCH);
    // Every asked paper was rejected; the matched ones nobody asked about stay in.
    const unasked = results.filter((r) => !asked.includes(r.arxivId) && r.matched).map((r) => r.arxivId);
    expect(unasked.length).toBeGreaterThan(0);
    expect(out.map((r) => r.arxivId).sort()).toEqual(unasked.sort());
  });

  it('with no answer (budget spent, server down) every paper keeps the decision its words made', async () => {
    const { judge, calls, stop } = scriptedJudge(new Set(['a']));
    stop();
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache });
    const results = [result('a', 0.4), result('b', 0.6), result('c', 0.9)];
    const out = await check.decide(results, papersOf(results), topics);
    expect(calls).toHaveLength(1);
    expect(out.map((r) => [r.arxivId, r.score])).toEqual([
      ['c', 0.9],
      ['b', 0.6],
    ]);
  });

  it('a judge that throws is logged, changes nothing, and pauses the check; it asks again after the pause', async () => {
    const warnings: string[] = [];
    let calls = 0;
    let t = 1_000_000;
    const judge: RelevanceJudge = { model: 'm', judge: () => (calls++, Promise.reject(new Error('socket hang up'))) };
    const logger = { info: () => {}, debug: () => {}, error: () => {}, warn: (_o: object | string, msg?: string) => void warnings.push(msg ?? '') };
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache, logger, now: () => t });
    const results = [result('a', 0.4), result('b', 0.6)];
    expect((await check.decide(results, papersOf(results), topics)).map((r) => r.arxivId)).toEqual(['b']);
    expect(warnings).toEqual([expect.stringMatching(/LLM relevance check paused/)]);
    expect(calls).toBe(1);
    // A digest's next page during the pause asks nothing (a server that is down costs one timeout, not one a page).
    t += CHECK_PAUSE_MS - 1;
    await check.decide(results, papersOf(results), topics);
    expect(calls).toBe(1);
    t += 1;
    await check.decide(results, papersOf(results), topics);
    expect(calls).toBe(2);
  });

  it('a process asks CHECK_PAIRS_PER_HOUR pairs an hour at most, however many runs', async () => {
    let t = 0;
    const { judge, calls } = scriptedJudge(new Set());
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache, now: () => t });
    let page = 0;
    const run = () => {
      const results = Array.from({ length: CHECK_MAX_PAIRS }, (_, i) => result(`p${page}-${i}`, 0.45));
      page++;
      return check.decide(results, papersOf(results), topics);
    };
    for (let i = 0; i < CHECK_PAIRS_PER_HOUR / CHECK_MAX_PAIRS + 5; i++) await run();
    const asked = () => calls.reduce((n, c) => n + c.ids.length, 0);
    expect(asked()).toBe(CHECK_PAIRS_PER_HOUR);
    t += 3_600_000;
    await run();
    expect(asked()).toBe(CHECK_PAIRS_PER_HOUR + CHECK_MAX_PAIRS);
  });

  it('waits for answers only so long; a late answer is stored and used by the next run without asking', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const judge: RelevanceJudge = {
      model: 'slow',
      judge: async (_text, papers) => {
        calls++;
        await new Promise<void>((resolve) => (release = resolve));
        return new Map(papers.map((p) => [p.id, true]));
      },
    };
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache });
    const results = [result('a', 0.4)];
    expect(await check.decide(results, papersOf(results), topics, { waitMs: 20 })).toEqual([]);
    // Still unanswered: the next run does not ask it again.
    expect(await check.decide(results, papersOf(results), topics, { waitMs: 20 })).toEqual([]);
    expect(calls).toBe(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await check.decide(results, papersOf(results), topics, { waitMs: 20 })).map((r) => r.arxivId)).toEqual(['a']);
    expect(calls).toBe(1);
  });

  it('shows the marked papers to the judge; a new mark has the borderline papers asked again, the same marks do not', async () => {
    const { judge, calls } = scriptedJudge(new Set(['a']));
    const check = createRelevanceCheck({ judge, cache: createMemoryStores().cache });
    const results = [result('a', 0.4)];
    const up = Array.from({ length: MAX_EXAMPLES + 2 }, (_, i) => `Liked paper ${i} ${'x'.repeat(300)}`);
    const examples = new Map([[topic.slug, { up, down: ['Rejected paper'] }]]);
    await check.decide(results, papersOf(results), topics, { examples });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.examples!.up).toHaveLength(MAX_EXAMPLES);
    expect(calls[0]!.examples!.up[0]!.length).toBeLessThanOrEqual(200);
    expect(calls[0]!.examples!.down).toEqual(['Rejected paper']);
    await check.decide(results, papersOf(results), topics, { examples });
    expect(calls).toHaveLength(1);
    await check.decide(results, papersOf(results), topics, { examples: new Map([[topic.slug, { up, down: ['Rejected paper', 'Another rejected'] }]]) });
    expect(calls).toHaveLength(2);
    // Without marks, nothing is shown.
    await check.decide([result('b', 0.4)], new Map([['b', paper('b')]]), topics);
    expect(calls[2]!.examples).toBeUndefined();
  });

  it("a verdict belongs to the wording: a preview's serves the topic subscribed with the same words", async () => {
    const { judge, calls } = scriptedJudge(new Set(['a']));
    const cache = createMemoryStores().cache;
    const check = createRelevanceCheck({ judge, cache });
    const preview = { ...topic, slug: `preview:${topic.name}` };
    await check.decide([result('a', 0.4, { topicSlug: preview.slug })], new Map([['a', paper('a')]]), new Map([[preview.slug, preview]]));
    const out = await check.decide([result('a', 0.4)], new Map([['a', paper('a')]]), topics);
    expect(calls).toHaveLength(1);
    expect(out.map((r) => r.arxivId)).toEqual(['a']);
  });
});
