/** `/papers topics`: every topic with its description. */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import { count } from '../../../core/count.js';
import type { HandlerDeps } from './handler-deps.js';
import { HINTS, hintText } from '../hints.js';
import { oneLine, spliced, truncate } from '../../text/clean.js';
import { hasWords, topicLine } from './words.js';
import { listPage, pageButtons, pageNote, pageTail } from './paging.js';

const DESCRIPTION_CHARS = 60;

export async function topics(command: { filter?: string; page?: number }, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const all = await deps.services.listTopics();
  const hint = (words?: string) => `\`${hintText(HINTS.topics(words), actor.platform)}\``;
  if (all.length === 0) return ephemeral(`There are no topics yet. \`${hintText(HINTS.subscribe('<words>'), actor.platform)}\` needs a topic to exist first.`);
  // Echoed beside hints in code, and inside them: a typed backtick would end a span (spliced).
  const filter = command.filter && spliced(command.filter);
  const shown = filter ? all.filter(hasWords(filter)) : all;
  if (shown.length === 0) return ephemeral(`No topic's name or description has “${filter}” (of ${count(all.length, 'topic')}). ${hint()} lists them all; \`${hintText(HINTS.subscribe(filter), actor.platform)}\` makes it a topic of your own.`);
  // A topic made from free text is named by its words: its description only repeats them.
  const lines = shown.map((t) => `${topicLine(t)}${t.description && t.description !== t.name ? ` — ${truncate(oneLine(t.description), DESCRIPTION_CHARS)}` : ''}`);
  const narrow = filter ? `more words narrow it (${hint(`${filter} <word>`)})` : `${hint('<words>')} lists only the topics with those words`;
  const p = listPage(lines, command.page ?? 1);
  const tail = pageTail(p, lines.length, filter, narrow);
  const text = [...lines.slice(p.start, p.end), ...(tail ? [tail] : [])].join('\n');
  const title = `${filter ? `${count(shown.length, 'topic')} with “${filter}” (of ${all.length})` : `${count(all.length, 'topic')}`}${pageNote(p)}`;
  return ephemeral(`${title}:\n${text}`, [{ type: 'header', text: title }, { type: 'text', text }, ...pageButtons('topics', p, filter)]);
}
