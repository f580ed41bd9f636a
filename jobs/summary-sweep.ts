/**
 * The sweep of fallback summaries: a paper summarised while the LLM could not be asked keeps
 * its `extractive-retry` fallback until a digest carries it again, and one already sent that no
 * other digest carries kept it for good (and search showed it). Each run asks again for the
 * newest few such papers, through the summary service, so within the digests' daily token
 * budget, day's stop and breaker. It asks nothing and says nothing when there is no LLM, calls
 * are stopped or the budget is spent, or nothing is left to ask about: hourly, a quiet service
 * stays quiet.
 */
import type { PaperStore } from '../src/core/papers/ports.js';
import type { Logger } from '../src/core/ports.js';
import { RETRY_SOURCE, type SummaryService } from '../src/summarize/service.js';

/** Papers asked about a run at most: a backlog after a day's stop is worked off over some runs, not in one burst. */
export const SUMMARY_SWEEP_LIMIT = 50;

export interface SummarySweepOutcome {
  /** LLM calls made. */
  asked: number;
  /** Fallbacks now holding the LLM's summary. */
  replaced: number;
}

export async function sweepRetrySummaries(
  deps: { papers: Pick<PaperStore, 'list'>; summaries: Pick<SummaryService, 'canAsk' | 'askAgain'>; logger: Logger },
  limit = SUMMARY_SWEEP_LIMIT,
): Promise<SummarySweepOutcome> {
  // Before the query: with no LLM or calls stopped, a run costs one cache read.
  if (!(await deps.summaries.canAsk())) return { asked: 0, replaced: 0 };
  const papers = await deps.papers.list({ summarySource: RETRY_SOURCE, limit });
  if (!papers.length) return { asked: 0, replaced: 0 };
  const run = await deps.summaries.askAgain(papers);
  const outcome = { asked: run.llmStats?.calls ?? 0, replaced: run.llm };
  // The LLM's failures (or a stop met on the way) are said where they happen; only a replacement is news here.
  if (outcome.replaced) deps.logger.info({ ...outcome }, `summaries: ${outcome.asked} asked again, ${outcome.replaced} replaced`);
  return outcome;
}
