/** `/papers digest`: the caller's next digest, now, only to them. */
import { isFollowedSection } from '../../../core/follows/followed-items.js';
import { ephemeral, paperButtons, type Reply, type ReplyBlock } from '../reply.js';
import type { ChatActor } from '../services.js';
import type { HandlerDeps } from './handler-deps.js';
import { HINTS, hintText } from '../hints.js';
import { count } from '../../../core/count.js';
import { digestWords } from '../../../core/i18n/catalog.js';
import { utcMinuteText } from '../../../core/digest/schedule.js';

export async function digestPreview(_command: unknown, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const preview = await deps.services.previewDigest(actor.userId);
  if (preview.status === 'no-subscriptions') {
    const [topics, subscribe, follow] = [HINTS.topics(), HINTS.subscribe(), HINTS.followAuthor('<name>', false)].map((h) => hintText(h, actor.platform));
    return ephemeral(`You don't follow any topic or author yet, so there is no digest. \`${topics}\`, then \`${subscribe}\` (or \`${follow}\`).`);
  }
  // The window is since the last digest or the last day, whichever is longer: say which, as there may have been no digest yet.
  if (preview.items.length === 0) {
    const since = preview.since ? ` since ${utcMinuteText(preview.since)}` : '';
    return ephemeral(`No paper stored${since} matches your topics or the authors you follow, so your next digest has nothing yet.`);
  }
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Your digest preview: ${count(preview.items.length, 'paper')}` }];
  if (preview.moreMatched) blocks.push({ type: 'context', text: digestWords(null).moreMatched(preview.moreMatched, preview.items.length, 'user') });
  for (const item of preview.items) {
    // A paper a followed author brought says so itself ("followed author: …"); it has no topic.
    const note = isFollowedSection(item.topicSlug) ? item.why : `${item.topicName ?? item.topicSlug}: ${item.why}`;
    blocks.push({ type: 'paper', paper: item.paper, note, buttons: paperButtons(item.paper, item.topicSlug) });
  }
  // One reply is one message; the digest itself is split over as many as it needs.
  const overflow = 'Your digest itself carries them all, over several messages.';
  return { visibility: 'ephemeral', text: `Your digest preview: ${preview.items.map((i) => i.paper.title).join('; ')}`, blocks, overflow };
}
