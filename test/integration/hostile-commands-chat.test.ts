/**
 * `/papers` with empty, huge, hostile or unknown input, over the real signed HTTP paths (Slack's
 * HMAC-signed slash commands into Bolt, Discord's Ed25519-signed interactions), answered by the
 * composed core. Every answer must come within the 3 s acknowledgement both platforms allow, say
 * plainly what was wrong, pass the platform's own message checks (the harness refuses what Slack
 * or Discord would) and let nothing ping or link.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;
beforeAll(async () => {
  chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' } });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

const HOSTILE = '<!channel> @everyone @here <@U123> <#C1> *bold* _it_ ~s~ `c` > q | [x](https://evil.example) <https://evil.example|arxiv> \u202Eevil\u200b\u200d 🧑‍🔬 مرحبا';
/** As Slack sends a typed text (`should_escape: false`): `&`, `<` and `>` escaped. */
const typed = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The strings of an answer where the platform parses mentions and links. */
function slackShown(answer: string): string[] {
  const body = JSON.parse(answer) as { text: string; blocks: unknown[] };
  const out = [body.text];
  JSON.stringify(body.blocks, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'mrkdwn') out.push((v as { text: string }).text);
    return v;
  });
  return out;
}

describe('Slack /papers with hostile input', () => {
  it.each([
    ['empty', '', 'paperboy commands'],
    ['only spaces and newlines', '   \n\t ', 'paperboy commands'],
    ['only control characters', '\u0000\u001b[2J', "I don't know"],
    ['an unknown word', 'frobnicate', "I don't know “frobnicate”"],
    ['an unknown word of 4,500 characters', `frobnicate${'z'.repeat(4500)}`, "I don't know “frobnicatez"],
    ['300,000 characters', 'x'.repeat(300_000), "I don't know"],
    ['a search of 5,400 characters', `search ${'audio '.repeat(900)}`, 'The query is too long (5399 characters, at most 500)'],
    ['a topic of 4,500 characters', `subscribe ${'w'.repeat(4500)}`, 'Topic name is too long (4500 characters, at most 120)'],
    ['a topic that is a mention', 'subscribe <!channel> ideas', 'cannot contain a mention'],
    ['a hostile search', `search ${HOSTILE}`, 'No papers match'],
    ['a schedule of 4,500 characters', `schedule ${'9'.repeat(4500)}`, 'Give a time of day as HH:MM'],
    ['an author of 4,500 characters', `follow author "${'A'.repeat(4500)}"`, 'at most 100 characters'],
    ['a hostile language tag', `language ${HOSTILE}`, 'is not a BCP 47 language tag'],
  ])('%s: a clear answer in time, nothing that pings', async (_name, text, expected) => {
    const answer = await chat.slack(typed(text), 'U0ADA');
    expect(answer).toContain(expected);
    expect(answer.length).toBeLessThan(20_000);
    for (const s of slackShown(answer)) {
      expect(s).not.toMatch(/<[!@#]/);
      expect(s).not.toMatch(/<https:\/\/evil/);
      expect(s).not.toMatch(/[\u0000\u001b\u202E]/);
    }
  });
});

describe('Slack /papers with a slip in the subcommand', () => {
  it.each([
    ['subscibe speculative decoding', 'subscibe', '/papers subscribe speculative decoding'],
    ['topcs', 'topcs', '/papers topics'],
    ['Serch kv cache', 'serch', '/papers search kv cache'],
    ['unsubscirbe audio codecs', 'unsubscirbe', '/papers unsubscribe audio codecs'],
    ['channel subscirbe audio codecs', 'channel subscirbe', '/papers channel subscribe audio codecs'],
    // A slip in the second word, as in the first.
    ['saved ad 2612.20001', 'saved ad', '/papers saved add 2612.20001'],
    ['follow autor "Ada Lovelace"', 'follow autor', '/papers follow author "Ada Lovelace"'],
  ])('“%s” asks about the command it probably meant, arguments kept, with no page of help', async (text, word, meant) => {
    const answer = JSON.parse(await chat.slack(text, 'U0ADA')) as { text: string };
    expect(answer.text).toBe(`I don't know “${word}”: did you mean \`${meant}\`? \`/papers help\` lists every command.`);
  });

  it('a leading "/papers" pasted along is read as the command itself', async () => {
    const answer = await chat.slack('/papers topics');
    expect(answer).not.toContain("I don't know");
    expect(answer).toEqual(await chat.slack('topics'));
  });

  it('a word near no command, or as near two, still gets the whole help', async () => {
    expect(await chat.slack('frobnicate')).toContain('paperboy commands');
    // "nfollow" is one edit from both follow and unfollow: no guess.
    expect(await chat.slack('nfollow author "Ada"')).toContain('paperboy commands');
  });
});

const sub = (name: string, options: DiscordOption[] = []): DiscordOption[] => [{ type: 1, name, options }];
const str = (name: string, value: string): DiscordOption => ({ type: 3, name, value });
/** Hostile text cut to an option's registered max_length (Discord enforces it). */
const fill = (n: number) => HOSTILE.repeat(Math.ceil(n / HOSTILE.length)).slice(0, n);

describe('Discord /papers with hostile input', () => {
  it.each([
    ['no subcommand', [], 'paperboy commands'],
    ['an unknown subcommand (a stale registration)', sub('frobnicate'), "I don't know “frobnicate”"],
    ['an empty query', sub('search', [str('query', '')]), 'Tell me what to search for'],
    ['a query of invisible characters', sub('search', [str('query', ' \u200b\u202E ')]), 'no words to search for'],
    ['a hostile query of 500 characters', sub('search', [str('query', fill(500))]), 'No papers match'],
    ['a hostile topic of 120 characters', sub('subscribe', [str('topic', fill(120))]), 'cannot contain a mention'],
    ['a bad time, zone and day', sub('schedule', [str('time', '99:99'), str('timezone', fill(64)), str('weekly', 'funday')]), 'Give a time of day as HH:MM'],
    ['a hostile language tag', sub('language', [str('tag', fill(35))]), 'is not a BCP 47 language tag'],
  ] as Array<[string, DiscordOption[], string]>)('%s: a clear answer in time, nothing that pings', async (_name, options, expected) => {
    const answer = await chat.discord(options);
    const body = JSON.parse(answer) as { content: string; allowed_mentions: unknown };
    expect(body.content).toContain(expected);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).not.toMatch(/@(everyone|here)|<@|<#|<!/);
    expect(body.content).not.toMatch(/(?<!\\)\]\(/);
  });
});

describe('Discord hints with placeholders', () => {
  it('keep `<arXiv id>` as typed: no invisible character to copy with it', async () => {
    const body = JSON.parse(await chat.discord([{ type: 2, name: 'saved', options: [{ type: 1, name: 'add', options: [{ type: 3, name: 'paper', value: 'not an id' }] }] }])) as { content: string };
    expect(body.content).toContain('<arXiv id>');
    expect(body.content).not.toContain('\u200b');
  });
});
