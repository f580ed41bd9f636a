/**
 * One answer over several messages when its papers do not fit in one (a digest preview of 20, a
 * search with long abstracts): a platform's renderer says what fits in one of its messages, and
 * this cuts the papers into messages that each fit. The answer's lines before its papers open the
 * first message, those after them close the last; each later message opens with "Papers 6–10 of
 * 23" so it reads on its own.
 */
import type { Reply, ReplyBlock } from './reply.js';
import { count } from '../../core/count.js';

/**
 * The most messages one answer takes: Slack's response_url takes five uses, and Discord's
 * follow-ups keep to the same, so a long answer reads the same on both.
 */
export const REPLY_MESSAGES = 5;

const continued = (from: number, to: number, total: number): ReplyBlock => ({ type: 'context', text: from === to ? `Paper ${from} of ${total}, continued.` : `Papers ${from}–${to} of ${total}, continued.` });

const cutShort = (shown: number, total: number, overflow: string | undefined, maxMessages: number): ReplyBlock => ({
  type: 'context',
  text: `Showing ${shown} of ${count(total, 'paper', 'papers')}: an answer takes at most ${count(maxMessages, 'message', 'messages')}.${overflow ? ` ${overflow}` : ''}`,
});

/**
 * `reply` as the messages it takes, each one that `fits` accepts, at most `maxMessages`. A message
 * after the first carries `paperOffset` (the papers before it), for numbering that goes on.
 */
export function splitReply(reply: Reply, fits: (message: Reply) => boolean, maxMessages = REPLY_MESSAGES): Reply[] {
  if (fits(reply)) return [reply];
  const { blocks } = reply;
  const first = blocks.findIndex((b) => b.type === 'paper');
  const last = blocks.findLastIndex((b) => b.type === 'paper');
  if (first < 0) return [reply];
  const head = blocks.slice(0, first);
  const items = blocks.slice(first, last + 1);
  const tail = blocks.slice(last + 1);
  const total = items.filter((b) => b.type === 'paper').length;
  const papersIn = (bs: ReplyBlock[]) => bs.filter((b) => b.type === 'paper').length;
  // The closing lines are tried at their longest (the count of what was left out says the most):
  // either can then close a message without taking it past the limits.
  const widest = continued(total, total, total);
  const closing = (isLast: boolean) => [...(isLast ? [cutShort(total, total, reply.overflow, maxMessages)] : []), ...tail];
  const message = (bs: ReplyBlock[], before: number, index: number): Reply => ({
    visibility: reply.visibility,
    text: index === 0 ? reply.text : `Papers, continued: ${bs.flatMap((b) => (b.type === 'paper' ? [b.paper.title] : [])).join('; ')}`,
    blocks: bs,
    ...(index === 0 && reply.file ? { file: reply.file } : {}),
    ...(before > 0 ? { paperOffset: before } : {}),
  });

  const parts: Array<{ blocks: ReplyBlock[]; before: number }> = [];
  let before = 0;
  let i = 0;
  while (i < items.length) {
    const index = parts.length;
    const isLast = index === maxMessages - 1;
    const current: ReplyBlock[] = index === 0 ? [...head] : [widest];
    // A message takes at least one item, so a paper too large for any message still moves on.
    // The closing lines are tried with the item that ends the answer, and in the last message with every item.
    const tried = (j: number) => [...current, items[j]!, ...(isLast || j === items.length - 1 ? closing(isLast) : [])];
    while (i < items.length && (papersIn(current) === 0 || fits(message(tried(i), before, index)))) current.push(items[i++]!);
    const shown = papersIn(current);
    if (index > 0) current[0] = continued(before + 1, before + shown, total);
    parts.push({ blocks: current, before });
    before += shown;
    if (isLast) break;
  }
  const lastPart = parts.at(-1)!;
  lastPart.blocks.push(...(before < total ? [cutShort(before, total, reply.overflow, maxMessages)] : []), ...tail);
  return parts.map((p, index) => message(p.blocks, p.before, index));
}
