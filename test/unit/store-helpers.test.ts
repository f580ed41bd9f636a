// Pure pieces of the store layer: DATABASE_URL parsing, upsert planning, ledger rules.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryPart, DeliveryTarget, PlannedDigest } from '../../src/core/ports.js';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { redactUrl } from '../../src/core/redact-url.js';
import { databaseFileProblem, parseDatabaseUrl } from '../../src/store/database-url.js';
import { isDigestOpen, pendingStatusFor } from '../../src/store/ledger-rules.js';
import { windowKeyOf } from '../../src/core/digest/window-key.js';
import { inputHash, planUpsert } from '../../src/store/upsert-plan.js';
import { paperFromInput } from '../../src/core/papers/merge.js';
import { pgDate, rawDate, sqliteDate } from '../../src/store/raw-dates.js';

describe('parseDatabaseUrl', () => {
  it('resolves SQLite paths against cwd and drops Prisma-style query parameters', () => {
    expect(parseDatabaseUrl('file:./data/paperboy.db', '/srv/app')).toEqual({ provider: 'sqlite', file: '/srv/app/data/paperboy.db', display: 'file:/srv/app/data/paperboy.db' });
    expect(parseDatabaseUrl('file:/var/lib/pb.db?connection_limit=1', '/x')).toMatchObject({ file: '/var/lib/pb.db' });
  });

  it('keeps the Postgres URL but never shows its password', () => {
    const t = parseDatabaseUrl('postgresql://bot:p%40ss@db.internal:5432/paperboy?sslmode=require');
    expect(t.provider).toBe('postgresql');
    expect(t.display).toBe('postgresql://bot:***@db.internal:5432/paperboy?sslmode=require');
    expect(redactUrl('postgres://u:secret@h/db')).not.toContain('secret');
    // `db status --help` showed file:///data/paperboy.db for the default ./data.
    expect(redactUrl('file:./data/paperboy.db')).toBe('file:./data/paperboy.db');
  });

  it('says when a database cannot be made where its URL says: its folder is missing and is not the default ./data', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'paperboy-cwd-'));
    expect(databaseFileProblem('file:./dat/paperboy.db', cwd)).toBe(`${join(cwd, 'dat', 'paperboy.db')}: the folder ${join(cwd, 'dat')} does not exist (create it, or correct the path; only the default database's folder, ./data, is created for you)`);
    expect(databaseFileProblem('file:/nonexistent/dir/x.db', cwd)).toMatch(/^\/nonexistent\/dir\/x\.db: the folder \/nonexistent\/dir does not exist/);
    // A path through a file would fail later as "EEXIST: mkdir".
    writeFileSync(join(cwd, 'papers.db'), '');
    expect(databaseFileProblem('file:./papers.db/x.db', cwd)).toBe(`${join(cwd, 'papers.db', 'x.db')}: ${join(cwd, 'papers.db')} is a file, not a folder (correct the path)`);
    // A new file in an existing folder; the default location, made on first use whoever names it.
    expect(databaseFileProblem('file:./new.db', cwd)).toBeNull();
    expect(databaseFileProblem('file:./data/paperboy.db', cwd)).toBeNull();
    expect(databaseFileProblem('file:data/paperboy.db?connection_limit=1', cwd)).toBeNull();
    expect(databaseFileProblem('file:./data/other.db', cwd)).toMatch(/does not exist/);
    expect(databaseFileProblem('postgresql://db/paperboy', cwd)).toBeNull();
    // No path at all (the in-memory database it once was taken for), or a folder where the file goes.
    expect(databaseFileProblem('file:', cwd)).toBe('"file:" names no file: the path after file: is missing (file:./data/paperboy.db)');
    expect(databaseFileProblem('file::memory:', cwd)).toMatch(/in-memory SQLite .*use a file path/);
    expect(databaseFileProblem(`file:${cwd}`, cwd)).toBe(`${cwd} is a folder, not a database file (name a file in it: file:${join(cwd, 'paperboy.db')})`);
    expect(databaseFileProblem('file:.', cwd)).toBe(`${cwd} is a folder, not a database file (name a file in it: file:${join(cwd, 'paperboy.db')})`);
  });

  it('rejects in-memory SQLite and unknown schemes with a reason', () => {
    expect(() => parseDatabaseUrl('file::memory:')).toThrow(/in-memory SQLite .*use a file path/);
    expect(() => parseDatabaseUrl('mysql://u:topsecret@h/db')).toThrow(/file: .*postgresql:\/\//);
    expect(() => parseDatabaseUrl('mysql://u:topsecret@h/db')).not.toThrow(/topsecret/);
  });
});

