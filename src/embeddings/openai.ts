/**
 * EmbeddingProvider over the OpenAI embeddings API (`POST {baseURL}/embeddings`), or any
 * OpenAI-compatible server. Floats are requested explicitly: the SDK's default base64 format
 * is not implemented by every compatible server.
 */
import { lazyOpenAi, openAiFault } from '../net/openai-client.js';
import type { EmbeddingProvider } from '../core/ports.js';

export interface OpenAiEmbeddingOptions {
  apiKey: string;
  /** e.g. `http://127.0.0.1:8080/v1`; default the OpenAI API. */
  baseURL?: string;
  model: string;
  timeoutMs?: number;
  maxRetries?: number;
}

export class EmbeddingError extends Error {
  override name = 'EmbeddingError';
}

export function createOpenAiEmbeddings(opts: OpenAiEmbeddingOptions): EmbeddingProvider {
  const client = lazyOpenAi({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs ?? 20_000, maxRetries: opts.maxRetries ?? 2 });
  return {
    model: opts.model,
    async embed(texts) {
      if (texts.length === 0) return [];
      // The API rejects empty strings; a single space embeds as "nothing" and keeps positions aligned.
      const input = texts.map((t) => (t.trim() === '' ? ' ' : t));
      let res;
      try {
        res = await (await client()).embeddings.create({ model: opts.model, input, encoding_format: 'float' });
      } catch (err) {
        // Said with the setting to change: a server with chat and no embeddings answers 404.
        throw new EmbeddingError(openAiFault(err, { model: opts.model, modelSetting: 'PAPERBOY_EMBEDDING_MODEL', baseURL: opts.baseURL }).text, { cause: err });
      }
      if (!res || !Array.isArray(res.data)) throw new EmbeddingError('the embeddings answer is not a list of vectors (is OPENAI_BASE_URL an OpenAI-compatible /v1 address?)');
      const out: number[][] = new Array(texts.length);
      for (const item of res.data) {
        if (!Array.isArray(item.embedding) || item.index < 0 || item.index >= texts.length) {
          throw new EmbeddingError(`embeddings response item ${item.index} is malformed`);
        }
        out[item.index] = item.embedding;
      }
      for (let i = 0; i < texts.length; i++) {
        if (!out[i]) throw new EmbeddingError(`embeddings response has no vector for input ${i} of ${texts.length}`);
      }
      return out;
    },
  };
}
