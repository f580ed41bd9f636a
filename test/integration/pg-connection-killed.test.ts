/**
 * A PostgreSQL connection ended under a paper write (pg_terminate_backend from psql, a server
 * restart, a proxy that went away) fails that write; it must not end the process. The raw upsert
 * holds a pool client for a batch, and a checked-out pg client with no 'error' listener threw
 * "Unhandled 'error' event … Connection terminated unexpectedly": `paperboy ingest` died with a
 * stack and left its IngestRun "running", and the service died with it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { withPostgres, type TestDatabase } from '../helpers/db.js';
import { serverFor } from '../helpers/services.js';

describe.runIf(await serverFor('postgresql', 'pg-connection-killed'))('a PostgreSQL connection ended under a paper write', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('fails that write with an error, the process goes on, and the next write works', async () => {
    db = await withPostgres();
    const stores = await db.openStores();
    // Another session holds the paper writers' lock, so the upsert waits inside its transaction.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(7270736902)');
    const paper = (id: string) => ({ arxivId: id, source: 'file' as const, title: `Paper ${id}`, abstract: 'About audio codecs.' });
    const write = stores.papers.upsertMany([paper('2612.00001')], new Date());
    const settled = write.then(() => 'resolved', (err: unknown) => err);
    // Until it waits on the lock, then end its connection as pg_terminate_backend does.
    const deadline = Date.now() + 15_000;
    let ended = 0;
    while (ended === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = await holder.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      ended = rows.rows[0]!.n;
    }
    expect(ended).toBe(1);
    const outcome = await settled;
    expect(outcome).toBeInstanceOf(Error);
    await holder.query('SELECT pg_advisory_unlock(7270736902)');
    await holder.end();
    // Give an unhandled 'error' event its turn to end the process (vitest reports it as an unhandled error).
    await new Promise((r) => setTimeout(r, 200));
    // The pool goes on with a fresh connection.
    await stores.papers.upsertMany([paper('2612.00002')], new Date());
    expect(await stores.papers.count()).toBe(1);
  }, 60_000);
});