describe('planUpsert', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  const later = new Date('2026-11-29T10:00:00Z');

  it('writes only what is new or changed, stamping changed papers with now', () => {
    const stored = paperFromInput({ arxivId: '2501.00001', source: 'arxiv', title: 'A', version: 1 }, now);
    const existing = new Map([[stored.arxivId, stored]]);
    const plan = planUpsert(
      existing,
      [
        { arxivId: '2501.00001', source: 'arxiv', title: 'A', version: 1 },
        { arxivId: '2501.00002', source: 'hf', title: 'B' },
      ],
      later,
    );
    expect(plan.result).toEqual({ created: ['2501.00002'], updated: [], unchanged: ['2501.00001'], skipped: [] });
    expect(plan.writes.map((p) => p.arxivId)).toEqual(['2501.00002']);

    const changed = planUpsert(existing, [{ arxivId: '2501.00001', source: 'hf', title: 'A', upvotes: 7 }], later);
    expect(changed.result.updated).toEqual(['2501.00001']);
    expect(changed.writes[0]).toMatchObject({ upvotes: 7, updatedAt: later, firstSeenAt: now, sources: ['arxiv', 'hf'] });
  });

  it('an updateOnly input applies to a paper created earlier in the same batch', () => {
    const plan = planUpsert(
      new Map(),
      [
        { arxivId: '2501.00003', source: 'rss', title: 'v1', version: 1 },
        { arxivId: '2501.00003', source: 'rss', title: 'v2', version: 2, updateOnly: true },
        { arxivId: '2501.00004', source: 'rss', title: 'x', updateOnly: true },
      ],
      now,
    );
    expect(plan.result).toEqual({ created: ['2501.00003'], updated: [], unchanged: [], skipped: ['2501.00004'] });
    expect(plan.writes[0]?.title).toBe('v2');
  });
});

describe('inputHash', () => {
  const base: PaperInput = { arxivId: '2501.00001', source: 'hf', version: 1, title: 'A B', abstract: 'C', authors: ['X Y', 'Z'], publishedAt: new Date('2026-01-01T00:00:00Z'), upvotes: null };

  it('is the same for an equal input and differs for any change, however the text is shifted between fields', () => {
    expect(inputHash({ ...base, authors: ['X Y', 'Z'] })).toBe(inputHash(base));
    const variants: PaperInput[] = [
      { ...base, title: 'A', abstract: 'B C' },
      { ...base, authors: ['X', 'Y Z'] },
      { ...base, authors: ['X Y Z'] },
      { ...base, upvotes: 0 },
      { ...base, publishedAt: new Date('2026-01-01T00:00:00.001Z') },
      { ...base, source: 'file' },
      { ...base, version: 2 },
      { ...base, updateOnly: true },
    ];
    const hashes = new Set([base, ...variants].map(inputHash));
    expect(hashes.size).toBe(variants.length + 1);
  });
});

describe('ledger rules', () => {
  const windowEnd = new Date('2026-11-28T08:00:00Z');
  const digest: PlannedDigest = { targetId: 'slack:C1', windowStart: null, windowEnd, items: [], createdAt: windowEnd };
  const part = (n: number, status: DeliveryPart['status']): DeliveryPart => ({
    targetId: 'slack:C1',
    windowKey: windowKeyOf(windowEnd),
    part: n,
    totalParts: 2,
    status,
    platformMessageId: null,
    attempts: 0,
    lastError: null,
    updatedAt: windowEnd,
    pendingSince: windowEnd,
  });
  const target = (lastDigestAt: Date | null) => ({ lastDigestAt }) as DeliveryTarget;

  it('open until every part is sent or the window moved on', () => {
    expect(windowKeyOf(windowEnd)).toBe('2026-11-28T08:00:00.000Z');
    expect(isDigestOpen(digest, [], target(null))).toBe(true);
    expect(isDigestOpen(digest, [part(1, 'sent')], target(null))).toBe(true);
    expect(isDigestOpen(digest, [part(1, 'sent'), part(2, 'failed')], null)).toBe(true);
    expect(isDigestOpen(digest, [part(1, 'sent'), part(2, 'sent')], null)).toBe(false);
    expect(isDigestOpen(digest, [], target(windowEnd))).toBe(false);
  });

  it('markPending keeps a sent part sent', () => {
    expect(pendingStatusFor('sent')).toBe('sent');
    expect(pendingStatusFor('rate-limited')).toBe('pending');
  });
});

describe('raw DateTimes', () => {
  const at = new Date('2026-11-28T13:14:40.123Z');
  it('bind as each adapter writes them, and read back from every form a raw read returns', () => {
    expect(sqliteDate(at)).toBe('2026-11-28T13:14:40.123+00:00');
    expect(pgDate(at)).toBe('2026-11-28T13:14:40.123');
    // SQLite text, a Date through Prisma, epoch ms as a number, a bigint or NUMERIC text (PostgreSQL).
    for (const v of [sqliteDate(at), at, at.getTime(), BigInt(at.getTime()), `${at.getTime()}.000000`]) expect(rawDate(v)).toEqual(at);
    expect(rawDate(null)).toBeNull();
    expect(rawDate(undefined)).toBeNull();
  });
});
