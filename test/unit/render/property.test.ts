/**
 * Property-style checks over random hostile text: whatever a paper contains, every rendered
 * message keeps the platform limits, never splits a character or an escape, and never forms a
 * mention. Deterministic PRNG so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { embedChars, renderDiscordDigest } from '../../../src/chat/discord/render.js';
import { DISCORD_LIMITS } from '../../../src/chat/discord/render-limits.js';
import { renderSlackDigest, slackBlockChars } from '../../../src/chat/slack/render.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/render-limits.js';
import { truncate } from '../../../src/chat/text/clean.js';
import { allStrings, digestOf, hasLoneSurrogate, item } from './digest-fixture.js';

const PIECES = ['&', '<', '>', '@', '@everyone', '@here', '<!channel>', '<@U1>', '<@&2>', '\\', '*', '_', '~', '`', '|', '[', ']', '(', ')', '#', '-', '\n', ' ', 'a', 'Z', '9', '😀', '👩🏽‍💻', '🇩🇪', 'e\u0301', 'ש', 'م', '\u202E', '\u0000', '\u001b', '&amp;', 'https://x.y/'];

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function hostile(r: () => number, max: number): string {
  const n = Math.floor(r() * max);
  let out = '';
  while (out.length < n) out += PIECES[Math.floor(r() * PIECES.length)];
  return out;
}

describe('renderers over random hostile text', () => {
  for (let seed = 1; seed <= 6; seed++) {
    it(`seed ${seed}: limits, whole characters, no mentions`, () => {
      const r = rng(seed);
      const items = Array.from({ length: 5 + Math.floor(r() * 40) }, (_, i) =>
        item(i, { title: hostile(r, 2500), summary: hostile(r, 3000), why: hostile(r, 600), authors: [hostile(r, 80), hostile(r, 80)], topicName: hostile(r, 300) || 'x' }),
      );
      for (const m of renderSlackDigest(digestOf(items))) {
        expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
        expect(slackBlockChars(m.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
        for (const s of allStrings(m)) {
          expect(hasLoneSurrogate(s)).toBe(false);
          expect(s).not.toMatch(/<[!@#]/);
          expect(s).not.toMatch(/&(a|am|l|g|amp|lt|gt)?…/);
        }
      }
      for (const m of renderDiscordDigest(digestOf(items, { platform: 'discord', targetId: 'discord:1' }))) {
        expect(m.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
        expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
        for (const s of allStrings({ c: m.content, e: m.embeds })) {
          expect(hasLoneSurrogate(s)).toBe(false);
          expect(s).not.toMatch(/@(everyone|here)|<@/);
          expect(s).not.toMatch(/(?<!\\)(\\\\)*\\…$/);
        }
      }
    });
  }

  it('truncate never exceeds the limit and never splits a grapheme', () => {
    const r = rng(99);
    for (let i = 0; i < 300; i++) {
      const s = hostile(r, 400);
      const max = 1 + Math.floor(r() * 200);
      const t = truncate(s, max);
      expect(t.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(t)).toBe(false);
      if (t !== s) {
        expect(t.endsWith('…')).toBe(true);
        expect(s.startsWith(t.slice(0, -1))).toBe(true);
      }
    }
  });
});
