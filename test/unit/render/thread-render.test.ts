/**
 * Threaded digests and digest languages in the pure renderers: a root plus one message per
 * paper, each inside the platform's limits however hostile the paper; catalog words, the
 * untranslated note exactly once, and the same parts on every render (resume relies on it).
 */
import { describe, expect, it } from 'vitest';
import { renderDiscordDigestParts } from '../../../src/chat/discord/render-thread.js';
import { renderSlackDigestParts } from '../../../src/chat/slack/render-thread.js';
import { checkMessage } from '../../helpers/fake-discord.js';
import { checkBlocks } from '../../helpers/fake-slack.js';
import { allStrings, digestOf, hugeDigest, item } from './digest-fixture.js';

describe('threaded digests', () => {
  it('Slack: a root and one reply per paper, each within Block Kit limits, hostile text escaped', () => {
    const digest = { ...hugeDigest('slack'), threads: true, language: 'de', summariesUntranslated: true };
    const parts = renderSlackDigestParts(digest);
    expect(parts).toHaveLength(61);
    expect(parts.map((p) => p.thread)).toEqual(['root', ...Array(60).fill('reply')]);
    expect(parts[0]!.threadName!.length).toBeLessThanOrEqual(100);
    for (const p of parts) {
      const payload = p.payload as { text: string; blocks: Array<Record<string, unknown>> };
      expect(checkBlocks(payload.blocks)).toBeNull();
      expect(payload.text.length).toBeLessThanOrEqual(3000);
      for (const s of allStrings(payload.blocks)) expect(s).not.toMatch(/<!(channel|here|everyone)>|<@U/);
    }
    expect(new Set(parts.map((p) => p.dedupeKey)).size).toBe(61);
    expect(JSON.stringify(parts).split('Die Zusammenfassungen stehen').length).toBe(2);
    expect(renderSlackDigestParts(digest)).toEqual(parts);
  });

  it('Discord: a root and one embed per reply, each within message limits, mentions off', () => {
    const digest = { ...hugeDigest('discord'), threads: true };
    const parts = renderDiscordDigestParts(digest);
    expect(parts).toHaveLength(61);
    for (const p of parts) {
      const body = p.payload as Record<string, unknown>;
      expect(checkMessage(body)).toBeNull();
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    expect(parts[0]!.threadName!.length).toBeLessThanOrEqual(100);
  });

  it('an empty threaded digest is the root alone; a digest without threads keeps its packed parts', () => {
    expect(renderSlackDigestParts(digestOf([], { threads: true })).map((p) => p.thread)).toEqual(['root']);
    const packed = renderSlackDigestParts(digestOf([item(1), item(2)]));
    expect(packed).toHaveLength(1);
    expect(packed[0]!.thread).toBeUndefined();
  });

  it('catalog words in French on both platforms; English when no language is set', () => {
    const fr = digestOf([item(1), item(2)], { language: 'fr' });
    const slack = JSON.stringify(renderSlackDigestParts(fr));
    expect(slack).toContain('2 nouvelles publications');
    expect(slack).toContain('Ouvrir');
    expect(slack).not.toContain('Les résumés'); // translated summaries: no note
    const discord = JSON.stringify(renderDiscordDigestParts({ ...fr, platform: 'discord', targetId: 'discord:1' }));
    expect(discord).toContain('**Pourquoi:**');
    expect(discord).toContain('🔖 Enregistrer');
    expect(JSON.stringify(renderSlackDigestParts(digestOf([item(1)])))).toContain('1 new paper');
  });
});
