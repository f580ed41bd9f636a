// A subscription names a topic that is there (foreign key Subscription.topicSlug -> Topic.slug):
// the upgrade that adds the key copes with subscriptions to topics removed long ago, and a
// subscribe racing a `topics remove` fails one side with words for it, never leaving a
// subscription to nothing. PostgreSQL runs at READ COMMITTED, where that race was real; the
// races are played here with a second session holding the other side's uncommitted write.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Stores, Subscription, TopicDefinition } from '../../src/core/ports.js';
import { createSubscriptionService } from '../../src/core/subscriptions/subscription-service.js';
import { createTopicService } from '../../src/core/topics/topic-service.js';
import { migrate } from '../../src/store/migrate.js';
import { defaultMigrationsDir, type Provider } from '../../src/store/migration-files.js';
import { dateParam } from '../../src/store/raw-dates.js';
import { testDatabases, type TestDatabase } from '../helpers/db.js';
import { testTopic } from '../helpers/test-topic.js';

const KEY_MIGRATION = '20261206234806_subscription_topic_fk';
const T0 = new Date('2026-11-20T08:00:00.000Z');

const topic = (slug: string): TopicDefinition => testTopic({ slug, name: `Topic ${slug}`, createdBy: 'slack:U1', createdAt: T0 });
const sub = (subscriber: string, topicSlug: string): Subscription => ({ subscriber, kind: 'channel', topicSlug, minScore: null, maxPapers: null, createdBy: 'slack:U1', createdAt: T0 });

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** The committed migrations up to, not including, the one adding the key: a database of the previous release. */
function migrationsBeforeKey(provider: Provider): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-migrations-'));
  tempDirs.push(dir);
  cpSync(defaultMigrationsDir(provider), dir, { recursive: true, filter: (src) => !src.includes(KEY_MIGRATION) });
  return dir;
}

const insertTopic = (db: TestDatabase, slug: string) =>
  `INSERT INTO "Topic" ("slug", "name", "description", "mustPhrases", "mustNotPhrases", "categories", "builtin", "createdAt") VALUES ('${slug}', '${slug}', '${slug}', '[]', '[]', '[]', ${db.provider === 'sqlite' ? 0 : 'false'}, '${dateParam(db.provider)(T0)}');`;
const insertSub = (db: TestDatabase, subscriber: string, slug: string) =>
  `INSERT INTO "Subscription" ("subscriber", "kind", "topicSlug", "createdBy", "createdAt") VALUES ('${subscriber}', 'channel', '${slug}', 'slack:U1', '${dateParam(db.provider)(T0)}');`;

