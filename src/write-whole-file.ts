/** A file written for a person or a later run (an export, the search snapshot): all of it or, on any failure, none of it. */
import { rm, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Each write its own temporary file: two writes of one file at once (two ingests ending together) each rename a whole one. */
let writes = 0;

/**
 * Written beside the file under a temporary name, then renamed over it: a failure part-way (a
 * full disk, an interrupt) left a half-written file where the last good one was, read later as
 * a whole one. The temporary file is removed on failure and the error thrown on.
 */
export async function writeWholeFile(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${++writes}.tmp`);
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
