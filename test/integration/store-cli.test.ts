// `paperboy db migrate|status` against a real SQLite file, through commander as the CLI runs it.
import { afterAll, describe, expect, it } from 'vitest';
import { runDbCommand } from '../helpers/db-command.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { subscribe } from '../unit/digest/fixtures.js';

const run = runDbCommand;

describe('paperboy db', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });

  it('status says new (exit 1) before anything is applied, migrate applies, status then says up to date', async () => {
    const db = await withTestDatabase();
    dbs.push(db);
    const before = await run(db.url, 'db', 'status', '--json');
    expect(before.code).toBe(1);
    const pending = (JSON.parse(before.out) as { pending: string[] }).pending;
    expect(pending.length).toBeGreaterThan(0);
    // Nothing applied yet: a new database, which any command migrates, not one left behind.
    const fresh = await run(db.url, 'db', 'status');
    expect(fresh.code).toBe(1);
    expect(fresh.out).toContain('state:     new (no tables yet); `paperboy db migrate`, or any other command, creates them');

    const migrated = await run(db.url, 'db', 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.out).toContain(`applied ${pending.length} migration${pending.length === 1 ? '' : 's'}`);
    expect(migrated.out).toContain('up to date');

    const after = await run(db.url, 'db', 'status');
    expect(after.code).toBe(0);
    expect(after.out).toMatch(/pending:\s+none/);
    expect((await run(db.url, 'db', 'migrate', '--json')).out).toContain('"applied": []');

    // The shared helper's reset empties data but keeps schema and history.
    const stores = await db.openStores({ migrate: false });
    // A subscription with its topic: reset empties tables in an order their foreign key allows.
    await subscribe(stores, { subscriber: 'console', kind: 'channel', topicSlug: 'tts', minScore: null, maxPapers: null, createdBy: 'cli', createdAt: new Date() });
    await db.reset();
    expect(await stores.topics.list()).toEqual([]);
    expect(await stores.subscriptions.list()).toEqual([]);
    expect((await run(db.url, 'db', 'status')).code).toBe(0);
  });

  it('an unreachable PostgreSQL fails with exit 1 and no password in the message', async () => {
    const r = await run('postgresql://u:topsecret@127.0.0.1:1/x', 'db', 'status');
    expect(r.code).toBe(1);
    expect(r.err).toContain('127.0.0.1:1/x');
    expect(r.err).not.toContain('topsecret');
    expect(r.out).toBe('');
  });
});
