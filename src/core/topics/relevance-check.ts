/**
 * The optional LLM check of borderline papers: a paper whose score lies near a topic's bar
 * (either side of it) is shown to the configured LLM with the topic, and its yes or no decides.
 * The offline matcher lacks world knowledge for topics put in plain words; an LLM has it.
 *
 * What it may cost is bounded several ways, since a digest after a backfill matches thousands of
 * pages: clear cases never cost a call; each (topic wording, paper) is asked once and the verdict
 * stored; a matching run asks CHECK_MAX_PAIRS pairs at most and a process CHECK_PAIRS_PER_HOUR;
 * a run waits for answers only so long (a chat reply is waiting), and answers that come later are
 * stored for the next run; after a call that fails or is refused (the daily token budget spent,
 * the server down, a reply not as asked) the check pauses. Whatever it does not decide keeps the
 * lexical decision.
 */
import { createHash } from 'node:crypto';
import type { CacheStore, JudgeExamples, Logger, RelevanceJudge, TopicDefinition } from '../ports.js';
import { waitAtMost } from '../timeout.js';
import { isLikeRejected, isMarked } from './mark-notes.js';
import type { MatchResult } from './matcher.js';
import type { MatchablePaper } from './paper-features.js';
import { ownDescription } from './topic-service.js';
import { describeError } from '../error-text.js';

/**
 * Scores in [low, high) are borderline: around the 0.5 bar, where the words leave it open. With
 * the labels as a perfect judge (bench:match), asking about papers under 0.3 found almost no
 * relevant one, and papers between 0.7 and 0.8 still held wrong matches the judge removed.
 */
export const CHECK_BAND = { low: 0.3, high: 0.8 } as const;
/** Papers per call: one topic, several abstracts, one short JSON answer. */
export const CHECK_BATCH = 8;
/** Calls in flight at once. */
const CHECK_PARALLEL = 3;
/** Pairs asked per matching run at most (the most uncertain first); the rest keep their score. */
export const CHECK_MAX_PAIRS = 48;
/** Pairs one process asks per hour at most: a backfill's thousands of pages ask no more. */
export const CHECK_PAIRS_PER_HOUR = 480;
/** How long a run waits for answers by default (a chat command answers within seconds). */
export const CHECK_WAIT_MS = 3_000;
/** The pause after a failed or refused call. */
export const CHECK_PAUSE_MS = 10 * 60_000;
/** A paper the LLM confirmed scores at least this (matched), one it rejected is left out. */
const CONFIRMED_SCORE = 0.6;

export interface DecideOptions {
  /** How long to wait for answers; later ones are stored for the next run. */
  waitMs?: number;
  /**
   * Per topic slug, the papers people marked on it: shown to the judge as examples, so a 👍 or
   * 👎 teaches it about papers nobody marked. Verdicts are stored per set of examples: a new mark
   * has the topic's borderline papers asked again.
   */
  examples?: ReadonlyMap<string, JudgeExamples>;
}

/** Examples shown per verdict at most, and how much of a title. */
export const MAX_EXAMPLES = 5;
const EXAMPLE_TITLE_CHARS = 200;

export interface RelevanceCheck {
  readonly model: string;
  /**
   * Every result of a matching run (below-threshold ones included) in, the matched ones out,
   * best first, with the borderline ones decided by the LLM where it answered in time.
   */
  decide(results: readonly MatchResult[], papers: ReadonlyMap<string, MatchablePaper>, topics: ReadonlyMap<string, TopicDefinition>, opts?: DecideOptions): Promise<MatchResult[]>;
}

/** What the LLM is told the topic is: its name and, when it says more, its description. */
export function topicWording(topic: Pick<TopicDefinition, 'name' | 'description'>): string {
  const description = ownDescription(topic);
  return description === null ? topic.name : `${topic.name}: ${description}`;
}

/**
 * A result the LLM may decide: near the bar, and not decided by people: a marked paper, or one
 * pushed down for being like a paper marked not relevant, keeps what its marks made of it.
 */
const isBorderline = (r: MatchResult) =>
  r.outcome !== 'excluded' && r.score >= CHECK_BAND.low && r.score < CHECK_BAND.high && !isMarked(r) && !isLikeRejected(r);

type Pair = { wording: string; examples: JudgeExamples | undefined; key: string; paper: MatchablePaper; uncertainty: number };

/** At most MAX_EXAMPLES of each (the last ones given), titles cut to what a prompt carries. */
function shownExamples(e: JudgeExamples | undefined): JudgeExamples | undefined {
  if (!e || (e.up.length === 0 && e.down.length === 0)) return undefined;
  const cut = (titles: readonly string[]) => titles.slice(-MAX_EXAMPLES).map((t) => t.slice(0, EXAMPLE_TITLE_CHARS));
  return { up: cut(e.up), down: cut(e.down) };
}

