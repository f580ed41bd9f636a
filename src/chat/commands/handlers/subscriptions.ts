/** `/papers subscriptions`: what the caller follows, each with an unsubscribe button. */
import { ephemeral, type Reply, type ReplyBlock } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { HINTS, hintText, type Hint } from '../hints.js';
import { stoppedNote, topicList } from './words.js';
import { slices } from '../../../slices.js';
import { count } from '../../../core/count.js';

export async function subscriptions(_command: unknown, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  // The person's subscriptions and their DM digest, which may have stopped.
  const info = await deps.services.channelInfo(actor.userId);
  const subs = info.subscriptions;
  const hint = (h: Hint) => `\`${hintText(h, actor.platform)}\``;
  if (subs.length === 0) return ephemeral(`You don't follow any topic yet. ${hint(HINTS.topics())} lists them; ${hint(HINTS.subscribe())} adds one.`);
  const list = topicList(subs.map((s) => s.topic), (left) => `…and ${left} more.`);
  const buttoned = subs.slice(0, MAX_BUTTONS);
  const rest = subs.length > buttoned.length ? `\nButtons for the first ${buttoned.length}; ${hint(HINTS.unsubscribe())} for the others.` : '';
  const stopped = info.stopped ? `${stoppedNote(info.stopped, 'user')}\n` : '';
  const text = `${stopped}You follow ${count(subs.length, 'topic')}:\n${list}${rest}`;
  return ephemeral(text, [
    { type: 'text', text },
    // Slack draws at most 25 buttons a block.
    ...slices(buttoned, 25).map((part): ReplyBlock => ({ type: 'buttons', buttons: part.map((s) => ({ label: `Unsubscribe: ${s.topic.name}`, action: { kind: 'unsubscribe', topicSlug: s.topic.slug }, style: 'danger' })) })),
  ]);
}

/** Unsubscribe buttons one reply carries: all Discord can show (five rows of five). */
const MAX_BUTTONS = 25;

