/**
 * Command hints: Slack's text form is what it always was, and every hint a Discord user can be
 * shown names a subcommand and options that `/papers` really registers (papersCommand()'s JSON),
 * so a renamed option or subcommand in definition.ts fails here until the hints follow it.
 */
import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { USAGE } from '../../../src/chat/commands/command.js';
import { FOLLOW_USAGE } from '../../../src/chat/commands/follow-command.js';
import { TARGET_OPTIONS_USAGE } from '../../../src/chat/commands/target-options-command.js';
import { discordCommands, HINTS, hintText, usageText, type Hint, type Usage } from '../../../src/chat/commands/hints.js';
import { registered, type DefOption } from './registered-command.js';
import { papersCommand } from '../../../src/chat/discord/commands/definition.js';

const USAGES: Record<string, Usage> = {
  ...Object.fromEntries(Object.entries(USAGE).map(([k, v]) => [`USAGE.${k}`, v])),
  ...Object.fromEntries(Object.entries(FOLLOW_USAGE).map(([k, v]) => [`FOLLOW_USAGE.${k}`, v])),
  ...Object.fromEntries(Object.entries(TARGET_OPTIONS_USAGE).map(([k, v]) => [`TARGET_OPTIONS_USAGE.${k}`, v])),
};

/** Every hint the table can build: each builder with its defaults, and for a channel's list. */
const BUILT: Array<[string, Hint]> = Object.entries(HINTS).flatMap(([name, build]) => {
  const b = build as (...args: string[]) => Hint;
  return [
    [`HINTS.${name}()`, b()],
    [`HINTS.${name}('channel')`, b('channel')],
  ] as Array<[string, Hint]>;
});

const ALL: Array<readonly [string, Hint, 'form' | 'mention']> = [
  ...Object.entries(USAGES).flatMap(([name, u]) => [[name, u.form, 'form'] as const, ...(u.example ? [[`${name} example`, u.example, 'form'] as const] : [])]),
  ...BUILT.map(([name, h]) => [name, h, 'mention'] as const),
];

const isPlaceholder = (value: string) => /^<.*>$/s.test(value);

describe('hints in Discord syntax match the registered /papers command', () => {
  it.each(ALL)('%s', (_name, hint, kind) => {
    for (const command of discordCommands(hint)) {
      const sub = registered(command.path);
      expect(sub, `/papers ${command.path.join(' ')}`).not.toBeTypeOf('string');
      const declared = ((sub as DefOption).options ?? []).filter((o) => o.type !== ApplicationCommandOptionType.Subcommand);
      for (const option of command.options) {
        const def = declared.find((o) => o.name === option.name);
        expect(def, `option ${option.name}: on /papers ${command.path.join(' ')}`).toBeDefined();
        if (isPlaceholder(option.value)) continue;
        // A value written out must be one Discord offers.
        const values = option.value.split('|');
        if (def!.type === ApplicationCommandOptionType.Boolean) expect(values.every((v) => v === 'True' || v === 'False')).toBe(true);
        if (def!.choices) expect(def!.choices.map((c) => String(c.value))).toEqual(expect.arrayContaining(values));
      }
      // A usage line names every option Discord requires, so following it cannot be refused.
      if (kind === 'form') {
        for (const required of declared.filter((o) => o.required)) expect(command.options.map((o) => o.name), `${required.name} on /papers ${command.path.join(' ')}`).toContain(required.name);
      }
    }
  });

  it("puts every subcommand's required options before its optional ones, as Discord requires of a registration (else 50035)", () => {
    const isSub = (o: DefOption) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;
    const walk = (options: DefOption[], path: string): string[] => {
      if (options.some(isSub)) return options.flatMap((o) => walk(o.options ?? [], `${path} ${o.name}`));
      const firstOptional = options.findIndex((o) => !o.required);
      return options.slice(firstOptional < 0 ? options.length : firstOptional).filter((o) => o.required).map((o) => `${path} ${o.name}:`);
    };
    expect(walk((papersCommand().options ?? []) as DefOption[], '/papers')).toEqual([]);
  });

  it('the check itself refuses a subcommand or option the definition does not have', () => {
    expect(registered(['saved'])).toBeTypeOf('string');
    expect(registered(['saved', 'channel'])).toBeTypeOf('string');
    expect(registered(['saved', 'add'])).not.toBeTypeOf('string');
    const add = registered(['saved', 'add']) as DefOption;
    expect(add.options?.map((o) => o.name)).not.toContain('id');
  });
});

