/**
 * Pure parsing and validation of `/papers …` input into a Command. Platform-specific
 * front ends (Slack text, Discord options) only split words; every rule lives here.
 */
import { truncate } from '../text/clean.js';
import { tooLongText } from '../../core/truncate.js';
import {
  MAX_TOPIC_FILTER,
  USAGE,
  type ChannelSchedule,
  type Command,
  type ParseOutcome,
} from './command.js';
import { parseFollow } from './follow-command.js';
import type { Usage } from './hints.js';
import { isTimeZone, parseTimeOfDay, parseWeekday } from '../../core/digest/schedule.js';
import { parseSaved } from './parse-saved.js';
import { listArgument } from './list-argument.js';
import { parseQuery } from '../../core/search/query-parser.js';
import { checkTopicName, quotedText } from '../../core/topics/names.js';
import { parseTargetOption } from './target-options-command.js';
import { nearest, unknown } from './slips.js';
import { cleanArgument } from '../text/clean.js';
import { withoutEmojiCodes } from '../../core/emoji.js';

function ok(command: Command): ParseOutcome {
  return { status: 'ok', command };
}

/** A core message as a chat sentence: a full stop unless it ends with its own ("did you mean cs.CL?"). */
const sentence = (message: string) => (/[.?!]$/.test(message) ? message : `${message}.`);

function invalid(message: string, usage: Usage): ParseOutcome {
  return { status: 'invalid', message, usage };
}

export function validateQuery(raw: string): ParseOutcome {
  const query = withoutEmojiCodes(cleanArgument(raw));
  if (query === '') return invalid('Tell me what to search for.', USAGE.search);
  // The search's own reading of a query (its length, filters, words): what `paperboy search` refuses is refused here, in its words.
  const parsed = parseQuery(query);
  if (!parsed.ok) return invalid(sentence(parsed.error), USAGE.search);
  return ok({ kind: 'search', query });
}

function validateTopic(raw: string, usage: Usage, build: (topic: string, quoted: boolean) => Command): ParseOutcome {
  const cleaned = cleanArgument(raw);
  // Quotes say "this exact text": it becomes a topic even if it looks like a misspelt name.
  const inner = quotedText(cleaned);
  const topic = inner !== null ? cleanArgument(inner) : cleaned;
  if (topic === '') return invalid('Which topic? `/papers topics` lists them, or type any words.', usage);
  // The one check of a typed topic (names.ts): a name the CLI takes is a name chat takes, counted
  // alike, its emoji (Slack's `:rocket:`, Discord's 🚀) no words of it, and an emoji alone refused.
  const checked = checkTopicName(topic);
  if (!checked.ok) return invalid(sentence(checked.error), usage);
  return ok(build(checked.value, inner !== null));
}

/** Said by both schedule forms (text and Discord's options) when the time is missing or wrong. */
const NEED_TIME = 'Give a time of day as HH:MM (24 h), e.g. 09:00.';

/** `[weekly <day>] 09:00 [Europe/Berlin] [weekdays|daily]`, words in any order. */
export function parseSchedule(raw: string, kind: 'channel-schedule' | 'schedule' = 'channel-schedule'): ParseOutcome {
  const usage = kind === 'schedule' ? USAGE.schedule : USAGE.channelSchedule;
  const words = cleanArgument(raw).split(' ').filter(Boolean);
  // Nothing to set: "when does it come?", answered with the schedule as it stands.
  if (words.length === 0) return ok({ kind, schedule: null });
  const timeAt = words.findIndex((w) => parseTimeOfDay(w) !== null);
  const time = timeAt < 0 ? null : parseTimeOfDay(words[timeAt]!);
  if (!time) return invalid(NEED_TIME, usage);
  const schedule: ChannelSchedule = { time };
  const rest = words.filter((_, i) => i !== timeAt);
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    const lower = word.toLowerCase();
    if (lower === 'weekly') {
      const day = rest[i + 1] === undefined ? null : parseWeekday(rest[i + 1]!);
      if (day === null) return invalid('Say which day the weekly digest comes, e.g. “weekly monday 09:00”.', usage);
      schedule.weeklyOn = day;
      i++;
    } else if (lower === 'weekdays') {
      schedule.weekdaysOnly = true;
      schedule.weeklyOn = null;
    } else if (lower === 'daily' || lower === 'everyday') {
      schedule.weekdaysOnly = false;
      schedule.weeklyOn = null;
    } else if (schedule.timeZone === undefined && word.length <= 64 && isTimeZone(word)) schedule.timeZone = word;
    else return invalid(`I don't understand “${truncate(word, 64)}”: expected an IANA time zone (e.g. Europe/Berlin), weekly <day>, or weekdays/daily.`, usage);
  }
  // "weekly monday … weekdays" asks for two cadences: which one wins must not depend on word order.
  const cadences = rest.filter((w) => ['weekly', 'weekdays', 'daily', 'everyday'].includes(w.toLowerCase())).length;
  if (cadences > 1) return invalid('Give one cadence: weekly <day>, weekdays, or daily.', usage);
  return ok({ kind, schedule });
}

