/** The help answer, shared by `/papers help`, empty input and unknown subcommands, in the asking platform's command syntax. */
import type { TargetPlatform } from '../../core/platforms.js';
import { spliced, truncate } from '../text/clean.js';
import { USAGE } from './command.js';
import { FOLLOW_USAGE } from './follow-command.js';
import { usageText, type Usage } from './hints.js';
import { TARGET_OPTIONS_USAGE } from './target-options-command.js';
import { ephemeral, type Reply } from './reply.js';

/** A part of the help: a title and a line per command. */
export interface HelpSection {
  title: string;
  lines: string[];
}

/**
 * The commands, in parts a message shows apart (a Discord embed, a Slack section each): in one
 * text they filled 1,927 of a Discord message's 2,000 characters.
 */
export function helpSections(platform: TargetPlatform): HelpSection[] {
  const u = (usage: Usage) => usageText(usage, platform);
  return [
    {
      title: 'Papers and your digest',
      lines: [
        `${u(USAGE.search)} — find papers (quotes for phrases; -word to leave out; author:, since:, category: filters)`,
        `${u(USAGE.subscribe)} — get a topic in your digest (DM; daily unless you set a schedule)`,
        `${u(USAGE.unsubscribe)} — stop getting a topic`,
        `${u(USAGE.subscriptions)} — what you follow (words narrow a long list; page 2 at the end turns its page)`,
        `${u(USAGE.topics)} — topics you can follow`,
        `${u(USAGE.digest)} — preview your digest now (only you see it)`,
        `${u(USAGE.schedule)} — your own digest (by DM)`,
        `${u(TARGET_OPTIONS_USAGE.language)} — your digest's language`,
        `${u(FOLLOW_USAGE.follow)} — an author's new papers in your digest whatever your topics · ${u(FOLLOW_USAGE.unfollow)} · ${u(FOLLOW_USAGE.list)}`,
      ],
    },
    {
      title: 'This channel',
      lines: [
        `${u(USAGE.channelSubscribe)} · ${u(USAGE.channelUnsubscribe)} · ${u(USAGE.channelList)}`,
        `${u(USAGE.channelSchedule)} — this channel's digest (channel managers only)`,
        `${u(TARGET_OPTIONS_USAGE.channelThreads)} — this channel's digest as one message with each paper a reply in its thread`,
        `${u(TARGET_OPTIONS_USAGE.channelLanguage)} — this channel's digest's language`,
      ],
    },
    {
      title: 'Reading lists',
      lines: [
        `${u(USAGE.saved)} — your reading list (🔖 Save on any paper), or this channel's, which anyone here can add to; export makes a BibTeX, RIS or CSL-JSON file`,
      ],
    },
  ];
}

/**
 * Help, or for a word that is no command the help after "I don't know"; for a slip of one
 * (`suggestion`, the command as probably meant) only the question, which a whole help page buried.
 */
export function helpReply(platform: TargetPlatform, unknownWord?: string, suggestion?: string): Reply {
  if (unknownWord !== undefined && suggestion !== undefined) {
    // A backtick in the echoed words would end or open a code span (spliced).
    const meant = `/papers ${spliced(truncate(suggestion, 200))}`;
    return ephemeral(`I don't know “${spliced(truncate(unknownWord, 40))}”: did you mean \`${meant}\`? \`/papers help\` lists every command.`);
  }
  const intro = unknownWord === undefined ? 'paperboy commands:' : `I don't know “${spliced(truncate(unknownWord, 40))}”. paperboy commands:`;
  const sections = helpSections(platform);
  const text = sections.map((s) => `${s.title}\n${s.lines.join('\n')}`).join('\n');
  return ephemeral(`${intro}\n${text}`, [{ type: 'text', text: intro }, ...sections.map((s) => ({ type: 'section' as const, title: s.title, text: s.lines.join('\n') }))]);
}
