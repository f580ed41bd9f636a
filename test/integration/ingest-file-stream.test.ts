import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../jobs/ingest.js';
import type { PaperInput } from '../../src/core/papers/paper.js';
import { createSource } from '../../src/sources/index.js';
import { parseFileBody } from '../../src/sources/file.js';
import { rawDigest } from '../../src/sources/raw-digest.js';
import { logger, providers, sourceConfig, useTestStores } from './ingest-support.js';

const line = (i: number, title = `Paper ${i}`) => JSON.stringify({ id: `2611.${String(i).padStart(5, '0')}`, title, abstract: `About ${title}. ${'Filler text. '.repeat(20)}`, authors: ['A. Author'] });

describe.each(await providers())('a JSONL file is streamed, not held whole (%s)', (provider) => {
  const db = useTestStores(provider, { busyTimeoutMs: 300 });
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-stream-'));
    path = join(dir, 'papers.jsonl');
  });
  const ingest = (opts: { batchSize?: number; force?: boolean } = {}) =>
    runIngest({ stores: db.stores, source: createSource('file', sourceConfig()), logger, ...opts }, { from: 'x', to: 'x', filePaths: [path] });

  it('hands the papers out as a stream, the same papers the whole-file reader maps', async () => {
    writeFileSync(path, `\uFEFF${[1, 2, 3].map((i) => line(i)).join('\r\n')}\n\n${line(4, 'Ünïcode — “quoted”')}`);
    const fetched = await createSource('file', sourceConfig()).fetchRaw!({ label: path, params: { path } });
    const parsed = await fetched.parse();
    expect(Array.isArray(parsed.papers)).toBe(false);
    const streamed: PaperInput[] = [];
    for await (const p of parsed.papers) streamed.push(p);
    expect(streamed).toEqual(parseFileBody(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')));
    // The same digest as a whole-file read, so units settled by earlier runs still skip.
    expect(fetched.digest).toBe(rawDigest([readFileSync(path)]));
  });

  it('writes batch by batch while reading: a file rewritten after the first batch stops, the batches written kept', async () => {
    // Several read chunks (64 KiB each) long, so the reader cannot have it all before the first write.
    const ids = Array.from({ length: 3000 }, (_, i) => i + 1);
    writeFileSync(path, ids.map((i) => line(i)).join('\n'));
    const upsert = db.stores.papers.upsertMany;
    let calls = 0;
    db.stores.papers.upsertMany = async (inputs, now) => {
      const result = await upsert(inputs, now);
      // A whole-file reader has every paper in hand by now and would not notice.
      if (++calls === 1) writeFileSync(path, ids.map((i) => line(i, `Edited ${i}`)).join('\n'));
      return result;
    };
    const s = await ingest({ batchSize: 100 });
    // Done in part, not lost: the batches written before the change stay stored.
    expect(s.status).toBe('partial');
    expect(s.failures[0]!.error).toBe(`the file changed while it was being read; run the ingest again; the ${s.created.toLocaleString('en-US')} papers written before it are kept`);
    // What was written are whole, valid papers of the first version.
    expect(s.created).toBeGreaterThanOrEqual(100);
    expect(s.created).toBeLessThan(ids.length);
    expect((await db.stores.papers.get('2611.00001'))!.title).toBe('Paper 1');
  });

  it('a bad record on the last line still writes nothing, naming the line', async () => {
    writeFileSync(path, `${[1, 2, 3, 4, 5].map((i) => line(i)).join('\n')}\n{"id":"2611.99999"}\n{"id":\n`);
    const s = await ingest({ batchSize: 2 });
    expect(s.status).toBe('failed');
    expect(s.failures[0]!.error).toMatch(/1 malformed JSONL line\(s\): line 7/);
    expect(await db.stores.papers.count()).toBe(0);
  });

  it('a legacy-charset JSONL file is still read (whole), its text decoded as windows-1252', async () => {
    writeFileSync(path, Buffer.from(`${line(1, 'Caf\xe9 \x93quoted\x94')}\n`, 'latin1'));
    const s = await ingest();
    expect(s).toMatchObject({ status: 'succeeded', created: 1 });
    const paper = await db.stores.papers.get('2611.00001');
    expect(paper!.title).toBe('Café “quoted”');
  });
});
