/**
 * A platform-neutral answer. Handlers build it; `slack/commands/render-reply.ts` and
 * `discord/commands/render-reply.ts` turn it into Block Kit or a Discord message. All text
 * here is plain (never markup): renderers escape it for their platform.
 */
import { isFollowedSection } from '../../core/follows/followed-items.js';
import type { PaperCard } from './services.js';
import { truncate } from '../text/clean.js';

export type ButtonAction =
  | { kind: 'open'; url: string; arxivId: string }
  | { kind: 'pdf'; url: string; arxivId: string }
  /** 'clear' takes the presser's mark back (the Undo beside a mark's thanks). */
  | { kind: 'feedback'; verdict: 'up' | 'down' | 'clear'; topicSlug: string; arxivId: string }
  /** `instead`: the presser's subscription this one replaces (a built-in topic picked over the narrower phrase just followed). */
  | { kind: 'subscribe'; topicSlug: string; instead?: string }
  | { kind: 'unsubscribe'; topicSlug: string }
  /** Put a paper on (or take it off) the presser's reading list, or the channel's. */
  | { kind: 'save'; list: 'user' | 'channel'; arxivId: string }
  /** `page`: the list's page the Remove is on; pressed, it redraws that page in place. */
  | { kind: 'unsave'; list: 'user' | 'channel'; arxivId: string; page?: number }
  /** Redraws a long list at `page` (1-based), narrowed by the same words; the pressed message is replaced. */
  | { kind: 'page'; list: PagedList; page: number; filter?: string };

/** The lists that page: `subscriptions`, `topics`, `channel list`, and the reading lists (`saved`, `saved channel`). */
export type PagedList = 'subscriptions' | 'topics' | 'channel-list' | 'saved' | 'channel-saved';

export interface ReplyButton {
  label: string;
  action: ButtonAction;
  style?: 'primary' | 'danger';
}

export type ReplyBlock =
  | { type: 'header'; text: string }
  | { type: 'text'; text: string }
  | { type: 'context'; text: string }
  /** Lines under a title, shown apart (a Discord embed, a Slack section): help's parts, each with a platform's room for a part. */
  | { type: 'section'; title: string; text: string }
  /** A paper with its own row of buttons; `note` is a one-liner (why it matched, topic). */
  | { type: 'paper'; paper: PaperCard; note: string | null; buttons: ReplyButton[] }
  | { type: 'buttons'; buttons: ReplyButton[] };

export interface Reply {
  /** 'ephemeral': only the caller sees it. */
  visibility: 'ephemeral' | 'in_channel';
  /** Plain-text fallback (notifications, screen readers). */
  text: string;
  blocks: ReplyBlock[];
  /** A file sent with the answer (an exported reading list); renderers attach or upload it. */
  file?: ReplyFile;
  /** How to see papers a platform's message had no room for ("Your digest carries them all."), said after the count. */
  overflow?: string;
  /** Papers in the messages before this one (an answer carried over several): numbering goes on from there. */
  paperOffset?: number;
  /**
   * A private message that may follow the answer, once a check it could not wait for has
   * answered (commands/post-access.ts: a refusal to post found late); null when there is nothing to
   * tell. Slack's command entry sends it (slack/later-message.ts); Discord's check reads the
   * interaction's own app_permissions, so it is never late there.
   */
  later?: Promise<Reply | null>;
}

export interface ReplyFile {
  filename: string;
  title: string;
  mime: string;
  content: string;
  /** 'private': only the caller gets it (Slack: their DM with the bot); 'channel': the channel may see it. */
  audience: 'private' | 'channel';
}

export function ephemeral(text: string, blocks: ReplyBlock[] = [{ type: 'text', text }]): Reply {
  return { visibility: 'ephemeral', text, blocks };
}

/** `reply` with `line` after its first block (and in its fallback text). */
export function withLine(reply: Reply, line: string): Reply {
  return { ...reply, text: `${reply.text} ${line}`, blocks: [...reply.blocks.slice(0, 1), { type: 'text', text: line }, ...reply.blocks.slice(1)] };
}

/** The shorter of the platforms' button-label limits (Slack 75, Discord 80). */
export const BUTTON_LABEL_CHARS = 75;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `prefix` and a name as a button's label. A long name keeps its end as well as its start: cut
 * at the end alone, names that differ only there ("… in biology", "… in physics") gave every
 * button one label, and the wrong topic was one press away.
 */
export function namedLabel(prefix: string, name: string): string {
  const full = `${prefix}${name}`;
  if (full.length <= BUTTON_LABEL_CHARS) return full;
  const room = BUTTON_LABEL_CHARS - prefix.length - 1;
  // The last third of the room, from a word's start when one begins there.
  const parts = [...graphemes.segment(name)].map((g) => g.segment);
  let tail = '';
  while (parts.length && tail.length + parts.at(-1)!.length <= Math.floor(room / 3)) tail = parts.pop()! + tail;
  const word = tail.indexOf(' ');
  if (word >= 0 && word < tail.length - 1) tail = tail.slice(word + 1);
  const head = truncate(name, room - tail.length, { ellipsis: '' }).trimEnd();
  return `${prefix}${head}…${tail}`;
}

/** 🔖 Save: puts the paper on the presser's own reading list. */
export function saveButton(arxivId: string): ReplyButton {
  return { label: '🔖 Save', action: { kind: 'save', list: 'user', arxivId } };
}

/** Buttons shown with a paper: Open, PDF, then feedback when a topic gives it meaning, then Save. */
export function paperButtons(paper: PaperCard, topicSlug: string | null): ReplyButton[] {
  const buttons: ReplyButton[] = [{ label: 'Open', action: { kind: 'open', url: paper.absUrl, arxivId: paper.arxivId } }];
  if (paper.pdfUrl) buttons.push({ label: 'PDF', action: { kind: 'pdf', url: paper.pdfUrl, arxivId: paper.arxivId } });
  // Papers only a followed author brought have no topic to teach.
  if (topicSlug && !isFollowedSection(topicSlug)) {
    buttons.push({ label: '👍', action: { kind: 'feedback', verdict: 'up', topicSlug, arxivId: paper.arxivId } });
    buttons.push({ label: '👎', action: { kind: 'feedback', verdict: 'down', topicSlug, arxivId: paper.arxivId } });
  }
  buttons.push(saveButton(paper.arxivId));
  return buttons;
}
