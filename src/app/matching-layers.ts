/**
 * The optional layers topic matching is built with, from configuration: embeddings (the semantic
 * layer) and the LLM check of borderline papers. The composition root and the match worker both
 * build them here, so a window matched on the worker's thread matches as the main thread would.
 */
import type { Config } from '../config.js';
import type { CacheStore, Logger } from '../core/ports.js';
import type { RelevanceCheck } from '../core/topics/relevance-check.js';
import type { SemanticScorer } from '../core/topics/semantic.js';
import { semanticLayerFromConfig } from '../embeddings/index.js';
import { relevanceCheckFromConfig } from '../summarize/factory.js';

export function matchingLayersFromConfig(config: Config, cache: CacheStore, logger: Logger): { semantic: SemanticScorer | undefined; check: RelevanceCheck | undefined } {
  return { semantic: semanticLayerFromConfig(config, cache, logger), check: relevanceCheckFromConfig(config, { cache, logger }) };
}
