/**
 * One summary per paper, made once and stored, shared by every digest target. Order: the
 * Hugging Face `ai_summary` when it passes validation; else the LLM (when configured, within
 * budget); else an extractive summary. Concurrent requests for the same paper share one
 * computation, so 10,000 targets cost at most one LLM call per paper.
 *
 * An extractive summary made because the configured LLM could not be asked (it failed, its
 * breaker was open, the day's stop or budget) is stored as `extractive-retry`, not for good: a
 * later run with an LLM asks for it again, and what it gets replaces it for later digests and
 * searches. While the LLM is stopped or its budget spent such asks make no call; while it fails,
 * the breaker bounds them to a few calls a run. One the LLM answered badly (validation) is
 * `extractive` for good: asking again would most likely be rejected again, at a cost each run.
 */
import type { PaperSummaries } from '../core/digest/channel.js';
import type { Paper } from '../core/papers/paper.js';
import type { CacheStore, Logger, PaperStore } from '../core/ports.js';
import { mapBounded } from '../core/digest/pacing.js';
import { translatedSummaries } from './translated.js';
import { extractiveSummary } from './extractive.js';
import type { LlmStats, LlmSummarizer } from './openai.js';
import { validateSummary } from './validate.js';

export type SummarySource = 'hf' | 'llm' | 'extractive' | typeof RETRY_SOURCE;

/** An extractive summary made while the LLM could not be asked: asked again on a later run. */
export const RETRY_SOURCE = 'extractive-retry';

export interface SummaryRunStats {
  papers: number;
  alreadyStored: number;
  hf: number;
  llm: number;
  extractive: number;
  llmStats: LlmStats | null;
}

export interface SummaryService extends PaperSummaries {
  /** Without storing or calling the LLM: what a dry run shows. */
  preview(paper: Paper): string;
  lastRun(): SummaryRunStats | null;
  /** Whether the LLM can be asked now: one is configured, not stopped for the day, budget left. */
  canAsk(): Promise<boolean>;
  /**
   * ensure() for papers outside a digest (a sweep of stored fallbacks): the same asks, stores,
   * budget and breaker, without a digest's progress and "summaries made" lines.
   */
  askAgain(papers: readonly Paper[]): Promise<SummaryRunStats>;
}

export interface SummaryServiceOptions {
  papers: Pick<PaperStore, 'setSummary' | 'get'>;
  logger: Logger;
  llm?: LlmSummarizer | null;
  /** Concurrent summaries per ensure() (the LLM has its own, smaller bound). */
  concurrency?: number;
  /** Where summaries in other languages are kept (namespace `summary:<tag>`); without it they are made each run. */
  cache?: Pick<CacheStore, 'getMany' | 'putMany'>;
  /** Milliseconds now (tests); and how often a run of LLM summaries says how far it is. */
  now?: () => number;
  progressEveryMs?: number;
}

/**
 * An LLM summary takes seconds, and a digest after a busy day or a backfill makes hundreds: the
 * log said nothing between the run's start and "summaries made" minutes later. It says how many
 * it makes, then how far it is this often.
 */
const PROGRESS_EVERY_MS = 15_000;

