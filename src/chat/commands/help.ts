/** The help answer, shared by `/papers help`, empty input and unknown subcommands. */
import { truncate } from '../text/clean.js';
import { USAGE } from './command.js';
import { FOLLOW_USAGE } from './follow-command.js';
import { TARGET_OPTIONS_USAGE } from './target-options-command.js';
import { ephemeral, type Reply } from './reply.js';

const LINES = [
  `${USAGE.search} — find papers (quotes for phrases; author:, since:, category: filters)`,
  `${USAGE.subscribe} — get a topic in your daily digest (DM)`,
  `${USAGE.unsubscribe} — stop getting a topic`,
  `${USAGE.subscriptions} — what you follow`,
  `${USAGE.topics} — topics you can follow`,
  `${USAGE.digest} — preview your digest now (only you see it)`,
  `${USAGE.channelSubscribe} · ${USAGE.channelUnsubscribe} · ${USAGE.channelList}`,
  `${USAGE.channelSchedule} — this channel's digest (channel managers only)`,
  `${USAGE.schedule} — your own digest (by DM)`,
  `${TARGET_OPTIONS_USAGE.channelThreads} — this channel's digest as one message with each paper a reply in its thread`,
  `${TARGET_OPTIONS_USAGE.channelLanguage} · ${TARGET_OPTIONS_USAGE.language} — the digest's language (this channel's, or your own)`,
  `${USAGE.saved} — your reading list (🔖 Save on any paper), or this channel's, which anyone here can add to; export makes a BibTeX file`,
  `${FOLLOW_USAGE.follow} — an author's new papers in your digest whatever your topics · ${FOLLOW_USAGE.unfollow} · ${FOLLOW_USAGE.list}`,
];

export function helpReply(unknownWord?: string): Reply {
  const intro = unknownWord === undefined ? 'paperboy commands:' : `I don't know “${truncate(unknownWord, 40)}”. paperboy commands:`;
  return ephemeral(`${intro}\n${LINES.join('\n')}`, [
    { type: 'text', text: intro },
    { type: 'text', text: LINES.join('\n') },
  ]);
}
