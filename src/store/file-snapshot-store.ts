/**
 * The file adapter for search-index snapshots (the port lives in core/search/index-snapshot.ts);
 * writes go to a temporary file renamed into place, so a crash never leaves half a snapshot.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IndexSnapshotStore } from '../core/search/index-snapshot.js';
import { parseDatabaseUrl } from './database-url.js';
import { writeWholeFile } from '../write-whole-file.js';

/**
 * The snapshot file of one database (`search-index-<key>.json`): every database gets its own,
 * so a CLI run against another database never replaces the service's index with its own.
 * The key is the resolved file or the URL without password.
 */
export function searchSnapshotName(databaseUrl: string): string {
  let id = databaseUrl;
  try {
    id = parseDatabaseUrl(databaseUrl).display;
  } catch {
    // Not a database URL we open (tests with in-memory stores): key by the text itself.
  }
  return `search-index-${createHash('sha256').update(id).digest('hex').slice(0, 12)}.json`;
}

export function fileSnapshotStore(dataDir: string, name = 'search-index.json'): IndexSnapshotStore {
  const path = join(dataDir, name);
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async write(data) {
      await mkdir(dirname(path), { recursive: true });
      // A failed write (a full disk) leaves no temporary file of the snapshot's size behind.
      await writeWholeFile(path, data);
    },
  };
}
