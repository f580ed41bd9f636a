/** `/papers digest`: the caller's next digest, now, only to them. */
import { ephemeral, paperButtons, type Reply, type ReplyBlock } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';

export async function digestPreview(_command: unknown, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const preview = await deps.services.previewDigest(actor.userId);
  if (preview.status === 'no-subscriptions') {
    return ephemeral("You don't follow any topic yet, so there is no digest. `/papers topics`, then `/papers subscribe <topic>`.");
  }
  if (preview.items.length === 0) return ephemeral('Nothing new on your topics since your last digest.');
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Your digest preview: ${preview.items.length} paper${preview.items.length === 1 ? '' : 's'}` }];
  for (const item of preview.items) {
    blocks.push({ type: 'paper', paper: item.paper, note: `${item.topicSlug}: ${item.why}`, buttons: paperButtons(item.paper, item.topicSlug) });
  }
  return { visibility: 'ephemeral', text: `Your digest preview: ${preview.items.map((i) => i.paper.title).join('; ')}`, blocks };
}
