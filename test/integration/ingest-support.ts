/** Shared wiring for the ingest integration tests: real databases, config for local servers, a quiet logger. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import type { OpenStoresOptions } from '../../src/store/index.js';
import { testDatabases, withPostgres, withSqlite, type TestDatabase } from '../helpers/db.js';
import type { SourceConfig } from '../../src/sources/index.js';
import { silentLogger } from '../../src/log.js';

export const logger = silentLogger();

export function sourceConfig(over: Partial<SourceConfig> = {}): SourceConfig {
  return {
    PAPERBOY_HF_API_URL: 'http://127.0.0.1:9/api',
    PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9/api',
    PAPERBOY_ARXIV_RSS_URL: 'http://127.0.0.1:9',
    PAPERBOY_ARXIV_CATEGORIES: ['cs.CL'],
    PAPERBOY_ARXIV_DELAY_MS: 3000,
    PAPERBOY_HTTP_TIMEOUT_MS: 2000,
    PAPERBOY_HTTP_RETRIES: 2,
    PAPERBOY_USER_AGENT: 'paperboy-test/1',
    ...over,
  };
}

/** Records every sleep (backoff, Retry-After, arXiv spacing) without waiting; `now` advances only by sleeps. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; now: () => number; waits: number[] } {
  const waits: number[] = [];
  let t = 0;
  return {
    waits,
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  };
}

export type Provider = 'sqlite' | 'postgresql';

/** SQLite always; PostgreSQL too when the test server answers. */
export async function providers(): Promise<Provider[]> {
  return (await testDatabases('ingest')).map((d) => d.name);
}

export interface TestStores {
  stores: Stores;
  database: TestDatabase;
  /** Rows written by upsertMany calls (created + updated), to prove idempotence. */
  writes(): number;
  /** Empty the tables ingest writes and zero the write counter (shared databases between tests). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh real database (migrated) with a write counter around upsertMany. */
export async function openTestStores(provider: Provider = 'sqlite', opts: OpenStoresOptions = {}): Promise<TestStores> {
  const database = provider === 'sqlite' ? await withSqlite() : await withPostgres();
  const stores = await database.openStores({ migrate: true, ...opts });
  let writes = 0;
  const upsertMany = stores.papers.upsertMany.bind(stores.papers);
  const start = stores.ingestRuns.start.bind(stores.ingestRuns);
  const pristine = { upsertMany: stores.papers.upsertMany, start: stores.ingestRuns.start };
  stores.papers.upsertMany = async (inputs, now) => {
    const r = await upsertMany(inputs, now);
    writes += r.created.length + r.updated.length;
    return r;
  };
  pristine.upsertMany = stores.papers.upsertMany;
  pristine.start = start;
  return {
    stores,
    database,
    writes: () => writes,
    async reset() {
      // Tests may swap in failing functions; put the real ones back.
      stores.papers.upsertMany = pristine.upsertMany;
      stores.ingestRuns.start = pristine.start;
      await database.exec('DELETE FROM "Paper"; DELETE FROM "IngestRun"; DELETE FROM "CacheEntry";');
      writes = 0;
    },
    close: () => database.drop(),
  };
}

/**
 * One migrated database for a describe block, opened before its tests, emptied before each and
 * dropped after them. The returned handle reads through to it, so tests use `db.stores` as usual.
 */
export function useTestStores(provider: Provider, opts: OpenStoresOptions = {}): TestStores {
  let current: TestStores | null = null;
  const live = (): TestStores => {
    if (!current) throw new Error('test stores used outside their describe block');
    return current;
  };
  beforeAll(async () => {
    current = await openTestStores(provider, opts);
  });
  afterAll(async () => {
    await current?.close();
    current = null;
  });
  beforeEach(() => live().reset());
  return {
    get stores() {
      return live().stores;
    },
    get database() {
      return live().database;
    },
    writes: () => live().writes(),
    reset: () => live().reset(),
    close: () => live().close(),
  };
}