/** Split off the first word (lower-cased) from the rest, which is kept verbatim. */
function firstWord(text: string): [string, string] {
  const trimmed = text.replace(/^\s+/, '');
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return m ? [m[1]!.toLowerCase(), m[2]!] : ['', ''];
}

function parseChannel(rest: string): ParseOutcome {
  const [sub, arg] = firstWord(rest);
  switch (sub) {
    case 'subscribe':
      return validateTopic(arg, USAGE.channelSubscribe, (topic, quoted) => ({ kind: 'channel-subscribe', topic, ...(quoted ? { quoted } : {}) }));
    case 'unsubscribe':
      return validateTopic(arg, USAGE.channelUnsubscribe, (topic) => ({ kind: 'channel-unsubscribe', topic }));
    case 'list':
    case '': {
      const { filter, page } = listArgument(arg);
      if (filter.length > MAX_TOPIC_FILTER) return invalid(sentence(tooLongText('The filter', filter, MAX_TOPIC_FILTER)), USAGE.channelList);
      return ok({ kind: 'channel-list', ...(filter ? { filter } : {}), ...(page ? { page } : {}) });
    }
    case 'schedule':
      return parseSchedule(arg);
    case 'threads':
    case 'language':
      return parseTargetOption(sub, arg, 'channel');
    default:
      return unknown(`channel ${sub}`, nearest(sub, CHANNEL_SUBCOMMANDS), (word) => `channel ${word} ${arg}`);
  }
}

/** Parse the text after `/papers` (Slack's `text` field). Empty text is help. */
export function parseCommandText(text: string): ParseOutcome {
  const [sub, rest] = firstWord(text);
  switch (sub) {
    case '':
    case 'help':
      return ok({ kind: 'help' });
    case 'search':
      return validateQuery(rest);
    case 'subscribe':
      return validateTopic(rest, USAGE.subscribe, (topic, quoted) => ({ kind: 'subscribe', topic, ...(quoted ? { quoted } : {}) }));
    case 'unsubscribe':
      return validateTopic(rest, USAGE.unsubscribe, (topic) => ({ kind: 'unsubscribe', topic }));
    case 'subscriptions':
    case 'topics': {
      const { filter, page } = listArgument(rest);
      if (filter.length > MAX_TOPIC_FILTER) return invalid(sentence(tooLongText('The filter', filter, MAX_TOPIC_FILTER)), USAGE[sub]);
      return ok({ kind: sub, ...(filter ? { filter } : {}), ...(page ? { page } : {}) });
    }
    case 'digest':
      return ok({ kind: 'digest' });
    case 'schedule':
      return parseSchedule(rest, 'schedule');
    case 'channel':
      return parseChannel(rest);
    case 'saved':
      return parseSaved(rest);
    case 'follow':
    case 'unfollow':
      return parseFollow(sub, rest);
    case 'language':
      return parseTargetOption(sub, rest, 'user');
    case '/papers':
      // The command pasted along with its words ("/papers search quantum"): what follows is the command.
      return parseCommandText(rest);
    default:
      return unknown(sub, nearest(sub, SUBCOMMANDS), (word) => `${word} ${rest}`);
  }
}

