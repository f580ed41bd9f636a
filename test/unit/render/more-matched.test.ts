/** A digest the cap cut says how many more papers matched, once, on every platform and in its language. */
import { describe, expect, it } from 'vitest';
import { renderDiscordDigestParts } from '../../../src/chat/discord/render-thread.js';
import { renderSlackDigest } from '../../../src/chat/slack/render.js';
import { renderDigestText } from '../../../src/chat/text/plain.js';
import { buildDigest } from '../../../src/core/digest/build.js';
import { digestOf, item } from './digest-fixture.js';

describe('papers the cap left out', () => {
  const digest = digestOf([item(1), item(2)], { moreMatched: 1234 });

  it('are counted once per digest on the console, in Slack and in Discord', () => {
    // A channel's digest speaks of the channel's topics, a DM of the person's own.
    expect(renderDigestText(digest)).toContain("1,234 more papers matched this channel's topics beyond these 2.");
    const slack = JSON.stringify(renderSlackDigest(digest).map((m) => m.blocks));
    expect(slack.split('1,234 more papers matched').length).toBe(2);
    const discord = JSON.stringify(renderDiscordDigestParts({ ...digest, platform: 'discord' }));
    expect(discord.split('1,234 more papers matched').length).toBe(2);
    expect(renderDigestText(digestOf([item(1)], { moreMatched: 1, whose: 'user' }))).toContain('1 more paper matched your topics beyond this one.');
  });

  it('in the digest\'s language, and not at all when nothing was left out', () => {
    expect(renderDigestText({ ...digest, language: 'de' })).toContain('1.234 weitere Paper passten zu den Themen dieses Kanals, über diese 2 hinaus.');
    expect(renderDigestText({ ...digest, language: 'de', whose: 'user' })).toContain('1.234 weitere Paper passten zu deinen Themen, über diese 2 hinaus.');
    expect(renderDigestText({ ...digest, language: 'fr' })).toContain('en plus de ces 2.');
    expect(renderDigestText(digestOf([item(1), item(2)]))).not.toContain('more paper');
  });

  it('come from the plan, and an empty digest says nothing of them', () => {
    const plan = { targetId: 'slack:C1', windowStart: null, windowEnd: new Date('2026-11-28T09:00:00Z'), createdAt: new Date(), items: [{ arxivId: item(1).arxivId, topicSlug: item(1).topicSlug, score: 0.9, why: 'w' }], moreMatched: 7 };
    const paper = { ...item(1), source: 'hf', version: null, categories: [], aiKeywords: [], aiSummary: null, firstSeenAt: new Date(), updatedAt: new Date(), githubUrl: null, projectUrl: null } as never;
    expect(buildDigest({ target: { id: 'slack:C1', platform: 'slack', kind: 'channel' }, plan, papers: new Map([[item(1).arxivId, paper]]), topicNames: new Map() }).moreMatched).toBe(7);
    expect(buildDigest({ target: { id: 'slack:C1', platform: 'slack', kind: 'channel' }, plan, papers: new Map(), topicNames: new Map() }).moreMatched).toBeUndefined();
  });
});
