/**
 * Digest -> Slack Block Kit, pure. One section per paper (linked title, authors, summary), a
 * context line (topic, reason, upvotes) and Open / PDF / 👍 / 👎 buttons. Long digests are
 * split into several messages within Block Kit limits; every outside string is escaped.
 */
import { dedupeKeyOf } from '../../core/digest/dedupe-key.js';
import type { Digest, DigestItem } from '../../core/digest/digest.js';
import type { RenderedPart } from '../../core/ports.js';
import { authorLine, oneLine, titleOf, truncate } from '../text/clean.js';
import { digestHeadline, digestNote, headlineEscape, localButtons, partFallbackText } from '../text/plain.js';
import { digestWords } from '../../core/i18n/catalog.js';
import { slackName, slackText, slackTitleLink } from '../text/slack-escape.js';
import { paperButtons } from '../commands/reply.js';
import { mrkdwn, slackActions, slackBlockChars, type SlackBlock } from './block-kit.js';
import { SLACK_LIMITS } from './render-limits.js';

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

function blockIdFor(prefix: string, arxivId: string): string {
  return truncate(`${prefix}:${arxivId}`, SLACK_LIMITS.blockId, { ellipsis: '' });
}

/** The blocks for one digest paper; its buttons are the ones a reply's paper gets (block-kit.ts). */
export function slackPaperBlocks(item: DigestItem, language?: string): SlackBlock[] {
  // Inside italics an author's `*`, `_`, `~` or backtick would end them early: look-alikes read
  // the same and format nothing, as in the title (slackTitleLink).
  const lines = [slackTitleLink(titleOf(item.title, item.arxivId), item.absUrl, 500)];
  const authors = authorLine(item.authors, 300);
  if (authors) lines.push(`_${slackName(authors, 400)}_`);
  if (item.summary) lines.push(slackText(oneLine(item.summary), 1500));
  const section: SlackBlock = { type: 'section', block_id: blockIdFor('paper', item.arxivId), text: mrkdwn(truncate(lines.join('\n'), SLACK_LIMITS.sectionText)) };

  const context = [`*${slackName(oneLine(item.topicName), 150)}*`, slackText(oneLine(item.why), 400)];
  if (item.upvotes !== null) context.push(`▲ ${item.upvotes}`);
  const contextBlock: SlackBlock = { type: 'context', elements: [mrkdwn(context.filter(Boolean).join(' · '))] };

  // The same buttons, ids and values as a command reply's paper: one handler serves both.
  return [section, contextBlock, ...slackActions(localButtons(paperButtons(item, item.topicSlug), language), blockIdFor('act', item.arxivId))];
}
interface Chunk {
  blocks: SlackBlock[];
  items: DigestItem[];
  /** Characters as sized for packing (stable across re-renders). */
  sized: number;
}

const VOLATILE_UPVOTES = 9_999_999;

// Room kept in every message for the header and the footer context.
const RESERVED_BLOCKS = 2;
const RESERVED_CHARS = 400;
/** The untranslated note is cut to this (slackText's limit below). */
const NOTE_CHARS = 600;

function topicHeading(name: string, continued: boolean): SlackBlock {
  return { type: 'section', text: mrkdwn(`:bookmark: *${slackName(oneLine(name), 200)}*${continued ? ' (continued)' : ''}`) };
}

/** Pack topic headings and paper groups into messages that each respect the limits. */
function pack(digest: Digest): Chunk[] {
  const chunks: Chunk[] = [];
  let cur: Chunk = { blocks: [], items: [], sized: 0 };
  // The untranslated note rides in the first message: room for it is kept in every one, so the
  // split does not depend on which message comes first.
  const noted = digestNote(digest) !== null;
  const fits = (extra: SlackBlock[]) =>
    cur.blocks.length + extra.length + RESERVED_BLOCKS + (noted ? 1 : 0) <= SLACK_LIMITS.blocksPerMessage &&
    cur.sized + slackBlockChars(extra) + RESERVED_CHARS + (noted ? NOTE_CHARS : 0) <= SLACK_LIMITS.messageChars;
  for (const section of digest.sections) {
    let headed = false;
    for (const item of section.items) {
      const paper = slackPaperBlocks(item, digest.language);
      // Sized with a fixed-width upvote count: a resumed digest re-renders after upvotes moved,
      // and must split into the same parts as the first attempt.
      const sized = slackPaperBlocks({ ...item, upvotes: VOLATILE_UPVOTES }, digest.language);
      const withHeading = headed ? sized : [topicHeading(section.topicName, false), ...sized];
      if (!fits(withHeading) && cur.items.length > 0) {
        chunks.push(cur);
        cur = { blocks: [], items: [], sized: 0 };
        headed = false;
      }
      const group = headed ? paper : [topicHeading(section.topicName, chunks.length > 0 && section.items[0] !== item), ...paper];
      cur.blocks.push(...group);
      cur.sized += slackBlockChars(headed ? sized : [topicHeading(section.topicName, true), ...sized]);
      cur.items.push(item);
      headed = true;
    }
  }
  if (cur.blocks.length || chunks.length === 0) chunks.push(cur);
  return chunks;
}

function headerText(digest: Digest, part: number, total: number): string {
  const words = digestWords(digest.language);
  const base = digest.totalItems === 0 ? `📚 ${words.digest}` : `📚 ${words.newPapers(digest.totalItems)}`;
  return truncate(total > 1 ? `${base} (${part}/${total})` : base, SLACK_LIMITS.headerText);
}

/** The digest as Slack messages; each fits Block Kit limits. `dedupeKey` goes in the footer. */
export function renderSlackDigest(digest: Digest): Array<SlackMessage & { dedupeKey: string }> {
  const chunks = pack(digest);
  const total = chunks.length;
  return chunks.map((chunk, i) => {
    const part = i + 1;
    const dedupeKey = dedupeKeyOf(digest.targetId, digest.windowKey, part);
    const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: headerText(digest, part, total), emoji: true } }];
    if (digest.totalItems === 0) blocks.push({ type: 'section', text: mrkdwn(slackText(digestHeadline(digest), SLACK_LIMITS.sectionText, headlineEscape(digest))) });
    const note = part === 1 ? digestNote(digest) : null;
    if (note) blocks.push({ type: 'context', elements: [mrkdwn(slackText(note, NOTE_CHARS))] });
    blocks.push(...chunk.blocks);
    blocks.push({ type: 'context', elements: [mrkdwn(`paperboy · part ${part}/${total} · ref \`${dedupeKey}\``)] });
    const text = slackText(partFallbackText(digest, chunk.items, part, total, SLACK_LIMITS.fallbackText - 200), SLACK_LIMITS.fallbackText);
    return { text, blocks, dedupeKey };
  });
}

/** Parts for the delivery loop: payload is `{ text, blocks }` for chat.postMessage. */
export function renderSlackParts(digest: Digest): RenderedPart[] {
  const messages = renderSlackDigest(digest);
  return messages.map((m, i) => ({ part: i + 1, totalParts: messages.length, text: m.text, payload: { text: m.text, blocks: m.blocks }, dedupeKey: m.dedupeKey }));
}
