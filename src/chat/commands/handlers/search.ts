/** `/papers search <query>`: papers with feedback buttons, and "subscribe" when the query names a topic. */
import { USAGE, type Command } from '../command.js';
import { usageText } from '../hints.js';
import { ephemeral, paperButtons, type Reply, type ReplyBlock, type ReplyButton } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { count } from '../../../core/count.js';
import { emptySearchHints, noMatchText, searchNoteText } from '../../../core/search/empty-hints.js';
import { parseQuery } from '../../../core/search/query-parser.js';

export async function search(command: Extract<Command, { kind: 'search' }>, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const { query } = command;
  const { services } = deps;
  const limit = deps.searchLimit ?? 5;
  const [result, lookup, subs] = await Promise.all([
    // One more than is shown tells whether there were more.
    services.search(query, limit + 1),
    services.findTopic(query),
    services.listSubscriptions(actor.userId),
  ]);
  // Feedback and "subscribe" only mean something when the query names a topic.
  const topic = lookup.status === 'found' ? lookup.topic : null;
  if (result.status === 'invalid') return ephemeral(`${result.message}\nUsage: ${usageText(USAGE.search, actor.platform)}`);
  const hits = result.hits.slice(0, limit);
  const more = result.hits.length > limit;
  if (hits.length === 0) {
    const parsed = parseQuery(query);
    const searched = result.query ?? (parsed.ok ? parsed.query : null);
    const hints = searched ? emptySearchHints(searched, { hotDays: 0, now: new Date(), notes: result.notes }) : [];
    // Named by the words searched, as the CLI says it: "quantum x" searched "quantum" alone.
    const nothing = (searched && noMatchText(searched, result.notes)) || `No papers match “${query}”.`;
    // Words that match without the filters need no other words.
    const advice = hints.length ? hints.join(' ') : result.notes?.withoutFilters ? '' : 'Try fewer or different words.';
    return ephemeral(`${nothing}${advice ? ` ${advice}` : ''}`);
  }
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Papers for “${query}”` }];
  // "Showing results for …", and a word no paper has: said before the papers, not after them.
  const note = result.notes && searchNoteText(result.notes);
  if (note) blocks.push({ type: 'context', text: note });
  for (const hit of hits) {
    blocks.push({ type: 'paper', paper: hit.paper, note: hit.paper.summary, buttons: paperButtons(hit.paper, topic?.slug ?? null) });
  }
  // A reply holds a few papers; a query that finds more is narrowed, not paged.
  if (more) blocks.push({ type: 'context', text: `These are the best ${hits.length}; more papers match. Add words, a "phrase", author:, since: or category: to narrow it.` });
  const followed = topic !== null && subs.some((s) => s.topic.slug === topic.slug);
  if (topic && !followed) {
    const button: ReplyButton = { label: `Subscribe to ${topic.name}`, action: { kind: 'subscribe', topicSlug: topic.slug }, style: 'primary' };
    blocks.push({ type: 'buttons', buttons: [button] });
  }
  const text = `${count(hits.length, 'paper')} for “${query}”: ${hits.map((h) => h.paper.title).join('; ')}`;
  return { visibility: 'ephemeral', text, blocks };
}
