/** The help answer, shared by `/papers help`, empty input and unknown subcommands, in the asking platform's command syntax. */
import type { TargetPlatform } from '../../core/platforms.js';
import { truncate } from '../text/clean.js';
import { USAGE } from './command.js';
import { FOLLOW_USAGE } from './follow-command.js';
import { usageText, type Usage } from './hints.js';
import { TARGET_OPTIONS_USAGE } from './target-options-command.js';
import { ephemeral, type Reply } from './reply.js';

function lines(platform: TargetPlatform): string[] {
  const u = (usage: Usage) => usageText(usage, platform);
  return [
    `${u(USAGE.search)} — find papers (quotes for phrases; -word to leave out; author:, since:, category: filters)`,
    `${u(USAGE.subscribe)} — get a topic in your digest (DM; daily unless you set a schedule)`,
    `${u(USAGE.unsubscribe)} — stop getting a topic`,
    `${u(USAGE.subscriptions)} — what you follow`,
    `${u(USAGE.topics)} — topics you can follow`,
    `${u(USAGE.digest)} — preview your digest now (only you see it)`,
    `${u(USAGE.channelSubscribe)} · ${u(USAGE.channelUnsubscribe)} · ${u(USAGE.channelList)}`,
    `${u(USAGE.channelSchedule)} — this channel's digest (channel managers only)`,
    `${u(USAGE.schedule)} — your own digest (by DM)`,
    `${u(TARGET_OPTIONS_USAGE.channelThreads)} — this channel's digest as one message with each paper a reply in its thread`,
    `${u(TARGET_OPTIONS_USAGE.channelLanguage)} · ${u(TARGET_OPTIONS_USAGE.language)} — the digest's language (this channel's, or your own)`,
    `${u(USAGE.saved)} — your reading list (🔖 Save on any paper), or this channel's, which anyone here can add to; export makes a BibTeX, RIS or CSL-JSON file`,
    `${u(FOLLOW_USAGE.follow)} — an author's new papers in your digest whatever your topics · ${u(FOLLOW_USAGE.unfollow)} · ${u(FOLLOW_USAGE.list)}`,
  ];
}

/**
 * Help, or for a word that is no command the help after "I don't know"; for a slip of one
 * (`suggestion`, the command as probably meant) only the question, which a whole help page buried.
 */
export function helpReply(platform: TargetPlatform, unknownWord?: string, suggestion?: string): Reply {
  if (unknownWord !== undefined && suggestion !== undefined) {
    // A backtick in the echoed arguments would end the code span early.
    const meant = `/papers ${truncate(suggestion, 200).replace(/`/g, "'")}`;
    return ephemeral(`I don't know “${truncate(unknownWord, 40)}”: did you mean \`${meant}\`? \`/papers help\` lists every command.`);
  }
  const intro = unknownWord === undefined ? 'paperboy commands:' : `I don't know “${truncate(unknownWord, 40)}”. paperboy commands:`;
  const text = lines(platform).join('\n');
  return ephemeral(`${intro}\n${text}`, [
    { type: 'text', text: intro },
    { type: 'text', text },
  ]);
}
