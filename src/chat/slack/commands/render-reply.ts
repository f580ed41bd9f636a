/**
 * Neutral Reply → Block Kit, pure. It renders through the digest's stack: `text/slack-escape.ts`
 * for every outside string (so nothing forms `<!channel>`, `<@U…>` or a link), `render-limits.ts`
 * for every limit, and `block-kit.ts` for mrkdwn objects (`verbatim: true`) and button ids.
 */
import type { Reply, ReplyBlock } from '../../commands/reply.js';
import type { PaperCard } from '../../commands/services.js';
import { authorLine, oneLine, titleOf, truncate } from '../../text/clean.js';
import { slackName, slackText, slackTitleLink, withBotMention, type SlackBotUser } from '../../text/slack-escape.js';
import { mrkdwn, slackActions, slackBlockChars, type SlackBlock } from '../block-kit.js';
import { SLACK_LIMITS } from '../render-limits.js';
import { REPLY_MESSAGES, splitReply } from '../../commands/split-reply.js';

export function paperText(paper: PaperCard, note: string | null): string {
  const head = slackTitleLink(titleOf(paper.title, paper.arxivId), paper.absUrl, 300);
  const authors = authorLine(paper.authors, 200, 3);
  const meta = [slackName(authors, 200), paper.upvotes ? `▲ ${paper.upvotes}` : ''].filter(Boolean).join(' · ');
  const body = note ? slackText(note, 1200) : '';
  return truncate([head, meta, body].filter(Boolean).join('\n'), SLACK_LIMITS.sectionText);
}

/**
 * A text object's text is 1 to N characters (Block Kit refuses an empty one with invalid_blocks,
 * failing the whole answer): text that cleaning leaves blank (only control, bidi or space
 * characters) makes no block.
 */
/**
 * How a reply is drawn in this workspace: `bot`, the app's own user, whose `@name` in the reply's
 * own lines becomes a real mention (mrkdwn only: a header's plain text and the fallback text
 * keep the name, as Slack shows no mention there).
 */
export interface SlackReplyOptions {
  bot?: SlackBotUser;
}

function blocksFor(block: ReplyBlock, options: SlackReplyOptions = {}): SlackBlock[] {
  const ours = (escaped: string) => withBotMention(escaped, options.bot);
  switch (block.type) {
    case 'header': {
      const text = truncate(oneLine(block.text), SLACK_LIMITS.headerText);
      return text ? [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }] : [];
    }
    case 'text': {
      const text = ours(slackText(block.text, SLACK_LIMITS.sectionText));
      return text.trim() ? [{ type: 'section', text: mrkdwn(text) }] : [];
    }
    case 'context': {
      const text = ours(slackText(block.text, SLACK_LIMITS.sectionText));
      return text.trim() ? [{ type: 'context', elements: [mrkdwn(text)] }] : [];
    }
    case 'section': {
      const title = slackText(oneLine(block.title), SLACK_LIMITS.headerText);
      const text = ours(slackText(block.text, SLACK_LIMITS.sectionText - title.length - 3));
      return text.trim() ? [{ type: 'section', text: mrkdwn(title ? `*${title}*\n${text}` : text) }] : [];
    }
    case 'paper':
      return [{ type: 'section', text: mrkdwn(paperText(block.paper, block.note)) }, ...slackActions(block.buttons)];
    case 'buttons':
      return slackActions(block.buttons);
  }
}

/** Said where papers were left out: how many of how many are shown, and how to see the rest when the reply knows. */
function leftOutBlock(shown: number, papers: number, overflow: string | undefined): SlackBlock {
  // The overflow text speaks of papers ("your digest itself carries them all"): said only when papers were left out.
  if (papers > shown) {
    const what = `Showing ${shown} of ${papers} papers: Slack has no room for more here.`;
    return { type: 'context', elements: [mrkdwn(slackText(overflow ? `${what} ${overflow}` : what, 500))] };
  }
  return { type: 'context', elements: [mrkdwn('More results were left out.')] };
}

/**
 * The reply's blocks within a block count and a character budget (`msg_blocks_too_long`); a
 * paper keeps its buttons, and what does not fit is replaced by one "left out" line.
 */
export function renderBlocks(blocks: ReplyBlock[], max: { blocks: number; chars: number } = { blocks: SLACK_LIMITS.blocksPerMessage, chars: SLACK_LIMITS.messageChars }, overflow?: string, options: SlackReplyOptions = {}): SlackBlock[] {
  const groups = blocks.map((b) => blocksFor(b, options));
  const all = groups.flat();
  if (all.length <= max.blocks && slackBlockChars(all) <= max.chars) return all;
  const papers = blocks.filter((b) => b.type === 'paper').length;
  const out: SlackBlock[] = [];
  // Sized for the longest count it may say.
  let chars = slackBlockChars([leftOutBlock(papers, papers + 1, overflow)]);
  let shown = 0;
  for (const [i, group] of groups.entries()) {
    const size = slackBlockChars(group);
    if (out.length + group.length + 1 > max.blocks || chars + size > max.chars) break;
    out.push(...group);
    chars += size;
    if (blocks[i]!.type === 'paper') shown++;
  }
  return [...out, leftOutBlock(shown, papers, overflow)];
}

export interface SlackReplyMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: SlackBlock[];
}

/** True when all of `reply` fits in one message's blocks and characters. */
export function slackFits(reply: Reply, options: SlackReplyOptions = {}): boolean {
  const all = reply.blocks.flatMap((b) => blocksFor(b, options));
  return all.length <= SLACK_LIMITS.blocksPerMessage && slackBlockChars(all) <= SLACK_LIMITS.messageChars;
}

/**
 * `reply` as the messages it takes (splitReply), each a post to the same response_url: at most
 * `maxMessages`, what is left of its five uses (a progress notice took one).
 */
export function renderSlackReplies(reply: Reply, options: SlackReplyOptions = {}, maxMessages = REPLY_MESSAGES): SlackReplyMessage[] {
  return splitReply(reply, (r) => slackFits(r, options), maxMessages).map((r) => renderSlackReply(r, options));
}

/** A `respond()` / `ack()` payload. */
export function renderSlackReply(reply: Reply, options: SlackReplyOptions = {}): SlackReplyMessage {
  return {
    response_type: reply.visibility,
    // Slack refuses a message with neither (no_text): an answer of only blank text still says something.
    text: slackText(reply.text, SLACK_LIMITS.fallbackText).trim() || '…',
    blocks: renderBlocks(reply.blocks, undefined, reply.overflow, options),
  };
}
