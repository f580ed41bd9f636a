/** `/papers channel list`: the channel's topics and schedule (anyone in the channel). */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { hasWords, NOT_A_CHANNEL, scheduleText, stoppedNote, topicLine } from './words.js';
import { listPage, pageButtons, pageNote, pageTail } from './paging.js';
import { count } from '../../../core/count.js';
import { HINTS, hintText } from '../hints.js';
import { spliced } from '../../text/clean.js';

export async function channelList(command: { filter?: string; page?: number }, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (!actor.channelId) return ephemeral(NOT_A_CHANNEL);
  const info = await deps.services.channelInfo(actor.channelId);
  const when = info.schedule
    ? `Digest ${scheduleText(info.schedule, ', ')}.`
    : 'No digest schedule yet (the default time applies once a topic is added).';
  const all = info.subscriptions.map((s) => s.topic);
  // Echoed beside hints in code, and inside them: a typed backtick would end a span (spliced).
  const filter = command.filter && spliced(command.filter);
  const shown = filter ? all.filter(hasWords(filter)) : all;
  const hint = (words: string) => `\`${hintText(HINTS.channelList(words), actor.platform)}\``;
  // A long list was cut with "…and 186 more." and no way to see them: words narrow it, as for subscriptions.
  const narrow = filter ? `more words narrow it (${hint(`${filter} <word>`)})` : `${hint('<words>')} lists only those with the words`;
  const p = listPage(shown.map(topicLine), command.page ?? 1);
  const tail = pageTail(p, shown.length, filter, narrow);
  const topics = !all.length
    ? 'This channel follows no topic yet.'
    : !shown.length
      ? `None of the ${count(all.length, 'topic')} this channel follows has “${filter}” in its name or description.`
      : `${filter ? `${count(shown.length, 'topic')} this channel follows ${shown.length === 1 ? 'has' : 'have'} “${filter}” (of ${all.length})` : `This channel follows ${count(all.length, 'topic')}`}${pageNote(p)}:\n${[...shown.slice(p.start, p.end).map(topicLine), ...(tail ? [tail] : [])].join('\n')}`;
  const how = `${info.threads ? 'Papers are posted as replies in a thread under the digest' : 'Papers are listed in the digest message itself (no thread)'}; ${info.language ? `digest language: ${info.language}` : 'digest language: English'}.`;
  const stopped = info.stopped ? stoppedNote(info.stopped, 'channel', actor.platform, actor.botName, info.threads) : null;
  // Digests that stopped, then the schedule: a long list must not push them out of a reply.
  return ephemeral(`${stopped ? `${stopped}\n` : ''}${when}\n${how}\n${topics}`, [
    ...(stopped ? [{ type: 'text' as const, text: stopped }] : []),
    { type: 'context', text: `${when} ${how}` },
    { type: 'text', text: topics },
    ...(shown.length ? pageButtons('channel-list', p, filter) : []),
  ]);
}
