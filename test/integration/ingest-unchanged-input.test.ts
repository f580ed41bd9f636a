import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../jobs/ingest.js';
import type { PaperSource } from '../../src/core/ports.js';
import { createSource } from '../../src/sources/index.js';
import { hfItem, startFakeHf, type FakeHf } from '../helpers/fake-hf.js';
import { logger, providers, recordingSleep, sourceConfig, useTestStores } from './ingest-support.js';

const D1 = '2026-11-25';
const D2 = '2026-11-26';

const line = (id: string, title: string, upvotes = 1) => JSON.stringify({ id, title, abstract: `About ${title}.`, authors: ['A. Author'], upvotes });

describe.each(await providers())('a unit whose raw input is unchanged is not re-read (%s)', (provider) => {
  // One migrated database per provider for the file; emptied before each test.
  const db = useTestStores(provider, { busyTimeoutMs: 300 });
  let hf: FakeHf;
  let clock: { now: () => Date };
  let dir: string;
  /** Papers handed to upsertMany: zero means the unit was skipped before mapping. */
  let merged: number;

  beforeEach(async () => {
    merged = 0;
    const upsert = db.stores.papers.upsertMany;
    db.stores.papers.upsertMany = (inputs, now) => ((merged += inputs.length), upsert(inputs, now));
    hf = await startFakeHf({
      days: { [D1]: [hfItem({ id: '2611.00001', day: D1, upvotes: 5 }), hfItem({ id: '2611.00002', day: D1 })], [D2]: [hfItem({ id: '2611.00003', day: D2 })] },
    });
    let t = Date.parse('2026-11-28T10:00:00Z');
    clock = { now: () => new Date((t += 1000)) };
    dir = mkdtempSync(join(tmpdir(), 'pb-unchanged-'));
  });
  afterEach(async () => {
    await hf.close();
  });

  const fileSource = () => createSource('file', sourceConfig());
  const hfSource = () => createSource('hf', sourceConfig({ PAPERBOY_HF_API_URL: hf.apiUrl }), { sleep: recordingSleep().sleep });
  const ingestFile = (path: string, force = false) => runIngest({ stores: db.stores, source: fileSource(), logger, clock, force }, { from: 'x', to: 'x', filePaths: [path] });
  const ingestHf = (source: PaperSource = hfSource()) => runIngest({ stores: db.stores, source, logger, clock }, { from: D1, to: D2 });
  function writeFile(lines: string[]): string {
    const path = join(dir, 'papers.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  }

  it('an identical re-run skips the file, writes nothing, and is recorded', async () => {
    const path = writeFile([line('2611.00011', 'One'), line('2611.00012', 'Two'), line('2611.00013', 'Three')]);
    expect(await ingestFile(path)).toMatchObject({ created: 3, identical: 0 });
    const before = await db.stores.papers.get('2611.00011');
    merged = 0;
    const again = await ingestFile(path);
    expect(again).toMatchObject({ status: 'succeeded', created: 0, updated: 0, unchanged: 3, identical: 1, units: 1 });
    expect(describeSummary(again)).toBe(`file ${path}: nothing changed: input identical to the last successful run (3 unchanged)`);
    expect(merged).toBe(0);
    expect(await db.stores.papers.get('2611.00011')).toEqual(before);
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(run).toMatchObject({ id: again.runId, status: 'succeeded', unchanged: 3 });
    expect(Object.keys(run!.unitDigests ?? {})).toEqual([path]);
    // --force reads and merges it all the same, with the same (unchanged) outcome.
    expect(await ingestFile(path, true)).toMatchObject({ unchanged: 3, identical: 0 });
    expect(merged).toBe(3);
  });

  it('a changed file is read and updates the paper', async () => {
    const path = writeFile([line('2611.00011', 'One'), line('2611.00012', 'Two')]);
    await ingestFile(path);
    writeFile([line('2611.00011', 'One, revised'), line('2611.00012', 'Two')]);
    expect(await ingestFile(path)).toMatchObject({ created: 0, updated: 1, unchanged: 1, identical: 0 });
    expect(await db.stores.papers.get('2611.00011')).toMatchObject({ title: 'One, revised' });
    expect(await ingestFile(path)).toMatchObject({ unchanged: 2, identical: 1 });
  });

  it('a paper changed by another source in between voids the skip, and the re-run applies as without it', async () => {
    const path = writeFile([line('2611.00001', 'From the file', 3), line('2611.00011', 'One')]);
    await ingestFile(path);
    await ingestHf();
    // The latest input's text wins: Hugging Face's title now, the file's again once it is re-merged.
    expect(await db.stores.papers.get('2611.00001')).toMatchObject({ sources: ['file', 'hf'], title: expect.not.stringMatching(/^From the file$/) });
    merged = 0;
    const again = await ingestFile(path);
    expect(again).toMatchObject({ identical: 0, updated: 1 });
    expect(merged).toBe(2);
    const afterSkipless = await db.stores.papers.get('2611.00001');
    expect(afterSkipless).toMatchObject({ title: 'From the file', upvotes: 5 });

    // The same sequence on a fresh database, never skipping: the same paper.
    await db.reset();
    await ingestFile(path, true);
    await ingestHf();
    await ingestFile(path, true);
    const forced = await db.stores.papers.get('2611.00001');
    expect({ ...afterSkipless, firstSeenAt: null, updatedAt: null }).toEqual({ ...forced, firstSeenAt: null, updatedAt: null });
    // Nothing written since that run: settled again.
    expect(await ingestFile(path)).toMatchObject({ identical: 1 });
  });

  it('a failed unit records no digest: the next identical run reads it again and fails again', async () => {
    const path = writeFile([line('2611.00011', 'One'), '{"id":"2611.00012","title":']);
    const first = await ingestFile(path);
    expect(first.status).toBe('failed');
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(run!.unitDigests ?? null).toBeNull();
    const second = await ingestFile(path);
    expect(second).toMatchObject({ status: 'failed', identical: 0 });
    expect(second.failures[0]!.error).toMatch(/line 2/);
  });

  it('a failed day is not recorded; the next run fetches it and writes its papers, skipping the settled day', async () => {
    hf.failDay(D2, [{ status: 200, body: '[{"paper": {"id": "2611.0', headers: { 'content-type': 'application/json' } }]);
    expect(await ingestHf()).toMatchObject({ status: 'partial', created: 2 });
    const [run] = await db.stores.ingestRuns.latest(1);
    expect(Object.keys(run!.unitDigests ?? {})).toEqual([D1]);
    const next = await ingestHf();
    expect(next).toMatchObject({ status: 'succeeded', created: 1, unchanged: 2, identical: 1 });
    expect(describeSummary(next)).toBe(`hf ${D1}..${D2}: 1 new, 0 updated, 2 unchanged; 1 of 2 identical to the last successful run, not re-read`);
    expect(await db.stores.papers.get('2611.00003')).not.toBeNull();
    expect(await ingestHf()).toMatchObject({ unchanged: 3, identical: 2 });
  });

  it('once a run has written, its later units are read even when identical', async () => {
    await ingestHf();
    hf.setDay(D1, [hfItem({ id: '2611.00001', day: D1, upvotes: 99 }), hfItem({ id: '2611.00002', day: D1 })]);
    merged = 0;
    expect(await ingestHf()).toMatchObject({ updated: 1, unchanged: 2, identical: 0 });
    expect(merged).toBe(3);
  });
});
