/**
 * One JSON-mode chat completion within the shared daily token budget (any OpenAI-compatible
 * server via OPENAI_BASE_URL): the one way topic drafts and the relevance check call the LLM.
 * It never throws; the caller says in its own words what a spent budget or a failure means.
 */
import { lazyOpenAi, openAiFault } from '../net/openai-client.js';
import { llmStop } from './llm-stop.js';
import { dailyTokenBudget, tokensUsed, type LlmCallOptions } from './token-budget.js';

/** `stopped`: no calls today after an error asking again cannot mend, already said once in the log. */
export type JsonReply = { status: 'ok'; content: string | null | undefined } | { status: 'budget-spent' } | { status: 'stopped' } | { status: 'failed'; error: string };

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
  return async (req) => {
    if (await stopped.reason()) return { status: 'stopped' };
    if (!(await budget.left())) return { status: 'budget-spent' };
    try {
      const messages = [
        { role: 'system' as const, content: req.system },
        { role: 'user' as const, content: req.user },
      ];
      const res = await (await openai()).chat.completions.create({
        model: opts.model,
        messages,
        max_tokens: req.maxTokens,
        temperature: req.temperature,
        response_format: { type: 'json_object' },
      });
      const content = res.choices?.[0]?.message?.content;
      const used = tokensUsed(res.usage, messages, content);
      await budget.spend(used.prompt + used.completion);
      return { status: 'ok', content };
    } catch (err) {
      const fault = openAiFault(err, { model: opts.model, modelSetting: 'PAPERBOY_SUMMARY_MODEL', baseURL: opts.baseURL });
      if (!fault.stopsForToday) return { status: 'failed', error: fault.text };
      await stopped.stop(fault);
      return { status: 'stopped' };
    }
  };
}

/** The JSON object in a reply, tolerating a code fence around it; null for anything else. */
export function parseJsonReply(content: string | null | undefined): Record<string, unknown> | null {
  if (typeof content !== 'string') return null;
  const body = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
