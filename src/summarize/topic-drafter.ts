/**
 * Drafts a free-text topic's definition with one chat completion (any OpenAI-compatible server
 * via OPENAI_BASE_URL): phrases that papers on the topic use, and neighbouring ideas it does
 * not mean. Counted in the same daily token budget as summaries; any failure is null, and the
 * topic then matches from its own words.
 */
import { lazyOpenAi } from '../net/openai-client.js';
import type { TopicDrafter } from '../core/ports.js';
import { dailyTokenBudget, type LlmCallOptions } from './token-budget.js';

const SYSTEM =
  'You help a research-paper alert service match arXiv papers to a topic a person typed. ' +
  'Answer with JSON only: {"expansions": [...], "exclusions": [...]}. ' +
  'expansions: up to 15 short phrases (1-4 words) that abstracts of papers on this topic typically contain: ' +
  'technical names, abbreviations, method and benchmark names. ' +
  'exclusions: up to 8 short phrases of neighbouring ideas that share words with the topic but are not it. ' +
  'No explanations.';

/** The JSON object in a reply (tolerating a code fence around it), or null. */
export function parseDraft(content: string | null | undefined): { expansions: string[]; exclusions: string[] } | null {
  if (typeof content !== 'string') return null;
  const body = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  try {
    const parsed = JSON.parse(body) as { expansions?: unknown; exclusions?: unknown };
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    const expansions = strings(parsed.expansions);
    if (expansions.length === 0) return null;
    return { expansions, exclusions: strings(parsed.exclusions) };
  } catch {
    return null;
  }
}

export function createOpenAiTopicDrafter(opts: LlmCallOptions): TopicDrafter {
  const client = lazyOpenAi({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout: opts.timeoutMs ?? 20_000, maxRetries: 1 });
  const budget = dailyTokenBudget(opts);
  return {
    model: opts.model,
    async draft(topicText) {
      if (!(await budget.left())) {
        opts.logger.warn({ budget: opts.dailyTokenBudget }, 'daily LLM token budget spent; topic not drafted');
        return null;
      }
      try {
        const res = await (await client()).chat.completions.create({
          model: opts.model,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: `Topic: ${topicText.slice(0, 500)}` },
          ],
          max_tokens: 300,
          temperature: 0.2,
          response_format: { type: 'json_object' },
        });
        await budget.spend((res.usage?.prompt_tokens ?? 0) + (res.usage?.completion_tokens ?? 0));
        const draft = parseDraft(res.choices?.[0]?.message?.content);
        if (!draft) opts.logger.warn({ topic: topicText.slice(0, 80) }, 'LLM topic draft was not the JSON asked for; ignored');
        return draft;
      } catch (err) {
        opts.logger.warn({ topic: topicText.slice(0, 80), error: err instanceof Error ? err.message : String(err) }, 'LLM topic draft failed');
        return null;
      }
    },
  };
}
