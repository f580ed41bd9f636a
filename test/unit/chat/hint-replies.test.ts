/**
 * Replies name commands the way the asking platform takes them: Discord's subcommands and
 * `option:value`s (as registered), Slack's `/papers <text>` exactly as before.
 */
import { describe, expect, it } from 'vitest';
import { handleParsed } from '../../../src/chat/commands/handle.js';
import { handleButton } from '../../../src/chat/commands/actions.js';
import { parseCommandOptions, parseCommandText } from '../../../src/chat/commands/parse.js';
import { helpReply } from '../../../src/chat/commands/help.js';
import type { ChatActor } from '../../../src/chat/commands/services.js';
import type { Reply } from '../../../src/chat/commands/reply.js';
import type { ChatPlatform } from '../../../src/core/platforms.js';
import type { FollowCommandServices } from '../../../src/chat/commands/follow-command.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { DISCORD_LIMITS } from '../../../src/chat/discord/render-limits.js';
import { createFakeServices, type FakeServices } from './fake-services.js';
import { discordMentionProblems } from './registered-command.js';

const follows: FollowCommandServices = {
  async follow(_user, author) {
    if (author === 'J. Smith') return { status: 'ambiguous', typed: author, candidates: [{ name: 'Jane Smith', papers: 2 }, { name: 'John Smith', papers: 1 }], total: 2 };
    if (author === 'Ada Lovelase') return { status: 'followed', author, papers: 0, similar: [{ name: 'Ada Lovelace', papers: 1 }] };
    return { status: 'invalid', message: 'That is no name.' };
  },
  async unfollow(_user, author) {
    if (author === 'J. Smith') return { status: 'ambiguous', typed: author, candidates: [{ name: 'Jane Smith', papers: 2 }, { name: 'John Smith', papers: 1 }], total: 2 };
    if (author === 'bad') return { status: 'invalid', message: 'That is no name.' };
    return { status: 'not-following', typed: author };
  },
  async list() {
    return [];
  },
};

function services(): FakeServices {
  const s = createFakeServices();
  return Object.assign(s, { follows, targetOptions: { set: async () => ({ status: 'saved' as const, threads: true, language: null }) } });
}

function actor(platform: ChatPlatform, where: 'channel' | 'dm' = 'channel', manager = true): ChatActor {
  return { platform, userId: `${platform}:U1`, channelId: where === 'channel' ? `${platform}:C1` : null, mayManageChannel: async () => manager };
}

const texts = (r: Reply) => [r.text, ...r.blocks.flatMap((b) => (b.type === 'text' || b.type === 'context' || b.type === 'header' ? [b.text] : []))];

/** Inputs whose answers name commands: usage errors, empty lists, suggestions, candidates. */
const INPUTS = [
  'help', 'bogus', 'search', 'search since:bogus', 'subscribe', 'subscribe audio codecz', 'channel subscribe audio codecz', 'unsubscribe',
  'subscriptions', 'digest', 'schedule', 'schedule 09:00 Mars/Base', 'channel schedule x', 'channel unsubscribe',
  'saved', 'saved channel', 'saved add bogus', 'saved add 2501.10001', 'saved channel add 2501.10002', 'saved', 'saved channel', 'saved export pdf', 'saved add 2501.99999',
  'follow list', 'follow author ""', 'follow author J. Smith', 'follow author Ada Lovelase', 'follow author bad', 'unfollow author J. Smith', 'unfollow author Nobody', 'unfollow author bad',
  'channel threads maybe', 'channel language zz-invalid-', 'language !!',
];

async function sweep(platform: ChatPlatform): Promise<string[]> {
  const out: string[] = [];
  for (const who of [actor(platform), actor(platform, 'dm')]) {
    const deps = { services: services(), timeoutMs: 2000 };
    for (const input of INPUTS) out.push(...texts(await handleParsed(parseCommandText(input), who, deps)));
    out.push(...texts(await handleParsed(parseCommandText('channel threads on'), who, deps)));
    for (const list of ['user', 'channel'] as const) out.push(...texts(await handleButton({ kind: 'save', list, arxivId: '2501.10003' }, who, deps)));
  }
  const empty = createFakeServices([]);
  empty.listTopics = async () => [];
  out.push(...texts(await handleParsed(parseCommandText('topics'), actor(platform), { services: empty })));
  return out;
}

