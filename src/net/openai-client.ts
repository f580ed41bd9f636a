/** The OpenAI SDK client, made on first use. */
import type { ClientOptions, OpenAI } from 'openai';

/**
 * The SDK is ~150 modules: made lazily, a command that never calls a model (most CLI commands,
 * even with OPENAI_API_KEY set) never loads it.
 */
export function lazyOpenAi(options: ClientOptions): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined;
  return () => (client ??= import('openai').then((sdk) => new sdk.OpenAI(options)));
}
