/**
 * Drafts a free-text topic's definition with one chat completion (any OpenAI-compatible server
 * via OPENAI_BASE_URL): phrases that papers on the topic use, and neighbouring ideas it does
 * not mean. Counted in the same daily token budget as summaries; any failure is null, and the
 * topic then matches from its own words.
 */
import type { TopicDrafter } from '../core/ports.js';
import { createJsonCompletion, parseJsonReply } from './json-completion.js';
import type { LlmCallOptions } from './token-budget.js';

const SYSTEM =
  'You help a research-paper alert service match arXiv papers to a topic a person typed. ' +
  'Answer with JSON only: {"expansions": [...], "exclusions": [...]}. ' +
  'expansions: up to 15 short phrases (1-4 words) that abstracts of papers on this topic typically contain: ' +
  'technical names, abbreviations, method and benchmark names. ' +
  'exclusions: up to 8 short phrases of neighbouring ideas that share words with the topic but are not it. ' +
  'No explanations.';

/** The draft in a reply (tolerating a code fence around it), or null. */
export function parseDraft(content: string | null | undefined): { expansions: string[]; exclusions: string[] } | null {
  const parsed = parseJsonReply(content);
  if (!parsed) return null;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  const expansions = strings(parsed.expansions);
  if (expansions.length === 0) return null;
  return { expansions, exclusions: strings(parsed.exclusions) };
}

export function createOpenAiTopicDrafter(opts: LlmCallOptions): TopicDrafter {
  const complete = createJsonCompletion(opts, { timeoutMs: 20_000, maxRetries: 1 });
  return {
    model: opts.model,
    async draft(topicText) {
      const reply = await complete({ system: SYSTEM, user: `Topic: ${topicText.slice(0, 500)}`, maxTokens: 300, temperature: 0.2 });
      // Why was said once, when the calls stopped.
      if (reply.status === 'stopped') return null;
      if (reply.status === 'budget-spent') {
        opts.logger.warn({ budget: opts.dailyTokenBudget }, 'daily LLM token budget spent; topic not drafted');
        return null;
      }
      if (reply.status === 'failed') {
        opts.logger.warn({ topic: topicText.slice(0, 80), error: reply.error }, `LLM topic draft failed: ${reply.error}`);
        return null;
      }
      const draft = parseDraft(reply.content);
      if (!draft) opts.logger.warn({ topic: topicText.slice(0, 80), problem: reply.problem }, `LLM topic draft was not the JSON asked for; ignored${reply.problem ? `: ${reply.problem}` : ''}`);
      return draft;
    },
  };
}
