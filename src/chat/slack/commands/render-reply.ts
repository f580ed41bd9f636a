/**
 * Neutral Reply → Block Kit, pure. Every string from outside is escaped for mrkdwn so it can't
 * form mentions (`<!channel>`, `<@U…>`) or links, and every Block Kit limit is enforced here.
 */
import type { ButtonAction, Reply, ReplyBlock, ReplyButton } from '../../commands/reply.js';
import type { PaperCard } from '../../commands/services.js';
import { truncate } from '../../text/clean.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, header: 150, button: 75, value: 2000, actionId: 255, fallback: 3000, elements: 25 };

/** Slack's three control characters for mrkdwn; anything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


/** Escape, then fit: bounded work on huge input, and never half an entity at the cut. */
export function escapeFit(text: string, max: number): string {
  const escaped = escapeMrkdwn(truncate(text, max));
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,4}…$/, '…');
}

// Action ids shared with the digest renderer (src/chat/slack/render.ts): one handler for both.
export const ACTION = {
  open: 'paper_open',
  pdf: 'paper_pdf',
  up: 'feedback_up',
  down: 'feedback_down',
  subscribe: 'topic_subscribe',
  unsubscribe: 'topic_unsubscribe',
} as const;

function actionId(action: ButtonAction): { action_id: string; value: string; url?: string } {
  switch (action.kind) {
    case 'open':
      return { action_id: ACTION.open, value: `|${action.arxivId}`, url: action.url };
    case 'pdf':
      return { action_id: ACTION.pdf, value: `|${action.arxivId}`, url: action.url };
    case 'feedback':
      return { action_id: action.verdict === 'up' ? ACTION.up : ACTION.down, value: `${action.topicSlug}|${action.arxivId}` };
    // Suffix keeps action ids unique when several topics share one actions block.
    case 'subscribe':
      return { action_id: `${ACTION.subscribe}:${action.topicSlug}`.slice(0, SLACK_LIMITS.actionId), value: action.topicSlug };
    case 'unsubscribe':
      return { action_id: `${ACTION.unsubscribe}:${action.topicSlug}`.slice(0, SLACK_LIMITS.actionId), value: action.topicSlug };
  }
}

export function slackButton(button: ReplyButton): Record<string, unknown> {
  const { action_id, value, url } = actionId(button.action);
  return {
    type: 'button',
    action_id,
    text: { type: 'plain_text', text: truncate(button.label, SLACK_LIMITS.button), emoji: true },
    value: truncate(value, SLACK_LIMITS.value),
    ...(url ? { url } : {}),
    ...(button.style ? { style: button.style } : {}),
  };
}

function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function paperText(paper: PaperCard, note: string | null): string {
  // `|` would end a link's label early; a look-alike keeps the title readable.
  const title = escapeFit(paper.title.replace(/\s+/g, ' '), 300).replace(/\|/g, '¦');
  const url = safeUrl(paper.absUrl);
  const head = url ? `*<${url}|${title}>*` : `*${title}*`;
  const authors = paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', ');
  const meta = [escapeFit(authors, 200), paper.upvotes ? `▲ ${paper.upvotes}` : ''].filter(Boolean).join(' · ');
  const body = note ? escapeFit(note, 1200) : '';
  return truncate([head, meta, body].filter(Boolean).join('\n'), SLACK_LIMITS.sectionText);
}

function blocksFor(block: ReplyBlock): Array<Record<string, unknown>> {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(block.text, SLACK_LIMITS.header), emoji: true } }];
    case 'text':
      return [{ type: 'section', text: { type: 'mrkdwn', text: escapeFit(block.text, SLACK_LIMITS.sectionText) } }];
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeFit(block.text, SLACK_LIMITS.sectionText) }] }];
    case 'paper':
      return [
        { type: 'section', text: { type: 'mrkdwn', text: paperText(block.paper, block.note) } },
        ...(block.buttons.length ? [{ type: 'actions', elements: block.buttons.slice(0, SLACK_LIMITS.elements).map(slackButton) }] : []),
      ];
    case 'buttons':
      return block.buttons.length ? [{ type: 'actions', elements: block.buttons.slice(0, SLACK_LIMITS.elements).map(slackButton) }] : [];
  }
}

export function renderBlocks(blocks: ReplyBlock[], max = SLACK_LIMITS.blocks): Array<Record<string, unknown>> {
  const out = blocks.flatMap(blocksFor);
  if (out.length <= max) return out;
  return [...out.slice(0, max - 1), { type: 'context', elements: [{ type: 'mrkdwn', text: 'More results were left out.' }] }];
}

/** A `respond()` / `ack()` payload. */
export function renderSlackReply(reply: Reply): { response_type: 'ephemeral' | 'in_channel'; text: string; blocks: Array<Record<string, unknown>> } {
  return {
    response_type: reply.visibility,
    text: escapeFit(reply.text, SLACK_LIMITS.fallback),
    blocks: renderBlocks(reply.blocks),
  };
}
