import { describe, expect, it } from 'vitest';
import { CANDIDATE_PAGE, runDigests, type RunDigestsDeps } from '../../../src/core/digest/run-digests.js';
import { createDigestRunCache } from '../../../src/core/digest/run-cache.js';
import type { Stores } from '../../../src/core/ports.js';
import { waitingForNextSlot } from '../../../src/core/targets/target.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { keywordMatcher, noSleep, scriptedNotifier, simpleChannel, sub, target } from './fixtures.js';
import { testTopic } from '../../helpers/test-topic.js';

const NOW = new Date('2026-11-20T09:30:00Z');
const SLOT = new Date('2026-11-20T09:00:00Z');

async function seed(stores: Stores, n = 3) {
  const at = new Date('2026-11-20T06:00:00Z');
  await stores.papers.upsertMany(
    Array.from({ length: n }, (_, i) => ({ arxivId: `2611.0000${i}`, source: 'hf' as const, title: `audio paper ${i}`, abstract: 'We propose a codec. It is good.', authors: ['X'], publishedAt: at })),
    at,
  );
  await stores.topics.add(testTopic({ slug: 'audio', name: 'Audio', description: 'audio', createdAt: at }));
  await addAudioTarget(stores, 'slack:C1');
}

/** A target last served the day before, subscribed to the seeded topic. */
async function addAudioTarget(stores: Stores, id: string) {
  await stores.targets.upsert(target(id, { lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
  await stores.subscriptions.add(sub(id, 'audio'));
}

function deps(stores: Stores, notifier = scriptedNotifier()): RunDigestsDeps & { n: ReturnType<typeof scriptedNotifier> } {
  const summaries = { ensured: [] as string[], async ensure(ps: readonly { arxivId: string }[]) { this.ensured.push(...ps.map((p) => p.arxivId)); return new Map(ps.map((p) => [p.arxivId, 'a summary'])); } };
  return {
    n: notifier,
    stores,
    matcher: keywordMatcher(),
    summaries,
    channels: { slack: simpleChannel(notifier.notifier) },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    sleep: noSleep,
    concurrency: 4,
  };
}

describe('runDigests', () => {
  it('delivers due targets once per slot and advances the window to the slot', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const d = deps(stores);
    const report = await runDigests(d, { now: NOW });
    expect(report.targets).toEqual([expect.objectContaining({ targetId: 'slack:C1', status: 'delivered', parts: 3, papers: 3 })]);
    expect(d.n.accepted).toHaveLength(3);
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(SLOT);
    const again = await runDigests(d, { now: new Date('2026-11-20T10:00:00Z') });
    expect(again.targets[0]!.status).toBe('not-due');
    expect(d.n.accepted).toHaveLength(3);
  });

  it('a settings change that writes back the lastDigestAt it read before a delivery finished posts nothing twice', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const d = deps(stores);
    // A writer of the whole row read it (settings changes no longer do: they write only what
    // they change, test/integration/target-settings-race.test.ts; a replica still on older code
    // during an upgrade may), a digest run delivers and moves lastDigestAt to the slot...
    const readBefore = (await stores.targets.get('slack:C1'))!;
    await runDigests(d, { now: NOW });
    expect(d.n.accepted).toHaveLength(3);
    // ...then the change writes the whole row back, with the window's old end.
    await stores.targets.upsert({ ...readBefore, maxPapers: 5 });
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(new Date('2026-11-19T09:00:00Z'));
    // Due again for the same slot: the ledger's plan for that window is sent, so nothing is posted.
    const again = await runDigests(d, { now: new Date('2026-11-20T09:31:00Z') });
    expect(d.n.accepted).toHaveLength(3);
    expect(again.messagesSent).toBe(0);
    // The report says the parts were posted before, not three messages sent now.
    expect(again.targets).toEqual([expect.objectContaining({ targetId: 'slack:C1', status: 'delivered', parts: 3, alreadyDelivered: 3 })]);
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(SLOT);
  });

  it("a target's first window starts where it waited from (the slot before it was added), not one day back; a later one at its last digest", async () => {
    const stores = createMemoryStores();
    await seed(stores, 0);
    // Stored two days before the slot: after the target was added, before the service came back.
    const early = new Date('2026-11-18T12:00:00Z');
    await stores.papers.upsertMany([{ arxivId: '2611.10001', source: 'hf' as const, title: 'audio paper early', abstract: 'A codec.', authors: ['X'], publishedAt: early }], early);
    await stores.targets.upsert(target('slack:C2', { digestFrom: new Date('2026-11-17T09:00:00Z') }));
    await stores.subscriptions.add(sub('slack:C2', 'audio'));
    // Delivered on the 19th, then rescheduled: its window starts at that digest, not at the change.
    await stores.targets.upsert(target('slack:C3', { lastDigestAt: new Date('2026-11-17T09:00:00Z'), rescheduledAt: new Date('2026-11-19T10:00:00Z') }));
    await stores.subscriptions.add(sub('slack:C3', 'audio'));
    const d = deps(stores);
    const report = await runDigests(d, { now: NOW });
    // Before digestFrom, it had no lastDigestAt and covered one day: the paper was left out.
    expect(report.targets).toEqual(expect.arrayContaining([expect.objectContaining({ targetId: 'slack:C2', status: 'delivered', papers: 1 }), expect.objectContaining({ targetId: 'slack:C3', status: 'delivered', papers: 1 })]));
    expect(await stores.targets.get('slack:C2')).toMatchObject({ lastDigestAt: SLOT, digestFrom: new Date('2026-11-17T09:00:00Z') });
  });

  it('a target removed and added again does not resume a digest left open before it was removed', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    // A week ago its digest was planned and never sent (the channel refused it); then removed.
    const weekAgo = new Date('2026-11-13T09:00:00Z');
    await stores.ledger.planDigest({ targetId: 'slack:C1', windowStart: new Date('2026-11-12T09:00:00Z'), windowEnd: weekAgo, items: [{ arxivId: '2611.00001', topicSlug: 'audio', score: 1, why: 'x' }], createdAt: weekAgo });
    await stores.targets.remove('slack:C1');
    // Added again now, by a person: it waits for its next slot (tomorrow 09:00).
    await stores.targets.upsert(waitingForNextSlot(target('slack:C1'), NOW));
    await stores.subscriptions.add(sub('slack:C1', 'audio'));
    const d = deps(stores);
    const report = await runDigests(d, { now: NOW });
    // Before: its lastDigestAt was null, so the week-old plan was open again and posted at once.
    expect(d.n.accepted).toHaveLength(0);
    expect(report.targets).toEqual([expect.objectContaining({ targetId: 'slack:C1', status: 'not-due' })]);
    expect(await stores.ledger.openDigests()).toEqual([]);
  });

  it('refuses a window that starts after now, before it sends or records anything', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const d = deps(stores);
    const before = await stores.targets.get('slack:C1');
    await expect(runDigests(d, { now: NOW, targetId: 'slack:C1', since: new Date('2026-11-21T00:00:00Z') })).rejects.toThrow(/cannot start after now/);
    expect(d.n.accepted).toHaveLength(0);
    expect(await stores.targets.get('slack:C1')).toEqual(before);
  });

  it('matches a window larger than a page a page at a time, and still picks the best papers of the whole window', async () => {
    const stores = createMemoryStores();
    await seed(stores, 0);
    const n = CANDIDATE_PAGE * 3 + 7;
    const seen = new Date('2026-11-20T06:00:00Z');
    const ids = Array.from({ length: n }, (_, i) => `2611.${String(10_000 + i)}`);
    await stores.papers.upsertMany(ids.map((id) => ({ arxivId: id, source: 'hf' as const, title: `audio paper ${id}`, abstract: 'A codec.' })), seen);
    // First seen at the slot: the next window's, not this one's.
    await stores.papers.upsertMany([{ arxivId: '2611.99999', source: 'hf', title: 'audio paper late', abstract: 'A codec.' }], SLOT);
    const scores: Record<string, number> = { [`audio|${ids[1]}`]: 3, [`audio|${ids[n - 1]}`]: 5, 'audio|2611.99999': 9 };
    const pages: number[] = [];
    const d = deps(stores);
    const matcher = keywordMatcher(scores);
    d.matcher = { match: (papers, slugs) => (pages.push(papers.length), matcher.match(papers, slugs)) };
    await stores.targets.upsert(target('slack:C1', { lastDigestAt: new Date('2026-11-19T09:00:00Z'), maxPapers: 2 }));

    const r = await runDigests(d, { now: NOW });
    expect(pages).toEqual([CANDIDATE_PAGE, CANDIDATE_PAGE, CANDIDATE_PAGE, 7]);
    expect(r.targets).toEqual([expect.objectContaining({ status: 'delivered', papers: 2 })]);
    const sent = d.n.steps.filter((s) => s.kind === 'send').map((s) => (s.kind === 'send' ? s.part.text : '')).join('\n');
    // The best of the last page and of the first, not the paper of the next window.
    expect(sent).toContain(ids[n - 1]);
    expect(sent).toContain(ids[1]);
    expect(sent).not.toContain('2611.99999');
  });

  it('the digest says how many more papers matched than its max papers let in (the store keeps it with the plan: store-contract)', async () => {
    const stores = createMemoryStores();
    await seed(stores, 5);
    await stores.targets.upsert(target('slack:C1', { lastDigestAt: new Date('2026-11-19T09:00:00Z'), maxPapers: 2 }));
    const d = deps(stores);
    const seen: Array<number | undefined> = [];
    const channel = d.channels.slack!;
    d.channels.slack = { ...channel, render: (digest) => (seen.push(digest.moreMatched), channel.render(digest)) };
    const r = await runDigests(d, { dryRun: true, now: NOW });
    expect(r.targets[0]).toMatchObject({ papers: 2 });
    expect(seen).toEqual([3]);
    // Every paper fits: nothing is said.
    await stores.targets.upsert(target('slack:C1', { lastDigestAt: new Date('2026-11-19T09:00:00Z'), maxPapers: 10 }));
    await runDigests(d, { dryRun: true, now: NOW });
    expect(seen).toEqual([3, undefined]);
  });

  it('sends nothing when nothing is new, or one "no new papers" part when the target opted in', async () => {
    const stores = createMemoryStores();
    await seed(stores, 0);
    const d = deps(stores);
    expect((await runDigests(d, { now: NOW })).targets[0]!.status).toBe('nothing-new');
    expect(d.n.accepted).toHaveLength(0);
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(SLOT);

    await stores.targets.upsert(target('slack:C1', { notifyEmpty: true, lastDigestAt: SLOT }));
    const r = await runDigests(d, { now: new Date('2026-11-21T09:01:00Z') });
    expect(r.targets[0]!.status).toBe('delivered');
    expect(d.n.steps.filter((s) => s.kind === 'send').map((s) => (s.kind === 'send' ? s.part.text : ''))).toEqual(['no new papers']);
  });

  it("posts no target's first digest empty at the start-up catch-up, and the 'no new papers' of every other one", async () => {
    const sent = (d: ReturnType<typeof deps>) => d.n.steps.filter((s) => s.kind === 'send').length;
    // Never delivered, notify-empty, nothing in its window: the catch-up closes the window and posts nothing.
    const stores = createMemoryStores();
    await seed(stores, 0);
    await stores.targets.upsert(target('slack:C1', { notifyEmpty: true, lastDigestAt: null }));
    const d = deps(stores);
    const caught = await runDigests(d, { now: SLOT, targetId: 'slack:C1', catchUp: true });
    expect(caught.targets[0]!.status).toBe('nothing-new');
    expect(sent(d)).toBe(0);
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(SLOT);
    // Once it has had one, a catch-up's empty digest says so, as notify-empty asks.
    const later = await runDigests(d, { now: new Date('2026-11-21T09:00:00Z'), targetId: 'slack:C1', catchUp: true });
    expect(later.targets[0]!.status).toBe('delivered');
    expect(sent(d)).toBe(1);
    // A first one at its slot while the service runs (no catch-up) is the "nothing new today" it asked for.
    const onTime = createMemoryStores();
    await seed(onTime, 0);
    await onTime.targets.upsert(target('slack:C1', { notifyEmpty: true, lastDigestAt: null }));
    const d2 = deps(onTime);
    expect((await runDigests(d2, { now: SLOT, targetId: 'slack:C1' })).targets[0]!.status).toBe('delivered');
    expect(sent(d2)).toBe(1);
  });

  it('says why nothing is new when someone asks (a dry run, one target), not in a scheduled run', async () => {
    const stores = createMemoryStores();
    await seed(stores, 0);
    // Stored after the slot that closes this window: the next digest's.
    await stores.papers.upsertMany([{ arxivId: '2611.00009', source: 'hf', title: 'audio paper late', abstract: 'A codec.' }], new Date('2026-11-20T09:10:00Z'));
    const d = deps(stores);
    const asked = await runDigests(d, { now: NOW, dryRun: true });
    expect(asked.targets[0]).toMatchObject({ status: 'nothing-new', notes: ['No paper at all was stored in this window: no ingest ran, or none found anything new.', expect.stringMatching(/^1 paper arrived after 2026-11-20 09:00 UTC, when this digest's window closed/)] });
    const scheduled = await runDigests(d, { now: NOW });
    expect(scheduled.targets[0]!.status).toBe('nothing-new');
    expect(scheduled.targets[0]).not.toHaveProperty('notes');
  });

  it('says a target that follows no topic and no author cannot match anything, and nothing about weekends', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    // Saturday: arXiv announced nothing, but that is not why this target is empty.
    await stores.targets.upsert(target('slack:C2', { lastDigestAt: new Date('2026-11-21T09:00:00Z') }));
    const r = await runDigests(deps(stores), { now: new Date('2026-11-22T09:30:00Z'), targetId: 'slack:C2', dryRun: true });
    expect(r.targets[0]).toMatchObject({ status: 'nothing-new', notes: ['This digest follows no topic and no author, so no paper can match: subscribe it to a topic to get papers.'] });
  });

  it('on a weekend with papers in the window that match nothing, says that, not that arXiv announced nothing', async () => {
    const stores = createMemoryStores();
    await seed(stores, 0);
    // Saturday: arXiv announced nothing, yet 48 papers were stored in the window (a file ingest).
    const saturday = new Date('2026-11-21T08:00:00Z');
    await stores.papers.upsertMany(Array.from({ length: 48 }, (_, i) => ({ arxivId: `2611.${String(20_000 + i)}`, source: 'file' as const, title: `Vision paper ${i}`, abstract: 'Pixels.' })), saturday);
    await stores.targets.upsert(target('slack:C1', { lastDigestAt: new Date('2026-11-20T09:00:00Z') }));
    const r = await runDigests(deps(stores), { now: new Date('2026-11-21T09:30:00Z'), targetId: 'slack:C1', dryRun: true });
    expect(r.targets[0]).toMatchObject({ status: 'nothing-new', notes: ["48 papers stored since 2026-11-20 09:00 UTC, none matched this channel's topics: Audio."] });

    // A DM says "your"; a weekend with nothing stored still blames the weekend.
    await stores.targets.upsert(target('slack:U1', { lastDigestAt: new Date('2026-11-20T09:00:00Z') }));
    await stores.subscriptions.add(sub('slack:U1', 'audio', { kind: 'user' }));
    const dm = await runDigests(deps(stores), { now: new Date('2026-11-21T09:30:00Z'), targetId: 'slack:U1', dryRun: true });
    expect(dm.targets[0]!.notes).toEqual(['48 papers stored since 2026-11-20 09:00 UTC, none matched your topics: Audio.']);
    const quiet = await runDigests(deps(stores), { now: new Date('2026-11-22T09:30:00Z'), targetId: 'slack:C1', since: new Date('2026-11-21T09:00:00Z'), dryRun: true });
    expect(quiet.targets[0]!.notes).toEqual([expect.stringMatching(/^No new arXiv announcement today \(weekend\)/)]);
  });

  it('an empty window whose matches were all in earlier digests says so, not that none matched', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const d = deps(stores);
    await runDigests(d, { now: NOW, targetId: 'slack:C1' });
    const again = await runDigests(d, { now: new Date('2026-11-20T10:00:00Z'), targetId: 'slack:C1', since: new Date('2026-11-19T09:00:00Z'), dryRun: true });
    expect(again.targets[0]!.notes).toEqual(["3 papers stored since 2026-11-19 09:00 UTC; the 3 that matched this channel's topics were in earlier digests or scored under a subscription's minimum score."]);
  });

  it('an empty window whose matches wait in a digest not yet sent says they wait, not only that they were in earlier digests', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const d = deps(stores);
    // The channel refused the digest (archived, say): it stays open and is tried again.
    d.n.script.push({ status: 'rejected', error: 'is_archived' }, { status: 'rejected', error: 'is_archived' }, { status: 'rejected', error: 'is_archived' });
    const refused = await runDigests(d, { now: NOW, targetId: 'slack:C1' });
    expect(refused.targets[0]!.status).toBe('rejected');
    expect(await stores.ledger.openDigests('slack:C1')).toHaveLength(1);
    const again = await runDigests(d, { now: new Date('2026-11-20T10:00:00Z'), targetId: 'slack:C1', since: new Date('2026-11-19T09:00:00Z'), dryRun: true });
    expect(again.targets[0]!.notes).toEqual([
      "3 papers stored since 2026-11-19 09:00 UTC; the 3 that matched this channel's topics were in earlier digests or scored under a subscription's minimum score.",
      `3 of them wait in the digest of ${NOW.toISOString().slice(0, 16).replace('T', ' ')} UTC, which is not yet all sent: the next digest run tries it again, and they are not posted twice.`,
    ]);
  });

  it('dry run renders without sending, recording or summarising', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const d = deps(stores);
    const r = await runDigests(d, { now: NOW, dryRun: true });
    expect(r.targets[0]).toMatchObject({ status: 'dry-run', parts: 3 });
    expect(r.targets[0]!.rendered).toHaveLength(3);
    expect(d.n.steps).toHaveLength(0);
    expect(await stores.ledger.openDigests()).toEqual([]);
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(new Date('2026-11-19T09:00:00Z'));
  });

  it('a paper that also matched another of the target\'s topics names that topic as people named it, in the planned reason', async () => {
    const stores = createMemoryStores();
    await seed(stores, 1);
    const at = new Date('2026-11-20T06:00:00Z');
    await stores.topics.add(testTopic({ slug: 'paper', name: 'Papers of every kind', description: 'papers', createdAt: at }));
    await stores.subscriptions.add(sub('slack:C1', 'paper'));
    const d = { ...deps(stores), matcher: keywordMatcher({ 'paper|2611.00000': 0.6 }) };
    const r = await runDigests(d, { now: NOW, dryRun: true });
    expect(r.targets[0]!.digest!.sections.flatMap((s) => s.items.map((i) => i.why))).toEqual(['title mentions audio (also: Papers of every kind)']);
  });

  it('matches each (window, topic) once across many targets and summarises each paper once', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    for (let i = 2; i <= 20; i++) await addAudioTarget(stores, `slack:C${i}`);
    const d = deps(stores);
    const r = await runDigests(d, { now: NOW });
    expect(r.targets.filter((t) => t.status === 'delivered')).toHaveLength(20);
    expect((d.matcher as ReturnType<typeof keywordMatcher>).calls).toBe(1);
    expect((d.summaries as unknown as { ensured: string[] }).ensured.sort()).toEqual(['2611.00000', '2611.00001', '2611.00002']);
  });

  it('a manual run for one target ignores the schedule and uses --since', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    await stores.targets.upsert(target('slack:C1', { lastDigestAt: new Date('2026-11-20T09:00:00Z') }));
    const d = deps(stores);
    const r = await runDigests(d, { now: new Date('2026-11-20T09:10:00Z'), targetId: 'slack:C1', since: new Date('2026-11-01T00:00:00Z') });
    expect(r.targets[0]).toMatchObject({ status: 'delivered', papers: 3 });
    await expect(runDigests(d, { targetId: 'slack:C404' })).rejects.toThrow(/no delivery target/);
  });

  it('a one-target run (a queue job) reads only that target: no full scans of targets, subscriptions or open digests', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    await addAudioTarget(stores, 'slack:C2');
    const other = { targetId: 'slack:C2', windowStart: null, windowEnd: SLOT, items: [], createdAt: SLOT };
    await stores.ledger.planDigest(other);
    const scans: string[] = [];
    const guarded: Stores = {
      ...stores,
      targets: { ...stores.targets, list: async () => (scans.push('targets.list'), stores.targets.list()) },
      subscriptions: {
        ...stores.subscriptions,
        list: async (f) => (f?.subscriber === undefined && scans.push('subscriptions.list'), stores.subscriptions.list(f)),
      },
      ledger: { ...stores.ledger, openDigests: async (id) => (id === undefined && scans.push('openDigests'), stores.ledger.openDigests(id)) },
    };
    const d = deps(guarded);
    const r = await runDigests(d, { now: SLOT, targetId: 'slack:C1' });
    expect(scans).toEqual([]);
    expect(r.targets).toEqual([expect.objectContaining({ targetId: 'slack:C1', status: 'delivered', papers: 3 })]);
    expect(d.n.accepted).toHaveLength(3);
    expect(d.n.steps.filter((s) => s.kind === 'send').every((s) => s.address === 'slack:C1')).toBe(true);
    // The other target's unfinished digest is left for its own job.
    expect((await stores.ledger.openDigests()).map((x) => x.targetId)).toEqual(['slack:C2']);
  });

  it('one-target runs sharing a cache (queue jobs of one slot) read, match and summarise the window once; an expired cache reads again', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    for (let i = 2; i <= 5; i++) await addAudioTarget(stores, `slack:C${i}`);
    const reads: string[] = [];
    const counted: Stores = {
      ...stores,
      papers: {
        ...stores.papers,
        list: async (q) => (reads.push('papers.list'), stores.papers.list(q)),
        iterateSeen: (w, size) => (reads.push('papers.iterateSeen'), stores.papers.iterateSeen(w, size)),
        getMany: async (ids) => (reads.push('papers.getMany'), stores.papers.getMany(ids)),
      },
      topics: { ...stores.topics, list: async () => (reads.push('topics.list'), stores.topics.list()) },
    };
    let t = 0;
    const cache = createDigestRunCache({ ttlMs: 1000, now: () => t });
    const d = { ...deps(counted), cache };
    for (let i = 1; i <= 5; i++) {
      const r = await runDigests(d, { now: SLOT, targetId: `slack:C${i}`, target: (await stores.targets.get(`slack:C${i}`))! });
      expect(r.targets).toEqual([expect.objectContaining({ status: 'delivered', papers: 3 })]);
    }
    expect((d.matcher as ReturnType<typeof keywordMatcher>).calls).toBe(1);
    expect((d.summaries as unknown as { ensured: string[] }).ensured.sort()).toEqual(['2611.00000', '2611.00001', '2611.00002']);
    // The window is read once, and the papers the plans picked once.
    expect(reads.sort()).toEqual(['papers.getMany', 'papers.iterateSeen', 'topics.list']);
    // Each target got its own digest, with the shared summaries.
    expect(d.n.accepted).toHaveLength(15);
    expect(new Set(d.n.steps.filter((s) => s.kind === 'send').map((s) => s.address))).toEqual(new Set(['slack:C1', 'slack:C2', 'slack:C3', 'slack:C4', 'slack:C5']));

    // The same window again: matched from the cache while it lives, afresh once it expired.
    const again = async () => {
      await stores.targets.upsert(target('slack:C1', { lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
      await runDigests(d, { now: SLOT, targetId: 'slack:C1' });
    };
    t += 999;
    await again();
    expect((d.matcher as ReturnType<typeof keywordMatcher>).calls).toBe(1);
    t += 1;
    await again();
    expect((d.matcher as ReturnType<typeof keywordMatcher>).calls).toBe(2);
    expect(d.n.accepted).toHaveLength(15);
  });

  it('a resumed plan reads its papers from the store (they were not loaded while planning)', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    await stores.ledger.planDigest({ targetId: 'slack:C1', windowStart: new Date('2026-11-19T09:00:00Z'), windowEnd: SLOT, items: [{ arxivId: '2611.00001', topicSlug: 'audio', score: 1, why: 'x' }], createdAt: SLOT });
    const d = deps(stores);
    const r = await runDigests(d, { now: NOW, targetId: 'slack:C1' });
    expect(r.targets).toEqual([expect.objectContaining({ status: 'delivered', papers: 1, resumed: true })]);
    expect(d.n.accepted).toHaveLength(1);
    expect((d.summaries as unknown as { ensured: string[] }).ensured).toEqual(['2611.00001']);
  });

  it('makes no summaries for a digest that will not be sent: an open one on a platform this configuration has no token for', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    await addAudioTarget(stores, 'discord:100');
    // Both planned by an earlier run (the Discord one while the service had DISCORD_TOKEN), neither sent yet.
    for (const targetId of ['slack:C1', 'discord:100']) {
      await stores.ledger.planDigest({ targetId, windowStart: new Date('2026-11-19T09:00:00Z'), windowEnd: SLOT, items: [{ arxivId: targetId === 'slack:C1' ? '2611.00001' : '2611.00002', topicSlug: 'audio', score: 1, why: 'x' }], createdAt: SLOT });
    }
    const d = deps(stores);
    const r = await runDigests(d, { now: NOW });
    expect(r.targets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: 'slack:C1', status: 'delivered', resumed: true }),
        expect.objectContaining({ targetId: 'discord:100', status: 'no-notifier', resumed: true, papers: 1, error: 'discord is not configured' }),
      ]),
    );
    // Summaries may cost LLM tokens: only the paper of the digest that was sent.
    expect((d.summaries as unknown as { ensured: string[] }).ensured).toEqual(['2611.00001']);
    // Still waiting, for when the token is set again.
    expect((await stores.ledger.openDigests('discord:100')).map((o) => o.items.length)).toEqual([1]);
  });

  it('a target waiting after a refusal says when its digest is retried (retryAfterMs); asked for by name, it is sent now', async () => {
    const stores = createMemoryStores();
    await seed(stores, 1);
    const n = scriptedNotifier();
    n.script.push({ status: 'rejected', error: 'not_in_channel' });
    expect((await runDigests(deps(stores, n), { now: NOW })).targets[0]).toMatchObject({ status: 'rejected' });
    const r = await runDigests(deps(stores, n), { now: NOW });
    expect(r.targets[0]).toMatchObject({ targetId: 'slack:C1', status: 'backing-off', resumed: true });
    // The first refusal waits a minute from the refused part.
    expect(r.targets[0]!.retryAfterMs).toBeGreaterThan(55_000);
    expect(r.targets[0]!.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await runDigests(deps(stores, n), { now: NOW, targetId: 'slack:C1' })).targets[0]).toMatchObject({ status: 'delivered' });
  });
});

