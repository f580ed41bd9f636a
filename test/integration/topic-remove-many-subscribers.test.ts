// `paperboy topics remove` hands the store the subscribers it showed, and the store deletes
// those by name in one `{ in: [...] }`: a bind variable each, past SQLite's 32,766 for a topic a
// large workspace subscribes to. Prisma 7's query compiler splits such a list by the provider's
// bind limit (999 on SQLite, 32,766 on PostgreSQL) and sums the counts, inside the same
// transaction: this holds it to that, so an upgrade that stops doing so is seen here, not by
// an operator whose topic cannot be removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { dateParam } from '../../src/store/raw-dates.js';
import { testDatabases, type TestDatabase } from '../helpers/db.js';
import { testTopic } from '../helpers/test-topic.js';

const SUBSCRIBERS = 40_000;
const T0 = new Date('2026-11-20T08:00:00.000Z');

const topic = testTopic({ slug: 'asr', mustPhrases: ['speech'], categories: ['cs.SD'], createdBy: 'slack:U1', createdAt: T0 });

const subscriber = (i: number) => `slack:U${String(i).padStart(6, '0')}`;

/** Subscriptions to `slug` for subscribers `from`..`to`-1, written as one statement (a fixture, not the store's way). */
async function subscribe(db: TestDatabase, slug: string, from: number, to: number): Promise<void> {
  const created = `'${dateParam(db.provider)(T0)}'`;
  const rows = Array.from({ length: to - from }, (_, k) => `('${subscriber(from + k)}', 'user', '${slug}', NULL, NULL, 'slack:U1', ${created})`);
  await db.exec(`INSERT INTO "Subscription" ("subscriber", "kind", "topicSlug", "minScore", "maxPapers", "createdBy", "createdAt") VALUES ${rows.join(',\n')};`);
}

describe.each(await testDatabases('topic-remove-many-subscribers'))('topics remove with $name', (kind) => {
  let db: TestDatabase;
  let stores: Stores;
  beforeAll(async () => {
    db = await kind.open();
    stores = await db.openStores();
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  it(`removes a topic with ${SUBSCRIBERS.toLocaleString('en')} subscribers, every one as shown`, async () => {
    await db.reset();
    await stores.topics.add(topic);
    await subscribe(db, 'asr', 0, SUBSCRIBERS);
    await stores.topics.add({ ...topic, slug: 'other', name: 'other' });
    expect(await stores.subscriptions.add({ subscriber: 'slack:U1', kind: 'user', topicSlug: 'other', minScore: null, maxPapers: null, createdBy: 'slack:U1', createdAt: T0 })).toBe('created');
    const shown = (await stores.subscriptions.list({ topicSlug: 'asr' })).map((s) => s.subscriber);
    expect(shown).toHaveLength(SUBSCRIBERS);
    expect(await stores.topics.remove('asr', { subscribers: shown })).toBe(true);
    expect(await stores.topics.get('asr')).toBeNull();
    expect(await db.query(`SELECT "subscriber" FROM "Subscription"`)).toEqual([{ subscriber: 'slack:U1' }]);
  }, 120_000);

  it('still removes nothing when one more subscribed since they were shown, however many there are', async () => {
    await db.reset();
    await stores.topics.add(topic);
    await subscribe(db, 'asr', 0, SUBSCRIBERS);
    const shown = (await stores.subscriptions.list({ topicSlug: 'asr' })).map((s) => s.subscriber);
    await subscribe(db, 'asr', SUBSCRIBERS, SUBSCRIBERS + 1);
    expect(await stores.topics.remove('asr', { subscribers: shown })).toBe('changed');
    expect(await stores.topics.get('asr')).not.toBeNull();
    expect(await db.query(`SELECT count(*) AS n FROM "Subscription"`)).toEqual([{ n: db.provider === 'sqlite' ? SUBSCRIBERS + 1 : String(SUBSCRIBERS + 1) }]);
  }, 120_000);
});
