/**
 * Digests in a target's language, on a real database and local Slack / OpenAI servers: with an
 * LLM the summaries are written in that language once per paper and language (a second digest
 * in the same language calls the LLM no more); without one the digest's own words come from the
 * catalog and it says once that summaries stay in the papers' language; and the language is
 * frozen in the plan, so a resumed digest renders in the language it was planned in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperSummaries } from '../../src/core/digest/channel.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import type { Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { createSummaryServiceFromConfig } from '../../src/summarize/factory.js';
import { loadConfig } from '../../src/config.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { NOW, addTarget, matchAll, seedPapers, discordChannel, slackChannel } from './delivery-support.js';

const PAPERS = 3;
const NOTE_DE = 'Die Zusammenfassungen stehen in der Sprache des jeweiligen Papers';

describe('digests in a target language', () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let openai: FakeOpenAi;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    slack = await startFakeSlack({ channels: ['C301', 'C302', 'C303', 'C304', 'C305'] });
    discord = await startFakeDiscord({ channels: ['100000000000000301'] });
    // Answers in the language the system prompt asks for, as a model would.
    openai = await startFakeOpenAi({
      answer: (r) => {
        const title = /<title>(.*?)<\/title>/s.exec(r.messages.at(-1)?.content ?? '')?.[1]?.slice(0, 12) ?? '?';
        return /German \(BCP 47/.test(r.messages[0]!.content) ? `Dieses Paper stellt ${title} vor.` : `This paper presents ${title}.`;
      },
    });
    await seedPapers(stores, PAPERS);
  });
  afterAll(async () => {
    await Promise.all([slack.close(), discord.close(), openai.close()]);
    await db.drop();
  });

  const summaries = (llm: boolean): PaperSummaries =>
    createSummaryServiceFromConfig(
      loadConfig(llm ? { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, PAPERBOY_LLM_DAILY_TOKEN_BUDGET: '0' } : {}),
      { papers: stores.papers, cache: stores.cache, logger: silentLogger() },
    );
  const deps = (s: Stores, llm: boolean): RunDigestsDeps => ({
    stores: s,
    matcher: matchAll,
    summaries: summaries(llm),
    channels: {
      slack: slackChannel(slack.apiUrl),
      discord: discordChannel(discord.apiUrl),
    },
    logger: silentLogger(),
    sleep: async () => undefined,
  });
  const postedIn = (channel: string) => JSON.stringify(slack.posts.filter((p) => p.channel === channel).map((p) => p.blocks));

  it('with an LLM: summaries written in German once per paper and language, kept for the next digest', async () => {
    await addTarget(stores, 'slack:C301', { language: 'de' });
    await addTarget(stores, 'slack:C302', { language: 'de-AT', threads: true });
    const r = await runDigests(deps(stores, true), { now: NOW, targetId: 'slack:C301' });
    expect(r.targets.map((t) => t.status)).toEqual(['delivered']);
    const german = openai.requests.filter((q) => /German \(BCP 47/.test(q.messages[0]!.content));
    expect(german).toHaveLength(PAPERS);
    expect(postedIn('C301')).toContain('Dieses Paper stellt');
    expect(postedIn('C301')).not.toContain(NOTE_DE);
    // Another German digest (a regional tag, threaded): the kept German summaries, no new LLM call for them.
    const before = openai.requests.length;
    await runDigests(deps(stores, true), { now: NOW, targetId: 'slack:C302' });
    expect(openai.requests.slice(before).filter((q) => /German \(BCP 47/.test(q.messages[0]!.content) && /de-AT/.test(q.messages[0]!.content))).toHaveLength(PAPERS);
    expect(postedIn('C302')).toContain('Dieses Paper stellt');
    const again = openai.requests.length;
    await addTarget(stores, 'slack:C303', { language: 'de' });
    await runDigests(deps(stores, true), { now: NOW, targetId: 'slack:C303' });
    expect(openai.requests.length).toBe(again);
    expect(postedIn('C303')).toContain('Dieses Paper stellt');
  });

  it('without an LLM: the catalog words, buttons and "why" in German, summaries untranslated, said once', async () => {
    await addTarget(stores, 'slack:C304', { language: 'de' });
    await runDigests(deps(stores, false), { now: NOW, targetId: 'slack:C304' });
    const posted = postedIn('C304');
    expect(posted).toContain('3 neue Paper');
    expect(posted).toContain('Öffnen');
    expect(posted).toContain('🔖 Merken');
    expect(posted.split(NOTE_DE)).toHaveLength(2);
    expect(posted).not.toContain('Dieses Paper stellt');

    const ch = '100000000000000301';
    await addTarget(stores, `discord:${ch}`, { language: 'fr', threads: true });
    await runDigests(deps(stores, false), { now: NOW, targetId: `discord:${ch}` });
    const msgs = discord.posts.filter((p) => p.channelId === ch || discord.threads.some((t) => t.id === p.channelId && t.parentId === ch));
    const all = JSON.stringify(msgs.map((m) => m.body));
    expect(all).toContain('nouvelles publications');
    expect(all).toContain('**Pourquoi:**');
    expect(all.split('Les résumés sont dans la langue de chaque publication')).toHaveLength(2);
  });

  it('the language is frozen in the plan: a digest resumed after the target changed language renders as planned', async () => {
    await addTarget(stores, 'slack:C305', { language: 'de' });
    let n = 0;
    const crashing: Stores = { ...stores, ledger: { ...stores.ledger, markPending: async (...a) => { if (++n === 1) throw new Error('crash'); return stores.ledger.markPending(...a); } } };
    await runDigests(deps(crashing, false), { now: NOW, targetId: 'slack:C305' }).catch(() => null);
    expect(slack.posts.filter((p) => p.channel === 'C305')).toHaveLength(0);
    await stores.targets.upsert({ ...(await stores.targets.get('slack:C305'))!, language: 'fr' });
    const r = await runDigests(deps(stores, false), { now: new Date(NOW.getTime() + 60_000), targetId: 'slack:C305' });
    expect(r.targets[0]).toMatchObject({ status: 'delivered', resumed: true });
    expect(postedIn('C305')).toContain('3 neue Paper');
    expect(postedIn('C305')).not.toContain('nouvelles');
  });
});
