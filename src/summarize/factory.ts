/** Builds the summary service from configuration: LLM only when OPENAI_API_KEY is set. */
import type { Config } from '../config.js';
import type { CacheStore, Logger, PaperStore, TopicDrafter } from '../core/ports.js';
import { createRelevanceCheck, type RelevanceCheck } from '../core/topics/relevance-check.js';
import { createOpenAiSummarizer } from './openai.js';
import { createSummaryService, type SummaryService } from './service.js';
import { createOpenAiRelevanceJudge } from './relevance-judge.js';
import type { LlmCallOptions } from './token-budget.js';
import { createOpenAiTopicDrafter } from './topic-drafter.js';

export function createSummaryServiceFromConfig(
  config: Pick<
    Config,
    'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'PAPERBOY_SUMMARY_MODEL' | 'PAPERBOY_LLM_CONCURRENCY' | 'PAPERBOY_LLM_DAILY_TOKEN_BUDGET' | 'PAPERBOY_LLM_PRICE_PER_MTOK'
  >,
  deps: { papers: Pick<PaperStore, 'setSummary' | 'get'>; cache: CacheStore; logger: Logger },
): SummaryService {
  const llm = config.OPENAI_API_KEY
    ? createOpenAiSummarizer({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        model: config.PAPERBOY_SUMMARY_MODEL,
        concurrency: config.PAPERBOY_LLM_CONCURRENCY,
        dailyTokenBudget: config.PAPERBOY_LLM_DAILY_TOKEN_BUDGET,
        pricePerMTok: config.PAPERBOY_LLM_PRICE_PER_MTOK,
        cache: deps.cache,
        logger: deps.logger,
      })
    : null;
  return createSummaryService({ papers: deps.papers, logger: deps.logger, llm, cache: deps.cache, concurrency: Math.max(8, config.PAPERBOY_LLM_CONCURRENCY) });
}

type LlmConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'PAPERBOY_SUMMARY_MODEL' | 'PAPERBOY_LLM_DAILY_TOKEN_BUDGET'>;

/** One call's options from configuration; null without OPENAI_API_KEY. */
function llmCallOptions(config: LlmConfig, deps: { cache: CacheStore; logger: Logger }): LlmCallOptions | null {
  if (!config.OPENAI_API_KEY) return null;
  return { apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.PAPERBOY_SUMMARY_MODEL, dailyTokenBudget: config.PAPERBOY_LLM_DAILY_TOKEN_BUDGET, ...deps };
}

/** The topic drafter: one LLM call per new free-text topic, only when OPENAI_API_KEY is set. */
export function topicDrafterFromConfig(config: LlmConfig, deps: { cache: CacheStore; logger: Logger }): TopicDrafter | undefined {
  const opts = llmCallOptions(config, deps);
  return opts ? createOpenAiTopicDrafter(opts) : undefined;
}

/** The LLM check of borderline papers: only with PAPERBOY_LLM_CHECK and OPENAI_API_KEY. */
export function relevanceCheckFromConfig(config: LlmConfig & Pick<Config, 'PAPERBOY_LLM_CHECK'>, deps: { cache: CacheStore; logger: Logger }): RelevanceCheck | undefined {
  const opts = config.PAPERBOY_LLM_CHECK ? llmCallOptions(config, deps) : null;
  return opts ? createRelevanceCheck({ judge: createOpenAiRelevanceJudge(opts), cache: deps.cache, logger: deps.logger }) : undefined;
}
