import { describe, expect, it } from 'vitest';
import { SLACK_ACTIONS, slackBlockChars } from '../../../src/chat/slack/block-kit.js';
import { renderSlackDigest, renderSlackParts } from '../../../src/chat/slack/render.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/render-limits.js';
import { allStrings, digestOf, hasLoneSurrogate, hugeDigest, item } from './digest-fixture.js';

describe('renderSlackDigest', () => {
  it('renders header, a section per paper, topic context and the five buttons (Save included)', () => {
    const [msg, ...rest] = renderSlackDigest(digestOf([item(1), item(2)]));
    expect(rest).toHaveLength(0);
    expect(msg!.blocks[0]).toMatchObject({ type: 'header' });
    const papers = msg!.blocks.filter((b) => b.type === 'section' && b.block_id?.startsWith('paper:'));
    expect(papers).toHaveLength(2);
    const actions = msg!.blocks.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(2);
    const ids = actions.flatMap((a) => (a.type === 'actions' ? a.elements.map((e) => e.action_id) : []));
    expect(new Set(ids)).toEqual(new Set([SLACK_ACTIONS.open, SLACK_ACTIONS.pdf, SLACK_ACTIONS.up, SLACK_ACTIONS.down, SLACK_ACTIONS.save]));
    const up = actions.flatMap((a) => (a.type === 'actions' ? a.elements : [])).find((e) => e.action_id === 'feedback_up');
    expect(up?.value).toBe('audio-codecs|2611.10001');
    expect(JSON.stringify(msg)).toContain('<https://arxiv.org/abs/2611.10001|Paper 1');
    expect(msg!.text).toContain('2 new papers');
  });

  it('keeps every Block Kit limit for 60 papers with 2,000-char hostile titles', () => {
    const messages = renderSlackDigest(hugeDigest());
    expect(messages.length).toBeGreaterThan(1);
    const items = messages.flatMap((m) => m.blocks.filter((b) => b.type === 'section' && b.block_id?.startsWith('paper:')));
    expect(items).toHaveLength(60);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(slackBlockChars(m.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
      expect(m.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      for (const b of m.blocks) {
        if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
        if (b.type === 'actions') for (const e of b.elements) expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      }
      const blockIds = m.blocks.flatMap((b) => ('block_id' in b && b.block_id ? [b.block_id] : []));
      expect(new Set(blockIds).size).toBe(blockIds.length);
    }
  });

  it('neutralises mentions, fake links, control and bidi characters and never splits a character', () => {
    for (const m of renderSlackDigest(hugeDigest())) {
      for (const s of allStrings(m)) {
        expect(s).not.toMatch(/<!(channel|here|everyone)/);
        expect(s).not.toMatch(/<@/);
        expect(s).not.toMatch(/<#C/);
        expect(s).not.toContain('<https://evil');
        expect(s).not.toMatch(/[\u0000\u001b\u202E]/);
        expect(hasLoneSurrogate(s)).toBe(false);
        // a cut never leaves half an entity like "&am…"
        expect(s).not.toMatch(/&[a-z]{0,3}…/);
      }
    }
  });

  it('shows a topic name with mrkdwn markers in it as written, without breaking the bold around it', () => {
    const name = '**block diffusion** _drafting_ `x` ~y~';
    const [msg] = renderSlackDigest(digestOf([item(1, { topicName: name })]));
    const texts = allStrings(msg!.blocks).filter((t) => t.includes('block diffusion'));
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      // Only the bold's own two markers are left: *∗∗block diffusion∗∗ ˍdraftingˍ ˋxˋ ∼y∼* (a fullwidth ＿ is a marker to Slack too).
      const inner = /\*([^*]*block diffusion[^*]*)\*/.exec(t)?.[1];
      expect(inner).toBe('\u2217\u2217block diffusion\u2217\u2217 \u02CDdrafting\u02CD \u02CBx\u02CB \u223Cy\u223C');
    }
  });

  it('numbers parts and gives each its own dedupe key, stable across renders', () => {
    const a = renderSlackParts(hugeDigest());
    const b = renderSlackParts(hugeDigest());
    expect(a.map((p) => p.dedupeKey)).toEqual(b.map((p) => p.dedupeKey));
    expect(new Set(a.map((p) => p.dedupeKey)).size).toBe(a.length);
    expect(a.every((p, i) => p.part === i + 1 && p.totalParts === a.length)).toBe(true);
    expect(JSON.stringify(a[0]!.payload)).toContain(a[0]!.dedupeKey);
  });

  it('renders a one-line "no new papers" message for an empty digest', () => {
    const [msg, ...rest] = renderSlackDigest(digestOf([]));
    expect(rest).toHaveLength(0);
    expect(JSON.stringify(msg)).toContain('No new papers');
  });

  it('drops links that are not http(s)', () => {
    const [msg] = renderSlackDigest(digestOf([item(1, { absUrl: 'javascript:alert(1)', pdfUrl: 'data:text/html,x' })]));
    const s = JSON.stringify(msg);
    expect(s).not.toContain('javascript:');
    expect(s).not.toContain('data:text');
    expect(s).toContain('feedback_up');
  });
});

describe('stable splitting', () => {
  it('splits the same way after upvotes change (a resumed digest re-renders the same parts)', () => {
    const d = hugeDigest();
    const bumped = { ...d, sections: d.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, upvotes: (i.upvotes ?? 0) * 1000 + 999 })) })) };
    const ids = (msgs: ReturnType<typeof renderSlackDigest>) => msgs.map((m) => m.blocks.flatMap((b) => ('block_id' in b && b.block_id?.startsWith('paper:') ? [b.block_id] : [])));
    expect(ids(renderSlackDigest(bumped))).toEqual(ids(renderSlackDigest(d)));
  });
});
