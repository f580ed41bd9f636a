/**
 * Property-style checks over random hostile text, for every renderer: the digest renderers and
 * the command-reply renderers of both platforms. Whatever a paper or a reply contains, every
 * rendered message keeps the platform limits, never splits a character or an escape, never
 * forms a mention or a link of its own, and (Slack) never lets Slack auto-parse its text.
 * Deterministic PRNG so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { paperButtons, type Reply, type ReplyBlock } from '../../../src/chat/commands/reply.js';
import type { PaperCard } from '../../../src/chat/commands/services.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { embedChars } from '../../../src/chat/discord/components.js';
import { renderDiscordDigest } from '../../../src/chat/discord/render.js';
import { DISCORD_LIMITS } from '../../../src/chat/discord/render-limits.js';
import { slackBlockChars, type SlackBlock } from '../../../src/chat/slack/block-kit.js';
import { renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { renderSlackDigest } from '../../../src/chat/slack/render.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/render-limits.js';
import { truncate } from '../../../src/chat/text/clean.js';
import { renderDiscordDigestParts } from '../../../src/chat/discord/render-thread.js';
import { renderSlackDigestParts } from '../../../src/chat/slack/render-thread.js';
import { checkMessage } from '../../helpers/fake-discord.js';
import { checkBlocks } from '../../helpers/fake-slack.js';
import { allStrings, digestOf, hasLoneSurrogate, item } from './digest-fixture.js';

const PIECES = ['&', '<', '>', '@', '@everyone', '@here', '@channel', '<!channel>', '<!here>', '<@U1>', '<@&2>', '<#C1>', '[x](https://evil.example)', '\\', '\\\\', '\\[', '\\](https://evil.example)', '*', '_', '~', '`', '|', '[', ']', '(', ')', '#', '-', '\n', ' ', 'a', 'Z', '9', '😀', '👩🏽‍💻', '🇩🇪', 'e\u0301', 'ש', 'م', '\u202E', '\u0000', '\u001b', '&amp;', 'https://x.y/'];

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/** Characters that cleaning removes or folds away: text made only of them is blank in a message. */
const BLANKS = ['\u0000', '\u001b', '\u202E', '\u2066', '\u200E', '\n', '\t', ' ', '\r\n', '\u0085'];

function blank(r: () => number, max: number): string {
  let out = '';
  for (let n = 1 + Math.floor(r() * max); n > 0; n--) out += BLANKS[Math.floor(r() * BLANKS.length)];
  return out;
}

function hostile(r: () => number, max: number): string {
  const n = Math.floor(r() * max);
  let out = '';
  while (out.length < n) out += PIECES[Math.floor(r() * PIECES.length)];
  return out;
}

function hostileItems(r: () => number) {
  return Array.from({ length: 5 + Math.floor(r() * 40) }, (_, i) =>
    item(i, { title: hostile(r, 2500), summary: hostile(r, 3000), why: hostile(r, 600), authors: [hostile(r, 80), hostile(r, 80)], topicName: hostile(r, 300) || 'x' }),
  );
}

/** A reply as the handlers build them (search, digest preview, subscribe), with hostile text everywhere. */
function hostileReply(r: () => number): Reply {
  const blocks: ReplyBlock[] = [{ type: 'header', text: hostile(r, 400) }, { type: 'text', text: hostile(r, 4000) }, { type: 'context', text: hostile(r, 600) }];
  for (const [i, it] of hostileItems(r).entries()) {
    const paper: PaperCard = { arxivId: it.arxivId, title: it.title, authors: it.authors, absUrl: it.absUrl, pdfUrl: it.pdfUrl, summary: it.summary, upvotes: it.upvotes, publishedAt: it.publishedAt };
    blocks.push({ type: 'paper', paper, note: i % 3 ? it.why : null, buttons: paperButtons(paper, `topic-${i}`) });
  }
  blocks.push({ type: 'buttons', buttons: [{ label: hostile(r, 200), action: { kind: 'subscribe', topicSlug: 'audio-codecs' }, style: 'primary' }] });
  return { visibility: 'ephemeral', text: hostile(r, 5000), blocks };
}

/** Every mrkdwn text object in a Slack payload (where Slack parses mentions and links). */
function mrkdwnObjects(payload: unknown): Array<{ text: string; verbatim?: boolean }> {
  const out: Array<{ text: string; verbatim?: boolean }> = [];
  JSON.stringify(payload, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'mrkdwn') out.push(v as { text: string; verbatim?: boolean });
    return v;
  });
  return out;
}

