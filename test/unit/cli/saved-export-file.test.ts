/**
 * saved export --out: an empty list (a mistyped --user) writes nothing, and a write that fails
 * part-way leaves the file that was there.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const failWrites = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  // As a full disk does: part of the text reaches the file, then the write fails.
  const writeFile: typeof fs.writeFile = async (path, data, options) => {
    if (!failWrites.on) return fs.writeFile(path, data, options);
    await fs.writeFile(path, String(data).slice(0, 10), options);
    throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
  };
  return { ...fs, default: { ...fs, writeFile }, writeFile };
});

const dir = mkdtempSync(join(tmpdir(), 'pb-saved-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => void (failWrites.on = false));

async function setup() {
  const stores = createMemoryStores();
  const now = new Date('2026-12-01T09:00:00Z');
  await stores.papers.upsertMany([{ arxivId: '2501.00001', source: 'arxiv', version: 1, title: 'Speculative decoding', authors: ['Y. Leviathan'], categories: ['cs.LG'], publishedAt: now }], now);
  await stores.saved.add({ listId: 'slack:U0ADA', arxivId: '2501.00001', savedBy: 'slack:U0ADA', savedAt: now });
  return memoryCli(stores, dir);
}

describe('saved export --out', () => {
  it('an empty list leaves an existing file alone, says whose list is empty and exits 1', async () => {
    const cli = await setup();
    const file = join(dir, 'refs.bib');
    writeFileSync(file, '@misc{kept}\n');
    const r = await cli('saved', 'export', '--user', 'slack:U0ADAA', '--out', file);
    expect(r).toEqual({ code: 1, out: '', err: `paperboy saved export: slack:U0ADAA's reading list is empty: nothing written to ${file}\n` });
    expect(readFileSync(file, 'utf8')).toBe('@misc{kept}\n');
  });

  it('a write that fails part-way leaves the file that was there, and no temporary file', async () => {
    const cli = await setup();
    const sub = mkdtempSync(join(dir, 'half-'));
    const file = join(sub, 'refs.bib');
    writeFileSync(file, '@misc{kept}\n');
    failWrites.on = true;
    const r = await cli('saved', 'export', '--user', 'slack:U0ADA', '--out', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot write');
    expect(readFileSync(file, 'utf8')).toBe('@misc{kept}\n');
    expect(readdirSync(sub)).toEqual(['refs.bib']);
    // And once the disk has room, the whole list replaces it.
    failWrites.on = false;
    expect((await cli('saved', 'export', '--user', 'slack:U0ADA', '--out', file)).err).toBe(`Wrote 1 paper to ${file}.\n`);
    expect(readFileSync(file, 'utf8')).toContain('eprint = {2501.00001}');
    expect(readdirSync(sub)).toEqual(['refs.bib']);
  });
});