type CrashAt = 'planDigest' | 'markPending' | 'markSent' | 'markFailed' | 'markDelivered' | 'ensure';

class Crash extends Error {}

/** Wrap the stores so the k-th call of `op` throws, the way a process dying there would stop. */
function crashing(stores: Stores, op: CrashAt, k: number): Stores {
  let n = 0;
  const trip = () => {
    if (++n === k) throw new Crash(`crash at ${op} #${k}`);
  };
  const ledger = { ...stores.ledger };
  const targets = { ...stores.targets };
  if (op === 'planDigest' || op === 'markPending' || op === 'markSent' || op === 'markFailed') {
    const orig = stores.ledger[op].bind(stores.ledger) as (...a: unknown[]) => Promise<unknown>;
    (ledger as Record<string, unknown>)[op] = async (...a: unknown[]) => {
      trip();
      return orig(...a);
    };
  }
  if (op === 'markDelivered') {
    targets.markDelivered = async (...a) => {
      trip();
      return stores.targets.markDelivered(...a);
    };
  }
  return { ...stores, ledger, targets };
}

describe('exactly once across crashes', () => {
  const cases: Array<[CrashAt, number]> = [
    ['planDigest', 1],
    ['ensure', 1],
    ['markPending', 1],
    ['markPending', 2],
    ['markPending', 3],
    ['markSent', 1],
    ['markSent', 2],
    ['markSent', 3],
    ['markDelivered', 1],
  ];
  it.each(cases)('crash at %s #%i, then a restart: every part posted exactly once', async (op, k) => {
    const stores = createMemoryStores();
    await seed(stores);
    const platform = scriptedNotifier();
    const first = deps(crashing(stores, op, k), platform);
    if (op === 'ensure') first.summaries = { ensure: async () => { throw new Crash('crash in summaries'); } };
    await runDigests(first, { now: NOW }).catch((e) => {
      if (!(e instanceof Crash)) throw e;
    });
    // Restart: fresh runner, same database and the same platform.
    const second = deps(stores, platform);
    await runDigests(second, { now: new Date('2026-11-20T09:31:00Z') });
    const counts = new Map<string, number>();
    for (const key of platform.accepted) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect((await stores.targets.get('slack:C1'))!.lastDigestAt).toEqual(SLOT);
    expect(await stores.ledger.openDigests()).toEqual([]);
  });
});

