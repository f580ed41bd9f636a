/**
 * Command hints in replies ("`/papers saved add <arXiv id>`"), written for the platform that shows
 * them. A hint is described once, as the parts of the registered application command (subcommand
 * words and named options); the text form Slack (and any plain-text surface) takes and the form
 * Discord's command UI takes are both rendered from that description:
 *
 *   text:    /papers saved channel add <arXiv id>
 *   Discord: /papers saved add paper:<arXiv id> where:channel
 *
 * `HINTS` below is the one table of what `/papers` accepts, mirroring
 * `discord/commands/definition.ts` (a unit test walks every hint against it), so a reply can
 * neither tell a Discord user to type Slack's syntax nor drift from either form.
 */
import type { TargetPlatform } from '../../core/platforms.js';
import { EXPORT_FORMATS } from '../../core/saved/formats.js';
import type { ListOwner } from './command.js';

export type HintPart =
  /** A subcommand group or subcommand, named as Discord registers it; `text`: the text form's word ('' for none). */
  | { kind: 'sub'; name: string; text?: string }
  /**
   * A named option: Discord shows `name:value`, the text form `text` (default: the value; '' for
   * none). `optional` puts it in brackets.
   */
  | { kind: 'option'; name: string; value: string; text?: string; optional?: boolean }
  /** One of several continuations (`saved [add … | remove … | export …]`). */
  | { kind: 'either'; choices: readonly Hint[] };

export type Hint = readonly HintPart[];

/** A usage line: the command's form, and optionally an example of it. */
export interface Usage {
  form: Hint;
  example?: Hint;
}

export const sub = (name: string, text?: string): HintPart => ({ kind: 'sub', name, ...(text === undefined ? {} : { text }) });

export const option = (name: string, value: string, more: { text?: string; optional?: boolean } = {}): HintPart => ({ kind: 'option', name, value, ...more });

export const either = (...choices: Hint[]): HintPart => ({ kind: 'either', choices });

const COMMAND = '/papers';

const bracket = (s: string, optional: boolean | undefined) => (optional ? `[${s}]` : s);

function textWords(hint: Hint): string[] {
  const words: string[] = [];
  for (const part of hint) {
    if (part.kind === 'sub') words.push(part.text ?? part.name);
    else if (part.kind === 'option') {
      const shown = part.text ?? part.value;
      if (shown !== '') words.push(bracket(shown, part.optional));
    } else {
      const choices = part.choices.map((c) => textWords(c).join(' '));
      const given = choices.filter(Boolean);
      // A choice that needs no words (`saved` alone lists) makes the whole choice optional.
      words.push(given.length < choices.length ? `[${given.join(' | ')}]` : given.join(' | '));
    }
  }
  return words.filter(Boolean);
}

/** Every flat hint a hint stands for: one per combination of its choices. */
function expand(hint: Hint): Hint[] {
  const at = hint.findIndex((p) => p.kind === 'either');
  if (at < 0) return [hint];
  const part = hint[at] as Extract<HintPart, { kind: 'either' }>;
  return part.choices.flatMap((choice) => expand([...hint.slice(0, at), ...choice, ...hint.slice(at + 1)]));
}

/** One command as Discord takes it: its subcommand path and its options, in the order shown. */
export interface DiscordCommandHint {
  path: string[];
  options: Array<{ name: string; value: string; optional: boolean }>;
}

/** The Discord commands a hint stands for (several when it offers a choice). */
export function discordCommands(hint: Hint): DiscordCommandHint[] {
  return expand(hint).map((flat) => {
    const lastSub = flat.reduce((last, p, i) => (p.kind === 'sub' ? i : last), -1);
    const options = flat.flatMap((p, i) => (p.kind === 'option' ? [{ p, i, before: i < lastSub }] : []));
    // Required options first, as Discord's UI asks for them; an option the text form writes between
    // subcommand words (`saved channel add`) after the subcommand's own (`add paper:… where:channel`).
    const rank = (o: (typeof options)[number]) => (o.p.optional ? 2 : 0) + (o.before ? 1 : 0);
    return {
      path: flat.flatMap((p) => (p.kind === 'sub' ? [p.name] : [])),
      options: options.sort((a, b) => rank(a) - rank(b) || a.i - b.i).map(({ p }) => ({ name: p.name, value: p.value, optional: p.optional ?? false })),
    };
  });
}

