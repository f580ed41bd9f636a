/**
 * A platform-neutral answer. Handlers build it; `slack/commands/render-reply.ts` and
 * `discord/commands/render-reply.ts` turn it into Block Kit or a Discord message. All text
 * here is plain (never markup): renderers escape it for their platform.
 */
import { isFollowedSection } from '../../core/follows/followed-items.js';
import type { PaperCard } from './services.js';

export type ButtonAction =
  | { kind: 'open'; url: string; arxivId: string }
  | { kind: 'pdf'; url: string; arxivId: string }
  | { kind: 'feedback'; verdict: 'up' | 'down'; topicSlug: string; arxivId: string }
  | { kind: 'subscribe'; topicSlug: string }
  | { kind: 'unsubscribe'; topicSlug: string };

export interface ReplyButton {
  label: string;
  action: ButtonAction;
  style?: 'primary' | 'danger';
}

export type ReplyBlock =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'context'; text: string }
  /** A paper with its own row of buttons; `note` is a one-liner (why it matched, topic). */
  | { type: 'paper'; paper: PaperCard; note: string | null; buttons: ReplyButton[] }
  | { type: 'buttons'; buttons: ReplyButton[] };

export interface Reply {
  /** 'ephemeral': only the caller sees it. */
  visibility: 'ephemeral' | 'in_channel';
  /** Plain-text fallback (notifications, screen readers). */
  text: string;
  blocks: ReplyBlock[];
}

export function ephemeral(text: string, blocks: ReplyBlock[] = [{ type: 'text', text }]): Reply {
  return { visibility: 'ephemeral', text, blocks };
}

/** Buttons shown with a paper: Open, PDF, then feedback when a topic gives it meaning. */
export function paperButtons(paper: PaperCard, topicSlug: string | null): ReplyButton[] {
  const buttons: ReplyButton[] = [{ label: 'Open', action: { kind: 'open', url: paper.absUrl, arxivId: paper.arxivId } }];
  if (paper.pdfUrl) buttons.push({ label: 'PDF', action: { kind: 'pdf', url: paper.pdfUrl, arxivId: paper.arxivId } });
  // Papers only a followed author brought have no topic to teach.
  if (topicSlug && !isFollowedSection(topicSlug)) {
    buttons.push({ label: '👍', action: { kind: 'feedback', verdict: 'up', topicSlug, arxivId: paper.arxivId } });
    buttons.push({ label: '👎', action: { kind: 'feedback', verdict: 'down', topicSlug, arxivId: paper.arxivId } });
  }
  return buttons;
}
