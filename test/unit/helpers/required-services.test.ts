/**
 * One place decides what a missing test server means (services.ts serverFor): the store suites'
 * database list (testDatabases) skips PostgreSQL with the same line as any other suite, and fails
 * the same way where PAPERBOY_TEST_REQUIRE_SERVICES=1.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

// Nothing listens on the discard port: the probe is refused at once.
const NOWHERE = 'postgresql://postgres@127.0.0.1:9/test';

async function helpers(required: boolean) {
  vi.resetModules();
  vi.stubEnv('PAPERBOY_TEST_PG_URL', NOWHERE);
  vi.stubEnv('PAPERBOY_TEST_REQUIRE_SERVICES', required ? '1' : '');
  return import('../../helpers/db.js');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('a PostgreSQL server that does not answer', () => {
  it('fails the store suites under PAPERBOY_TEST_REQUIRE_SERVICES=1, naming the suite, the address and its variable', async () => {
    const { testDatabases } = await helpers(true);
    await expect(testDatabases('store-x')).rejects.toThrow('[store-x] PostgreSQL not reachable at postgresql://postgres@127.0.0.1:9/test (PAPERBOY_TEST_PG_URL); PAPERBOY_TEST_REQUIRE_SERVICES=1 requires it');
  });

  it('otherwise skips the PostgreSQL backend with one line saying where it looked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { testDatabases } = await helpers(false);
    expect((await testDatabases('store-x')).map((k) => k.name)).toEqual(['sqlite']);
    expect(warn.mock.calls).toEqual([['[store-x] PostgreSQL not reachable at postgresql://postgres@127.0.0.1:9/test (PAPERBOY_TEST_PG_URL): PostgreSQL backend skipped']]);
  });
});