function discordForm(c: DiscordCommandHint): string {
  return [COMMAND, ...c.path, ...c.options.map((o) => bracket(`${o.name}:${o.value}`, o.optional))].join(' ');
}

/** A hint as `platform` takes it: Discord's subcommands and `option:value`s, else the text form. */
export function hintText(hint: Hint, platform: TargetPlatform): string {
  if (platform === 'discord') return discordCommands(hint).map(discordForm).join(' · ');
  return [COMMAND, ...textWords(hint)].join(' ');
}

export function usageText(usage: Usage, platform: TargetPlatform): string {
  const form = hintText(usage.form, platform);
  return usage.example ? `${form}   e.g. ${hintText(usage.example, platform)}` : form;
}

// The table: every `/papers` command a reply may name, with its options' registered names.

const SCHEDULE_OPTIONS: Hint = [
  option('weekly', '<day>', { text: 'weekly <day>', optional: true }),
  option('time', '<HH:MM>'),
  option('timezone', '<IANA time zone>', { text: 'IANA time zone', optional: true }),
  option('weekdays', 'True|False', { text: 'weekdays|daily', optional: true }),
];

const LANGUAGE_TAG = '<BCP 47 tag, e.g. de, fr, pt-BR; en for English>';

/** `where:channel` for a channel's list; a person's own list is the default and needs no word. */
const where = (list: ListOwner): Hint => (list === 'channel' ? [option('where', 'channel')] : []);

export const HINTS = {
  search: (query = '<query>'): Hint => [sub('search'), option('query', query)],
  subscribe: (topic = '<topic>'): Hint => [sub('subscribe'), option('topic', topic)],
  unsubscribe: (topic = '<topic>'): Hint => [sub('unsubscribe'), option('topic', topic)],
  subscriptions: (words?: string): Hint => (words === undefined ? [sub('subscriptions')] : [sub('subscriptions'), option('words', words)]),
  /** Without `words`, the bare command (as a pointer: "`/papers topics` lists them"). */
  topics: (words?: string): Hint => (words === undefined ? [sub('topics')] : [sub('topics'), option('words', words)]),
  digest: (): Hint => [sub('digest')],
  help: (): Hint => [sub('help')],
  schedule: (): Hint => [sub('schedule'), ...SCHEDULE_OPTIONS],
  language: (tag = LANGUAGE_TAG): Hint => [sub('language'), option('tag', tag)],
  channelSubscribe: (topic = '<topic>'): Hint => [sub('channel'), sub('subscribe'), option('topic', topic)],
  channelUnsubscribe: (topic = '<topic>'): Hint => [sub('channel'), sub('unsubscribe'), option('topic', topic)],
  channelList: (words?: string): Hint => (words === undefined ? [sub('channel'), sub('list')] : [sub('channel'), sub('list'), option('words', words)]),
  channelSchedule: (): Hint => [sub('channel'), sub('schedule'), ...SCHEDULE_OPTIONS],
  channelThreads: (): Hint => [sub('channel'), sub('threads'), option('on', 'True|False', { text: 'on|off' })],
  channelLanguage: (tag = LANGUAGE_TAG): Hint => [sub('channel'), sub('language'), option('tag', tag)],
  /** The text form lists with `saved` alone (`saved channel` for the channel's). */
  savedList: (list: ListOwner): Hint => [sub('saved'), ...where(list), sub('list', '')],
  savedAdd: (list: ListOwner, paper = '<arXiv id>'): Hint => [sub('saved'), ...where(list), sub('add'), option('paper', paper)],
  savedExport: (list: ListOwner): Hint => [sub('saved'), ...where(list), sub('export')],
  /** Every reading-list command at once (the usage line). */
  saved: (): Hint => [
    sub('saved'),
    option('where', 'mine|channel', { text: 'channel', optional: true }),
    either(
      [sub('list', '')],
      [sub('add'), option('paper', '<arXiv id>')],
      [sub('remove'), option('paper', '<arXiv id>')],
      [sub('export'), option('format', EXPORT_FORMATS.join('|'), { optional: true })],
    ),
  ],
  /** `quoted`: the text form puts the name in quotes, as a name of several words needs there. */
  followAuthor: (name = '<name>', quoted = true): Hint => [sub('follow'), sub('author'), option('name', name, quoted ? { text: `"${name}"` } : {})],
  unfollowAuthor: (name = '<name>'): Hint => [sub('unfollow'), sub('author'), option('name', name, { text: `"${name}"` })],
  followList: (): Hint => [sub('follow'), sub('list')],
} as const;