describe('a digest an earlier run posted', () => {
  it('stopped before closing its window: the next run posts nothing and reports the parts as already delivered', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const platform = scriptedNotifier();
    await runDigests(deps(crashing(stores, 'markDelivered', 1), platform), { now: NOW }).catch((e) => {
      if (!(e instanceof Crash)) throw e;
    });
    expect(platform.accepted).toHaveLength(3);
    const again = await runDigests(deps(stores, platform), { now: new Date('2026-11-20T09:31:00Z') });
    expect(platform.accepted).toHaveLength(3);
    expect(again.messagesSent).toBe(0);
    expect(again.targets).toEqual([expect.objectContaining({ targetId: 'slack:C1', status: 'delivered', parts: 3, alreadyDelivered: 3 })]);
    const { outcomesOf } = await import('../../../src/core/digest/run-digests.js');
    expect(outcomesOf(again.targets)).toEqual(['slack:C1 delivered 3 papers (already posted earlier: 3 of 3 parts)']);
  });

  it('a digest this run posts itself has no alreadyDelivered', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    const report = await runDigests(deps(stores), { now: NOW });
    expect(report.targets[0]!.alreadyDelivered).toBeUndefined();
    expect(report.messagesSent).toBe(3);
  });
});

describe('a target whose digest crashed', () => {
  it('is reported with its error on one line, as the CLI says any error (core/error-text.ts)', async () => {
    const stores = createMemoryStores();
    await seed(stores);
    // Prisma's message: the call site and a source excerpt over several lines, the reason last.
    const prismaLike = Object.assign(new Error('\nInvalid `prisma.deliveryRecord.create()` invocation in\n/app/dist/store/ledger.js:12:3\n\n   9 const x = 1;\n→ 12 await prisma.deliveryRecord.create(\nUnique constraint failed on the fields: (`dedupeKey`)'), { code: 'P2002' });
    const broken: Stores = { ...stores, ledger: { ...stores.ledger, planDigest: async () => { throw prismaLike; } } };
    const report = await runDigests(deps(broken), { now: NOW });
    expect(report.targets[0]).toMatchObject({ status: 'failed', error: 'database error: Unique constraint failed on the fields: (`dedupeKey`) (P2002)' });
  });
});

