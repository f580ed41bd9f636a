/** Words for every outcome of a subscription change, from a command or a button. */
import { ephemeral, namedLabel, paperButtons, type Reply, type ReplyBlock } from '../reply.js';
import { SUBSCRIBE_PREVIEW_DAYS, type SubscriptionChange, type TopicInfo } from '../services.js';
import { nextClause, resumedNote, scheduleText, topicList, withResumed } from './words.js';
import { HINTS, hintText } from '../hints.js';
import type { TargetPlatform } from '../../../core/platforms.js';
import { emptyPreviewNote, previewWindow } from '../../../core/digest/preview.js';
import { topicWordingNote, unmetNote } from '../../../core/topics/free-text.js';
import { exclusionNote } from '../../../core/topics/asking.js';

function suggestionReply(text: string, suggestions: TopicInfo[], kind: 'user' | 'channel', subscribing: boolean): Reply {
  const followed = kind === 'user' ? '`/papers subscriptions` lists what you follow.' : '`/papers channel list` shows what this channel follows.';
  if (suggestions.length === 0) return ephemeral(`${text} ${subscribing ? '`/papers topics` lists every topic.' : followed}`);
  const label = subscribing ? 'Subscribe' : 'Unsubscribe';
  const blocks: ReplyBlock[] = [{ type: 'text', text: `${text} Did you mean:` }, { type: 'text', text: topicList(suggestions, (left) => `…and ${left} more.`) }];
  // Buttons subscribe the caller; a channel change must go through the command again.
  if (kind === 'user') {
    blocks.push({
      type: 'buttons',
      buttons: suggestions.slice(0, 3).map((t) => ({ label: namedLabel(`${label}: `, t.name), action: { kind: subscribing ? 'subscribe' : 'unsubscribe', topicSlug: t.slug } })),
    });
  }
  return ephemeral(`${text} Did you mean: ${suggestions.map((t) => t.name).join(', ')}?`, blocks);
}

const possessive = (whose: 'You' | 'This channel') => (whose === 'You' ? 'Your' : "This channel's");

/**
 * The built-in topic a narrower phrase stands under, offered instead of it: a button for the
 * caller's own digest (the press swaps the two), the commands for a channel's, which its
 * managers change by command.
 */
function broaderBlocks(topic: TopicInfo, broader: TopicInfo, whose: 'You' | 'This channel', platform: TargetPlatform): ReplyBlock[] {
  const narrower = `“${topic.name}” is narrower than the built-in topic “${broader.name}”: marks on it teach it alone, never the built-in.`;
  if (whose === 'You') {
    return [
      { type: 'context', text: narrower },
      { type: 'buttons', buttons: [{ label: `Follow “${broader.name}” instead`, action: { kind: 'subscribe', topicSlug: broader.slug, instead: topic.slug } }] },
    ];
  }
  const swap = `${hintText(HINTS.channelSubscribe(broader.name), platform)}, then ${hintText(HINTS.channelUnsubscribe(topic.name), platform)}`;
  return [{ type: 'context', text: `${narrower} To follow the built-in here instead: ${swap}.` }];
}

function subscribedReply(change: Extract<SubscriptionChange, { status: 'subscribed' }>, whose: 'You' | 'This channel', platform: TargetPlatform): Reply {
  // Where the digest comes and when, as the schedule has it (a weekly digest is no "daily digest").
  const when = change.schedule ? `, ${scheduleText(change.schedule)}` : '';
  // Only a target this subscription made has a first digest to name; one that existed keeps the times it had.
  const first = `${whose} will get “${change.topic.name}” in ${whose === 'You' ? 'your' : "this channel's"} digest${when}${change.created ? ' (a new topic, matched from its words)' : ''}${nextClause(change.firstDigest)}.`;
  const blocks: ReplyBlock[] = [{ type: 'text', text: first }];
  if (change.broader) blocks.push(...broaderBlocks(change.topic, change.broader, whose, platform));
  // A topic is everyone's who follows it: one person's 👎 moves it for all of them.
  const others = change.othersFollowing ?? 0;
  if (others > 0) blocks.push({ type: 'context', text: `${others === 1 ? 'One other person or channel follows' : `${others} other people or channels follow`} “${change.topic.name}” too: 👍/👎 on it teach it for everyone who follows it.` });
  const preview = change.preview ?? [];
  const window = previewWindow(SUBSCRIBE_PREVIEW_DAYS, change.previewRead);
  if (preview.length) {
    blocks.push({ type: 'header', text: `Best matches ${window}: 👍 or 👎 teaches the topic` });
    for (const item of preview) blocks.push({ type: 'paper', paper: item.paper, note: item.why, buttons: paperButtons(item.paper, item.topicSlug) });
  } else if (change.preview) {
    blocks.push({ type: 'context', text: `${emptyPreviewNote(SUBSCRIBE_PREVIEW_DAYS, change.previewConsidered ?? 1, change.previewRead)}; new papers will come in the digest.` });
  } else if (change.previewLate) {
    const later = whose === 'You' ? `${hintText(HINTS.digest(), platform)} shows what your next digest holds in a moment` : "they come in this channel's digest";
    blocks.push({ type: 'context', text: `Its best matches ${window} are not ready yet (the first topic matched after paperboy starts takes longest): ${later}.` });
  }
  for (const note of [exclusionNote(change.excluded ?? []), unmetNote(change.unmet ?? []), topicWordingNote(change.topic)]) if (note) blocks.push({ type: 'context', text: note });
  if (change.resumed) blocks.splice(1, 0, { type: 'text', text: resumedNote(change.resumed, possessive(whose)) });
  const text = preview.length ? `${first} Best matches: ${preview.map((i) => i.paper.title).join('; ')}` : first;
  return ephemeral(text, blocks);
}

/** Words for every outcome of a subscription change; `whose` is "You" or "This channel"; commands named as `platform` takes them. */
export function describeChange(change: SubscriptionChange, whose: 'You' | 'This channel', typed: string, platform: TargetPlatform, subscribing = false): Reply {
  switch (change.status) {
    case 'subscribed':
      return subscribedReply(change, whose, platform);
    case 'already-subscribed': {
      return ephemeral(withResumed(`${whose} already follow${whose === 'You' ? '' : 's'} “${change.topic.name}”.`, change.resumed, possessive(whose)));
    }
    case 'unsubscribed':
      return ephemeral(`${whose} will no longer get “${change.topic.name}”.`);
    case 'not-subscribed':
      return ephemeral(`${whose} ${whose === 'You' ? "don't" : "doesn't"} follow “${change.topic.name}”.`);
    case 'unknown-topic': {
      const quoteHint = hintText((whose === 'You' ? HINTS.subscribe : HINTS.channelSubscribe)(`"${typed}"`), platform);
      const text = subscribing && change.suggestions.length ? `There is no topic “${typed}” (to create it as typed, put it in quotes: ${quoteHint}).` : `There is no topic “${typed}”.`;
      return suggestionReply(text, change.suggestions, whose === 'You' ? 'user' : 'channel', subscribing);
    }
    case 'topic-removed':
      return ephemeral(`“${change.topic.name}” was removed just now, while ${whose === 'You' ? 'you were' : 'this channel was'} being subscribed to it; nothing changed.`);
    case 'forbidden':
      return ephemeral(`You can't do that: ${change.reason}`);
    case 'invalid':
      return ephemeral(change.message);
  }
}