describe('hint rendering', () => {
  it('keeps the text form Slack (and any plain-text surface) always had', () => {
    const text = Object.fromEntries(Object.entries(USAGES).map(([k, u]) => [k, usageText(u, 'slack')]));
    expect(text).toEqual({
      'USAGE.search': '/papers search <query>   e.g. /papers search speculative decoding author:leviathan since:2025-01-01',
      'USAGE.subscribe': '/papers subscribe <topic, or any words: "KV cache eviction for long documents">',
      'USAGE.unsubscribe': '/papers unsubscribe <topic>',
      'USAGE.subscriptions': '/papers subscriptions [<words>]',
      'USAGE.topics': '/papers topics [<words>]',
      'USAGE.digest': '/papers digest',
      'USAGE.channelSubscribe': '/papers channel subscribe <topic>',
      'USAGE.channelUnsubscribe': '/papers channel unsubscribe <topic>',
      'USAGE.channelList': '/papers channel list [<words>]',
      'USAGE.channelSchedule': '/papers channel schedule [weekly <day>] <HH:MM> [IANA time zone] [weekdays|daily]',
      'USAGE.schedule': '/papers schedule [weekly <day>] <HH:MM> [IANA time zone] [weekdays|daily]',
      'USAGE.saved': '/papers saved [channel] [add <arXiv id> | remove <arXiv id> | export [bibtex|ris|csl-json]]',
      'USAGE.help': '/papers help',
      'FOLLOW_USAGE.follow': '/papers follow author "<name as on papers>"   e.g. /papers follow author "Ada Lovelace"',
      'FOLLOW_USAGE.unfollow': '/papers unfollow author "<name>"',
      'FOLLOW_USAGE.list': '/papers follow list',
      'TARGET_OPTIONS_USAGE.channelThreads': '/papers channel threads on|off',
      'TARGET_OPTIONS_USAGE.channelLanguage': '/papers channel language <BCP 47 tag, e.g. de, fr, pt-BR; en for English>',
      'TARGET_OPTIONS_USAGE.language': '/papers language <BCP 47 tag, e.g. de, fr, pt-BR; en for English>',
    });
    // The console is a text surface too.
    expect(usageText(USAGE.saved, 'console')).toBe(usageText(USAGE.saved, 'slack'));
  });

  it("writes Discord's subcommands and option:value pairs, required options first", () => {
    expect(usageText(USAGE.search, 'discord')).toBe('/papers search query:<query>   e.g. /papers search query:speculative decoding author:leviathan since:2025-01-01');
    expect(usageText(USAGE.schedule, 'discord')).toBe('/papers schedule time:<HH:MM> [weekly:<day>] [timezone:<IANA time zone>] [weekdays:True|False]');
    expect(usageText(TARGET_OPTIONS_USAGE.channelThreads, 'discord')).toBe('/papers channel threads on:True|False');
    expect(usageText(FOLLOW_USAGE.follow, 'discord')).toBe('/papers follow author name:<name as on papers>   e.g. /papers follow author name:Ada Lovelace');
    // Slack's `saved channel add` is a subcommand and a `where` option there.
    expect(hintText(HINTS.savedAdd('channel'), 'slack')).toBe('/papers saved channel add <arXiv id>');
    expect(hintText(HINTS.savedAdd('channel'), 'discord')).toBe('/papers saved add paper:<arXiv id> where:channel');
    expect(hintText(HINTS.savedList('user'), 'slack')).toBe('/papers saved');
    expect(hintText(HINTS.savedList('user'), 'discord')).toBe('/papers saved list');
    expect(hintText(HINTS.savedExport('channel'), 'discord')).toBe('/papers saved export where:channel');
    // A choice of subcommands is each command in full.
    expect(usageText(USAGE.saved, 'discord')).toBe(
      '/papers saved list [where:mine|channel] · /papers saved add paper:<arXiv id> [where:mine|channel] · /papers saved remove paper:<arXiv id> [where:mine|channel] · /papers saved export [format:bibtex|ris|csl-json] [where:mine|channel]',
    );
    // Quotes make a topic as typed on both platforms, so they stay.
    expect(hintText(HINTS.subscribe('"audio codecz"'), 'discord')).toBe('/papers subscribe topic:"audio codecz"');
  });
});
