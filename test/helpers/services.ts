/**
 * Suites that need a PostgreSQL or Redis server: on a machine without one they skip with one
 * line saying what is missing and how to point them at a server; `.ci/run` sets
 * PAPERBOY_TEST_REQUIRE_SERVICES=1, and there a missing server fails the suite instead.
 *
 *   describe.runIf(await serverFor('redis', 'queue-bullmq'))('…', () => { … });
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { redactUrl } from '../../src/core/redact-url.js';
import { TEST_REDIS_URL } from './replica-redis.js';

/** Trust-auth server from the test environment; the `postgres` role may CREATE DATABASE. */
export const TEST_PG_URL = process.env.PAPERBOY_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const SERVICES_REQUIRED = process.env.PAPERBOY_TEST_REQUIRE_SERVICES === '1';

let pgReachable: Promise<boolean> | undefined;

/** Whether the test PostgreSQL server answers (asked once). Only serverFor decides what a missing one means. */
function pgAvailable(): Promise<boolean> {
  pgReachable ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2_000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  return pgReachable;
}

let redisReachable: Promise<boolean> | undefined;

/** One PING with a short timeout and no reconnects (no stream of ioredis errors when it is down). */
function redisAvailable(): Promise<boolean> {
  redisReachable ??= (async () => {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return (await redis.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      redis.disconnect();
    }
  })();
  return redisReachable;
}

const WHERE = {
  postgresql: () => `PostgreSQL not reachable at ${redactUrl(TEST_PG_URL)} (PAPERBOY_TEST_PG_URL)`,
  redis: () => `Redis not reachable at ${TEST_REDIS_URL} (TEST_REDIS_URL)`,
};

/**
 * True when every server the suite needs answers; otherwise one warning line saying what is
 * `skipped`, or a failure under PAPERBOY_TEST_REQUIRE_SERVICES=1: the one place that decides.
 */
export async function serverFor(servers: 'postgresql' | 'redis' | Array<'postgresql' | 'redis'>, suite: string, skipped = 'suite skipped'): Promise<boolean> {
  const missing: string[] = [];
  for (const s of Array.isArray(servers) ? servers : [servers]) {
    const up = s === 'redis' ? await redisAvailable() : await pgAvailable();
    if (!up) missing.push(WHERE[s]());
  }
  if (missing.length === 0) return true;
  const line = `[${suite}] ${missing.join('; ')}`;
  if (SERVICES_REQUIRED) throw new Error(`${line}; PAPERBOY_TEST_REQUIRE_SERVICES=1 requires it`);
  console.warn(`${line}: ${skipped}`);
  return false;
}
