/**
 * `feedback --actor` is written back by `topics show` beside each mark: an escape sequence or a
 * line break in it reached the terminal raw, and a 201-character one was refused as "needs an actor id".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const AT = new Date('2026-11-01T00:00:00Z');
const dataDir = mkdtempSync(join(tmpdir(), 'pb-feedback-actor-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const stores = createMemoryStores();
const cli = memoryCli(stores, dataDir);

beforeAll(async () => {
  await stores.papers.upsertMany([{ arxivId: '2611.10000', source: 'arxiv' as const, title: 'Reward models', abstract: 'RLHF.', authors: ['A B'], publishedAt: AT }], AT);
});

describe('feedback --actor', () => {
  it.each([
    ['evil\u001b[31mRED', '--actor contains control characters'],
    ['two\nlines', '--actor contains control characters'],
    ['', '--actor is empty'],
    ['   ', '--actor is empty'],
    ['a'.repeat(201), '--actor is too long (201 characters, at most 200)'],
  ])('%j is a usage error naming what is wrong, and marks nothing', async (actor, why) => {
    expect(await cli('feedback', 'rlhf', '2611.10000', 'up', '--actor', actor)).toEqual({ code: 2, out: '', err: `paperboy feedback: ${why}\n` });
    expect((await cli('topics', 'show', 'rlhf')).out).not.toContain('👍 2611.10000');
  });

  it('a plain actor id is taken and shown as typed', async () => {
    expect((await cli('feedback', 'rlhf', '2611.10000', 'up', '--actor', 'slack:U0123ABCD')).code).toBe(0);
    expect((await cli('topics', 'show', 'rlhf')).out).toContain('(slack:U0123ABCD, ');
  });
});
