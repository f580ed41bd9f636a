/**
 * A burst of 429s trips the LLM's breaker during a digest: the papers get extractive summaries
 * for that digest only. The next digest, with the LLM answering again, asks for those papers once
 * more and shows the LLM's summaries; what the first digest posted stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../src/chat/slack/notifier.js';
import { renderSlackDigestParts } from '../../src/chat/slack/render-thread.js';
import { runDigests, type RunDigestsDeps } from '../../src/core/digest/run-digests.js';
import type { Stores } from '../../src/core/ports.js';
import { silentLogger } from '../../src/log.js';
import { createSummaryServiceFromConfig } from '../../src/summarize/factory.js';
import { loadConfig } from '../../src/config.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { NOW, addTarget, matchAll, seedPapers } from './delivery-support.js';

const PAPERS = 4;
const ids = Array.from({ length: PAPERS }, (_, i) => `2611.${String(i).padStart(5, '0')}`);

describe('summaries made while the LLM could not be asked', () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  let openai: FakeOpenAi;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    slack = await startFakeSlack({ channels: ['C401', 'C402'] });
    openai = await startFakeOpenAi();
    await seedPapers(stores, PAPERS);
  });
  afterAll(async () => {
    await Promise.all([slack.close(), openai.close()]);
    await db.drop();
  });

  // A new service per digest run, as each scheduled run of the service builds its summarizer's state afresh.
  const deps = (): RunDigestsDeps => ({
    stores,
    matcher: matchAll,
    summaries: createSummaryServiceFromConfig(loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, PAPERBOY_LLM_DAILY_TOKEN_BUDGET: '0' }), {
      papers: stores.papers,
      cache: stores.cache,
      logger: silentLogger(),
    }),
    channels: { slack: { notifier: createSlackNotifier({ token: 'xoxb-test-token', apiUrl: slack.apiUrl, timeoutMs: 4000 }), render: renderSlackDigestParts, minIntervalMs: 0 } },
    logger: silentLogger(),
    sleep: async () => undefined,
  });
  const postedIn = (channel: string) => JSON.stringify(slack.posts.filter((p) => p.channel === channel).map((p) => p.blocks));

  it('asks the LLM again on the next digest; the digest already sent keeps what it showed', async () => {
    await addTarget(stores, 'slack:C401');
    await addTarget(stores, 'slack:C402');
    openai.script(...Array.from({ length: 3 * PAPERS }, () => ({ kind: 'status' as const, status: 429, retryAfterSec: 0 })));
    const first = await runDigests(deps(), { now: NOW, targetId: 'slack:C401' });
    expect(first.targets.map((t) => t.status)).toEqual(['delivered']);
    const firstPosts = postedIn('C401');
    expect(firstPosts).toContain('It beats the baseline.');
    expect(firstPosts).not.toContain('The paper presents');

    // The LLM is back: the next digest (another channel, the same papers) gets its summaries.
    openai.clearScript();
    const asked = openai.requests.length;
    const second = await runDigests(deps(), { now: NOW, targetId: 'slack:C402' });
    expect(second.targets.map((t) => t.status)).toEqual(['delivered']);
    expect(openai.requests.length - asked).toBe(PAPERS);
    expect(postedIn('C402')).toContain('The paper presents Audio codec paper 0');
    for (const id of ids) expect((await stores.papers.get(id))!.summarySource).toBe('llm');
    // What C401 was sent is not rewritten.
    expect(postedIn('C401')).toBe(firstPosts);
  });
});
