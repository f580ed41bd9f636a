/**
 * The optional LLM check of borderline papers: a paper whose score lies near a topic's bar
 * (either side of it) is shown to the configured LLM with the topic, and its yes or no decides.
 * The offline matcher lacks world knowledge for topics put in plain words ("training a small
 * model to imitate a bigger one" is knowledge distillation); an LLM has it. Clear cases never
 * cost a call, each (topic wording, paper) is asked once and the verdict stored, a run asks at
 * most CHECK_MAX_PAIRS pairs, and a failed or refused call (the daily token budget spent, the
 * server down) leaves the lexical decision as it was.
 */
import { createHash } from 'node:crypto';
import type { CacheStore, Logger, RelevanceJudge, TopicDefinition } from '../ports.js';
import type { MatchResult } from './matcher.js';
import type { MatchablePaper } from './paper-features.js';
import { ownDescription } from './topic-service.js';

/**
 * Scores in [low, high) are borderline: around the 0.5 bar, where the words leave it open. With
 * the labels as a perfect judge (bench:match), asking about papers under 0.3 found almost no relevant
 * one, and papers between 0.7 and 0.8 still held wrong matches the judge removed.
 */
export const CHECK_BAND = { low: 0.3, high: 0.8 } as const;
/** Papers per call: one topic, several abstracts, one short JSON answer. */
export const CHECK_BATCH = 8;
/** Calls in flight at once. */
const CHECK_PARALLEL = 3;
/** Pairs asked per matching run at most (the most uncertain first); the rest keep their score. */
export const CHECK_MAX_PAIRS = 48;
/** A paper the LLM confirmed scores at least this (matched), one it rejected is left out. */
const CONFIRMED_SCORE = 0.6;

export interface RelevanceCheck {
  readonly model: string;
  /**
   * Every result of a matching run (below-threshold ones included) in, the matched ones out,
   * best first, with the borderline ones decided by the LLM where it answered.
   */
  decide(results: readonly MatchResult[], papers: ReadonlyMap<string, MatchablePaper>, topics: ReadonlyMap<string, TopicDefinition>): Promise<MatchResult[]>;
}

/** What the LLM is told the topic is: its name and, when it says more, its description. */
export function topicWording(topic: Pick<TopicDefinition, 'name' | 'description'>): string {
  const description = ownDescription(topic);
  return description === null ? topic.name : `${topic.name}: ${description}`;
}

const isBorderline = (r: MatchResult) => r.outcome !== 'excluded' && r.score >= CHECK_BAND.low && r.score < CHECK_BAND.high && !r.why.startsWith('marked');

export function createRelevanceCheck(deps: { judge: RelevanceJudge; cache: CacheStore; logger?: Logger }): RelevanceCheck {
  const ns = `relevance:${deps.judge.model}`;
  // The wording's hash is in the key: a topic whose description is edited is asked again.
  const keyOf = (topic: TopicDefinition, arxivId: string) => `${topic.slug}:${createHash('sha1').update(topicWording(topic)).digest('hex').slice(0, 12)}|${arxivId}`;

  async function verdicts(pairs: ReadonlyArray<{ topic: TopicDefinition; paper: MatchablePaper; uncertainty: number }>): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    const keys = pairs.map((p) => keyOf(p.topic, p.paper.arxivId));
    for (const [k, v] of await deps.cache.getMany(ns, keys)) out.set(k, v === '1');
    const asked = pairs
      .filter((p, i) => !out.has(keys[i]!))
      .sort((a, b) => a.uncertainty - b.uncertainty)
      .slice(0, CHECK_MAX_PAIRS);
    const byTopic = new Map<string, typeof asked>();
    for (const p of asked) byTopic.set(p.topic.slug, [...(byTopic.get(p.topic.slug) ?? []), p]);
    const batches = [...byTopic.values()].flatMap((group) => Array.from({ length: Math.ceil(group.length / CHECK_BATCH) }, (_, i) => group.slice(i * CHECK_BATCH, (i + 1) * CHECK_BATCH)));
    let answering = true;
    const ask = async (batch: typeof asked) => {
      const topic = batch[0]!.topic;
      const answer = await deps.judge.judge(
        topicWording(topic),
        batch.map((p) => ({ id: p.paper.arxivId, title: p.paper.title, abstract: p.paper.abstract })),
      );
      // No answer (budget spent, server down, a reply not as asked): the rest keep their scores.
      if (!answer) return void (answering = false);
      const rows: Array<[string, string]> = [];
      for (const p of batch) {
        const yes = answer.get(p.paper.arxivId);
        if (yes === undefined) continue;
        const key = keyOf(topic, p.paper.arxivId);
        out.set(key, yes);
        rows.push([key, yes ? '1' : '0']);
      }
      await deps.cache.putMany(ns, rows);
    };
    // A few calls at a time: a subscription's preview waits for them.
    for (let i = 0; i < batches.length && answering; i += CHECK_PARALLEL) await Promise.all(batches.slice(i, i + CHECK_PARALLEL).map(ask));
    return out;
  }

  return {
    model: deps.judge.model,
    async decide(results, papers, topics) {
      const pairs = results.filter(isBorderline).flatMap((r) => {
        const topic = topics.get(r.topicSlug);
        const paper = papers.get(r.arxivId);
        return topic && paper ? [{ topic, paper, uncertainty: Math.abs(r.score - 0.5) }] : [];
      });
      let known = new Map<string, boolean>();
      if (pairs.length) {
        try {
          known = await verdicts(pairs);
        } catch (err) {
          deps.logger?.warn({ error: err instanceof Error ? err.message : String(err) }, 'LLM relevance check failed; borderline papers keep their scores');
        }
      }
      const out: MatchResult[] = [];
      for (const r of results) {
        const topic = topics.get(r.topicSlug);
        const verdict = topic && isBorderline(r) ? known.get(keyOf(topic, r.arxivId)) : undefined;
        if (verdict === true) out.push({ ...r, score: Math.max(r.score, CONFIRMED_SCORE), matched: true, outcome: 'matched', why: `${r.why}; ${deps.judge.model} judged it on topic` });
        else if (verdict === undefined && r.matched) out.push(r);
      }
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