describe('the log line of a digest run', () => {
  it('names each target and what it got, or counts them by outcome past twenty', async () => {
    const { outcomesOf } = await import('../../../src/core/digest/run-digests.js');
    const report = (targetId: string, status: 'delivered' | 'nothing-new' | 'failed', papers = 0, error?: string) => ({ targetId, status, windowKey: null, papers, parts: 0, resumed: false, ...(error ? { error } : {}) });
    expect(outcomesOf([report('slack:C0001', 'delivered', 8), report('discord:222', 'nothing-new'), report('slack:C0002', 'failed', 1, 'channel_not_found')])).toEqual([
      'slack:C0001 delivered 8 papers',
      'discord:222 nothing-new',
      'slack:C0002 failed 1 paper (channel_not_found)',
    ]);
    const many = Array.from({ length: 25 }, (_, i) => report(`slack:C${i}`, i < 20 ? 'nothing-new' : 'delivered', 3));
    expect(outcomesOf(many)).toEqual(['20 nothing-new', '5 delivered']);
  });

  it('writes its counts as every count in paperboy is written (core/count.ts): thousands separated', async () => {
    const { outcomesOf } = await import('../../../src/core/digest/run-digests.js');
    const report = (targetId: string, status: 'delivered' | 'nothing-new', papers = 0) => ({ targetId, status, windowKey: null, papers, parts: 0, resumed: false });
    expect(outcomesOf([report('console', 'delivered', 2193)])).toEqual(['console delivered 2,193 papers']);
    const many = Array.from({ length: 1201 }, (_, i) => report(`slack:C${i}`, 'nothing-new'));
    expect(outcomesOf(many)).toEqual(['1,201 nothing-new']);
  });
});
