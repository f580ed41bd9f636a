/**
 * PostgreSQL's full disk (SQLSTATE 53100, "could not extend file …: No space left on device") was
 * Prisma's several-line dump, or the driver's bare sentence, where SQLite's full disk is one line
 * saying what to do. A real CLI against a real server, the error raised by the server itself (a
 * trigger with its code and wording: filling the server's disk is not something a test may do).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPostgres, type TestDatabase } from '../helpers/db.js';
import { serverFor } from '../helpers/services.js';

const hasPg = await serverFor('postgresql', 'pg-disk-full.test.ts', 'PostgreSQL disk-full test skipped');
const SERVER_MESSAGE = 'could not extend file "base/16384/16390": No space left on device';

describe.runIf(hasPg)('a PostgreSQL server whose disk is full', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'pb-pg-full-'));
  beforeAll(async () => {
    db = await withPostgres();
    // Migrated, so the tables the triggers go on exist.
    await db.openStores();
    await db.exec(`CREATE FUNCTION pb_disk_full() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${SERVER_MESSAGE}' USING ERRCODE = '53100', HINT = 'Check free disk space.'; END $$ LANGUAGE plpgsql`);
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ingest = () => {
    writeFileSync(join(dir, 'papers.json'), JSON.stringify([{ arxivId: '2611.00001', title: 'Neural audio codecs', abstract: 'About codecs.' }]));
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', join(dir, 'papers.json')], {
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };
  const expected = (display: string) => `database ${display} is unavailable: the disk holding the PostgreSQL server's data is full (53100: ${SERVER_MESSAGE}), so nothing of this write was stored; free space there, then try again`;

  it('a write through Prisma (the run record) fails the command with one line saying so, exit 1', async () => {
    await db.exec(`CREATE TRIGGER pb_disk_full BEFORE INSERT ON "IngestRun" FOR EACH ROW EXECUTE FUNCTION pb_disk_full()`);
    try {
      const r = ingest();
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`paperboy ingest: ${expected(db.url)}\n`);
    } finally {
      await db.exec(`DROP TRIGGER pb_disk_full ON "IngestRun"`);
    }
  }, 90_000);

  it('a paper write on the raw driver is reported with the same line as the file\'s failure', async () => {
    await db.exec(`CREATE TRIGGER pb_disk_full BEFORE INSERT ON "Paper" FOR EACH ROW EXECUTE FUNCTION pb_disk_full()`);
    try {
      const r = ingest();
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`: ${expected(db.url)}`);
      expect(r.stderr).not.toContain('Invalid `');
      const runs = await db.query<{ status: string; error: string | null }>(`SELECT "status", "error" FROM "IngestRun"`);
      expect(runs.map((x) => x.status)).toEqual(['failed']);
      expect(runs[0]!.error).toContain("the disk holding the PostgreSQL server's data is full");
    } finally {
      await db.exec(`DROP TRIGGER pb_disk_full ON "Paper"`);
    }
  }, 90_000);
});
