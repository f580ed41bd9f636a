import { describe, expect, it } from 'vitest';
import { embedChars } from '../../../src/chat/discord/components.js';
import { renderDiscordDigest, renderDiscordParts } from '../../../src/chat/discord/render.js';
import { DISCORD_LIMITS } from '../../../src/chat/discord/render-limits.js';
import { escapeDiscord } from '../../../src/chat/text/discord-escape.js';
import { allStrings, digestOf, hasLoneSurrogate, hugeDigest, item } from './digest-fixture.js';

describe('renderDiscordDigest', () => {
  it('renders one embed and one button row per paper with feedback ids and link buttons', () => {
    const [msg, ...rest] = renderDiscordDigest(digestOf([item(1), item(2)], { platform: 'discord', targetId: 'discord:1' }));
    expect(rest).toHaveLength(0);
    expect(msg!.embeds).toHaveLength(2);
    expect(msg!.components).toHaveLength(2);
    expect(msg!.allowed_mentions).toEqual({ parse: [] });
    const row = msg!.components[0]!.components;
    // Rows come under all the embeds: each paper's row starts with its number, as its title does.
    expect(msg!.embeds.map((e) => e.title!.slice(0, 3))).toEqual(['1. ', '2. ']);
    expect(row.map((b) => ('url' in b ? b.label : b.custom_id))).toEqual(['1. Open', 'PDF', 'fb:up:audio-codecs:2611.10001', 'fb:down:audio-codecs:2611.10001', 'save:u:2611.10001']);
    const ids = msg!.components.flatMap((r) => r.components.flatMap((b) => ('custom_id' in b ? [b.custom_id] : [])));
    expect(ids).toContain('fb:up:audio-codecs:2611.10001');
    expect(ids).toContain('fb:down:audio-codecs:2611.10001');
    expect(msg!.embeds[0]!.url).toMatch(/^https:\/\/arxiv\.org\/abs\//);
  });

  it('keeps every embed and message limit for 60 papers with 2,000-char hostile titles', () => {
    const messages = renderDiscordDigest(hugeDigest('discord'));
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(60);
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(m.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
      expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      for (const e of m.embeds) {
        expect(e.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
        expect(e.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
        expect(e.author!.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedAuthor);
      }
      for (const r of m.components) {
        expect(r.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
        for (const b of r.components) if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      }
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('neutralises mentions and masked links, and never splits a character', () => {
    for (const m of renderDiscordDigest(hugeDigest('discord'))) {
      for (const s of allStrings({ content: m.content, embeds: m.embeds })) {
        expect(s).not.toMatch(/@(everyone|here)/);
        expect(s).not.toMatch(/<[@#]/);
        expect(s).not.toMatch(/[\u0000\u001b\u202E]/);
        expect(hasLoneSurrogate(s)).toBe(false);
        expect(s).not.toMatch(/(?<!\\)(\\\\)*\\…$/);
      }
    }
  });

  it('leaves no masked link in markdown-rendered fields (author names are not rendered as markdown)', () => {
    for (const m of renderDiscordDigest(hugeDigest('discord'))) {
      const rendered = [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])];
      for (const s of rendered) expect(s).not.toMatch(/(?<!\\)\[Click me(?<!\\)\]\(/);
    }
  });

  it('escapes markdown so a title cannot format or link', () => {
    const s = escapeDiscord('**bold** [x](https://evil.example) @everyone <@123> <@&5>');
    expect(s).not.toContain('**bold**');
    expect(s).toContain('\\[x\\]');
    expect(s).not.toMatch(/@everyone|<@/);
  });

  it('escapes a bracket that follows a backslash: escapeMarkdown doubles the backslash, leaving the bracket live', () => {
    for (const raw of ['\\\\[x\\\\](https://evil.example)', '\\[x\\](https://evil.example)', 'a\\](b)']) {
      // Every bracket sits after an odd run of backslashes, so it is escaped.
      expect(escapeDiscord(raw)).not.toMatch(/(?<!\\)(\\\\)*[[\]]/);
    }
  });

  it('puts the dedupe key in the last embed footer, or in the content when empty', () => {
    const parts = renderDiscordParts(hugeDigest('discord'));
    for (const p of parts) expect(JSON.stringify(p.payload)).toContain(p.dedupeKey);
    const [empty] = renderDiscordParts(digestOf([], { platform: 'discord', targetId: 'discord:1' }));
    expect((empty!.payload as { content: string }).content).toContain(empty!.dedupeKey);
    expect((empty!.payload as { content: string }).content).toContain('No new papers');
  });

  it('each part\'s text names the papers that part carries, not every paper of the digest', () => {
    const parts = renderDiscordParts(digestOf(Array.from({ length: 12 }, (_, i) => item(i)), { platform: 'discord', targetId: 'discord:1' }));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      const carried = (p.payload as { embeds: Array<{ url?: string }> }).embeds.map((e) => e.url!.split('/').pop()!);
      const named = [...p.text.matchAll(/• Paper (\d+):/g)].map((m) => `2611.${10000 + Number(m[1])}`);
      expect(new Set(named)).toEqual(new Set(carried));
    }
  });
});

describe('stable splitting', () => {
  it('splits the same way after upvotes change', () => {
    const d = hugeDigest('discord');
    const bumped = { ...d, sections: d.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, upvotes: (i.upvotes ?? 0) * 1000 + 999 })) })) };
    const count = (ms: ReturnType<typeof renderDiscordDigest>) => ms.map((m) => m.embeds.length);
    expect(count(renderDiscordDigest(bumped))).toEqual(count(renderDiscordDigest(d)));
  });
});

describe('inline code', () => {
  it('is shown as code, as on Slack, not with its backticks escaped', () => {
    expect(escapeDiscord('Use `/papers subscribe <topic>` for yourself.')).toBe('Use `/papers subscribe <topic>` for yourself.');
    expect(escapeDiscord('**bold** `x` *y*')).toBe('\\*\\*bold\\*\\* `x` \\*y\\*');
  });

  it('still breaks mentions inside it, and escapes a span that could read as a link', () => {
    expect(escapeDiscord('`@everyone`')).toBe('`@\u200beveryone`');
    expect(escapeDiscord('`[x](https://evil.example)`')).not.toMatch(/(?<!\\)\]\(/);
  });
});
