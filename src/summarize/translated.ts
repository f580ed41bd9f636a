/**
 * Summaries in a digest's language (not English): written by the LLM once per paper and
 * language and kept in the cache store (`summary:<tag>`), like the shared English ones are kept
 * on the paper. Without an LLM nothing is written: the caller shows the shared summaries and
 * says they are untranslated.
 */
import type { Paper } from '../core/papers/paper.js';
import type { CacheStore, Logger } from '../core/ports.js';
import { mapBounded } from '../core/digest/pacing.js';
import type { LlmSummarizer } from './openai.js';

export interface TranslatedDeps {
  llm: LlmSummarizer | null;
  cache?: Pick<CacheStore, 'getMany' | 'putMany'>;
  logger: Logger;
  concurrency: number;
}

export const summaryNamespace = (tag: string) => `summary:${tag}`;

export async function translatedSummaries(deps: TranslatedDeps, papers: readonly Paper[], language: string): Promise<{ translated: boolean; summaries: Map<string, string> }> {
  const out = new Map<string, string>();
  if (!deps.llm) return { translated: false, summaries: out };
  const ns = summaryNamespace(language);
  const kept = deps.cache ? await deps.cache.getMany(ns, papers.map((p) => p.arxivId)) : new Map<string, string>();
  for (const [id, text] of kept) out.set(id, text);
  const todo = papers.filter((p) => !out.has(p.arxivId));
  const made: Array<[string, string]> = [];
  const llm = deps.llm;
  await mapBounded(todo, deps.concurrency, async (p) => {
    const text = await llm.summarize({ arxivId: p.arxivId, title: p.title, abstract: p.abstract, language });
    if (text) made.push([p.arxivId, text]);
  });
  for (const [id, text] of made) out.set(id, text);
  if (made.length && deps.cache) await deps.cache.putMany(ns, made);
  if (todo.length) deps.logger.info({ language, papers: papers.length, made: made.length, kept: kept.size }, 'summaries written in the digest language');
  return { translated: true, summaries: out };
}
