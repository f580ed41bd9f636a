/** How a driver failure is told to a person: one line, the database named without its password. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logErr } from '../../src/log.js';
import { DatabaseReadOnlyError, DatabaseUnavailableError, reasonLine, unavailableError } from '../../src/store/errors.js';

const target = { provider: 'postgresql' as const, display: 'postgresql://postgres@127.0.0.1:5999/test' };

describe('database errors', () => {
  it('a server gone away mid-run (Prisma P2010 around the driver message) is "unavailable", in one line', () => {
    // What Prisma 7 throws for a raw query once the PostgreSQL server went away (captured through a proxy that was killed).
    const err = Object.assign(new Error("\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:5999`"), { code: 'P2010' });
    const out = unavailableError(target, err, 0);
    expect(out).toBeInstanceOf(DatabaseUnavailableError);
    expect(out!.message).toBe("database postgresql://postgres@127.0.0.1:5999/test is unavailable: Can't reach database server at 127.0.0.1:5999");
  });

  it('a bad query stays what it is', () => {
    expect(unavailableError(target, Object.assign(new Error('column "x" does not exist'), { code: 'P2010' }), 0)).toBeNull();
  });

  it('reasonLine keeps the message part, else the last line, and caps it', () => {
    expect(reasonLine('first\n\n  last line  \n')).toBe('last line');
    expect(reasonLine('x'.repeat(1000))).toHaveLength(300);
  });
});

describe('a PostgreSQL lock held by another session', () => {
  it('is "locked", named as PostgreSQL holders are, after the time waited', () => {
    // pg's error for lock_timeout, raw and as Prisma wraps it.
    const raw = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
    const wrapped = Object.assign(new Error('Raw query failed. Code: `55P03`. Message: `canceling statement due to lock timeout`'), { code: 'P2010', meta: { code: '55P03' } });
    for (const err of [raw, wrapped]) {
      const out = unavailableError(target, err, 30_000);
      expect(out?.name).toBe('DatabaseLockedError');
      expect(out!.message).toContain('is locked by another process (gave up after 30000 ms)');
      expect(out!.message).toContain('a psql session with an open transaction');
    }
  });
});

describe('a SQLite database this user cannot write', () => {
  // What Prisma 7 throws for a write to a file the user may only read (captured running as nobody).
  const prismaReadOnly = () =>
    Object.assign(new Error('\nInvalid `c.subscription.create()` invocation in\n/src/store/prisma-subscription-store.ts:10:44\n\n→ 10 await db.run((c) => c.subscription.create(\nDatabase error. Code: `SQLITE_READONLY`. Message: `attempt to write a readonly database`'), {
      code: 'P2039',
      meta: { modelName: 'Subscription', driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: 'SQLITE_READONLY', originalMessage: 'attempt to write a readonly database', kind: 'sqlite' } } },
    });

  it('is said in one line naming the database, not as Prisma\'s invocation dump', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pb-ro-')), 'x.db');
    const out = unavailableError({ provider: 'sqlite', file, display: `file:${file}` }, prismaReadOnly(), 5000);
    expect(out).toBeInstanceOf(DatabaseReadOnlyError);
    expect(out).toBeInstanceOf(DatabaseUnavailableError);
    expect(out!.message).toMatch(new RegExp(`^database file:${file} is read-only for this user \\(.+\\): `));
    expect(out!.message).not.toMatch(/Invalid `|\n/);
  });

  it('is logged without the stack: the message already says what to do', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pb-ro-')), 'x.db');
    const err = unavailableError({ provider: 'sqlite', file, display: `file:${file}` }, prismaReadOnly(), 5000);
    expect(logErr(err)).toEqual({ type: 'DatabaseReadOnlyError', message: err!.message });
    // Anything else keeps pino's serializer, stack included.
    expect(logErr(new Error('boom'))).toMatchObject({ type: 'Error', message: 'boom', stack: expect.stringContaining('boom') });
  });

  it('in a folder this user cannot write says SQLite needs that folder even to read', () => {
    // better-sqlite3's own error when opening in WAL mode with no -shm file and a read-only folder.
    const folder = mkdtempSync(join(tmpdir(), 'pb-ro-'));
    const file = join(folder, 'x.db');
    const err = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY_DIRECTORY' });
    const out = unavailableError({ provider: 'sqlite', file, display: `file:${file}` }, err, 5000);
    expect(out).toBeInstanceOf(DatabaseReadOnlyError);
    expect(out!.message).toContain(`SQLite needs write access to the folder ${folder} for its journal files, even to read`);
  });

  it("SQLite's 'unable to open database file' names the folder when this user cannot write it, and only then", () => {
    // What better-sqlite3 says opening a WAL database with no -shm in a folder it cannot write
    // (a read-only mount does the same to root). /proc/self is a folder not even root may write.
    const cantOpen = () => Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    const out = unavailableError({ provider: 'sqlite', file: '/proc/self/x.db', display: 'file:/proc/self/x.db' }, cantOpen(), 5000);
    expect(out).toBeInstanceOf(DatabaseReadOnlyError);
    expect(out!.message).toContain('SQLite needs write access to the folder /proc/self for its journal files, even to read');
    const file = join(mkdtempSync(join(tmpdir(), 'pb-rw-')), 'x.db');
    const other = unavailableError({ provider: 'sqlite', file, display: `file:${file}` }, cantOpen(), 5000);
    expect(other).not.toBeInstanceOf(DatabaseReadOnlyError);
    expect(other!.message).toBe(`database file:${file} is unavailable: unable to open database file`);
  });
});

describe('a SQLite database on a full disk', () => {
  // What Prisma 7 threw for the service's schedule claim once the disk was full (a 1.2 MB tmpfs filled beside the running service).
  const prismaFull = () =>
    Object.assign(new Error('\nInvalid `c.jobRun.create()` invocation in\n/src/store/prisma-run-coordinator.ts:13:69\n\n→ 13       return (await createUnlessExists(() => db.run((c) => c.jobRun.create(\nDatabase error. Code: `SQLITE_FULL`. Message: `database or disk is full`'), {
      code: 'P2039',
      meta: { modelName: 'JobRun', driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: 'SQLITE_FULL', originalMessage: 'database or disk is full', kind: 'sqlite' } } },
    });
  // better-sqlite3's own (the migrator, db backup).
  const driverFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

  it('is one line naming the database and the folder whose disk is full, not the invocation dump', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-full-'));
    const file = join(dir, 'x.db');
    for (const err of [prismaFull(), driverFull()]) {
      const out = unavailableError({ provider: 'sqlite', file, display: `file:${file}` }, err, 5000);
      expect(out).toBeInstanceOf(DatabaseUnavailableError);
      expect(out!.message).toBe(`database file:${file} is unavailable: the disk holding ${dir} is full (SQLITE_FULL), so nothing of this write was stored; free space there, then try again`);
    }
  });
});

describe('a PostgreSQL database on a full disk', () => {
  const serverMessage = 'could not extend file "base/16384/16390": No space left on device';
  // What Prisma 7 threw for a write once the server's disk was full (SQLSTATE 53100, raised by a trigger with the server's own wording; captured).
  const prismaFull = () =>
    Object.assign(new Error(`\nInvalid \`c.jobRun.create()\` invocation in\n/src/store/prisma-run-coordinator.ts:13:69\n\n→ 13       return (await createUnlessExists(() => db.run((c) => c.jobRun.create(\nDatabase error. Code: \`53100\`. Message: \`${serverMessage}\``), {
      code: 'P2039',
      meta: { modelName: 'JobRun', driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: '53100', originalMessage: serverMessage, kind: 'postgres', code: '53100', severity: 'ERROR', message: serverMessage, hint: 'Check free disk space.' } } },
    });
  // pg's own (raw paper writes, the migrator).
  const driverFull = () => Object.assign(new Error(serverMessage), { code: '53100', severity: 'ERROR', hint: 'Check free disk space.' });

  it('is one line naming the database and saying the server\'s disk is full and what to do, as SQLite\'s is', () => {
    for (const err of [prismaFull(), driverFull()]) {
      const out = unavailableError(target, err, 5000);
      expect(out).toBeInstanceOf(DatabaseUnavailableError);
      expect(out!.message).toBe(
        `database ${target.display} is unavailable: the disk holding the PostgreSQL server's data is full (53100: ${serverMessage}), so nothing of this write was stored; free space there, then try again`,
      );
      expect(out!.message).not.toContain('\n');
    }
  });

  it('another resource class 53 error (too many connections, out of memory) is not called a full disk', () => {
    const oom = Object.assign(new Error('out of memory'), { code: '53200', severity: 'ERROR' });
    expect(unavailableError(target, oom, 5000)?.message ?? '').not.toContain('full');
  });
});
