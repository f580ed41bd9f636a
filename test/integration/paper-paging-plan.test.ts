/**
 * How SQLite plans the paper store's keyset pages. A digest after a backfill and the search index's
 * catch-up read 100,000 papers a page at a time: each page after the first must start at the last
 * key read, not at the window's start (which walks every earlier page again, 1,000 times over).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { createStoreDb, type StoreDb } from '../../src/store/connect.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { createPrismaPaperStore } from '../../src/store/prisma-paper-store.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';

const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 12, m));
const input = (id: string): PaperInput => ({ arxivId: id, source: 'arxiv', version: 1, title: `Paper ${id}`, abstract: 'a', authors: ['Ada Lovelace'], publishedAt: at(0), categories: ['cs.CL'] });

describe('paper store keyset pages on SQLite', () => {
  let test: TestDatabase;
  let db: StoreDb;
  beforeAll(async () => {
    test = await withSqlite();
    const stores = await test.openStores({ migrate: true });
    // Two ingests, ten papers each, each batch sharing one first-seen instant as a real ingest's do.
    await stores.papers.upsertMany(Array.from({ length: 10 }, (_, i) => input(`2405.${String(i).padStart(5, '0')}`)), at(1));
    await stores.papers.upsertMany(Array.from({ length: 10 }, (_, i) => input(`2406.${String(i).padStart(5, '0')}`)), at(2));
    db = await createStoreDb(parseDatabaseUrl(test.url));
  });
  afterAll(async () => {
    await db.close();
    await test.drop();
  });

  /** The plan of every page query `read` sends, in order. */
  async function pagePlans(read: (papers: ReturnType<typeof createPrismaPaperStore>) => AsyncIterable<unknown>): Promise<string[]> {
    const sent: Array<[string, readonly unknown[]]> = [];
    const recording: StoreDb = { ...db, query: (sql, params = []) => (sent.push([sql, params]), db.query(sql, params)) };
    for await (const page of read(createPrismaPaperStore(recording))) void page;
    const plans: string[] = [];
    for (const [sql, params] of sent) plans.push((await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => r.detail).join(' | '));
    return plans;
  }

  it('iterateSeen seeks each later page at the last (firstSeenAt, arxivId) read', async () => {
    const plans = await pagePlans((papers) => papers.iterateSeen({ since: at(1), before: at(3) }, 3));
    expect(plans.length).toBe(7);
    for (const plan of plans.slice(1)) expect(plan).toContain('(firstSeenAt,arxivId)>(?,?)');
  });

  it('iterateUpdated seeks each later page at the last (updatedAt, arxivId) read', async () => {
    const plans = await pagePlans((papers) => papers.iterateUpdated(at(0), 3));
    expect(plans.length).toBe(7);
    for (const plan of plans.slice(1)) expect(plan).toContain('(updatedAt,arxivId)>(?,?)');
  });
});