export function createSummaryService(opts: SummaryServiceOptions): SummaryService {
  const inFlight = new Map<string, Promise<string>>();
  let last: SummaryRunStats | null = null;

  const local = (paper: Paper): { summary: string; source: SummarySource } => {
    const hf = validateSummary(paper.aiSummary);
    if (hf.ok) return { summary: hf.summary, source: 'hf' };
    return { summary: extractiveSummary(paper.abstract, paper.title), source: 'extractive' };
  };

  /** Whether a stored summary is a fallback to replace when an LLM can be asked. */
  const retries = (paper: Paper): boolean => !!opts.llm && paper.summary !== null && paper.summarySource === RETRY_SOURCE;

  async function make(paper: Paper, counts: SummaryRunStats): Promise<string> {
    let made = local(paper);
    if (made.source !== 'hf' && opts.llm) {
      const llm = await opts.llm.attempt({ arxivId: paper.arxivId, title: paper.title, abstract: paper.abstract });
      if (llm.summary !== null) made = { summary: llm.summary, source: 'llm' };
      else if (llm.unavailable) made.source = RETRY_SOURCE;
    }
    counts[made.source === RETRY_SOURCE ? 'extractive' : made.source]++;
    const retrying = retries(paper);
    // Still no LLM: the stored fallback stands as it is (no write).
    if (retrying && made.source === RETRY_SOURCE) return paper.summary!;
    const stored = await opts.papers.setSummary(paper.arxivId, made.summary, made.source, retrying ? RETRY_SOURCE : undefined);
    if (stored) return made.summary;
    // Someone (another replica) stored one first: theirs is the shared one.
    return (await opts.papers.get(paper.arxivId))?.summary ?? made.summary;
  }

  /** One run over `papers`; `say`: its progress and totals in the log (a digest's run, not a sweep's). */
  async function run(papers: readonly Paper[], say: boolean): Promise<{ out: Map<string, string>; counts: SummaryRunStats }> {
    opts.llm?.reset();
    const counts: SummaryRunStats = { papers: papers.length, alreadyStored: 0, hf: 0, llm: 0, extractive: 0, llmStats: null };
    const out = new Map<string, string>();
    const todo: Paper[] = [];
    for (const p of papers) {
      if (p.summary && !retries(p)) {
        out.set(p.arxivId, p.summary);
        counts.alreadyStored++;
      } else todo.push(p);
    }
    const now = opts.now ?? Date.now;
    const every = opts.progressEveryMs ?? PROGRESS_EVERY_MS;
    let done = 0;
    let saidAt = now();
    if (say && opts.llm && todo.length) opts.logger.info({ papers: todo.length }, `summaries: making ${todo.length} (an LLM is configured; progress every ${Math.round(every / 1000)} s)`);
    const madeOne = () => {
      done++;
      if (!say || !opts.llm || done === todo.length || now() - saidAt < every) return;
      saidAt = now();
      opts.logger.info({ done, papers: todo.length }, `summaries: ${done} of ${todo.length} made`);
    };
    await mapBounded(todo, opts.concurrency ?? 8, async (paper) => {
      let p = inFlight.get(paper.arxivId);
      if (!p) {
        p = make(paper, counts).finally(() => inFlight.delete(paper.arxivId));
        inFlight.set(paper.arxivId, p);
      }
      try {
        out.set(paper.arxivId, await p);
      } catch (err) {
        // A store error leaves this paper without a stored summary; the digest still shows one.
        opts.logger.warn({ arxivId: paper.arxivId, err }, 'could not store summary');
        out.set(paper.arxivId, paper.summary ?? local(paper).summary);
      }
      madeOne();
    });
    counts.llmStats = opts.llm?.stats() ?? null;
    last = counts;
    if (say && todo.length) {
      const s = counts.llmStats;
      opts.logger.info(
        {
          papers: counts.papers,
          made: todo.length,
          hf: counts.hf,
          llm: counts.llm,
          extractive: counts.extractive,
          llmCalls: s?.calls ?? 0,
          promptTokens: s?.promptTokens ?? 0,
          completionTokens: s?.completionTokens ?? 0,
          estimatedCostUsd: s ? Number(s.estimatedCostUsd.toFixed(6)) : 0,
        },
        'summaries made',
      );
    }
    return { out, counts };
  }

  return {
    ensureIn: (papers, language) => translatedSummaries({ llm: opts.llm ?? null, cache: opts.cache, logger: opts.logger, concurrency: opts.concurrency ?? 8 }, papers, language),
    preview: (paper) => paper.summary ?? local(paper).summary,
    lastRun: () => last,
    ensure: async (papers) => (await run(papers, true)).out,
    canAsk: async () => !!opts.llm && (await opts.llm.callable()),
    askAgain: async (papers) => (await run(papers, false)).counts,
  };
}
