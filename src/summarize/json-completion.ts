/**
 * One JSON-mode chat completion within the shared daily token budget (any OpenAI-compatible
 * server via OPENAI_BASE_URL): the one way topic drafts and the relevance check call the LLM.
 * It never throws; the caller says in its own words what a spent budget or a failure means.
 */
import { lazyOpenAi, openAiFault } from '../net/openai-client.js';
import { llmStop } from './llm-stop.js';
import { answerProblem, notACompletion, withoutThinking } from './completion-shape.js';
import { dailyTokenBudget, tokensUsed, type LlmCallOptions } from './token-budget.js';

/** `stopped`: no calls today after an error asking again cannot mend, already said once in the log. */
export type JsonReply = { status: 'ok'; content: string | null | undefined; problem: string | null } | { status: 'budget-spent' } | { status: 'stopped' } | { status: 'failed'; error: string };

export interface JsonRequest {
  system: string;
  user: string;
  maxTokens: number;
  temperature: number;
}

export function createJsonCompletion(opts: LlmCallOptions, client: { timeoutMs: number; maxRetries: number }): (req: JsonRequest) => Promise<JsonReply> {
  const openai = lazyOpenAi({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs ?? client.timeoutMs, maxRetries: client.maxRetries });
  const budget = dailyTokenBudget(opts);
  const stopped = llmStop(opts);
  // Cleared when the server refuses response_format (LM Studio wants json_schema, some proxies
  // none): the prompt asks for JSON anyway, and parseJsonReply reads it out of prose.
  let jsonMode = true;
  const refusesJsonMode = (err: unknown) =>
    jsonMode && (err as { status?: unknown }).status === 400 && /response_format|json_object|json mode/i.test(err instanceof Error ? err.message : '');
  return async (req) => {
    if (await stopped.reason()) return { status: 'stopped' };
    if (!(await budget.left())) return { status: 'budget-spent' };
    try {
      const messages = [
        { role: 'system' as const, content: req.system },
        { role: 'user' as const, content: req.user },
      ];
      const ask = async () =>
        (await openai()).chat.completions.create({
          model: opts.model,
          messages,
          max_tokens: req.maxTokens,
          temperature: req.temperature,
          ...(jsonMode ? { response_format: { type: 'json_object' as const } } : {}),
        });
      const res = await ask().catch((err: unknown) => {
        if (!refusesJsonMode(err)) throw err;
        jsonMode = false;
        opts.logger.info({ model: opts.model }, 'the LLM server refuses response_format json_object; asking for JSON in the prompt only');
        return ask();
      });
      const notCompletion = notACompletion(res);
      if (notCompletion) return { status: 'failed', error: notCompletion };
      const content = res.choices?.[0]?.message?.content;
      const used = tokensUsed(res.usage, messages, content);
      await budget.spend(used.prompt + used.completion);
      return { status: 'ok', content: withoutThinking(content), problem: answerProblem(res) };
    } catch (err) {
      const fault = openAiFault(err, { model: opts.model, modelSetting: 'PAPERBOY_SUMMARY_MODEL', baseURL: opts.baseURL });
      if (!fault.stopsForToday) return { status: 'failed', error: fault.text };
      await stopped.stop(fault);
      return { status: 'stopped' };
    }
  };
}

/** An object parsed from text, or null. */
function objectIn(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The JSON object in a reply, tolerating a code fence around it, or prose before and after it
 * (models without a JSON mode say "Here is the JSON:"); null for anything else.
 */
export function parseJsonReply(content: string | null | undefined): Record<string, unknown> | null {
  if (typeof content !== 'string') return null;
  const body = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  const first = content.indexOf('{');
  const last = content.lastIndexOf('}');
  return objectIn(body) ?? (first >= 0 && last > first ? objectIn(content.slice(first, last + 1)) : null);
}
