/**
 * The one command set both platforms speak. Slack parses it from `/papers <text>`, Discord
 * builds it from application-command options; both end in this union so the semantics
 * (and the answers) are the same words on both.
 */
import type { ExportFormat } from '../../core/saved/formats.js';
import { MAX_QUERY_CHARS as CORE_MAX_QUERY_CHARS } from '../../core/search/query-parser.js';
import { MAX_TOPIC_NAME } from '../../core/topics/names.js';
import { HINTS, option, type Usage } from './hints.js';

/** Whose reading list: the caller's own, or the channel's (anyone in it may add). */
export type ListOwner = 'user' | 'channel';

export interface ChannelSchedule {
  /** HH:MM, 24 h. */
  time: string;
  /** IANA time zone; absent = keep the channel's current one (or the default). */
  timeZone?: string;
  weekdaysOnly?: boolean;
  /** A weekly roll-up on this weekday (0 = Sunday); null = back to every day; absent = keep. */
  weeklyOn?: number | null;
}

import type { FollowCommand } from './follow-command.js';
import type { TargetOptionsCommand } from './target-options-command.js';

export type Command =
  | FollowCommand
  | TargetOptionsCommand
  | { kind: 'help' }
  | { kind: 'search'; query: string }
  /** `quoted`: the person put the topic in quotes, so it is taken as typed (never "did you mean"). */
  | { kind: 'subscribe'; topic: string; quoted?: boolean }
  | { kind: 'unsubscribe'; topic: string }
  /** `filter`: as for topics, words every listed topic has. */
  | { kind: 'subscriptions'; filter?: string; page?: number }
  /** `filter`: words every listed topic's name or description holds. */
  | { kind: 'topics'; filter?: string; page?: number }
  | { kind: 'digest' }
  | { kind: 'channel-subscribe'; topic: string; quoted?: boolean }
  | { kind: 'channel-unsubscribe'; topic: string }
  /** `filter`: as for subscriptions, words every listed topic has. */
  | { kind: 'channel-list'; filter?: string; page?: number }
  /** `schedule: null`: asked with no time, the answer is the schedule as it stands. */
  | { kind: 'channel-schedule'; schedule: ChannelSchedule | null }
  /** The caller's own (DM) digest schedule. */
  | { kind: 'schedule'; schedule: ChannelSchedule | null }
  /** `page`: 1-based, as for the other lists (a page past the end is the last). */
  | { kind: 'saved'; list: ListOwner; page?: number }
  | { kind: 'saved-add'; list: ListOwner; arxivId: string }
  | { kind: 'saved-remove'; list: ListOwner; arxivId: string }
  | { kind: 'saved-export'; list: ListOwner; format: ExportFormat };

/** What the parser hands back: a command, or why the input can't be one (answered, never thrown). */
export type ParseOutcome =
  | { status: 'ok'; command: Command }
  /**
   * The subcommand isn't one we know: the answer is the help text, or, when the word is a slip of
   * one (`subscibe`), `suggestion`: the command as it was probably meant, arguments kept.
   */
  | { status: 'unknown'; word: string; suggestion?: string }
  /** A known subcommand with a bad argument: a clear message plus its usage line (rendered per platform). */
  | { status: 'invalid'; message: string; usage: Usage };

/** Usage lines, rendered for the platform that shows them (`usageText` in hints.ts). */
export const USAGE = {
  search: { form: HINTS.search(), example: HINTS.search('speculative decoding author:leviathan since:2025-01-01') },
  subscribe: { form: HINTS.subscribe('<topic, or any words: "KV cache eviction for long documents">') },
  unsubscribe: { form: HINTS.unsubscribe() },
  subscriptions: { form: [...HINTS.subscriptions(), option('words', '<words>', { optional: true })] },
  topics: { form: [...HINTS.topics(), option('words', '<words>', { optional: true })] },
  digest: { form: HINTS.digest() },
  channelSubscribe: { form: HINTS.channelSubscribe() },
  channelUnsubscribe: { form: HINTS.channelUnsubscribe() },
  channelList: { form: [...HINTS.channelList(), option('words', '<words>', { optional: true })] },
  channelSchedule: { form: HINTS.channelSchedule() },
  schedule: { form: HINTS.schedule() },
  saved: { form: HINTS.saved() },
  help: { form: HINTS.help() },
} as const satisfies Record<string, Usage>;

/**
 * Longest accepted search query and topic name: the core's, so a query or topic the CLI takes
 * (or a topic it made) can be typed in chat too. Longer ones are answered, not truncated silently.
 */
export const MAX_QUERY_CHARS = CORE_MAX_QUERY_CHARS;
export const MAX_TOPIC_CHARS = MAX_TOPIC_NAME;
/** Words `/papers topics` and `/papers subscriptions` narrow their lists by. */
export const MAX_TOPIC_FILTER = 100;
