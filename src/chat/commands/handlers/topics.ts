/** `/papers topics`: every topic with its description. */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { oneLine, truncate } from '../../text/clean.js';
import { slugify } from '../../../core/topics/names.js';

/**
 * Characters of topic lines in one reply: a chat message holds about 2,000 (Discord), and
 * escaping a name's markdown for a platform can make it longer.
 */
const LIST_CHARS = 1500;
const DESCRIPTION_CHARS = 60;

export async function topics(_command: unknown, _actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const all = await deps.services.listTopics();
  if (all.length === 0) return ephemeral('There are no topics yet. `/papers subscribe <words>` needs a topic to exist first.');
  const lines: string[] = [];
  let chars = 0;
  for (const t of all) {
    // A topic made from free text is named by its words: its slug and description only repeat them.
    const slug = t.slug === slugify(t.name) ? '' : ` (${t.slug})`;
    const about = t.description && t.description !== t.name ? ` — ${truncate(oneLine(t.description), DESCRIPTION_CHARS)}` : '';
    const line = `• ${oneLine(t.name)}${slug}${about}`;
    if (chars + line.length + 1 > LIST_CHARS) break;
    lines.push(line);
    chars += line.length + 1;
  }
  if (lines.length < all.length) lines.push(`…and ${all.length - lines.length} more: \`/papers subscribe\` with a few words finds or makes one.`);
  const text = lines.join('\n');
  return ephemeral(`${all.length} topics:\n${text}`, [
    { type: 'header', text: `${all.length} topics` },
    { type: 'text', text },
  ]);
}
