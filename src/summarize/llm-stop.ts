/**
 * The day's stop on LLM calls after an error asking again cannot mend (a refused key, a model the
 * server does not have, a quota used up): kept in the CacheStore like the token budget, so
 * summaries, topic drafts, the relevance check and every replica stop together, and said once.
 * Keyed by the key, server and model too: fixing the setting and restarting asks again at once.
 */
import { createHash } from 'node:crypto';
import type { CacheStore, Logger } from '../core/ports.js';
import type { OpenAiFault } from '../net/openai-client.js';
import { budgetDay } from './token-budget.js';

export const STOP_NAMESPACE = 'llm-stopped';

export interface LlmStop {
  /** Why calls are stopped today, or null when they are not. */
  reason(): Promise<string | null>;
  /** Stops today's calls for this fault and says so, once however many calls meet it. */
  stop(fault: OpenAiFault): Promise<void>;
}

export function llmStop(opts: { apiKey: string; baseURL?: string; model: string; cache: CacheStore; logger: Logger; now?: () => Date }): LlmStop {
  const who = createHash('sha1').update([opts.apiKey, opts.baseURL ?? '', opts.model].join('\0')).digest('hex').slice(0, 16);
  const key = () => `${budgetDay(opts)}|${who}`;
  const reason = async () => (await opts.cache.getMany(STOP_NAMESPACE, [key()])).get(key()) ?? null;
  return {
    reason,
    async stop(fault) {
      if (await reason()) return;
      await opts.cache.putMany(STOP_NAMESPACE, [[key(), fault.text]]);
      opts.logger.error(
        { model: opts.model, error: fault.text },
        `LLM stopped: ${fault.text}; no LLM calls for the rest of ${budgetDay(opts)} (UTC): summaries, topic drafts and the relevance check use their offline fallbacks`,
      );
    },
  };
}
