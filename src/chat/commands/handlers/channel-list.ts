/** `/papers channel list`: the channel's topics and schedule (anyone in the channel). */
import { ephemeral, type Reply } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { NOT_A_CHANNEL, scheduleText, stoppedNote, topicList } from './words.js';
import { count } from '../../../core/count.js';

export async function channelList(_command: unknown, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (!actor.channelId) return ephemeral(NOT_A_CHANNEL);
  const info = await deps.services.channelInfo(actor.channelId);
  const when = info.schedule
    ? `Digest ${scheduleText(info.schedule, ', ')}.`
    : 'No digest schedule yet (the default time applies once a topic is added).';
  const topics = info.subscriptions.length
    ? `This channel follows ${count(info.subscriptions.length, 'topic')}:\n${topicList(info.subscriptions.map((s) => s.topic), (left) => `…and ${left} more.`)}`
    : 'This channel follows no topic yet.';
  const how = `${info.threads ? 'Papers are posted as replies in a thread under the digest' : 'Papers are listed in the digest message itself (no thread)'}; ${info.language ? `digest language: ${info.language}` : 'digest language: English'}.`;
  const stopped = info.stopped ? stoppedNote(info.stopped, 'channel', actor.platform) : null;
  // Digests that stopped, then the schedule: a long list must not push them out of a reply.
  return ephemeral(`${stopped ? `${stopped}\n` : ''}${when}\n${how}\n${topics}`, [
    ...(stopped ? [{ type: 'text' as const, text: stopped }] : []),
    { type: 'context', text: `${when} ${how}` },
    { type: 'text', text: topics },
  ]);
}
