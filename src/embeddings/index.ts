/** Builds the optional semantic matching layer from configuration (off unless asked for). */
import type { Config } from '../config.js';
import type { CacheStore, Logger } from '../core/ports.js';
import { createSemanticScorer, type SemanticScorer } from '../core/topics/semantic.js';
import { createOpenAiEmbeddings } from './openai.js';

export function semanticLayerFromConfig(
  config: Pick<Config, 'PAPERBOY_EMBEDDINGS' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'PAPERBOY_EMBEDDING_MODEL' | 'PAPERBOY_HTTP_TIMEOUT_MS'>,
  cache: CacheStore,
  logger?: Logger,
): SemanticScorer | undefined {
  if (!config.PAPERBOY_EMBEDDINGS || !config.OPENAI_API_KEY) return undefined;
  const provider = createOpenAiEmbeddings({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.PAPERBOY_EMBEDDING_MODEL,
    timeoutMs: config.PAPERBOY_HTTP_TIMEOUT_MS,
  });
  return createSemanticScorer({ provider, cache, logger });
}
