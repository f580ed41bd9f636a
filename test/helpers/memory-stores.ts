/**
 * In-memory implementation of every store port, with the same semantics as the Prisma
 * stores (the contract suite in test/integration/store-contract.test.ts runs against both).
 * A test double (moved out of src/store, issue 13): nothing persists. Values are copied in and
 * out so callers can't mutate stored state by accident.
 */
import type { Stores } from '../../src/core/ports.js';
import { memoryFollows } from './memory-follows.js';
import { memoryIngestRuns, memoryPapers, memorySavedPapers } from './memory-papers.js';
import { memoryCache, memoryTopicsAndFriends } from './memory-topics.js';
import { memoryRuns, memoryTargetsAndLedger } from './memory-delivery.js';

/** A fresh, empty, in-memory bundle of every store. */
export function createMemoryStores(): Stores {
  let closed = false;
  const cache = memoryCache();
  const friends = memoryTopicsAndFriends(cache);
  return {
    papers: memoryPapers(),
    ingestRuns: memoryIngestRuns(),
    ...friends,
    ...memoryTargetsAndLedger(friends.subscriptions),
    follows: memoryFollows(),
    runs: memoryRuns(),
    cache,
    saved: memorySavedPapers(),
    async ping() {
      if (closed) throw new Error('memory store is closed');
    },
    async close() {
      closed = true;
    },
  };
}
