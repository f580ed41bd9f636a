/**
 * LLM summaries through the `openai` package (any OpenAI-compatible server via OPENAI_BASE_URL).
 * Bounded concurrency, a short retry policy (the SDK honours Retry-After on 429), a daily
 * token budget kept in the shared CacheStore (so replicas share it), and a circuit breaker:
 * after a few failures in a row the run stops calling and falls back instead of waiting out
 * a timeout per paper. Any failure returns null and the caller falls back.
 */
import type { OpenAI } from 'openai';
import PQueue from 'p-queue';
import { lazyOpenAi, openAiFault } from '../net/openai-client.js';
import { llmStop } from './llm-stop.js';
import { answerProblem, notACompletion, withoutThinking } from './completion-shape.js';
import type { CacheStore, Logger, Summarizer, SummaryRequest } from '../core/ports.js';
import { summaryMessages } from './prompt.js';
import { dailyTokenBudget, tokensUsed } from './token-budget.js';
import { validateSummary } from './validate.js';

export interface OpenAiSummarizerOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  concurrency: number;
  /** Tokens per UTC day; 0 = no limit. */
  dailyTokenBudget: number;
  /** Dollars per million tokens (estimate for logs). */
  pricePerMTok: number;
  cache: CacheStore;
  logger: Logger;
  timeoutMs?: number;
  maxRetries?: number;
  /** Consecutive failures after which this summarizer stops calling (until reset()). */
  breakAfter?: number;
  now?: () => Date;
  /** For tests. */
  client?: OpenAI;
}

export interface LlmStats {
  calls: number;
  succeeded: number;
  rejectedOutput: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  estimatedCostUsd: number;
  budgetExhausted: boolean;
  circuitOpen: boolean;
}

/**
 * What one ask came to. `unavailable`: the LLM could not be asked or did not answer (a failure,
 * the breaker, the day's stop, a spent budget), so asking again later may well do; otherwise it
 * answered and its answer was rejected, and asking again would most likely be rejected too.
 */
export type LlmAttempt = { summary: string } | { summary: null; unavailable: boolean };

export type LlmSummarizer = Summarizer & {
  attempt(req: SummaryRequest): Promise<LlmAttempt>;
  /** Whether a call would be made now: not stopped for the day, budget left. Makes none and says nothing. */
  callable(): Promise<boolean>;
  stats(): LlmStats;
  reset(): void;
};

const UNAVAILABLE: LlmAttempt = { summary: null, unavailable: true };
const REJECTED: LlmAttempt = { summary: null, unavailable: false };

export function createOpenAiSummarizer(opts: OpenAiSummarizerOptions): LlmSummarizer {
  const given = opts.client;
  const client = given ? async () => given : lazyOpenAi({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs ?? 20_000, maxRetries: opts.maxRetries ?? 1 });
  // At most `concurrency` requests in flight; the rest wait their turn in order.
  const requests = new PQueue({ concurrency: Math.max(1, opts.concurrency) });
  const breakAfter = opts.breakAfter ?? 3;
  const now = opts.now ?? (() => new Date());
  let stats: LlmStats;
  let consecutiveFailures = 0;
  const reset = () => {
    stats = { calls: 0, succeeded: 0, rejectedOutput: 0, failed: 0, promptTokens: 0, completionTokens: 0, estimatedCostUsd: 0, budgetExhausted: false, circuitOpen: false };
    consecutiveFailures = 0;
  };
  reset();
  const budget = dailyTokenBudget({ cache: opts.cache, dailyTokenBudget: opts.dailyTokenBudget, now });
  const stopped = llmStop({ ...opts, now });

  async function call(req: SummaryRequest): Promise<LlmAttempt> {
    if (stats.circuitOpen) return UNAVAILABLE;
    if (await stopped.reason()) {
      // Said once, by whichever call met the error.
      stats.circuitOpen = true;
      return UNAVAILABLE;
    }
    if (!(await budget.left())) {
      if (!stats.budgetExhausted) opts.logger.warn({ budget: opts.dailyTokenBudget }, 'daily LLM token budget spent; summaries fall back to extractive');
      stats.budgetExhausted = true;
      return UNAVAILABLE;
    }
    stats.calls++;
    try {
      const messages = summaryMessages(req);
      const res = await (await client()).chat.completions.create({
        model: opts.model,
        messages,
        max_tokens: 120,
        temperature: 0.2,
      });
      // A body that isn't a chat completion at all (an HTML error page from a proxy) is a failure, not a bad answer.
      const notCompletion = notACompletion(res);
      if (notCompletion) throw new Error(notCompletion);
      consecutiveFailures = 0;
      const content = res.choices[0]?.message?.content;
      const { prompt, completion } = tokensUsed(res.usage, messages, content);
      stats.promptTokens += prompt;
      stats.completionTokens += completion;
      stats.estimatedCostUsd = ((stats.promptTokens + stats.completionTokens) / 1_000_000) * opts.pricePerMTok;
      await budget.spend(prompt + completion);
      // A summary cut off at max_tokens reads as whole to validation, and would be stored for good.
      const problem = answerProblem(res);
      const check = problem && problem !== 'an empty answer' ? { ok: false as const, reason: problem } : validateSummary(typeof content === 'string' ? withoutThinking(content) : null);
      if (!check.ok) {
        stats.rejectedOutput++;
        opts.logger.warn({ arxivId: req.arxivId, reason: check.reason }, `LLM summary rejected (${check.reason}); falling back`);
        return REJECTED;
      }
      stats.succeeded++;
      return { summary: check.summary };
    } catch (err) {
      stats.failed++;
      consecutiveFailures++;
      // The SDK is loaded by now (the request was made through it).
      const { APIConnectionTimeoutError } = await import('openai');
      const fault = openAiFault(err, { model: opts.model, modelSetting: 'PAPERBOY_SUMMARY_MODEL', baseURL: opts.baseURL });
      if (fault.stopsForToday) {
        stats.circuitOpen = true;
        await stopped.stop(fault);
        return UNAVAILABLE;
      }
      const detail = err instanceof APIConnectionTimeoutError ? 'timeout' : fault.text;
      opts.logger.warn({ arxivId: req.arxivId, error: detail }, `LLM summary failed (${detail}); falling back`);
      if (consecutiveFailures >= breakAfter && !stats.circuitOpen) {
        stats.circuitOpen = true;
        opts.logger.error({ failures: consecutiveFailures }, 'LLM keeps failing; no more LLM calls in this run');
      }
      return UNAVAILABLE;
    }
  }

  return {
    kind: 'llm',
    attempt: (req) => requests.add(() => call(req)),
    summarize: async (req) => (await requests.add(() => call(req))).summary,
    callable: async () => !(await stopped.reason()) && (await budget.left()),
    stats: () => ({ ...stats }),
    reset,
  };
}
