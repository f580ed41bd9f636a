/** `/papers subscriptions`: what the caller follows, each with an unsubscribe button. */
import { ephemeral, namedLabel, type Reply, type ReplyBlock } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { HINTS, hintText, type Hint } from '../hints.js';
import { hasWords, scheduleText, stoppedNote, topicList, topicsListed } from './words.js';
import { slices } from '../../../slices.js';
import { count } from '../../../core/count.js';

export async function subscriptions(command: { filter?: string }, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  // The person's subscriptions and their DM digest, which may have stopped.
  const info = await deps.services.channelInfo(actor.userId);
  const all = info.subscriptions;
  const hint = (h: Hint) => `\`${hintText(h, actor.platform)}\``;
  if (all.length === 0) return ephemeral(`You don't follow any topic yet. ${hint(HINTS.topics())} lists them; ${hint(HINTS.subscribe())} adds one.`);
  const filter = command.filter;
  const has = filter ? hasWords(filter) : null;
  const subs = has ? all.filter((s) => has(s.topic)) : all;
  if (subs.length === 0) return ephemeral(`None of the ${count(all.length, 'topic')} you follow has “${filter}” in its name or description. ${hint(HINTS.subscriptions())} lists them all.`);
  // Past a message's worth (or the buttons' 25) the rest are reached by their words.
  const narrow = filter ? `more words narrow it (${hint(HINTS.subscriptions(`${filter} <word>`))})` : `${hint(HINTS.subscriptions('<words>'))} lists only those with the words`;
  const list = topicList(subs.map((s) => s.topic), (left) => `…and ${left} more: ${narrow}.`);
  // A button for a topic the list left out was one nobody could read before pressing it.
  const shown = topicsListed(subs.map((s) => s.topic));
  const buttoned = subs.slice(0, Math.min(shown, MAX_BUTTONS));
  const rest = shown > buttoned.length ? `\nButtons for the first ${buttoned.length}; ${hint(HINTS.unsubscribe())} for the others.` : '';
  const stopped = info.stopped ? `${stoppedNote(info.stopped, 'user', actor.platform)}\n` : '';
  const whose = filter ? `${count(subs.length, 'topic')} you follow ${subs.length === 1 ? 'has' : 'have'} “${filter}” (of ${all.length})` : `You follow ${count(all.length, 'topic')}`;
  // When it comes was said only when subscribing: asked later, it was nowhere to be found.
  const when = info.schedule ? `\nYour digest comes ${scheduleText(info.schedule)}.` : '';
  const text = `${stopped}${whose}:\n${list}${rest}${when}`;
  return ephemeral(text, [
    { type: 'text', text },
    // Slack draws at most 25 buttons a block.
    ...slices(buttoned, 25).map((part): ReplyBlock => ({ type: 'buttons', buttons: part.map((s) => ({ label: namedLabel('Unsubscribe: ', s.topic.name), action: { kind: 'unsubscribe', topicSlug: s.topic.slug }, style: 'danger' })) })),
  ]);
}

/** Unsubscribe buttons one reply carries: all Discord can show (five rows of five). */
const MAX_BUTTONS = 25;

