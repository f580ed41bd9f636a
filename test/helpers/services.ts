/**
 * Suites that need a PostgreSQL or Redis server: on a machine without one they skip with one
 * line saying what is missing and how to point them at a server; `.ci/run` sets
 * PAPERBOY_TEST_REQUIRE_SERVICES=1, and there a missing server fails the suite instead.
 *
 *   describe.runIf(await serverFor('redis', 'queue-bullmq'))('…', () => { … });
 */
import { Redis } from 'ioredis';
import { redactUrl } from '../../src/store/database-url.js';
import { pgAvailable, TEST_PG_URL } from './db.js';
import { TEST_REDIS_URL } from './replica-redis.js';

export const SERVICES_REQUIRED = process.env.PAPERBOY_TEST_REQUIRE_SERVICES === '1';

let redisReachable: Promise<boolean> | undefined;

/** One PING with a short timeout and no reconnects (no stream of ioredis errors when it is down). */
export function redisAvailable(): Promise<boolean> {
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

/** True when every server the suite needs answers; otherwise one warning line (or a failure under CI). */
export async function serverFor(servers: 'postgresql' | 'redis' | Array<'postgresql' | 'redis'>, suite: string): Promise<boolean> {
  const missing: string[] = [];
  for (const s of Array.isArray(servers) ? servers : [servers]) {
    const up = s === 'redis' ? await redisAvailable() : await pgAvailable();
    if (!up) missing.push(WHERE[s]());
  }
  if (missing.length === 0) return true;
  const line = `[${suite}] ${missing.join('; ')}`;
  if (SERVICES_REQUIRED) throw new Error(`${line}; PAPERBOY_TEST_REQUIRE_SERVICES=1 requires it`);
  console.warn(`${line}: suite skipped`);
  return false;
}