function checkSlack(blocks: readonly SlackBlock[], text: string, maxBlocks: number) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(slackBlockChars(blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
  expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
      for (const e of b.elements) {
        expect(e.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
        expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect((e.value ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
        if (e.url) expect(e.url).toMatch(/^https:\/\/arxiv\.org\//);
      }
    }
  }
  const objects = mrkdwnObjects(blocks);
  expect(objects.length).toBeGreaterThan(0);
  for (const o of objects) expect(o.verbatim).toBe(true);
  for (const s of allStrings(blocks)) {
    expect(hasLoneSurrogate(s)).toBe(false);
    expect(s).not.toMatch(/[\u0000\u001b\u202E]/);
  }
  // mrkdwn and the fallback text are where Slack parses; plain_text (headers, button labels) is literal.
  for (const s of [text, ...objects.map((o) => o.text)]) {
    expect(hasLoneSurrogate(s)).toBe(false);
    // No mention syntax, and the only links are the ones made from paper URLs.
    expect(s).not.toMatch(/<[!@#]/);
    expect(s).not.toMatch(/<(?!https:\/\/arxiv\.org\/abs\/)[^ ]*\|/);
    expect(s).not.toMatch(/&(a|am|l|g|amp|lt|gt)?…/);
  }
}

type DiscordPayload = { content: string; embeds: Array<{ title?: string; description?: string; footer?: { text: string }; author?: { name: string } }>; components: Array<{ components: readonly object[] }>; allowed_mentions: unknown };

function checkDiscord(m: DiscordPayload) {
  expect(m.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(m.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect(m.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
  expect(m.allowed_mentions).toEqual({ parse: [] });
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
    for (const b of row.components as Array<{ custom_id?: string; label?: string; url?: string }>) {
      if (b.custom_id) expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      if (b.label) expect(b.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
      if (b.url) expect(b.url).toMatch(/^https:\/\/arxiv\.org\//);
    }
  }
  for (const e of m.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
  }
  // Markdown-rendered text: content, titles, descriptions.
  for (const s of [m.content, ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? ''])]) {
    expect(hasLoneSurrogate(s)).toBe(false);
    expect(s).not.toMatch(/[\u0000\u001b\u202E]/);
    expect(s).not.toMatch(/@(everyone|here)|<@|<#/);
    // A `]` not escaped by an odd run of backslashes, right before `(`, would close a masked link.
    expect(s).not.toMatch(/(?<!\\)(\\\\)*\]\(/);
    expect(s).not.toMatch(/(?<!\\)(\\\\)*\\…$/);
  }
  for (const s of allStrings(m.embeds)) expect(s).not.toMatch(/@(everyone|here)|<@/);
}

/** Text as the random generators make it, or (one time in three) text that cleans to nothing. */
function hostileOrBlank(r: () => number, max: number): string {
  return r() < 0.33 ? blank(r, 20) : hostile(r, max);
}

function blankishReply(r: () => number): Reply {
  const blocks: ReplyBlock[] = [{ type: 'header', text: hostileOrBlank(r, 400) }, { type: 'text', text: hostileOrBlank(r, 4000) }, { type: 'context', text: hostileOrBlank(r, 600) }];
  for (const [i, it] of hostileItems(r).slice(0, 8).entries()) {
    const paper: PaperCard = { arxivId: it.arxivId, title: hostileOrBlank(r, 300), authors: [hostileOrBlank(r, 40)], absUrl: it.absUrl, pdfUrl: it.pdfUrl, summary: hostileOrBlank(r, 300), upvotes: it.upvotes, publishedAt: it.publishedAt };
    blocks.push({ type: 'paper', paper, note: i % 2 ? hostileOrBlank(r, 200) : null, buttons: paperButtons(paper, `topic-${i}`) });
  }
  blocks.push({ type: 'buttons', buttons: [{ label: hostileOrBlank(r, 200), action: { kind: 'subscribe', topicSlug: 'audio-codecs' }, style: 'primary' }] });
  return { visibility: 'ephemeral', text: hostileOrBlank(r, 5000), blocks };
}

// The fake platforms' own checks (test/helpers), as Slack's and Discord's APIs make them: every
// payload a renderer makes must pass them, whatever the text (also text that cleans to nothing,
// which Block Kit refuses: a text object "must be more than 0 characters").
describe('every rendered payload passes the fake platforms\' checks', () => {
  for (let seed = 1; seed <= 8; seed++) {
    it(`seed ${seed}: digests (packed and threaded) and command replies`, () => {
      const r = rng(seed * 104729);
      const items = hostileItems(r).map((it) => ({ ...it, title: hostileOrBlank(r, 2500), summary: hostileOrBlank(r, 800), why: hostileOrBlank(r, 300), authors: [hostileOrBlank(r, 60)], topicName: hostileOrBlank(r, 200) }));
      for (const threads of [false, true]) {
        for (const p of renderSlackDigestParts(digestOf(items, { threads }))) {
          const payload = p.payload as { text: string; blocks: Array<Record<string, unknown>> };
          expect(checkBlocks(payload.blocks), JSON.stringify(payload).slice(0, 2000)).toBeNull();
          expect(payload.text.length).toBeGreaterThan(0);
        }
        for (const p of renderDiscordDigestParts(digestOf(items, { platform: 'discord', targetId: 'discord:1', threads }))) {
          expect(checkMessage(p.payload as Record<string, unknown>), JSON.stringify(p.payload).slice(0, 2000)).toBeNull();
        }
      }
      const reply = blankishReply(r);
      const slack = renderSlackReply(reply);
      expect(checkBlocks(slack.blocks as unknown as Array<Record<string, unknown>>), JSON.stringify(slack).slice(0, 2000)).toBeNull();
      expect(checkMessage(renderDiscordReply(reply) as unknown as Record<string, unknown>)).toBeNull();
    });
  }
});

describe('renderers over random hostile text', () => {
  for (let seed = 1; seed <= 6; seed++) {
    it(`seed ${seed}: digests keep limits, whole characters, no mentions or links`, () => {
      const items = hostileItems(rng(seed));
      for (const m of renderSlackDigest(digestOf(items))) checkSlack(m.blocks, m.text, SLACK_LIMITS.blocksPerMessage);
      for (const m of renderDiscordDigest(digestOf(items, { platform: 'discord', targetId: 'discord:1' }))) checkDiscord(m);
    });

    it(`seed ${seed}: command replies keep limits, whole characters, no mentions or links`, () => {
      const reply = hostileReply(rng(seed * 7919));
      const slack = renderSlackReply(reply);
      checkSlack(slack.blocks, slack.text, SLACK_LIMITS.blocksPerMessage);
      checkDiscord(renderDiscordReply(reply));
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
