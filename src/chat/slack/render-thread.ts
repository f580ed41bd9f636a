/**
 * A threaded digest for Slack, pure: part 1 is the header message (the headline, and the notes
 * of an empty digest), every later part one paper, posted as a reply in the header's thread
 * (`thread_ts`). Each message holds one paper, so each is far inside Block Kit's limits.
 */
import { dedupeKeyOf } from '../../core/digest/dedupe-key.js';
import { digestItems, type Digest } from '../../core/digest/digest.js';
import type { RenderedPart } from '../../core/ports.js';
import { titleOf, truncate } from '../text/clean.js';
import { digestHeadline, digestNote, headlineEscape } from '../text/plain.js';
import { digestWords } from '../../core/i18n/catalog.js';
import { slackText } from '../text/slack-escape.js';
import { threadName } from '../text/thread-name.js';
import { mrkdwn, type SlackBlock } from './block-kit.js';
import { SLACK_LIMITS } from './render-limits.js';
import { renderSlackParts, slackPaperBlocks } from './render.js';

export function renderSlackThreadParts(digest: Digest): RenderedPart[] {
  const items = digestItems(digest);
  const total = items.length + 1;
  const ref = (part: number) => dedupeKeyOf(digest.targetId, digest.windowKey, part);
  const footer = (part: number): SlackBlock => ({ type: 'context', elements: [mrkdwn(`paperboy · ${part}/${total} · ref \`${ref(part)}\``)] });
  const headline = slackText(digestHeadline(digest), SLACK_LIMITS.sectionText, headlineEscape(digest));
  const n = digest.totalItems;
  const words = digestWords(digest.language);
  const header = truncate(n === 0 ? `📚 ${words.digest}` : `📚 ${words.newPapers(n)} · ${words.inThread}`, SLACK_LIMITS.headerText);
  const note = digestNote(digest);
  const rootBlocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    { type: 'section', text: mrkdwn(headline) },
    ...(note ? [{ type: 'context' as const, elements: [mrkdwn(slackText(note, 600))] }] : []),
    footer(1),
  ];
  const root: RenderedPart = {
    part: 1,
    totalParts: total,
    text: truncate(headline, SLACK_LIMITS.fallbackText),
    payload: { text: truncate(headline, SLACK_LIMITS.fallbackText), blocks: rootBlocks },
    dedupeKey: ref(1),
    thread: 'root',
    threadName: threadName(digest),
  };
  const replies = items.map((item, i): RenderedPart => {
    const part = i + 2;
    const text = slackText(`${i + 1}. ${titleOf(item.title, item.arxivId)}`, SLACK_LIMITS.fallbackText);
    return { part, totalParts: total, text, payload: { text, blocks: [...slackPaperBlocks(item, digest.language), footer(part)] }, dedupeKey: ref(part), thread: 'reply' };
  });
  return [root, ...replies];
}

/** The digest's parts in the shape its plan froze: threaded, or packed messages (render.ts). */
export function renderSlackDigestParts(digest: Digest): RenderedPart[] {
  return digest.threads ? renderSlackThreadParts(digest) : renderSlackParts(digest);
}
