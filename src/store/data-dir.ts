/**
 * The start-up check of PAPERBOY_DATA_DIR (search-index snapshots). Unchecked, a folder that
 * could not be made surfaced only at the first snapshot write, minutes or hours in, as a bare
 * "ENOTDIR: mkdir"; on a filesystem that does not answer (a dead NFS mount) the service hung.
 */
import { statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { withTimeout } from '../core/timeout.js';
import { unwritableFolder } from './errors.js';

/** How long the filesystem may take to make the folder and write a probe before start-up gives up. */
export const DATA_DIR_TIMEOUT_MS = 10_000;

export interface DataDirFs {
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string): Promise<void>;
  rm(path: string, opts: { force: true }): Promise<void>;
}

const nodeFs: DataDirFs = { mkdir, writeFile, rm };

/**
 * PAPERBOY_DATA_DIR cannot be used. Its message is one line for the user (the variable, the path,
 * the OS error or the timeout): entry points print it as it is, not as a log record or a stack.
 */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** "PAPERBOY_DATA_DIR=data (/srv/data)": the value as given, and where it resolved when relative. */
function named(dir: string): string {
  const absolute = resolve(dir);
  return `PAPERBOY_DATA_DIR=${dir}${absolute === dir ? '' : ` (${absolute})`}`;
}

/** An OS error met in the data folder (at the check or a later write), said as the check says it. */
export function dataDirError(dir: string, err: unknown): DataDirError {
  return new DataDirError(`${named(dir)} cannot be used: ${dataDirReason(dir, err)}`, { cause: err });
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * What is wrong with the folder, in words: a file in the way (Node said "EEXIST: file already
 * exists, mkdir" of the path itself, "ENOTDIR" of a path under a file), a folder this user cannot
 * write (said as a read-only database folder is), else Node's message, which names the call and the path.
 */
function dataDirReason(dir: string, err: unknown): string {
  const absolute = resolve(dir);
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    const file = fileInTheWay(absolute);
    if (file) return `${file === absolute ? 'it' : file} is a file, not a folder`;
  }
  if (UNWRITABLE.has(code)) return unwritableFolder(absolute, code, 'PAPERBOY_DATA_DIR');
  if (code === 'ENOSPC') return `the disk holding it is full (${err instanceof Error ? err.message : code}); free space there`;
  return err instanceof Error ? err.message : String(err);
}

/** The path, or the nearest folder above it, that exists and is no folder; null if none is. */
function fileInTheWay(path: string): string | null {
  for (let p = path; ; p = dirname(p)) {
    try {
      return statSync(p).isDirectory() ? null : p;
    } catch {
      if (dirname(p) === p) return null;
    }
  }
}

/**
 * Makes `dir` if needed and writes and removes a probe file in it, within `timeoutMs`; rejects
 * with a DataDirError otherwise.
 */
export async function checkDataDir(dir: string, opts: { timeoutMs?: number; fs?: DataDirFs } = {}): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const timeoutMs = opts.timeoutMs ?? DATA_DIR_TIMEOUT_MS;
  const absolute = resolve(dir);
  let step = 'mkdir';
  const probe = join(absolute, `.paperboy-write-check-${process.pid}`);
  const work = (async () => {
    await fs.mkdir(absolute, { recursive: true });
    step = 'write';
    await fs.writeFile(probe, 'paperboy checks it can write here; delete me if I am left behind\n').catch(async (err: unknown) => {
      // A write that failed part-way (a full disk) has made the file.
      await fs.rm(probe, { force: true }).catch(() => undefined);
      throw err;
    });
    step = 'remove';
    await fs.rm(probe, { force: true });
  })();
  try {
    await withTimeout(work, timeoutMs, () => new DataDirError(`${named(dir)}: the filesystem did not answer within ${timeoutMs / 1000} s (${step}); is it a mount that hangs?`));
  } catch (err) {
    throw err instanceof DataDirError ? err : dataDirError(dir, err);
  }
}
