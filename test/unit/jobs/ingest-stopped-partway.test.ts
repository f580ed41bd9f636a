/**
 * A file stopped between batches (Ctrl-C, or a batch the database refused) keeps the batches
 * it wrote: the run is partial, as a feed cut short is, and its error says how many were kept.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../../jobs/ingest.js';
import { createFileSource } from '../../../src/sources/file.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const TOTAL = 5000;
const BATCH = 500;

function papersFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-partway-')), 'papers.jsonl');
  const line = (i: number) => JSON.stringify({ id: `2601.${String(10000 + i)}`, title: `Paper ${i}`, abstract: 'words '.repeat(20), authors: ['A B'] });
  writeFileSync(path, Array.from({ length: TOTAL }, (_, i) => line(i)).join('\n'));
  return path;
}

describe('a file ingest stopped after some batches were written', () => {
  it('interrupted: recorded as partial, saying how many papers were kept and why it stopped', async () => {
    const path = papersFile();
    const stores = createMemoryStores();
    const abort = new AbortController();
    const progress = {
      start() {},
      unitDone() {},
      stop() {},
      batchDone: () => abort.abort(new Error('interrupted by SIGINT')),
    };
    const s = await runIngest({ stores, source: createFileSource(), logger: silentLogger(), progress, signal: abort.signal, batchSize: BATCH }, { from: 'x', to: 'x', filePaths: [path] });
    expect(s.created).toBeGreaterThanOrEqual(BATCH);
    expect(s.created).toBeLessThan(TOTAL);
    expect(s.status).toBe('partial');
    const kept = s.created.toLocaleString('en-US');
    expect(s.failures).toEqual([{ unit: path, error: `interrupted by SIGINT; the ${kept} papers written before it are kept`, interrupted: true, partial: true }]);
    const [run] = await stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ status: 'partial', created: s.created, failed: 1 });
    expect(run!.error).toBe(`${path}: interrupted by SIGINT; the ${kept} papers written before it are kept`);
    expect(describeSummary(s)).toBe(`file ${path}: ${kept} new, 0 updated, 0 unchanged; 1 of 1 stopped part-way by the interrupt (papers written are kept)`);
  });

  it('a batch refused: recorded as partial, the batches before it kept', async () => {
    const path = papersFile();
    const stores = createMemoryStores();
    const upsert = stores.papers.upsertMany.bind(stores.papers);
    let calls = 0;
    stores.papers.upsertMany = async (inputs, now) => {
      if (++calls === 3) throw new Error('database is locked');
      return upsert(inputs, now);
    };
    const s = await runIngest({ stores, source: createFileSource(), logger: silentLogger(), batchSize: BATCH }, { from: 'x', to: 'x', filePaths: [path] });
    expect(s).toMatchObject({ status: 'partial', created: 2 * BATCH, failed: 1 });
    expect(s.failures).toEqual([{ unit: path, error: 'database is locked; the 1,000 papers written before it are kept', partial: true }]);
    expect((await stores.ingestRuns.latest(1))[0]).toMatchObject({ status: 'partial', created: 2 * BATCH });
    expect(describeSummary(s)).toBe(`file ${path}: 1,000 new, 0 updated, 0 unchanged; 1 of 1 cut short (what was read whole is kept)`);
  });

  it('a failure before any batch was written still fails the run: nothing was kept', async () => {
    const path = papersFile();
    const stores = createMemoryStores();
    stores.papers.upsertMany = async () => {
      throw new Error('database is locked');
    };
    const s = await runIngest({ stores, source: createFileSource(), logger: silentLogger(), batchSize: BATCH }, { from: 'x', to: 'x', filePaths: [path] });
    expect(s).toMatchObject({ status: 'failed', created: 0 });
    expect(s.failures).toEqual([{ unit: path, error: 'database is locked' }]);
  });
});
