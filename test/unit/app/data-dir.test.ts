/**
 * PAPERBOY_DATA_DIR is checked at start: made, written and cleaned up, or one line naming the
 * variable, the path and the OS error; a filesystem that never answers is given up on within
 * the timeout instead of holding start-up for ever.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataDir, DataDirError, type DataDirFs } from '../../../src/store/data-dir.js';

describe('the PAPERBOY_DATA_DIR check', () => {
  it('makes a folder that does not exist and leaves nothing in it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'paperboy-data-dir-')), 'a', 'b');
    await checkDataDir(dir);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the variable, the path and the OS error for a path under a regular file', async () => {
    // Tests run as root, for whom chmod blocks nothing: a file in the way fails for anyone.
    const base = mkdtempSync(join(tmpdir(), 'paperboy-data-dir-'));
    writeFileSync(join(base, 'file'), 'not a folder');
    const dir = join(base, 'file', 'sub');
    await expect(checkDataDir(dir)).rejects.toThrow(`PAPERBOY_DATA_DIR=${dir} cannot be used: ${join(base, 'file')} is a file, not a folder`);
    // npm start prints a DataDirError as one plain line, any other start-up failure as a fatal log record.
    await expect(checkDataDir(dir)).rejects.toBeInstanceOf(DataDirError);
  });

  it('says a file given as the folder is a file, not "EEXIST … mkdir"', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-data-dir-')), 'passwd');
    writeFileSync(file, 'root:x:0:0');
    await expect(checkDataDir(file)).rejects.toThrow(`PAPERBOY_DATA_DIR=${file} cannot be used: it is a file, not a folder`);
  });

  it('a folder this user cannot write gets the advice a read-only database folder gets: whose it is to fix', async () => {
    const refuse = (code: string) => async () => {
      throw Object.assign(new Error(`${code}: permission denied, open '/srv/pb/.probe'`), { code });
    };
    const denied: DataDirFs = { mkdir: async () => undefined, writeFile: refuse('EACCES'), rm: async () => undefined };
    await expect(checkDataDir('/srv/pb', { fs: denied })).rejects.toThrow(/^PAPERBOY_DATA_DIR=\/srv\/pb cannot be used: this user \(.+\) cannot write there; run paperboy as the folder's owner, or make it writable$/);
    const mounted: DataDirFs = { ...denied, writeFile: refuse('EROFS') };
    await expect(checkDataDir('/srv/pb', { fs: mounted })).rejects.toThrow('PAPERBOY_DATA_DIR=/srv/pb cannot be used: /srv/pb is on a read-only file system (mount); point PAPERBOY_DATA_DIR at a folder on a writable one');
  });

  it('gives up on a filesystem that does not answer, within the timeout', async () => {
    const hanging: DataDirFs = { mkdir: () => new Promise(() => undefined), writeFile: async () => undefined, rm: async () => undefined };
    const started = Date.now();
    await expect(checkDataDir('/mnt/nfs/paperboy', { timeoutMs: 300, fs: hanging })).rejects.toThrow(
      'PAPERBOY_DATA_DIR=/mnt/nfs/paperboy: the filesystem did not answer within 0.3 s (mkdir); is it a mount that hangs?',
    );
    await expect(checkDataDir('/mnt/nfs/paperboy', { timeoutMs: 50, fs: hanging })).rejects.toBeInstanceOf(DataDirError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a full disk is said so, and the probe file the failed write made is removed (a restart loop left one a start)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-data-dir-'));
    // What Node does on a full disk: the file is made, its write fails with ENOSPC.
    const full: DataDirFs = {
      mkdir: async () => undefined,
      writeFile: async (path) => {
        writeFileSync(path, '');
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      },
      rm: (path, opts) => rm(path, opts),
    };
    await expect(checkDataDir(dir, { fs: full })).rejects.toThrow(`PAPERBOY_DATA_DIR=${dir} cannot be used: the disk holding it is full (ENOSPC: no space left on device, write); free space there`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
