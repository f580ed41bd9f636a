import { describe, expect, it } from 'vitest';
import type { MatchProgress } from '../../../src/core/digest/ports.js';
import { CANDIDATE_PAGE, runDigests, type RunDigestsDeps } from '../../../src/core/digest/run-digests.js';
import { matchWindowPages } from '../../../src/core/digest/window-papers.js';
import type { Stores } from '../../../src/core/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { keywordMatcher, noSleep, scriptedNotifier, simpleChannel, sub, target } from './fixtures.js';

const NOW = new Date('2026-11-20T09:30:00Z');
const SEEN = new Date('2026-11-20T06:00:00Z');
/** Three full pages and a short one: the counts must reach the window's total, not a page multiple. */
const N = CANDIDATE_PAGE * 3 + 7;

type Event = ['start', number, number] | ['advance', number] | ['stop', 'done' | 'failed'];

function recorder(): MatchProgress & { events: Event[] } {
  const events: Event[] = [];
  return {
    events,
    start: (papers, topics) => {
      events.push(['start', papers, topics]);
      return { advance: (matched) => void events.push(['advance', matched]), stop: (outcome) => void events.push(['stop', outcome]) };
    },
  };
}

/** N papers in the window of two targets that follow the same two topics, and one first seen after it. */
async function seed(stores: Stores): Promise<void> {
  const ids = Array.from({ length: N }, (_, i) => `2611.${String(10_000 + i)}`);
  await stores.papers.upsertMany(ids.map((id) => ({ arxivId: id, source: 'hf' as const, title: `audio speech paper ${id}`, abstract: 'A codec.' })), SEEN);
  await stores.papers.upsertMany([{ arxivId: '2611.99999', source: 'hf', title: 'audio paper late', abstract: 'A codec.' }], NOW);
  for (const slug of ['audio', 'speech']) {
    await stores.topics.add({ slug, name: slug, description: slug, mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: SEEN });
  }
  for (const id of ['slack:C1', 'slack:C2']) {
    await stores.targets.upsert(target(id, { lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await stores.subscriptions.add(sub(id, 'audio'));
    await stores.subscriptions.add(sub(id, 'speech'));
  }
}

function deps(stores: Stores, progress: MatchProgress): RunDigestsDeps {
  return {
    stores,
    matcher: keywordMatcher(),
    summaries: { ensure: async (ps) => new Map(ps.map((p) => [p.arxivId, 'a summary'])) },
    channels: { slack: simpleChannel(scriptedNotifier().notifier) },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    sleep: noSleep,
    progress,
  };
}

/** What a person watching a 307-paper window against two topics is told, page by page. */
const WATCHED: Event[] = [['start', N, 2], ['advance', 100], ['advance', 200], ['advance', 300], ['advance', N], ['stop', 'done']];

describe('digest matching progress', () => {
  it('is told the window size and topics, then papers matched after each page up to the total, once per window shared by targets', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const progress = recorder();
    const report = await runDigests(deps(stores, progress), { now: NOW, dryRun: true, force: true });
    expect(report.targets.map((t) => t.status)).toEqual(['dry-run', 'dry-run']);
    // The second target's window is matched already (the run cache): nothing more to watch.
    expect(progress.events).toEqual(WATCHED);
  });

  it('counts the pages a matcher matches off the thread (the service\'s match worker) the same way', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const progress = recorder();
    const d = deps(stores, progress);
    const inProcess = keywordMatcher();
    d.matcher = { match: inProcess.match, matchWindow: (window, slugs) => matchWindowPages(stores.papers, inProcess, window, slugs) };
    await runDigests(d, { now: NOW, dryRun: true, targetId: 'slack:C1' });
    expect(progress.events).toEqual(WATCHED);
  });

  it('is stopped as failed when matching throws, and the target is reported failed', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const progress = recorder();
    const d = deps(stores, progress);
    let pages = 0;
    d.matcher = {
      match: async (papers, slugs) => {
        if (++pages === 2) throw new Error('matcher broke');
        return keywordMatcher().match(papers, slugs);
      },
    };
    const report = await runDigests(d, { now: NOW, dryRun: true, targetId: 'slack:C1' });
    expect(report.targets).toEqual([expect.objectContaining({ status: 'failed', error: 'matcher broke' })]);
    expect(progress.events).toEqual([['start', N, 2], ['advance', 100], ['stop', 'failed']]);
  });
});
