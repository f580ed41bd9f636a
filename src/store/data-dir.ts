/**
 * The start-up check of PAPERBOY_DATA_DIR (search-index snapshots). Unchecked, a folder that
 * could not be made surfaced only at the first snapshot write, minutes or hours in, as a bare
 * "ENOTDIR: mkdir"; on a filesystem that does not answer (a dead NFS mount) the service hung.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** How long the filesystem may take to make the folder and write a probe before start-up gives up. */
export const DATA_DIR_TIMEOUT_MS = 10_000;

export interface DataDirFs {
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string): Promise<void>;
  rm(path: string, opts: { force: true }): Promise<void>;
}

const nodeFs: DataDirFs = { mkdir, writeFile, rm };

/**
 * Makes `dir` if needed and writes and removes a probe file in it, within `timeoutMs`; rejects
 * with one line naming the variable, the path and the OS error (or the timeout) otherwise.
 */
export async function checkDataDir(dir: string, opts: { timeoutMs?: number; fs?: DataDirFs } = {}): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const timeoutMs = opts.timeoutMs ?? DATA_DIR_TIMEOUT_MS;
  const absolute = resolve(dir);
  const named = `PAPERBOY_DATA_DIR=${dir}${absolute === dir ? '' : ` (${absolute})`}`;
  let step = 'mkdir';
  const probe = join(absolute, `.paperboy-write-check-${process.pid}`);
  const work = (async () => {
    await fs.mkdir(absolute, { recursive: true });
    step = 'write';
    await fs.writeFile(probe, 'paperboy checks it can write here; delete me if I am left behind\n');
    step = 'remove';
    await fs.rm(probe, { force: true });
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${named}: the filesystem did not answer within ${timeoutMs / 1000} s (${step}); is it a mount that hangs?`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(named)) throw err;
    const e = err as NodeJS.ErrnoException;
    // Node's message already names the call and the path: "ENOTDIR: not a directory, mkdir '/x/file/sub'".
    throw new Error(`${named} cannot be used: ${e.message ?? String(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
    // A hung call settles (or not) on its own; its late failure is no news.
    work.catch(() => undefined);
  }
}