export function createRelevanceCheck(deps: { judge: RelevanceJudge; cache: CacheStore; logger?: Logger; now?: () => number }): RelevanceCheck {
  const now = deps.now ?? Date.now;
  const ns = `relevance:${deps.judge.model}`;
  // By wording and examples, not topic: a preview's verdicts serve the topic subscribed with the
  // same words, and a topic whose description is edited or that gets a new mark is asked again.
  const wordingKey = (wording: string, examples: JudgeExamples | undefined) =>
    createHash('sha1')
      .update(JSON.stringify([wording, examples ?? null]))
      .digest('hex')
      .slice(0, 16);
  let pausedUntil = 0;
  let hour = { start: 0, asked: 0 };
  /** Keys asked and not answered yet: a run that did not wait for them must not ask them again. */
  const inFlight = new Set<string>();

  function allowance(): number {
    if (now() < pausedUntil) return 0;
    if (now() - hour.start >= 3_600_000) hour = { start: now(), asked: 0 };
    return Math.min(CHECK_MAX_PAIRS, CHECK_PAIRS_PER_HOUR - hour.asked);
  }

  function pause(why: string): void {
    if (now() < pausedUntil) return;
    pausedUntil = now() + CHECK_PAUSE_MS;
    deps.logger?.warn({ minutes: CHECK_PAUSE_MS / 60_000, why }, 'LLM relevance check paused; borderline papers keep their scores meanwhile');
  }

  /** Asks the judge about `asked`, writing verdicts into `known` as they come and storing them. */
  async function ask(asked: readonly Pair[], known: Map<string, boolean>): Promise<void> {
    const byWording = new Map<string, Pair[]>();
    for (const p of asked) {
      const group = JSON.stringify([p.wording, p.examples ?? null]);
      byWording.set(group, [...(byWording.get(group) ?? []), p]);
    }
    const batches = [...byWording.values()].flatMap((group) => Array.from({ length: Math.ceil(group.length / CHECK_BATCH) }, (_, i) => group.slice(i * CHECK_BATCH, (i + 1) * CHECK_BATCH)));
    const one = async (batch: Pair[]) => {
      if (now() < pausedUntil) return;
      let answer: Map<string, boolean> | null;
      try {
        answer = await deps.judge.judge(
          batch[0]!.wording,
          batch.map((p) => ({ id: p.paper.arxivId, title: p.paper.title, abstract: p.paper.abstract })),
          batch[0]!.examples,
        );
      } catch (err) {
        return pause(describeError(err));
      }
      if (!answer) return pause('no answer (budget spent, server error or a reply not as asked)');
      const rows: Array<[string, string]> = [];
      for (const p of batch) {
        const yes = answer.get(p.paper.arxivId);
        if (yes === undefined) continue;
        known.set(p.key, yes);
        rows.push([p.key, yes ? '1' : '0']);
      }
      try {
        await deps.cache.putMany(ns, rows);
      } catch (err) {
        // Still used for this run; only the next run asks again.
        deps.logger?.warn({ error: describeError(err) }, 'LLM relevance verdicts not stored');
      }
    };
    for (let i = 0; i < batches.length && now() >= pausedUntil; i += CHECK_PARALLEL) await Promise.all(batches.slice(i, i + CHECK_PARALLEL).map(one));
  }

  return {
    model: deps.judge.model,
    async decide(results, papers, topics, opts = {}) {
      const pairs: Pair[] = [];
      const keyOf = new Map<MatchResult, string>();
      for (const r of results) {
        const topic = topics.get(r.topicSlug);
        const paper = papers.get(r.arxivId);
        if (!topic || !paper || !isBorderline(r)) continue;
        const wording = topicWording(topic);
        const examples = shownExamples(opts.examples?.get(topic.slug));
        const key = `${wordingKey(wording, examples)}|${r.arxivId}`;
        keyOf.set(r, key);
        pairs.push({ wording, examples, key, paper, uncertainty: Math.abs(r.score - 0.5) });
      }
      const known = new Map<string, boolean>();
      if (pairs.length) {
        try {
          for (const [k, v] of await deps.cache.getMany(ns, [...new Set(pairs.map((p) => p.key))])) known.set(k, v === '1');
          const fresh = [...new Map(pairs.filter((p) => !known.has(p.key) && !inFlight.has(p.key)).map((p) => [p.key, p])).values()].sort((a, b) => a.uncertainty - b.uncertainty);
          const asked = fresh.slice(0, allowance());
          if (asked.length) {
            hour.asked += asked.length;
            for (const p of asked) inFlight.add(p.key);
            const work = ask(asked, known)
              .catch((err: unknown) => deps.logger?.warn({ error: String(err) }, 'LLM relevance check failed'))
              .finally(() => asked.forEach((p) => inFlight.delete(p.key)));
            await waitAtMost(work, opts.waitMs ?? CHECK_WAIT_MS);
          }
        } catch (err) {
          deps.logger?.warn({ error: describeError(err) }, 'LLM relevance check failed; borderline papers keep their scores');
        }
      }
      // A snapshot: answers that arrive after the wait are stored, not applied to this run.
      const decided = new Map(known);
      const out: MatchResult[] = [];
      for (const r of results) {
        const key = keyOf.get(r);
        const verdict = key === undefined ? undefined : decided.get(key);
        if (verdict === true) out.push({ ...r, score: Math.max(r.score, CONFIRMED_SCORE), matched: true, outcome: 'matched', why: `${r.why}; ${deps.judge.model} judged it on topic` });
        else if (verdict === undefined && r.matched) out.push(r);
      }
      return out.sort((a, b) => b.score - a.score);
    },
  };
}
