/**
 * App Home is one view: 100 blocks (Slack's home tab view reference) and at most 250 kB
 * (views.publish: view_too_large). A heavy user (60 subscriptions, a long digest, 200 saved
 * papers) still gets every section, each saying what it leaves out and how to see the rest.
 */
import { describe, expect, it } from 'vitest';
import { buildHomeView } from '../../../src/chat/slack/home.js';
import type { SlackContext } from '../../../src/chat/slack/context.js';
import { silentLogger } from '../../../src/log.js';
import { checkBlocks } from '../../helpers/fake-slack.js';
import { createFakeServices, paper, type FakeServices } from './fake-services.js';

const USER = 'slack:U0HEAVY';
const VIEW_BYTES = 250 * 1024;

function heavyUser(digestPapers: number, saved = 200, summary = (i: number) => `Summary of paper ${i}.`): FakeServices {
  const papers = Array.from({ length: Math.max(digestPapers, saved) }, (_, i) => ({ ...paper(i, `A paper about topic ${i} with a reasonably long title, as arXiv titles go`), summary: summary(i) }));
  const services = createFakeServices(papers);
  const subs = Array.from({ length: 60 }, (_, i) => ({ topic: { slug: `topic-${i}`, name: `Topic ${i}`, description: `What topic ${i} is about` }, createdAt: new Date(0) }));
  services.channelInfo = async () => ({ subscriptions: subs, schedule: null });
  services.previewDigest = async () => ({ status: 'ok', since: null, items: papers.slice(0, digestPapers).map((p, i) => ({ paper: p, topicSlug: `topic-${i % 60}`, score: 1, why: 'title: topic' })) });
  services.saved.set(USER, papers.slice(0, saved).map((p, i) => ({ arxivId: p.arxivId, by: USER, at: new Date(Date.UTC(2026, 0, 1, 0, i)) })));
  return services;
}

async function home(services: FakeServices, page?: number, saved?: number) {
  const ctx: SlackContext = { deps: { services, timeoutMs: 2000 }, isManager: async () => false, logger: silentLogger() };
  const view = await buildHomeView('U0HEAVY', ctx, undefined, { ...(page ? { subscriptions: page } : {}), ...(saved ? { saved } : {}) });
  const texts = view.blocks.map((b) => JSON.stringify(b));
  return { view, all: texts.join('\n'), headers: view.blocks.filter((b) => b.type === 'header').map((b) => (b as { text: { text: string } }).text.text) };
}

/** Slack's per-block checks, 50 blocks at a time (the fake checks a message's 50). */
function blockProblems(blocks: Array<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (let i = 0; i < blocks.length; i += 50) {
    const bad = checkBlocks(blocks.slice(i, i + 50).map((b) => ({ ...b, block_id: undefined })));
    if (bad && bad !== 'msg_blocks_too_long') problems.push(`${i}: ${bad}`);
  }
  return problems;
}

describe('App Home for a heavy user: 60 subscriptions, a long digest, 200 saved papers', () => {
  it('every section is there within 100 blocks and 250 kB, each saying what is cut and how to see the rest', async () => {
    const { view, all, headers } = await home(heavyUser(80));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(VIEW_BYTES);
    expect(blockProblems(view.blocks as never)).toEqual([]);
    expect(headers).toEqual(['Your subscriptions', 'Your digest', 'Your reading list']);
    // Subscriptions: a page of them, with the way to the others.
    expect(all).toContain('You follow 60 topics (page 1 of 3)');
    expect(all).toContain('list_page');
    // The digest: cut, said with a count and how to see all of it.
    expect(all).toMatch(/Showing \d+ of 80 papers/);
    expect(all).toContain('/papers digest');
    // The reading list: a page of the newest, how many more, the way to the others and to them all.
    expect(all).toContain('Your reading list: 200 papers, newest first (page 1 of 50)');
    expect(all).toMatch(/…and 196 more: `\/papers saved export` sends them all/);
    expect(all).toContain('list_page:saved:2');
    // The way to find topics closes Home.
    expect(all).toContain('/papers topics');
  });

  it('long summaries: still every section, within the view size', async () => {
    const { view, all, headers } = await home(heavyUser(80, 200, (i) => `Summary ${i}: ${'a long sentence about the method and its results. '.repeat(40)}`));
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThan(VIEW_BYTES);
    expect(headers).toEqual(['Your subscriptions', 'Your digest', 'Your reading list']);
    expect(all).toMatch(/Showing \d+ of 80 papers/);
    expect(all).toContain('Your reading list: 200 papers, newest first');
  });

  it('the last page of subscriptions keeps the other sections too', async () => {
    const { view, all, headers } = await home(heavyUser(80), 3);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(all).toContain('You follow 60 topics (page 3 of 3)');
    expect(headers).toEqual(['Your subscriptions', 'Your digest', 'Your reading list']);
  });

  it('the last page of the reading list: its oldest papers, each with Remove on that page, the other sections kept', async () => {
    const { view, all, headers } = await home(heavyUser(80), undefined, 50);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(headers).toEqual(['Your subscriptions', 'Your digest', 'Your reading list']);
    expect(all).toContain('Your reading list: 200 papers, newest first (page 50 of 50)');
    expect(all).toContain('You follow 60 topics (page 1 of 3)');
    // Saved first of all: paper 0, the oldest, closes the last page.
    expect(all).toContain('"value":"user|2501.10000|50"');
    expect(all).toContain('list_page:saved:49');
  });

  it('a digest that fits is shown whole, with no count', async () => {
    const { all } = await home(heavyUser(5));
    expect(all).not.toMatch(/Showing \d+ of/);
    expect(all).toContain('Your reading list: 200 papers, newest first');
  });
});
