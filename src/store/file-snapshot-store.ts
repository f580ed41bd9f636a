/**
 * The file adapter for search-index snapshots (the port lives in core/search/index-snapshot.ts);
 * writes go to a temporary file renamed into place, so a crash never leaves half a snapshot.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IndexSnapshotStore } from '../core/search/index-snapshot.js';

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
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, data, 'utf8');
      await rename(tmp, path);
    },
  };
}
