import { describe, expect, it } from 'vitest';
import { slackName, slackText } from '../../../src/chat/text/slack-escape.js';
import { discordText } from '../../../src/chat/text/discord-escape.js';
import { renderDiscordDigest } from '../../../src/chat/discord/render.js';
import { renderDiscordDigestParts } from '../../../src/chat/discord/render-thread.js';
import { renderSlackDigest } from '../../../src/chat/slack/render.js';
import { renderSlackDigestParts } from '../../../src/chat/slack/render-thread.js';
import { allStrings, digestOf, item } from './digest-fixture.js';

describe('outside text on Slack', () => {
  it('formats nothing, yet keeps what Slack would not format as typed', () => {
    const shown = slackText('*bold* _it_ ~s~ in snake_case at https://x.example/a_b; run `/papers topics`', 500);
    expect(shown).not.toMatch(/\*bold\*|_it_|~s~/);
    // An underscore inside a word never makes italics: a URL or identifier stays copyable.
    expect(shown).toContain('snake_case');
    expect(shown).toContain('https://x.example/a_b');
    expect(shown).toContain('`/papers topics`');
  });

  it('keeps every address as typed, whatever marker characters it holds', () => {
    // Summaries and notes carry project pages: a look-alike in one is another address when copied.
    const urls = ['https://people.example.edu/~ada/', 'https://x.example/_next/a_/b', 'http://y.example/q?x=*&y=~1_'];
    const shown = slackText(`code at ${urls[0]} and ${urls[1]}, ${urls[2]} *bold*`, 500);
    for (const url of urls) expect(shown).toContain(url.replace(/&/g, '&amp;'));
    expect(shown).not.toContain('*bold*');
  });

  it('formats nothing with the fullwidth markers Slack also reads, nor with its look-alikes', () => {
    for (const shown of [slackText('＿it＿ ＊bold＊ ｀c｀ _x_', 500), slackName('＿it＿ ＊bold＊ ｀c｀ _x_ snake_case', 500)]) {
      expect(shown).not.toMatch(/[＿＊｀`*]/);
      expect(shown).not.toMatch(/(^|\s)_/);
    }
  });

  it('starts no line with a quote', () => {
    // Slack quotes a line starting with a fullwidth ＞ too.
    expect(slackText('first\n> quoted\n  > indented\n＞ wide', 500)).not.toMatch(/^\s*(&gt;|＞)/m);
    // Nor an invisible hyphen, copied with the text, before a '>' within a line.
    expect(slackText('run `/papers topics` > 3 or https://x.example/a > b', 500)).not.toContain('\u00AD');
  });
});

describe('outside text on Discord', () => {
  it("breaks every markup '<' opens, and no other", () => {
    const shown = discordText('<t:1700000000:R> <a:party:123> <id:guide> </cmd:1> <:e:1> <@1> <arXiv id> <topic>', 500);
    expect(shown).not.toMatch(/<(t:|a:|id:|\/|:|@)/);
    expect(shown).toContain('<arXiv id> <topic>');
  });

  it('starts no line with a quote or subtext', () => {
    expect(discordText('> quoted\n>>> all of it\n-# small', 500)).not.toMatch(/^\s*(>|-#)/m);
  });
});

describe('a topic name in a digest', () => {
  // A name stored before backticks were dropped from names: the headline names it, and its
  // backticks are a name's, not the bot's code.
  const named = digestOf([item(1, { topicName: '**bold** _it_ `code`' })]);

  it('makes no code span or bold on Slack, in the thread root, the heading or the paper', () => {
    const parts = renderSlackDigestParts({ ...named, threads: true });
    const texts = parts.flatMap((p) => allStrings((p.payload as { blocks: unknown[] }).blocks));
    expect(texts.some((t) => t.includes('code'))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/`code`|\*\*bold|_it_/);
    for (const t of renderSlackDigest(named).flatMap((m) => allStrings(m.blocks))) expect(t).not.toMatch(/`code`|\*\*bold|_it_/);
  });

  it('makes no code span or bold in Discord text, and reads as typed where Discord renders no markdown', () => {
    for (const digest of [named, { ...named, threads: true }]) {
      const parts = renderDiscordDigestParts(digest);
      const body = parts[0]!.payload as { content: string; embeds: Array<{ author?: { name: string } }> };
      expect(body.content).toContain('\\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
    }
    // The embed's author line is plain text to Discord: escaped, it would show its backslashes.
    const embed = (renderDiscordDigest(named)[0]!.embeds[0]!) as { author?: { name: string } };
    expect(embed.author).toEqual({ name: '**bold** _it_ `code`' });
  });

  it('still keeps the bot\'s code in an empty digest\'s notes', () => {
    const empty = { ...digestOf([]), notes: ['`paperboy ingest` fetches the latest ones.'] };
    const slack = renderSlackDigest(empty).flatMap((m) => allStrings(m.blocks)).join('\n');
    expect(slack).toContain('`paperboy ingest`');
    expect(renderDiscordDigest(empty)[0]!.content).toContain('`paperboy ingest`');
  });
});
