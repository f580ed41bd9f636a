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
import { recordingLogger } from '../../helpers/text-sink.js';

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

describe('start-up catch-up failures', () => {
  // The log line is for people: a Prisma error's call site and source excerpt over several lines
  // said nothing the reason and code do not.
  it("logs a failed start-up ingest in one line, Prisma's reason and code", async () => {
    const logger = recordingLogger();
    const prismaError = Object.assign(new Error("\nInvalid `prisma.paper.upsert()` invocation in\n/app/dist/store/papers.js:88:3\n\n→ 88 await prisma.paper.upsert(\nUnique constraint failed on the fields: (`arxivId`)"), { code: 'P2002' });
    await catchUpAtStart({
      stores: createMemoryStores(),
      clock: { now: () => now },
      logger,
      replica: 'r1',
      ingestJob: 'ingest',
      sources: ['hf'],
      ingestNow: async () => {
        throw prismaError;
      },
      enqueueDigests: async () => undefined,
      stopping: () => false,
    });
    expect(logger.lines).toEqual(['start-up ingest failed: database error: Unique constraint failed on the fields: (`arxivId`) (P2002)']);
  });
});
