import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { openStores } from '../../src/store/index.js';
import { parseIngestOptions } from '../../src/cli/commands/ingest.js';
import { hfItem, startFakeHf, type FakeHf } from '../helpers/fake-hf.js';
import { logger, openTestStores, type TestStores } from './ingest-support.js';
import { runCli, type CliRun } from '../helpers/cli-run.js';
import { sendText, startHttpServer } from '../helpers/http-server.js';

describe('paperboy ingest / papers (CLI)', () => {
  let hf: FakeHf;
  let db: TestStores;
  beforeEach(async () => {
    hf = await startFakeHf({
      days: {
        '2026-11-26': [hfItem({ id: '2611.00001', day: '2026-11-26', upvotes: 9, title: 'Codecs for speech', authors: ['Jane Doe', 'John Roe'] })],
        '2026-11-27': [hfItem({ id: '2611.00002', day: '2026-11-27' })],
      },
    });
    db = await openTestStores();
  });
  afterEach(async () => {
    await hf.close();
    await db.close();
  });

  let openStoresOverride: (() => Promise<Stores>) | null = null;
  afterEach(() => {
    openStoresOverride = null;
  });

  function run(...argv: string[]): Promise<CliRun> {
    const config = loadConfig({ PAPERBOY_HF_API_URL: hf.apiUrl, PAPERBOY_HTTP_RETRIES: '0', PAPERBOY_HTTP_TIMEOUT_MS: '2000' });
    return runCli({ config, logger, openStores: async () => (openStoresOverride ? openStoresOverride() : db.stores) }, argv);
  }

  it('ingests a range, then says "nothing changed" the second time', async () => {
    const first = await run('ingest', '--from', '2026-11-26', '--to', '2026-11-27');
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe('hf 2026-11-26..2026-11-27: 2 new, 0 updated, 0 unchanged\n');
    const second = await run('ingest', '--from', '2026-11-26', '--to', '2026-11-27');
    expect(second.out).toBe('hf 2026-11-26..2026-11-27: nothing changed: input identical to the last successful run (2 unchanged)\n');
    const forced = await run('ingest', '--from', '2026-11-26', '--to', '2026-11-27', '--force');
    expect(forced.out).toBe('hf 2026-11-26..2026-11-27: nothing changed (2 unchanged)\n');
  });

  it('a bad --date is a clear usage error (exit 2) and fetches nothing', async () => {
    for (const bad of ['2026-13-01', '2026-02-30', 'yesterday']) {
      const r = await run('ingest', '--date', bad);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^paperboy ingest: --date: "${bad}" is not (a date in the form YYYY-MM-DD|a real calendar day)\\n$`));
    }
    expect((await run('ingest', '--from', '2026-11-27', '--to', '2026-11-01')).err).toMatch(/is after --to/);
    expect((await run('ingest', '--source', 'feed')).err).toMatch(/needs --feed URL/);
    // A feed has no date window: --from/--to were silently ignored.
    const dated = await run('ingest', '--source', 'feed', '--feed', 'https://example.org/feed.xml', '--from', '2026-11-01', '--to', '2026-11-02');
    expect(dated.code).toBe(2);
    expect(dated.err).toMatch(/--date\/--from\/--to do not apply to --source feed/);
    expect((await run('ingest', '--source', 'file', '--file', 'x.json', '--date', '2026-11-01')).code).toBe(2);
    expect((await run('ingest', '--source', 'nope')).code).toBe(2);
    const future = await run('ingest', '--date', '2099-01-01');
    expect(future.code).toBe(2);
    expect(future.err).toMatch(/--date: 2099-01-01 is after today \(\d{4}-\d{2}-\d{2}, UTC\): there are no papers for it yet/);
    // Fetch refuses credentials in a URL, and the password would be logged and stored with the run.
    const secret = await run('ingest', '--feed', 'https://reader:s3cret@feeds.example.org/private.xml');
    expect(secret.code).toBe(2);
    expect(secret.err).toMatch(/"https:\/\/…@feeds\.example\.org\/private\.xml" holds a user name or password/);
    expect(secret.err).not.toContain('s3cret');
    expect(hf.requestCount()).toBe(0);
  });

  it("checks --category against arXiv's taxonomy before asking arXiv (exit 2), and sends arXiv's spelling", async () => {
    const typo = await run('ingest', '--source', 'arxiv', '--category', 'cs.XYZ');
    expect(typo).toMatchObject({ code: 2, err: 'paperboy ingest: --category: "cs.XYZ" is not an arXiv category (like cs.CL, or an archive like cs); see https://arxiv.org/category_taxonomy\n' });
    expect((await run('ingest', '--source', 'rss', '--category', 'cs.CLL')).err).toMatch(/did you mean cs\.CL\?/);
    const parsed = parseIngestOptions({ source: 'rss', category: ['CS.cl', 'cs'] }, new Date('2026-11-27T12:00:00Z'));
    expect(parsed).toMatchObject({ ok: true, request: { categories: ['cs.CL', 'cs'] } });
  });

  it('a file with no papers in it (0 bytes, []) says so and exits 1', async () => {
    for (const [name, body] of [['empty.json', ''], ['list.json', '[]']] as const) {
      const file = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-')), name);
      writeFileSync(file, body);
      const r = await run('ingest', '--source', 'file', '--file', file);
      expect(r.code, name).toBe(1);
      expect(r.err, name).toBe(`paperboy ingest: ${file} held no entries\n`);
      // Not also "nothing changed" on stdout, which read as a success.
      expect(r.out, name).toBe('');
      // --file alone means the file source.
      expect((await run('ingest', '--file', file)).err, name).toBe(`paperboy ingest: ${file} held no entries\n`);
    }
    // Another source named with --file is still a mistake.
    expect((await run('ingest', '--source', 'hf', '--file', 'x.json')).err).toMatch(/--file only applies to --source file/);
  });

  it('--json on a file with no papers says failed, as its exit code (1) and its stderr line do, and the run is recorded failed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-')), 'empty.json');
    writeFileSync(file, '');
    const r = await run('ingest', file, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`paperboy ingest: ${file} held no entries\n`);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'failed', failed: 1, failures: [{ unit: file, error: 'held no entries' }] });
    expect((await db.stores.ingestRuns.latest(1))[0]).toMatchObject({ status: 'failed', error: `${file}: held no entries` });
    // A file that held papers beside it: the run did something, and the empty one is not a failure of it (as before).
    const full = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-')), 'one.json');
    writeFileSync(full, JSON.stringify([{ arxivId: '2611.00009', title: 'A paper', authors: ['A. Author'], abstract: 'Words.' }]));
    const both = await run('ingest', file, full, '--json');
    expect(both.code).toBe(0);
    expect(JSON.parse(both.out)).toMatchObject({ status: 'succeeded', failed: 0 });
  });

  it('an RSS channel with no items says it held no entries, fetched (exit 0: feeds are often empty) or saved (exit 1: a file given by hand should hold papers)', async () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>cs.CL updates</title><link>https://rss.example/</link><description>No announcements on weekends</description></channel></rss>';
    const server = await startHttpServer((_req, res) => sendText(res, 200, rss, 'application/rss+xml'));
    try {
      const fetched = await run('ingest', `${server.url}/rss/cs.CL`);
      expect(fetched).toEqual({ code: 0, out: `feed ${server.url}/rss/cs.CL: held no entries\n`, err: '' });
      const file = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-')), 'cs.CL.xml');
      writeFileSync(file, rss);
      expect(await run('ingest', file)).toEqual({ code: 1, out: '', err: `paperboy ingest: ${file} held no entries\n` });
      // A day with no papers is said the same way.
      expect((await run('ingest', '--date', '2026-11-28')).out).toBe('hf 2026-11-28: held no entries\n');
    } finally {
      await server.close();
    }
  });

  it('a feed asked again with its validators and answered 304 is counted unchanged, said on the line and in --json; --force asks for it whole', async () => {
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><item><title>A paper</title><link>https://blog.example/p/1</link></item></channel></rss>';
    const server = await startHttpServer((req, res) => {
      if (req.headers['if-none-match'] === '"1"') return void res.writeHead(304, { etag: '"1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"1"', 'last-modified': 'Tue, 02 Sep 2025 10:00:00 GMT' });
      res.end(rss);
    });
    try {
      expect(await run('ingest', `${server.url}/feed`)).toEqual({ code: 0, out: `feed ${server.url}/feed: 1 new, 0 updated, 0 unchanged\n`, err: '' });
      const again = await run('ingest', `${server.url}/feed`, '--json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.out)).toMatchObject({ status: 'succeeded', created: 0, unchanged: 1, failures: [], notes: [{ unit: `${server.url}/feed`, note: 'not modified since Tue, 02 Sep 2025 10:00:00 GMT (HTTP 304): not re-read' }] });
      expect(await run('ingest', `${server.url}/feed`, '--force')).toEqual({ code: 0, out: `feed ${server.url}/feed: nothing changed (1 unchanged)\n`, err: '' });
      expect(server.requests.map((r) => r.headers['if-none-match'] ?? null)).toEqual([null, '"1"', null]);
    } finally {
      await server.close();
    }
  });

  it('several files are ingested in one run, each its own unit; a missing one is named before anything is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-ingest-'));
    const [a, b] = ['a.jsonl', 'b.jsonl'].map((name) => join(dir, name));
    writeFileSync(a!, JSON.stringify({ id: '2611.09101', title: 'Paper one', abstract: 'A study.' }));
    writeFileSync(b!, [JSON.stringify({ id: '2611.09102', title: 'Paper two', abstract: 'A study.' }), JSON.stringify({ id: '2611.09103', title: 'Paper three', abstract: 'A study.' })].join('\n'));
    const missing = await run('ingest', a!, join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`failed ${join(dir, 'nope.jsonl')}: no such file`);
    expect((await run('papers', 'show', '2611.09101')).code).toBe(1);
    const both = await run('ingest', a!, b!, '--json');
    expect(both.code, both.err).toBe(0);
    expect(JSON.parse(both.out)).toMatchObject({ status: 'succeeded', created: 3, units: 2 });
    expect((await run('papers', 'show', '2611.09101')).code).toBe(0);
  });

  it('a file or feed address given without a flag is read as --file / --feed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-')), 'two.jsonl');
    writeFileSync(file, ['2611.09001', '2611.09002'].map((id) => JSON.stringify({ id, title: `Paper ${id}`, abstract: 'A study.', authors: ['A. Author'] })).join('\n'));
    const r = await run('ingest', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/2 new/);
    // An address is a feed: the same checks as --feed (nothing is fetched here).
    const secret = await run('ingest', 'https://reader:s3cret@feeds.example.org/private.xml');
    expect(secret.code).toBe(2);
    expect(secret.err).toMatch(/holds a user name or password/);
    const mixed = await run('ingest', file, 'https://example.org/feed.xml');
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('give files, or feed addresses (http/https), not both');
    for (const address of ['ftp://example.org/papers.json', `file://${file}`]) {
      const other = await run('ingest', address);
      expect(other.code).toBe(2);
      expect(other.err).toContain(`"${address}" is not an http(s) address`);
    }
    expect((await run('ingest', file, '--file', file)).err).toContain('or with --file/--feed, not both');
    expect((await run('ingest', 'https://example.org/feed.xml', '--file', file)).err).toContain('or with --file/--feed, not both');
    expect((await run('ingest', file, '--source', 'hf')).err).toContain(`"${file}" names a file, but --source is hf`);
    expect(hf.requestCount()).toBe(0);
  });

  it('a file that cannot be read is said at once, before the database (locked, perhaps) is opened', async () => {
    let opened = 0;
    openStoresOverride = async () => {
      opened++;
      return db.stores;
    };
    try {
      const missing = await run('ingest', '/definitely/missing.jsonl');
      expect(missing).toMatchObject({ code: 1, err: 'failed /definitely/missing.jsonl: no such file\n' });
      const dir = mkdtempSync(join(tmpdir(), 'paperboy-ingest-'));
      expect((await run('ingest', '--file', dir)).err).toBe(`failed ${dir}: is a directory, not a file\n`);
      expect(opened).toBe(0);
      // A source's name typed as if it were the flag's value.
      expect((await run('ingest', 'arxiv')).err).toBe('failed arxiv: no such file (to fetch from arxiv: paperboy ingest --source arxiv)\n');
      // A feed's address copied without its scheme is no path either.
      expect((await run('ingest', 'example.org/feed.xml')).err).toBe('failed example.org/feed.xml: no such file (if it is a feed\'s address: paperboy ingest https://example.org/feed.xml)\n');
      expect((await run('ingest', 'exports/papers.json')).err).toBe('failed exports/papers.json: no such file\n');
      // --json keeps the failed run's summary on stdout.
      const json = await run('ingest', '/definitely/missing.jsonl', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toMatchObject({ failures: [{ unit: '/definitely/missing.jsonl', error: 'no such file' }] });
    } finally {
      openStoresOverride = null;
    }
  });

  it('exits 1 with one line per failed day', async () => {
    hf.failDay('2026-11-26', [{ status: 500, body: 'boom' }]);
    const r = await run('ingest', '--from', '2026-11-26', '--to', '2026-11-27');
    expect(r.code).toBe(1);
    expect(r.out).toBe('hf 2026-11-26..2026-11-27: 1 new, 0 updated, 0 unchanged; 1 of 2 failed\n');
    expect(r.err).toMatch(/^failed 2026-11-26: HTTP 500 from http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2026-11-26&limit=100&p=0: boom\n$/);
  });

  it('a database that is down is one clear line and exit 1, before anything is fetched', async () => {
    openStoresOverride = () => openStores('postgresql://postgres@127.0.0.1:1/paperboy', { migrate: false });
    const r = await run('ingest', '--date', '2026-11-27');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^paperboy ingest: cannot open the database: .*127\.0\.0\.1:1.*\n$/);
    expect(hf.requestCount()).toBe(0);
    expect((await run('papers', 'list')).err).toMatch(/^paperboy papers list: cannot open the database/);
  });

  it('a run where every day failed says so', async () => {
    hf.failDay('2026-11-27', [{ status: 500, body: 'down' }]);
    const r = await run('ingest', '--date', '2026-11-27');
    expect(r).toMatchObject({ code: 1, out: 'hf 2026-11-27: failed (1 of 1 failed, nothing ingested)\n' });
  });

  it('papers list --json prints one stable JSON array', async () => {
    await run('ingest', '--from', '2026-11-26', '--to', '2026-11-27');
    const r = await run('papers', 'list', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(2);
    const codec = list.find((p) => p.arxivId === '2611.00001')!;
    expect(codec).toMatchObject({
      arxivId: '2611.00001',
      title: 'Codecs for speech',
      authors: ['Jane Doe', 'John Roe'],
      publishedAt: '2026-11-26T00:00:00.000Z',
      upvotes: 9,
      url: 'https://arxiv.org/abs/2611.00001',
    });
    expect(JSON.parse((await run('papers', 'list', '--json', '--limit', '1')).out)).toHaveLength(1);
  });

  it('papers list and show date an undated feed entry by when it was stored, as search does: it is among the newest, not after every dated paper', async () => {
    await run('ingest', '--from', '2026-11-26', '--to', '2026-11-27');
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-undated-')), 'blog.xml');
    writeFileSync(
      file,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Lab</title><link>https://lab.example.org/</link>
      <item><title>Undated post</title><link>https://lab.example.org/1</link><description>No date.</description></item>
      <item><title>Badly dated post</title><link>https://lab.example.org/2</link><description>Bad date.</description><pubDate>not a date</pubDate></item>
      </channel></rss>`,
    );
    expect((await run('ingest', file)).code).toBe(0);
    const [stored] = JSON.parse((await run('papers', 'list', '--json', '--limit', '1')).out) as Array<{ arxivId: string; publishedAt: null; firstSeenAt: string }>;
    expect(stored).toMatchObject({ publishedAt: null });
    const today = stored!.firstSeenAt.slice(0, 10);
    const lines = (await run('papers', 'list', '--limit', '2')).out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^feed:[0-9a-f]{40} ${today} +(Undated|Badly dated) post$`));
    const shown = (await run('papers', 'show', stored!.arxivId)).out;
    expect(shown).toContain(`date:       ${stored!.firstSeenAt} (first stored; the source gave no publication date)\n`);
    expect((await run('papers', 'show', '2611.00001')).out).toContain('published:  2026-11-26T00:00:00.000Z\n');
  });

  it('papers list validates --limit and --since', async () => {
    expect((await run('papers', 'list', '--limit', '0')).code).toBe(2);
    const r = await run('papers', 'list', '--since', '27/11/2026');
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toMatch(/--since: "27\/11\/2026" is not a date/);
    expect((await run('papers', 'list', '--since', '2026-11-01')).out).toBe('No papers yet. Run `paperboy ingest` first.\n');
    // A missing file is named once, with the reason.
    const missing = await run('ingest', '--file', '/definitely/missing.json');
    expect(missing.err).toContain('failed /definitely/missing.json: no such file\n');
    expect(missing.err.split('/definitely/missing.json')).toHaveLength(2);
    // A day to come is refused as ingest --date refuses it, not answered with an empty window.
    await run('ingest', '--date', '2026-11-26');
    expect(await run('papers', 'list', '--since', '2099-01-01')).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^paperboy papers list: --since: 2099-01-01 is after today \(\d{4}-\d{2}-\d{2}, UTC\): there are no papers for it yet\n$/) });
  });

  it('papers show finds by id, version or URL; an unknown id is a clear message and exit 1', async () => {
    await run('ingest', '--date', '2026-11-26');
    for (const id of ['2611.00001', '2611.00001v3', 'https://arxiv.org/abs/2611.00001']) {
      const r = await run('papers', 'show', id, '--json');
      expect(JSON.parse(r.out)).toMatchObject({ arxivId: '2611.00001', upvotes: 9 });
    }
    const text = await run('papers', 'show', '2611.00001');
    expect(text.out).toMatch(/^Codecs for speech\nid: +2611\.00001\n/);
    expect(text.err).toBe('');
    // A version that is not the one stored is said, on stderr; stdout is still the paper.
    const v9 = await run('papers', 'show', '2611.00001v9');
    expect(v9.code).toBe(0);
    expect(v9.out).toBe(text.out);
    expect(v9.err).toMatch(/^paperboy papers show: (?:v9 is not stored; showing v\d+, the version paperboy keeps \(the newest it has seen\)|the stored record of 2611\.00001 has no version \(its source gave none\), so whether it is v9 is not known; showing it)\n$/);
    const missing = await run('papers', 'show', '2611.99999');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toMatch(/no paper with id 2611\.99999/);
    expect((await run('papers', 'show', 'not-an-id')).code).toBe(2);
  });

  it('papers list and show read a title\'s TeX as text; --json keeps it as the source wrote it', async () => {
    await hf.close();
    hf = await startFakeHf({ days: { '2026-11-26': [hfItem({ id: '2611.00003', day: '2026-11-26', title: 'BrowseComp-$V^3$: a $2.7\\times$ faster benchmark' })] } });
    await run('ingest', '--date', '2026-11-26');
    expect((await run('papers', 'list')).out).toContain('BrowseComp-V³: a 2.7× faster benchmark');
    expect((await run('papers', 'show', '2611.00003')).out).toMatch(/^BrowseComp-V³: a 2\.7× faster benchmark\n/);
    expect(JSON.parse((await run('papers', 'show', '2611.00003', '--json')).out)).toMatchObject({ title: 'BrowseComp-$V^3$: a $2.7\\times$ faster benchmark' });
  });
});