describe.each(await testDatabases('subscription-topic-key'))('subscription -> topic key on $name', (kind) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });
  const fresh = async () => {
    const db = await kind.open();
    dbs.push(db);
    return db;
  };

  it('an upgrade over a subscription to a topic removed long ago succeeds: that one goes, the others stay', async () => {
    const db = await fresh();
    await migrate(db.url, { migrationsDir: migrationsBeforeKey(db.provider) });
    await db.exec([insertTopic(db, 'kept'), insertSub(db, 'slack:C1', 'kept'), insertSub(db, 'slack:C2', 'gone'), insertSub(db, 'slack:C1', 'gone')].join('\n'));
    const r = await migrate(db.url);
    expect(r.applied).toEqual([KEY_MIGRATION]);
    expect(r.status).toMatchObject({ pending: [], failed: [] });
    expect(await db.query(`SELECT "subscriber", "topicSlug" FROM "Subscription" ORDER BY "subscriber", "topicSlug"`)).toEqual([{ subscriber: 'slack:C1', topicSlug: 'kept' }]);
    // The key is in place: the same orphan cannot be written again, even by hand.
    await expect(db.exec(insertSub(db, 'slack:C2', 'gone'))).rejects.toThrow(/foreign key/i);
  });

  it('a fresh database refuses a subscription to a missing topic through the store, and a topic with subscriptions cannot be deleted under them', async () => {
    const db = await fresh();
    const stores = await db.openStores();
    expect(await stores.subscriptions.add(sub('slack:C1', 'nowhere'))).toBe('no-topic');
    expect(await stores.subscriptions.list()).toEqual([]);
    await stores.topics.add(topic('here'));
    expect(await stores.subscriptions.add(sub('slack:C1', 'here'))).toBe('created');
    await expect(db.exec(`DELETE FROM "Topic" WHERE "slug" = 'here'`)).rejects.toThrow(/foreign key/i);
  });

  it('subscribe to a topic removed between finding it and writing the subscription: says so, stores nothing', async () => {
    const db = await fresh();
    const stores = await db.openStores();
    await stores.topics.add(topic('fleeting'));
    // The removal lands after the topic was looked up, just before the subscription is written.
    const racing: Stores['subscriptions'] = {
      ...stores.subscriptions,
      add: async (s) => {
        await db.exec(`DELETE FROM "Topic" WHERE "slug" = '${s.topicSlug}'`);
        return stores.subscriptions.add(s);
      },
    };
    const service = createSubscriptionService({ subscriptions: racing, topics: createTopicService({ topics: stores.topics }) });
    const r = await service.subscribe({ id: 'slack:U0FLEET1', canManageChannel: () => false }, { subscriber: 'slack:U0FLEET1', kind: 'user', topic: 'Topic fleeting' });
    expect(r).toMatchObject({ status: 'topic-removed', message: 'The topic "Topic fleeting" was removed while slack:U0FLEET1 was being subscribed to it; nothing subscribed.' });
    expect(await stores.subscriptions.list()).toEqual([]);
  });

  describe.runIf(kind.name === 'postgresql')('races at READ COMMITTED', () => {
    /** A second session, as another process: holds its write uncommitted while the store's call runs. */
    async function otherSession(db: TestDatabase) {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      return c;
    }

    /** Resolves once `work` settles or some session of this database waits for a lock (the other session's). */
    async function settledOrBlocked(db: TestDatabase, work: Promise<unknown>): Promise<void> {
      let settled = false;
      void work.then(
        () => (settled = true),
        () => (settled = true),
      );
      const name = new URL(db.url).pathname.slice(1);
      while (!settled) {
        const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${name}' AND wait_event_type = 'Lock'`);
        if (Number(row!.n) > 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    }

    it('a subscription committed while `topics remove` runs: the remove removes nothing (changed), no subscription is left without its topic', async () => {
      const db = await fresh();
      const stores = await db.openStores();
      await stores.topics.add(topic('contested'));
      const other = await otherSession(db);
      try {
        await other.query('BEGIN');
        await other.query(insertSub(db, 'slack:C9', 'contested'));
        // Shown no subscribers: the one being made is not among them.
        const removing = stores.topics.remove('contested', { subscribers: [] });
        await settledOrBlocked(db, removing);
        await other.query('COMMIT');
        expect(await removing).toBe('changed');
      } finally {
        await other.end();
      }
      expect(await stores.topics.get('contested')).not.toBeNull();
      expect((await stores.subscriptions.list({ topicSlug: 'contested' })).map((s) => s.subscriber)).toEqual(['slack:C9']);
    });

    it('a subscribe while a removal of its topic commits: refused as no-topic, nothing left behind', async () => {
      const db = await fresh();
      const stores = await db.openStores();
      await stores.topics.add(topic('leaving'));
      const other = await otherSession(db);
      let adding: Promise<unknown>;
      try {
        // What `topics remove` does in its transaction, held open.
        await other.query('BEGIN');
        await other.query(`DELETE FROM "Subscription" WHERE "topicSlug" = 'leaving'`);
        await other.query(`DELETE FROM "Topic" WHERE "slug" = 'leaving'`);
        adding = stores.subscriptions.add(sub('slack:C3', 'leaving'));
        await settledOrBlocked(db, adding);
        await other.query('COMMIT');
      } finally {
        await other.end();
      }
      expect(await adding).toBe('no-topic');
      expect(await db.query(`SELECT "subscriber" FROM "Subscription"`)).toEqual([]);
    });
  });
});
