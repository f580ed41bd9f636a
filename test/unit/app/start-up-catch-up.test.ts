/**
 * The start-up catch-up judges each scheduled source by its own last run: a manual ingest of
 * another source (a file, a feed) must not hide a scheduled one that failed or never ran.
 */
import { describe, expect, it } from 'vitest';
import { catchUpAtStart } from '../../../src/app/start-up-catch-up.js';
import type { SourceName } from '../../../src/core/papers/paper.js';
import type { IngestStatus } from '../../../src/core/papers/ports.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const now = new Date('2026-12-05T10:30:00Z');

async function catchUp(runs: Array<[SourceName, IngestStatus, number]>, sources: SourceName[] = ['hf']): Promise<number> {
  const stores = createMemoryStores();
  // Oldest first, as they ran: each `minutesAgo` before now.
  for (const [source, status, minutesAgo] of [...runs].sort((a, b) => b[2] - a[2])) {
    const at = new Date(now.getTime() - minutesAgo * 60_000);
    const run = await stores.ingestRuns.start(source, 'w', at);
    await stores.ingestRuns.finish({ ...run, status, finishedAt: at });
  }
  let ingests = 0;
  await catchUpAtStart({
    stores,
    clock: { now: () => now },
    logger: silentLogger(),
    replica: 'r1',
    ingestJob: 'ingest',
    sources,
    ingestNow: async () => (ingests++, 'ok'),
    enqueueDigests: async () => undefined,
    stopping: () => false,
  });
  return ingests;
}

describe('start-up catch-up', () => {
  it('ingests when a scheduled source last failed, however recent a manual ingest of another source is', async () => {
    expect(await catchUp([['hf', 'failed', 20], ['file', 'succeeded', 5]])).toBe(1);
    // The scheduled source never ran: the file ingest is no stand-in for it.
    expect(await catchUp([['file', 'succeeded', 5]])).toBe(1);
  });

  it('leaves a fresh, settled scheduled ingest alone, and judges every scheduled source', async () => {
    expect(await catchUp([['hf', 'succeeded', 20]])).toBe(0);
    expect(await catchUp([['hf', 'succeeded', 90]])).toBe(1);
    expect(await catchUp([['hf', 'succeeded', 20], ['arxiv', 'succeeded', 90]], ['hf', 'arxiv'])).toBe(1);
    expect(await catchUp([['hf', 'succeeded', 20], ['arxiv', 'partial', 10]], ['hf', 'arxiv'])).toBe(1);
    expect(await catchUp([['hf', 'succeeded', 20], ['arxiv', 'succeeded', 10]], ['hf', 'arxiv'])).toBe(0);
  });
});