describe('command hints in replies', () => {
  it('on Discord, every command a reply names is a registered subcommand with its registered options', async () => {
    const all = await sweep('discord');
    const named = all.filter((t) => t.includes('/papers'));
    expect(named.length).toBeGreaterThan(40);
    expect(named.flatMap(discordMentionProblems)).toEqual([]);
  });

  it('the check is not vacuous: the Slack forms of the same replies fail it', async () => {
    const problems = (await sweep('slack')).flatMap(discordMentionProblems);
    for (const slackOnly of ['/papers saved channel add', '/papers saved [channel]', '/papers follow author "Jane Smith"', '/papers subscribe "audio codecz"', '/papers channel threads on|off']) {
      expect(problems.some((p) => p.includes(slackOnly))).toBe(true);
    }
  });

  it('Discord-only answers come through the options path too', async () => {
    const deps = { services: services(), timeoutMs: 2000 };
    const bad = await handleParsed(parseCommandOptions('saved', 'add', { paper: 'not-an-id', where: 'channel' }), actor('discord'), deps);
    expect(bad.text).toContain('Usage: /papers saved list [where:mine|channel] · /papers saved add paper:<arXiv id> [where:mine|channel]');
    const noTime = await handleParsed(parseCommandOptions('channel', 'schedule', { timezone: 'Europe/Berlin' }), actor('discord'), deps);
    expect(noTime.text).toContain('Usage: /papers channel schedule time:<HH:MM> [weekly:<day>] [timezone:<IANA time zone>] [weekdays:True|False]');
  });

  it('says the same thing on both platforms, each in its own syntax', async () => {
    const pairs: Array<[string, ChatActor, string, string]> = [
      ['saved', actor('slack'), '`/papers saved add <arXiv id>`', '`/papers saved add paper:<arXiv id>`'],
      ['saved channel', actor('slack'), 'Anyone here can add to it: `/papers saved channel add <arXiv id>`, or ➕ Channel list in `/papers saved`.', 'Anyone here can add to it: `/papers saved add paper:<arXiv id> where:channel`, or ➕ Channel list in `/papers saved list`.'],
      ['saved channel', actor('slack', 'dm'), '`/papers saved` is your own list.', '`/papers saved list` is your own list.'],
      ['saved channel add 2501.10002', actor('slack'), '`/papers saved channel` shows it', '`/papers saved list where:channel` shows it'],
      // A bare `export` is no command on either platform.
      ['saved channel add 2501.10002', actor('slack'), '; `/papers saved channel export` makes a BibTeX file', '; `/papers saved export where:channel` makes a BibTeX file'],
      ['saved add 2501.10001', actor('slack'), '; `/papers saved export` makes a BibTeX file', '; `/papers saved export` makes a BibTeX file'],
      ['digest', actor('slack'), '`/papers topics`, then `/papers subscribe <topic>` (or `/papers follow author <name>`).', '`/papers topics`, then `/papers subscribe topic:<topic>` (or `/papers follow author name:<name>`).'],
      ['subscriptions', actor('slack'), '`/papers topics` lists them; `/papers subscribe <topic>` adds one.', '`/papers topics` lists them; `/papers subscribe topic:<topic>` adds one.'],
      ['subscribe audio codecz', actor('slack'), 'put it in quotes: /papers subscribe "audio codecz")', 'put it in quotes: /papers subscribe topic:"audio codecz")'],
      ['channel subscribe audio codecz', actor('slack'), 'put it in quotes: /papers channel subscribe "audio codecz")', 'put it in quotes: /papers channel subscribe topic:"audio codecz")'],
      ['channel threads on', actor('slack', 'dm'), 'not in a direct message: run it in the channel whose digest should post its papers in a thread.', 'not in a direct message: run it in the channel whose digest should post its papers in a thread.'],
      ['channel language de', actor('slack', 'dm'), "`/papers language <tag>` sets your own digest's language.", "`/papers language tag:<tag>` sets your own digest's language."],
      ['follow author J. Smith', actor('slack'), '1. Jane Smith (2 stored papers) — /papers follow author "Jane Smith"', '1. Jane Smith (2 stored papers) — /papers follow author name:Jane Smith'],
      ['follow author Ada Lovelase', actor('slack'), '— /papers unfollow author "Ada Lovelase", then /papers follow author "Ada Lovelace"', '— /papers unfollow author name:Ada Lovelase, then /papers follow author name:Ada Lovelace'],
      ['unfollow author Nobody', actor('slack'), 'You don\'t follow “Nobody”. /papers follow list shows whom you follow.', 'You don\'t follow “Nobody”. /papers follow list shows whom you follow.'],
      ['follow list', actor('slack'), 'You don\'t follow any author yet. /papers follow author "<name as on papers>"   e.g. /papers follow author "Ada Lovelace"', 'You don\'t follow any author yet. /papers follow author name:<name as on papers>   e.g. /papers follow author name:Ada Lovelace'],
    ];
    for (const [input, slackActor, slack, discord] of pairs) {
      const discordActor = { ...slackActor, platform: 'discord' as const, userId: 'discord:U1', channelId: slackActor.channelId && 'discord:C1' };
      expect((await handleParsed(parseCommandText(input), slackActor, { services: services() })).text, input).toContain(slack);
      expect((await handleParsed(parseCommandText(input), discordActor, { services: services() })).text, input).toContain(discord);
    }
    // The export line under a list.
    for (const [platform, line] of [['slack', '`/papers saved channel export` sends them'], ['discord', '`/papers saved export where:channel` sends them']] as const) {
      const deps = { services: services() };
      await handleParsed(parseCommandText('saved channel add 2501.10002'), actor(platform), deps);
      expect(texts(await handleParsed(parseCommandText('saved channel'), actor(platform), deps)).join('\n')).toContain(line);
    }
  });

  it("Discord's help is in Discord syntax and fits one message uncut", () => {
    for (const unknown of [undefined, 'x'.repeat(100)]) {
      const reply = helpReply('discord', unknown);
      expect(reply.text).toContain('/papers saved add paper:<arXiv id> [where:mine|channel]');
      expect(reply.text).not.toContain('/papers saved [channel]');
      const { content, embeds } = renderDiscordReply(reply);
      expect(content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(embeds.map((e) => e.description).join('\n')).toContain('/papers follow list');
    }
    expect(helpReply('slack').text).toContain('/papers saved [channel] [add <arXiv id> | remove <arXiv id> | export [bibtex|ris|csl-json]] — your reading list');
    // The formats the usage line offers are not all BibTeX.
    for (const platform of ['slack', 'discord'] as const) expect(helpReply(platform).text).toContain('export makes a BibTeX, RIS or CSL-JSON file');
  });
});
