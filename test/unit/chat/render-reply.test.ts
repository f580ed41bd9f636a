import { describe, expect, it } from 'vitest';
import { paperButtons, type Reply } from '../../../src/chat/commands/reply.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { decodeCustomId, encodeCustomId, topicRef } from '../../../src/chat/discord/commands/custom-ids.js';
import { slackBlockChars } from '../../../src/chat/slack/block-kit.js';
import { renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { SLACK_LIMITS } from '../../../src/chat/slack/render-limits.js';
import { paper } from './fake-services.js';
import { discordPaperRow } from '../../../src/chat/discord/render.js';
import { slackPaperBlocks } from '../../../src/chat/slack/render.js';
import { item } from '../render/digest-fixture.js';
import { authorLine } from '../../../src/chat/text/clean.js';
import { checkMessage } from '../../helpers/fake-discord.js';
import { checkBlocks } from '../../helpers/fake-slack.js';

const HOSTILE = '<!channel> @everyone @here <@U123> <#C1> <@&99> **b** `c` [x](https://evil.example) |pipe| שלום 🎧 \u202e';

function huge(n: number, titleLength: number): Reply {
  return {
    visibility: 'ephemeral',
    text: HOSTILE.repeat(500),
    blocks: [
      { type: 'header', text: HOSTILE.repeat(20) },
      { type: 'text', text: HOSTILE.repeat(400) },
      ...Array.from({ length: n }, (_, i) => {
        const p = { ...paper(i, `${HOSTILE} ${'t'.repeat(titleLength)}`), authors: Array.from({ length: 40 }, () => HOSTILE), summary: HOSTILE.repeat(100) };
        return { type: 'paper' as const, paper: p, note: HOSTILE.repeat(100), buttons: paperButtons(p, `topic-${'x'.repeat(i * 3)}`) };
      }),
      { type: 'buttons', buttons: [{ label: HOSTILE.repeat(5), action: { kind: 'subscribe', topicSlug: 'audio-codecs' } }] },
    ],
  };
}

describe('a reply whose text cleans to nothing (only control, bidi or space characters)', () => {
  const blank = '\u0000 \u202e\n\u001b\t';
  const reply: Reply = {
    visibility: 'ephemeral',
    text: blank,
    blocks: [
      { type: 'header', text: blank },
      { type: 'text', text: blank },
      { type: 'context', text: blank },
      { type: 'buttons', buttons: [{ label: blank, action: { kind: 'subscribe', topicSlug: 'audio-codecs' } }] },
    ],
  };

  it('Slack: no empty text object or button label (invalid_blocks), and a text Slack takes', () => {
    const out = renderSlackReply(reply);
    expect(checkBlocks(out.blocks as unknown as Array<Record<string, unknown>>)).toBeNull();
    expect(out.blocks).toEqual([]);
    expect(out.text).toBe('…');
  });

  it('Discord: no empty bold or subtext marks, no label-less button, and never an empty message (50006)', () => {
    const out = renderDiscordReply(reply);
    expect(checkMessage(out as unknown as Record<string, unknown>)).toBeNull();
    expect(out.content).toBe('…');
    expect(out.components).toEqual([]);
  });

  it('blank blocks go, the rest stays', () => {
    const mixed: Reply = { ...reply, text: 'Topics', blocks: [{ type: 'header', text: blank }, { type: 'text', text: 'Topics you follow' }, { type: 'context', text: blank }] };
    expect(renderSlackReply(mixed).blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Topics you follow', verbatim: true } }]);
    expect(renderDiscordReply(mixed).content).toBe('Topics you follow');
  });
});

describe('Slack reply rendering', () => {
  it('keeps Block Kit limits and lets no mention or link through, for 60 papers with 2,000-character titles', () => {
    const out = renderSlackReply(huge(60, 2000));
    expect(out.blocks.length).toBeLessThanOrEqual(50);
    expect(out.text.length).toBeLessThanOrEqual(3000);
    for (const b of out.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: { text: string } | string; action_id?: string; value?: string }> }>) {
      if (b.type === 'header') expect([...b.text!.text].length).toBeLessThanOrEqual(150);
      if (b.type === 'section') expect([...b.text!.text].length).toBeLessThanOrEqual(3000);
      for (const e of b.elements ?? []) {
        if (e.action_id) {
          expect(e.action_id.length).toBeLessThanOrEqual(255);
          expect([...(e.text as { text: string }).text].length).toBeLessThanOrEqual(75);
          expect((e.value ?? '').length).toBeLessThanOrEqual(2000);
        }
      }
    }
    // mrkdwn is where Slack parses mentions and links; plain_text (headers, buttons) is literal.
    const mrkdwn: string[] = [out.text];
    JSON.stringify(out, (k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'mrkdwn') mrkdwn.push((v as { text: string }).text);
      return v;
    });
    expect(mrkdwn.length).toBeGreaterThan(3);
    // Cut to the message's character budget (msg_blocks_too_long), saying so.
    expect(slackBlockChars(out.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
    expect(JSON.stringify(out.blocks.at(-1))).toMatch(/Showing \d+ of 60 papers: Slack has no room for more here/);
    const json = mrkdwn.join('\n');
    expect(json).not.toMatch(/<!channel>|<@U123>|<#C1>|<https:\/\/evil/);
    // The only links are the ones we made from paper URLs.
    expect([...json.matchAll(/<(https?:[^|>]+)\|/g)].every((m) => m[1]!.startsWith('https://arxiv.org/abs/'))).toBe(true);
  });
});

describe('Slack titles inside formatting', () => {
  it('a title or author with mrkdwn markers cannot end its bold or italics early', () => {
    const title = 'A* search with Q_learning and ~approximate~ `code`: $\\ell_1$ | $|x|$';
    const reply = renderSlackReply({ text: 't', visibility: 'ephemeral', blocks: [{ type: 'paper', paper: { ...paper(1, title), authors: ['J_Doe*'] }, note: null, buttons: [] }] });
    const digest = slackPaperBlocks(item(1, { title, authors: ['J_Doe*'] }));
    for (const text of [JSON.stringify(reply.blocks), JSON.stringify(digest)]) {
      const section = /"text":"(\*<https[^"]*)"/.exec(text)![1]!;
      const label = /\|(.*)>\*/.exec(section)![1]!;
      // The only markers left are the ones the renderer put around the title and authors.
      expect(label).not.toMatch(/[*_~`|]/);
      expect(label).toContain('search with Q');
      expect(section).not.toContain('J_Doe*');
    }
  });
});

describe('Discord reply rendering', () => {
  it('keeps message limits, never pings, and drops buttons whose ids would be too long', () => {
    const out = renderDiscordReply(huge(60, 2000));
    expect([...out.content].length).toBeLessThanOrEqual(2000);
    expect(out.embeds.length).toBeLessThanOrEqual(10);
    const total = out.embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(6000);
    for (const e of out.embeds) expect([...(e.title ?? '')].length).toBeLessThanOrEqual(256);
    expect(out.components.length).toBeLessThanOrEqual(5);
    for (const row of out.components) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const b of row.components) if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    }
    expect(out.allowed_mentions).toEqual({ parse: [] });
    expect(out.flags).toBe(64);
    expect(out.content).not.toMatch(/@everyone|@here|<@U123>|<#C1>|<@&99>|(?<!\\)\](?=\()/);
  });

  it('escapes paper titles in embeds like the digest does: no raw @everyone, role mention or masked link', () => {
    // Issue 13: `/papers search` put titles in embed titles unescaped.
    const title = 'Attack @everyone <@&123> @here [x](https://evil.example) **bold**';
    const p = paper(1, title);
    const out = renderDiscordReply({ visibility: 'ephemeral', text: title, blocks: [{ type: 'paper', paper: p, note: null, buttons: paperButtons(p, 'rlhf') }] });
    const embedTitle = out.embeds[0]!.title!;
    expect(embedTitle).not.toMatch(/@(everyone|here)|<@|(?<!\\)\[x(?<!\\)\]\(/);
    expect(embedTitle).toContain('\\[x\\]');
    expect(embedTitle).toContain('\\*\\*bold');
  });

  it('round-trips button ids, including the digest renderer’s feedback format', () => {
    const fb = { kind: 'feedback', verdict: 'up', topicSlug: 'audio-codecs', arxivId: 'feed:abc:def' } as const;
    expect(decodeCustomId(encodeCustomId(fb)!)).toEqual(fb);
    expect(decodeCustomId('fb:down:rlhf:2501.00001')).toEqual({ kind: 'feedback', verdict: 'down', topicSlug: 'rlhf', arxivId: '2501.00001' });
    expect(decodeCustomId('unsub:rlhf')).toEqual({ kind: 'unsubscribe', topicSlug: 'rlhf' });
    expect(decodeCustomId('garbage')).toBeNull();
    expect(encodeCustomId({ kind: 'subscribe', topicSlug: 'x'.repeat(200) })).toBeNull();
  });

  it('a subscribe that replaces another subscription keeps both topics, the replaced one by reference when long', () => {
    const swap = { kind: 'subscribe', topicSlug: 'token-compression', instead: 'kv-cache-compression' } as const;
    expect(decodeCustomId(encodeCustomId(swap)!)).toEqual(swap);
    const long = { ...swap, instead: 'k'.repeat(80) };
    const id = encodeCustomId(long)!;
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(id)).toEqual({ ...swap, instead: topicRef(long.instead) });
    expect(decodeCustomId('sub:rlhf')).toEqual({ kind: 'subscribe', topicSlug: 'rlhf' });
  });
});

describe('one stack for digests and replies', () => {
  // A digest paper and a reply paper on the same topic draw the same buttons: one encoder, one handler.
  const it1 = item(1, { topicSlug: 'rlhf' });
  const reply: Reply = { visibility: 'ephemeral', text: 't', blocks: [{ type: 'paper', paper: it1, note: null, buttons: paperButtons(it1, 'rlhf') }] };

  it('Slack: same action ids, values and URLs', () => {
    const fromDigest = slackPaperBlocks(it1).find((b) => b.type === 'actions');
    const fromReply = renderSlackReply(reply).blocks.find((b) => b.type === 'actions');
    expect(fromReply && fromReply.type === 'actions' ? fromReply.elements : null).toEqual(fromDigest && fromDigest.type === 'actions' ? fromDigest.elements : undefined);
  });

  it('Discord: same custom_ids, labels and link buttons', () => {
    expect(renderDiscordReply(reply).components[0]).toEqual(discordPaperRow(it1));
  });

  it('Slack: every mrkdwn text object is verbatim, so a literal @here or @channel is never auto-parsed', () => {
    const out = renderSlackReply({ visibility: 'ephemeral', text: '@here', blocks: [{ type: 'text', text: '@here @channel #general' }, { type: 'context', text: '@everyone' }, ...reply.blocks] });
    const objects: Array<{ verbatim?: boolean }> = [];
    JSON.stringify(out, (_k, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'mrkdwn') objects.push(v as { verbatim?: boolean });
      return v;
    });
    expect(objects.length).toBe(3);
    expect(objects.every((o) => o.verbatim === true)).toBe(true);
  });
});

describe('authorLine, shared by digests and replies', () => {
  it('keeps at most `most` names and says et al., within `max` characters', () => {
    expect(authorLine(['A', 'B', 'C', 'D'], 200, 3)).toBe('A, B, C et al.');
    expect(authorLine(['A', 'B', 'C'], 200, 3)).toBe('A, B, C');
    expect(authorLine(['Ada Lovelace', 'Alan Turing'], 20)).toBe('Ada Lovelace et al.');
  });
});

describe('Discord replies with more than five rows of buttons', () => {
  const withPapers = (n: number, extra: Reply['blocks']): Reply => ({
    visibility: 'ephemeral',
    text: 'x',
    blocks: [
      { type: 'header', text: 'Preview' },
      ...Array.from({ length: n }, (_, i) => ({ type: 'paper' as const, paper: paper(i), note: null, buttons: paperButtons(paper(i), 'kv-cache-compression') })),
      ...extra,
    ],
  });

  it("keep the reply's own buttons and say which papers have buttons", () => {
    const out = renderDiscordReply(withPapers(5, [{ type: 'buttons', buttons: [{ label: 'Subscribe: token compression', action: { kind: 'subscribe', topicSlug: 'token-compression' } }] }]));
    expect(out.components).toHaveLength(5);
    expect(out.components.flatMap((r) => r.components).some((b) => 'custom_id' in b && b.custom_id === 'sub:token-compression')).toBe(true);
    // The fifth paper is shown, without a row of its own.
    expect(out.embeds).toHaveLength(5);
    expect(out.content).toContain('Buttons for papers 1–4');
  });

  it('keep one row for buttons drawn before the papers, as a subscribe reply puts them', () => {
    const subscribe: Reply = { ...withPapers(0, []), blocks: [{ type: 'buttons', buttons: [{ label: 'Subscribe: token compression', action: { kind: 'subscribe', topicSlug: 'token-compression' } }] }, ...withPapers(5, []).blocks] };
    const out = renderDiscordReply(subscribe);
    expect(out.components).toHaveLength(5);
    expect(out.embeds).toHaveLength(5);
    expect(out.content).toContain('Buttons for papers 1–4');
  });

  it('number no paper when there is one (its row is plainly its own)', () => {
    const out = renderDiscordReply(withPapers(1, []));
    expect(out.embeds[0]!.title).not.toMatch(/^1\. /);
    expect(out.components[0]!.components[0]!.label).toBe('Open');
  });

  it('say nothing of left-out papers when every paper fits', () => {
    const out = renderDiscordReply(withPapers(5, []));
    expect(out.embeds).toHaveLength(5);
    expect(out.content).not.toContain('Showing');
  });

  // A digest preview of 7 showed 5 on Discord (one row of buttons each) and all 7 on Slack.
  it('show every paper that fits the embeds, with buttons for as many as the rows take, and say which have them', () => {
    const out = renderDiscordReply(withPapers(7, []));
    expect(checkMessage(out as never)).toBeNull();
    expect(out.embeds).toHaveLength(7);
    expect(out.components).toHaveLength(5);
    expect(out.content).not.toContain('Showing');
    expect(out.content).toContain('Buttons for papers 1–5');
  });

  it('say no paper has buttons when the reply\'s own buttons take every row, not "papers 1–0"', () => {
    const own = Array.from({ length: 5 }, (_, i) => ({ type: 'buttons' as const, buttons: [{ label: `Subscribe: topic ${i}`, action: { kind: 'subscribe' as const, topicSlug: `topic-${i}` } }] }));
    const out = renderDiscordReply(withPapers(2, own));
    expect(checkMessage(out as never)).toBeNull();
    expect(out.embeds).toHaveLength(2);
    expect(out.content).not.toMatch(/papers? 1–0/);
    expect(out.content).toContain('No paper has buttons here');
  });

  it('past ten embeds, say how many are shown and how to see the rest', () => {
    const out = renderDiscordReply({ ...withPapers(12, []), overflow: 'Your digest carries them all.' });
    expect(checkMessage(out as never)).toBeNull();
    expect(out.embeds).toHaveLength(10);
    expect(out.content).toContain('Showing 10 of 12 papers');
    expect(out.content).toContain('Your digest carries them all.');
  });
});

describe('Slack replies with more papers than a message takes', () => {
  it('say nothing of the papers when only other blocks were left out', () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      text: 'x',
      blocks: [{ type: 'header', text: 'Preview' }, { type: 'paper', paper: paper(0), note: null, buttons: paperButtons(paper(0), 'audio') }, ...Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` }))],
      overflow: 'Your digest carries them all.',
    };
    const out = renderSlackReply(reply);
    expect(checkBlocks(out.blocks)).toBeNull();
    const last = JSON.stringify(out.blocks.at(-1));
    expect(last).toContain('More results were left out.');
    expect(last).not.toContain('Your digest carries them all.');
  });
  it('say how many of how many are shown, and how to see the rest', () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      text: 'x',
      blocks: [{ type: 'header', text: 'Preview' }, ...Array.from({ length: 30 }, (_, i) => ({ type: 'paper' as const, paper: paper(i), note: null, buttons: paperButtons(paper(i), 'audio') }))],
      overflow: 'Your digest carries them all.',
    };
    const out = renderSlackReply(reply);
    expect(checkBlocks(out.blocks)).toBeNull();
    const last = JSON.stringify(out.blocks.at(-1));
    expect(last).toMatch(/Showing 24 of 30 papers/);
    expect(last).toContain('Your digest carries them all.');
  });
});