/** The words parseCommandText and parseChannel take, for guessing what a slip meant. */
const SUBCOMMANDS = ['help', 'search', 'subscribe', 'unsubscribe', 'subscriptions', 'topics', 'digest', 'schedule', 'channel', 'saved', 'follow', 'unfollow', 'language'];
const CHANNEL_SUBCOMMANDS = ['subscribe', 'unsubscribe', 'list', 'schedule', 'threads', 'language'];

/** The options of both registered schedule subcommands (definition.ts). */
const SCHEDULE_OPTIONS = ['time', 'timezone', 'weekly', 'weekdays'];

/**
 * Discord's schedule options, read as options: split into words and parsed as text, a zone with a
 * space or one named like a keyword was misread, and the messages named the text form's words
 * ("weekly <day>") that Discord's form does not have.
 */
function parseScheduleOptions(options: Record<string, string | undefined>, kind: 'channel-schedule' | 'schedule'): ParseOutcome {
  const usage = kind === 'schedule' ? USAGE.schedule : USAGE.channelSchedule;
  // Nothing to set, as with the text form alone: "when does it come?".
  if (SCHEDULE_OPTIONS.every((name) => options[name] === undefined)) return ok({ kind, schedule: null });
  const time = parseTimeOfDay(cleanArgument(options['time'] ?? ''));
  if (!time) return invalid(NEED_TIME, usage);
  const schedule: ChannelSchedule = { time };
  const zone = cleanArgument(options['timezone'] ?? '');
  if (zone) {
    if (zone.length > 64 || !isTimeZone(zone)) return invalid(`“${truncate(zone, 64)}” is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`, usage);
    schedule.timeZone = zone;
  }
  const weekly = options['weekly'];
  const weekdays = options['weekdays'];
  if (weekly !== undefined && weekdays !== undefined) return invalid('Give one cadence: `weekly` for one digest a week, or `weekdays`, not both.', usage);
  if (weekly !== undefined) {
    const day = parseWeekday(weekly);
    if (day === null) return invalid('Say which day the weekly digest comes, e.g. monday.', usage);
    schedule.weeklyOn = day;
  } else if (weekdays !== undefined) {
    schedule.weekdaysOnly = weekdays === 'true';
    schedule.weeklyOn = null;
  }
  return ok({ kind, schedule });
}

/**
 * Discord hands us structured options; rebuild the same command through the same rules.
 * `group` is the subcommand group (`channel`) when present.
 */
export function parseCommandOptions(group: string | null, sub: string, options: Record<string, string | undefined>): ParseOutcome {
  const arg = (name: string) => options[name] ?? '';
  if (group === 'channel') {
    if (sub === 'schedule') return parseScheduleOptions(options, 'channel-schedule');
    if (sub === 'threads') return parseTargetOption('threads', options['on'] === 'false' ? 'off' : 'on', 'channel');
    if (sub === 'language') return parseTargetOption('language', arg('tag'), 'channel');
    return parseChannel(`${sub} ${sub === 'list' ? arg('words') : arg('topic')}`);
  }
  if (group === 'saved') {
    // `/papers saved <list|add|remove|export> [paper] [format] [where: mine|channel]`
    return parseSaved([options['where'] === 'channel' ? 'channel' : '', sub, arg('paper'), arg('format')].join(' '));
  }
  if (group === 'follow' || group === 'unfollow') return parseFollow(group, `${sub} ${arg('name')}`);
  if (group) return { status: 'unknown', word: `${group} ${sub}` };
  if (sub === 'schedule') return parseScheduleOptions(options, 'schedule');
  switch (sub) {
    case 'search':
      return validateQuery(arg('query'));
    case 'language':
      return parseTargetOption('language', arg('tag'), 'user');
    case 'subscribe':
    case 'unsubscribe':
      return parseCommandText(`${sub} ${arg('topic')}`);
    case 'topics':
    case 'subscriptions':
      return parseCommandText(`${sub} ${arg('words')}`);
    default:
      return parseCommandText(sub);
  }
}
