/**
 * The daily LLM token budget every call shares (summaries, topic drafts, the relevance check):
 * tokens counted per UTC day in the CacheStore, so every process and replica sees one total.
 */
import type { CacheStore, Logger } from '../core/ports.js';
import { dayOf } from '../core/papers/ingest-dates.js';

export const TOKEN_NAMESPACE = 'llm-tokens';

/** What every OpenAI-backed call is built from. */
export interface LlmCallOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Tokens per UTC day; 0 = no limit. */
  dailyTokenBudget: number;
  cache: CacheStore;
  logger: Logger;
  timeoutMs?: number;
  now?: () => Date;
}

export interface TokenBudget {
  /** Whether today's budget has tokens left (always, with no limit). */
  left(): Promise<boolean>;
  /** Counts a call's tokens against today. */
  spend(tokens: number): Promise<void>;
}

/** The UTC day whose tokens are counted now: the budget's key, and the day a spent budget is said once in. */
export function budgetDay(opts: Pick<LlmCallOptions, 'now'>): string {
  return dayOf((opts.now ?? (() => new Date()))());
}

export function dailyTokenBudget(opts: Pick<LlmCallOptions, 'cache' | 'dailyTokenBudget' | 'now'>): TokenBudget {
  const day = () => budgetDay(opts);
  return {
    async left() {
      if (opts.dailyTokenBudget <= 0) return true;
      const today = day();
      const used = Number((await opts.cache.getMany(TOKEN_NAMESPACE, [today])).get(today) ?? '0');
      return used < opts.dailyTokenBudget;
    },
    async spend(tokens) {
      if (tokens > 0) await opts.cache.increment(TOKEN_NAMESPACE, day(), tokens);
    },
  };
}

/** About how many characters a token holds in English text, for estimating what a server did not count. */
const CHARS_PER_TOKEN = 4;

/**
 * A call's tokens as the server counted them; without a `usage` object (Ollama and llama.cpp
 * sometimes send none) an estimate from the text sent and answered, so the daily budget keeps
 * counting instead of silently counting nothing.
 */
export function tokensUsed(
  usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined,
  sent: ReadonlyArray<{ content?: unknown }>,
  answered: string | null | undefined,
): { prompt: number; completion: number } {
  if (usage && typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number') return { prompt: usage.prompt_tokens, completion: usage.completion_tokens };
  const chars = sent.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0);
  return { prompt: Math.ceil(chars / CHARS_PER_TOKEN), completion: Math.ceil((answered ?? '').length / CHARS_PER_TOKEN) };
}
