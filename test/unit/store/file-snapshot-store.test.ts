/**
 * The search index's snapshot file: a write that fails leaves no temporary file behind. A
 * snapshot is tens of MB; on a full disk each failed save left one more beside the last good one.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSnapshotStore } from '../../../src/store/file-snapshot-store.js';

const dir = mkdtempSync(join(tmpdir(), 'pb-snapshot-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file snapshot store', () => {
  it('writes the snapshot whole and reads it back', async () => {
    const store = fileSnapshotStore(dir, 'ok.json');
    await store.write('{"format":4}\n{}');
    expect(await store.read()).toBe('{"format":4}\n{}');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that fails removes its temporary file and throws', async () => {
    // A folder (not empty) where the snapshot goes: the rename into place fails.
    mkdirSync(join(dir, 'taken.json', 'inside'), { recursive: true });
    writeFileSync(join(dir, 'taken.json', 'inside', 'x'), 'x');
    const store = fileSnapshotStore(dir, 'taken.json');
    await expect(store.write('{"format":4}\n{}')).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
