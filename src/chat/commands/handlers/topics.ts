/** `/papers topics`: every topic with its description. */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { HINTS, hintText } from '../hints.js';
import { oneLine, truncate } from '../../text/clean.js';
import { boundedLines, topicLine } from './words.js';

const DESCRIPTION_CHARS = 60;

export async function topics(_command: unknown, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const all = await deps.services.listTopics();
  if (all.length === 0) return ephemeral(`There are no topics yet. \`${hintText(HINTS.subscribe('<words>'), actor.platform)}\` needs a topic to exist first.`);
  // A topic made from free text is named by its words: its description only repeats them.
  const lines = all.map((t) => `${topicLine(t)}${t.description && t.description !== t.name ? ` — ${truncate(oneLine(t.description), DESCRIPTION_CHARS)}` : ''}`);
  const text = boundedLines(lines, (left) => `…and ${left} more: \`/papers subscribe\` with a few words finds or makes one.`);
  return ephemeral(`${all.length} topics:\n${text}`, [
    { type: 'header', text: `${all.length} topics` },
    { type: 'text', text },
  ]);
}
