import { describe, expect, it } from 'vitest';
import { renderConsoleParts } from '../../../src/chat/console/render.js';
import { runDigests, type RunDigestsDeps } from '../../../src/core/digest/run-digests.js';
import type { Stores } from '../../../src/core/ports.js';
import { abandonedRunError } from '../../../src/core/papers/ports.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { keywordMatcher, noSleep, scriptedNotifier, sub, target, subscribe } from './fixtures.js';

const NOW = new Date('2026-11-20T09:30:00Z');

function deps(stores: Stores, notifier = scriptedNotifier('console')): RunDigestsDeps & { n: ReturnType<typeof scriptedNotifier> } {
  return {
    n: notifier,
    stores,
    matcher: keywordMatcher(),
    summaries: { ensure: async () => new Map() },
    channels: { console: { notifier: notifier.notifier, render: renderConsoleParts, minIntervalMs: 0 } },
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    sleep: noSleep,
    concurrency: 1,
  };
}

const sent = (d: ReturnType<typeof deps>) => d.n.steps.flatMap((s) => (s.kind === 'send' ? [s.part.text] : []));

describe('an empty digest', () => {
  // Each target follows a topic (one that follows nothing says only that: run-digests.test.ts).
  it('says "no new papers", and that nothing at all was stored when that is all there is to say', async () => {
    const stores = createMemoryStores();
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const d = deps(stores);
    await runDigests(d, { now: NOW });
    expect(sent(d)).toHaveLength(1);
    expect(sent(d)[0]).toMatch(/^No new papers on this digest's topics since 2026-11-19 09:00 UTC\. No paper at all was stored in this window: no ingest ran, or none found anything new\.\n/);
  });

  it('says when the last ingest failed, and when papers arrived after its window closed', async () => {
    const stores = createMemoryStores();
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const run = await stores.ingestRuns.start('hf', '2026-11-19..2026-11-20', new Date('2026-11-20T08:00:00Z'));
    await stores.ingestRuns.finish({ ...run, status: 'failed', failed: 2, error: 'HTTP 503 from https://huggingface.co/api/daily_papers\nmore', finishedAt: new Date('2026-11-20T08:01:00Z') });
    // Papers a late (catch-up) ingest stored after the 09:00 slot.
    await stores.papers.upsertMany(
      [
        { arxivId: '2611.00001', source: 'hf', title: 'A late paper', abstract: 'Arrived at 09:20.' },
        { arxivId: '2611.00002', source: 'hf', title: 'Another late paper', abstract: 'Arrived at 09:20.' },
      ],
      new Date('2026-11-20T09:20:00Z'),
    );
    const d = deps(stores);
    await runDigests(d, { now: NOW });
    const [text] = sent(d);
    expect(text).toContain("No new papers on this digest's topics since 2026-11-19 09:00 UTC.");
    expect(text).toContain('The last paper ingest (hf, 2026-11-20 08:00 UTC) failed: HTTP 503 from https://huggingface.co/api/daily_papers; papers may be missing until one succeeds.');
    // When that next digest comes: "the next digest" alone left a newcomer wondering whether anything would.
    expect(text).toContain("2 papers arrived after 2026-11-20 09:00 UTC, when this digest's window closed; the next digest, at 2026-11-21 09:00 UTC, looks at them.");
  });

  it('says when the last ingest was abandoned (its process stopped mid-run), with when it was last seen', async () => {
    const stores = createMemoryStores();
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const run = await stores.ingestRuns.start('hf', '2026-11-20', new Date('2026-11-20T08:00:00Z'));
    // As the sweep records it (abandoned-ingest-runs.test.ts).
    await stores.ingestRuns.finish({ ...run, status: 'abandoned', error: abandonedRunError('vm pid 1412', new Date('2026-11-20T08:03:00Z')) });
    const d = deps(stores);
    await runDigests(d, { now: NOW });
    expect(sent(d)[0]).toContain('The last paper ingest (hf, 2026-11-20 08:00 UTC) failed: abandoned: no end recorded and its process (vm pid 1412) stopped renewing it; last seen 2026-11-20T08:03:00.000Z; papers may be missing until one succeeds.');
  });

  it('says a scheduled ingest failed even when a manual ingest of another source succeeded after it', async () => {
    const stores = createMemoryStores();
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const hf = await stores.ingestRuns.start('hf', '2026-11-20', new Date('2026-11-20T08:00:00Z'));
    await stores.ingestRuns.finish({ ...hf, status: 'failed', failed: 1, error: 'host huggingface.co not found', finishedAt: new Date('2026-11-20T08:00:05Z') });
    const file = await stores.ingestRuns.start('file', 'papers.jsonl', new Date('2026-11-20T08:30:00Z'));
    await stores.ingestRuns.finish({ ...file, status: 'succeeded', finishedAt: new Date('2026-11-20T08:30:05Z') });
    const d = deps(stores);
    await runDigests(d, { now: NOW });
    expect(sent(d)[0]).toContain('The last paper ingest (hf, 2026-11-20 08:00 UTC) failed: host huggingface.co not found');
    // Once the source's own newest run succeeded, its earlier failure is no longer said.
    const again = await stores.ingestRuns.start('hf', '2026-11-20', new Date('2026-11-20T09:00:00Z'));
    await stores.ingestRuns.finish({ ...again, status: 'succeeded', finishedAt: new Date('2026-11-20T09:00:05Z') });
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    const d2 = deps(stores);
    await runDigests(d2, { now: new Date('2026-11-21T09:30:00Z') });
    expect(sent(d2).join('\n')).not.toContain('failed');
  });

  it("is explained in the digest's language, the system's own error text as it was", async () => {
    const stores = createMemoryStores();
    await stores.targets.upsert(target('console', { notifyEmpty: true, language: 'de', lastDigestAt: new Date('2026-11-19T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const run = await stores.ingestRuns.start('hf', '2026-11-19..2026-11-20', new Date('2026-11-20T08:00:00Z'));
    await stores.ingestRuns.finish({ ...run, status: 'partial', failed: 1, error: 'HTTP 503', finishedAt: new Date('2026-11-20T08:01:00Z') });
    await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'hf', title: 'A late paper', abstract: 'Arrived at 09:20.' }], new Date('2026-11-20T09:20:00Z'));
    const d = deps(stores);
    await runDigests(d, { now: NOW });
    const [text] = sent(d);
    expect(text).toContain('Der letzte Paper-Import (hf, 2026-11-20 08:00 UTC) ist teilweise fehlgeschlagen: HTTP 503');
    expect(text).toContain('1 Paper kam nach 2026-11-20 09:00 UTC an, als das Fenster dieses Digests schon geschlossen war; der nächste Digest (2026-11-21 09:00 UTC) berücksichtigt es.');
    expect(text).not.toContain('The last paper ingest');
  });
});
