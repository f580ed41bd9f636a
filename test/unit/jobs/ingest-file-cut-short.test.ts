/**
 * A saved feed cut short (a download stopped, a full disk) is read up to its last whole entry.
 * The summary says so in plain words; the cut is not an entry, so it is not counted as one left out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSummary, runIngest } from '../../../jobs/ingest.js';
import { createSource, type SourceConfig } from '../../../src/sources/index.js';
import { createHttpClient } from '../../../src/net/http.js';
import { silentLogger } from '../../../src/log.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { fixture } from '../sources/fixtures.js';

const config = {} as SourceConfig;

/** `doc` saved as a file, cut in the middle of its `n`th entry (counted from 1). */
function cutFile(doc: string, tag: 'item' | 'entry', n: number, name: string): string {
  let at = -1;
  for (let i = 0; i < n; i++) at = doc.indexOf(`<${tag}>`, at + 1);
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-cut-')), name);
  writeFileSync(path, doc.slice(0, doc.indexOf('<title>', at) + 12));
  return path;
}

async function ingest(...paths: string[]) {
  const stores = createMemoryStores();
  return runIngest({ stores, source: createSource('file', config), logger: silentLogger() }, { from: 'x', to: 'x', filePaths: paths });
}

describe('a saved feed cut short', () => {
  it('RSS: keeps the entries before the cut and says where it was cut, counting nothing as left out', async () => {
    const path = cutFile(fixture('feed-escaped-html-60.rss.xml'), 'item', 5, 'feed.xml');
    const s = await ingest(path);
    expect(s).toMatchObject({ status: 'succeeded', created: 4, dropped: 0, drops: [], failed: 0 });
    expect(s.notes).toEqual([{ unit: path, note: 'the file is cut short after entry 4 (entries 1 to 4 were read; nothing after could be)' }]);
    expect(describeSummary(s)).toBe(`file ${path}: 4 new, 0 updated, 0 unchanged; the file is cut short after entry 4 (entries 1 to 4 were read; nothing after could be)`);
  });

  it('Atom cut in its second entry: one entry read, and which file when there are several', async () => {
    const atom = fixture('feed-atom.xml');
    const path = cutFile(atom, 'entry', 2, 'feed.atom');
    const whole = join(mkdtempSync(join(tmpdir(), 'paperboy-whole-')), 'whole.atom');
    writeFileSync(whole, atom);
    const s = await ingest(path, whole);
    expect(s).toMatchObject({ status: 'succeeded', dropped: 0, drops: [] });
    expect(s.notes).toEqual([{ unit: path, note: 'the file is cut short after entry 1 (that entry was read; nothing after could be)' }]);
    expect(describeSummary(s)).toMatch(new RegExp(`; ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the file is cut short after entry 1 \\(that entry was read; nothing after could be\\)$`));
  });

  it('a feed served cut short (the whole body, broken off) says so in the same words, as a feed', async () => {
    const rss = fixture('feed-escaped-html-60.rss.xml');
    const body = rss.slice(0, rss.indexOf('<title>', rss.indexOf('<item>', rss.indexOf('<item>') + 1)) + 12);
    const fetch = (async () => new Response(body, { headers: { 'content-type': 'application/rss+xml' } })) as typeof globalThis.fetch;
    const http = createHttpClient({ timeoutMs: 1000, retries: 0, userAgent: 'paperboy-test/1', fetch });
    const url = 'https://blog.example/feed.xml';
    const s = await runIngest({ stores: createMemoryStores(), source: createSource('feed', config, { http }), logger: silentLogger() }, { from: 'x', to: 'x', feedUrl: url });
    expect(s).toMatchObject({ status: 'succeeded', created: 1, dropped: 0 });
    expect(describeSummary(s)).toBe(`feed ${url}: 1 new, 0 updated, 0 unchanged; the feed is cut short after entry 1 (that entry was read; nothing after could be)`);
  });
});
