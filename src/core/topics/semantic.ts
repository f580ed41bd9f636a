/**
 * Optional semantic evidence: cosine similarity between embeddings of a paper and of a topic
 * definition. Vectors are cached per paper and per topic definition in the CacheStore, so each
 * text is embedded once per model.
 */
import { createHash } from 'node:crypto';
import type { CacheStore, EmbeddingProvider, Logger, TopicDefinition } from '../ports.js';
import { describeError } from '../error-text.js';
import type { MatchablePaper } from './paper-features.js';

export interface SemanticScorer {
  readonly model: string;
  /** Cosine similarity per `${topicSlug}|${arxivId}` for the requested pairs. */
  similarities(pairs: ReadonlyArray<{ paper: MatchablePaper; topic: TopicDefinition }>): Promise<Map<string, number>>;
}

const BATCH = 64;
/** Embedding inputs are cut here: titles and abstracts carry the meaning, and tokens cost money. */
const MAX_INPUT_CHARS = 4_000;

export function paperText(p: MatchablePaper): string {
  return `${p.title}\n${(p.aiKeywords ?? []).join(', ')}\n${p.abstract}`.slice(0, MAX_INPUT_CHARS);
}

export function topicText(t: TopicDefinition): string {
  return `${t.name}: ${t.description}`.slice(0, MAX_INPUT_CHARS);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Semantic adjustment of a lexical score: similar papers gain, dissimilar lose, at most
 * `MAX_SHIFT`, so lexical evidence still decides clear cases and the reason stays truthful.
 */
export const SEMANTIC_MIDPOINT = 0.35;
export const MAX_SHIFT = 0.25;
export function blend(lexical: number, similarity: number): number {
  const shift = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, (similarity - SEMANTIC_MIDPOINT) * 1.5));
  return Math.max(0, Math.min(1, lexical + shift));
}

/** The pause after embeddings fail: matching stays lexical meanwhile instead of waiting on a dead endpoint per run. */
export const SEMANTIC_PAUSE_MS = 10 * 60_000;

export function createSemanticScorer(deps: { provider: EmbeddingProvider; cache: CacheStore; logger?: Logger; now?: () => number }): SemanticScorer {
  const ns = `embeddings:${deps.provider.model}`;
  const now = deps.now ?? Date.now;
  let pausedUntil = 0;

  async function embedInto(keys: readonly string[], entries: Map<string, string>, out: Map<string, number[]>): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      const embedded = await deps.provider.embed(batch.map((k) => entries.get(k)!));
      const rows: Array<[string, string]> = [];
      batch.forEach((k, j) => {
        const v = embedded[j];
        if (!v) return;
        out.set(k, v);
        rows.push([k, JSON.stringify(v)]);
      });
      await deps.cache.putMany(ns, rows);
    }
  }

  async function vectors(entries: Map<string, string>): Promise<Map<string, number[]>> {
    const keys = [...entries.keys()];
    const cached = await deps.cache.getMany(ns, keys);
    const out = new Map<string, number[]>();
    for (const [k, v] of cached) out.set(k, JSON.parse(v) as number[]);
    const missing = new Set(keys.filter((k) => !out.has(k)));
    await embedInto([...missing], entries, out);
    // A server can put another model behind the same name (an Ollama tag pulled again, another
    // OPENAI_BASE_URL): its vectors are not comparable with the stored ones, so those are made again.
    const dims = [...missing].map((k) => out.get(k)?.length).find((n) => n !== undefined);
    const stale = dims === undefined ? [] : keys.filter((k) => !missing.has(k) && out.get(k)!.length !== dims);
    if (stale.length) {
      deps.logger?.warn(
        { model: deps.provider.model, vectors: stale.length },
        `embeddings of ${deps.provider.model} changed from ${out.get(stale[0]!)!.length} to ${dims} dimensions: the stored vectors are made again`,
      );
      await embedInto(stale, entries, out);
    }
    return out;
  }

  return {
    model: deps.provider.model,
    async similarities(pairs) {
      const texts = new Map<string, string>();
      const keyOfTopic = new Map<string, string>();
      for (const { paper, topic } of pairs) {
        texts.set(`paper:${paper.arxivId}`, paperText(paper));
        const text = topicText(topic);
        // The definition's hash is in the key so an edited topic is embedded again.
        const key = `topic:${topic.slug}:${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
        keyOfTopic.set(topic.slug, key);
        texts.set(key, text);
      }
      const out = new Map<string, number>();
      if (now() < pausedUntil || pairs.length === 0) return out;
      let vecs: Map<string, number[]>;
      try {
        vecs = await vectors(texts);
      } catch (err) {
        // Matching goes on from the words alone: a digest must not fail because embeddings do.
        pausedUntil = now() + SEMANTIC_PAUSE_MS;
        deps.logger?.warn({ model: deps.provider.model, error: describeError(err), minutes: SEMANTIC_PAUSE_MS / 60_000 }, `embeddings failed; matching uses words only for ${SEMANTIC_PAUSE_MS / 60_000} minutes: ${describeError(err)}`);
        return out;
      }
      for (const { paper, topic } of pairs) {
        const a = vecs.get(`paper:${paper.arxivId}`);
        const b = vecs.get(keyOfTopic.get(topic.slug)!);
        if (a && b && a.length === b.length) out.set(`${topic.slug}|${paper.arxivId}`, cosine(a, b));
      }
      return out;
    },
  };
}
