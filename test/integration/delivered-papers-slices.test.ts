/**
 * The ledger's per-target paper memory, asked about a whole window's matches (tens of thousands
 * of ids after a backfill): the answer is the same as one lookup would give, and the slices it
 * is read in are separate turns of the event loop. On SQLite they used to run back to back in
 * one task (2.4 s at 100,000 papers), holding /healthz and chat acks. Counted, not timed: a
 * setImmediate loop started beside the call turns at least once between every two slices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { target as makeTarget } from '../unit/digest/fixtures.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';

const IDS = 1_400; // three slices of at most 500
const T1 = new Date('2026-11-20T09:00:00Z');

const target = makeTarget('slack:C77');

describe(`deliveredPapers over many ids on ${testDatabaseProvider()}`, () => {
  let db: TestDatabase;
  let stores: Stores;
  beforeAll(async () => {
    db = await withTestDatabase();
    stores = await db.openStores();
    await stores.targets.upsert(target);
    const given = ['2611.00010', '2611.00700', '2611.01390'];
    await stores.ledger.planDigest({ targetId: target.id, windowStart: null, windowEnd: T1, items: given.map((arxivId) => ({ arxivId, topicSlug: 'tts', score: 0.9, why: 'x' })), createdAt: T1 });
  });
  afterAll(async () => {
    await stores.close();
    await db.drop();
  });

  it('finds the papers given before, and lets the event loop turn between its slices', async () => {
    const ids = Array.from({ length: IDS }, (_, i) => `2611.${String(i).padStart(5, '0')}`);
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    const asked = stores.ledger.deliveredPapers(target.id, ids);
    setImmediate(spin);
    const given = await asked.finally(() => (done = true));
    const key = [...given.values()][0];
    expect([...given.keys()].sort()).toEqual(['2611.00010', '2611.00700', '2611.01390']);
    expect(new Set(given.values()).size).toBe(1);
    expect(key).toBeTruthy();
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(IDS / 500) - 1);
  });
});
