/**
 * What an OpenAI-compatible server's answer to a chat completion really is, said for people: a
 * proxy's login page or a stream nobody asked for (the SDK hands back text for a body that is not
 * JSON), or a completion whose answer is missing, refused, cut off or only a reasoning model's
 * thinking. The warnings then say that, not only "not the JSON asked for".
 */
import { truncate } from '../core/truncate.js';

/** Why a response is no chat completion at all, or null when it is one. */
export function notACompletion(res: unknown): string | null {
  if (typeof res === 'object' && res !== null && Array.isArray((res as { choices?: unknown }).choices)) return null;
  const text = typeof res === 'string' ? res.trimStart() : '';
  const what = /^<(!doctype|html|head|body|\?xml)/i.test(text)
    ? "an HTML page (a proxy's login or error page?)"
    : /^(data|event):/.test(text)
      ? 'a stream it was not asked for (text/event-stream)'
      : text
        ? `text: ${truncate(text.replace(/\s+/g, ' '), 80)}`
        : 'a body with no choices';
  return `the server answered ${what}, not a chat completion; is OPENAI_BASE_URL the server's OpenAI-compatible /v1 address?`;
}

type Choice = { finish_reason?: unknown; message?: { content?: unknown; refusal?: unknown; reasoning_content?: unknown } | null };

/** Why a chat completion carries no usable answer, or null when its first choice has text. */
export function answerProblem(res: { choices: readonly unknown[] }): string | null {
  const choice = res.choices[0] as Choice | undefined;
  if (!choice) return 'no choices in the completion';
  const message = choice.message ?? {};
  if (typeof message.refusal === 'string' && message.refusal) return `refused: ${truncate(message.refusal, 120)}`;
  const empty = typeof message.content !== 'string' || message.content.trim() === '';
  if (empty && typeof message.reasoning_content === 'string' && message.reasoning_content)
    return `only reasoning_content and no answer (a reasoning model${choice.finish_reason === 'length' ? ' that spent max_tokens thinking' : ''})`;
  if (choice.finish_reason === 'length') return 'cut off at max_tokens (finish_reason "length")';
  if (empty) return 'an empty answer';
  if (choice.finish_reason === 'content_filter') return 'cut by the content filter (finish_reason "content_filter")';
  return null;
}

/** A thinking model's reasoning at the start of its content (deepseek-r1, qwen3 on Ollama and vLLM without a reasoning parser). */
const THINKING = /^\s*<(think|thinking)>[\s\S]*?<\/\1>\s*/i;

/** The answer without the thinking before it. */
export function withoutThinking<T extends string | null | undefined>(content: T): T {
  return (typeof content === 'string' ? content.replace(THINKING, '') : content) as T;
}
