/** `/papers subscriptions`: what the caller follows, each with an unsubscribe button. */
import { ephemeral, namedLabel, type Reply, type ReplyBlock } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { HINTS, hintText, type Hint } from '../hints.js';
import { hasWords, scheduleText, stoppedNote, topicLine } from './words.js';
import { listPage, pageButtons, pageNote, pageTail } from './paging.js';
import { slices } from '../../../slices.js';
import { count } from '../../../core/count.js';
import { spliced } from '../../text/clean.js';

export async function subscriptions(command: { filter?: string; page?: number }, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  // The person's subscriptions and their DM digest, which may have stopped.
  const info = await deps.services.channelInfo(actor.userId);
  const all = info.subscriptions;
  const hint = (h: Hint) => `\`${hintText(h, actor.platform)}\``;
  if (all.length === 0) return ephemeral(`You don't follow any topic yet. ${hint(HINTS.topics())} lists them; ${hint(HINTS.subscribe())} adds one.`);
  // Echoed beside hints in code, and inside them: a typed backtick would end a span (spliced).
  const filter = command.filter && spliced(command.filter);
  const has = filter ? hasWords(filter) : null;
  const subs = has ? all.filter((s) => has(s.topic)) : all;
  if (subs.length === 0) return ephemeral(`None of the ${count(all.length, 'topic')} you follow has “${filter}” in its name or description. ${hint(HINTS.subscriptions())} lists them all.`);
  // A page is a message's worth, and never more topics than it has buttons for.
  const narrow = filter ? `more words narrow it (${hint(HINTS.subscriptions(`${filter} <word>`))})` : `${hint(HINTS.subscriptions('<words>'))} lists only those with the words`;
  const lines = subs.map((s) => topicLine(s.topic));
  const p = listPage(lines, command.page ?? 1, MAX_BUTTONS);
  const buttoned = subs.slice(p.start, p.end);
  const tail = pageTail(p, subs.length, filter, narrow);
  const list = [...lines.slice(p.start, p.end), ...(tail ? [tail] : [])].join('\n');
  const stopped = info.stopped ? `${stoppedNote(info.stopped, 'user', actor.platform)}\n` : '';
  const whose = `${filter ? `${count(subs.length, 'topic')} you follow ${subs.length === 1 ? 'has' : 'have'} “${filter}” (of ${all.length})` : `You follow ${count(all.length, 'topic')}`}${pageNote(p)}`;
  // When it comes was said only when subscribing: asked later, it was nowhere to be found.
  const when = info.schedule ? `\nYour digest comes ${scheduleText(info.schedule)}.` : '';
  const text = `${stopped}${whose}:\n${list}${when}`;
  return ephemeral(text, [
    { type: 'text', text },
    // Slack draws at most 25 buttons a block.
    ...slices(buttoned, 25).map((part): ReplyBlock => ({ type: 'buttons', buttons: part.map((s) => ({ label: namedLabel('Unsubscribe: ', s.topic.name), action: { kind: 'unsubscribe', topicSlug: s.topic.slug }, style: 'danger' })) })),
    ...pageButtons('subscriptions', p, filter),
  ]);
}

/** Unsubscribe buttons one page carries: Discord's five rows of five, less the row of page buttons. */
const MAX_BUTTONS = 20;

