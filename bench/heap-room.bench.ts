/**
 * `npm run bench:heap-room -- [--caps 256,512] [--formats rss,atom,rdf,json,jsonl,rss-short,rss-cdata,rdf-escaped] [--wide 100] [--reference] [--precision 1.06]`: the heap a
 * body read whole takes to parse, per byte of it, which src/sources/heap-room.ts's guard
 * (HEAP_PER_BYTE) is set from. For each heap cap and format, files of synthetic papers (the items
 * of test/fixtures/sources as templates, ~150-word abstracts, some author names not ASCII) are
 * parsed by the file source, the guard switched off, each in its own `node
 * --max-old-space-size=<cap>` child; the item count is bisected to the largest file that parses
 * and the smallest that ends the process out of memory. The factor is the heap left when parsing
 * began (what the guard is told) over the file's bytes: a guard factor at or below the largest
 * file's lets it through, one above the smallest failing file's refuses it.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { getHeapStatistics } from 'node:v8';
import { createFileSource } from '../src/sources/file.js';
import { HEAP_CDATA_SHARE, HEAP_PER_BYTE, HEAP_PER_TAG } from '../src/sources/heap-room.js';
import { syntheticPapers } from './lib/synthetic-papers.js';

const FORMATS = ['rss', 'atom', 'rdf', 'json', 'jsonl'] as const;
/**
 * `rss-short`: the RSS items without their abstracts (a table of contents), more elements a byte.
 * `rss-cdata`: RSS with its abstract's HTML in a CDATA section, as RDF's is; `rdf-escaped`: RDF
 * with its title and abstract's HTML escaped, as RSS's is (and arXiv's RSS 1.0 listings' were):
 * whether a feed's cost a byte follows its root element or how its text is written.
 */
const EXTRA_FORMATS = ['rss-short', 'rss-cdata', 'rdf-escaped'] as const;
type Format = (typeof FORMATS)[number] | (typeof EXTRA_FORMATS)[number];
const FIXTURES = fileURLToPath(new URL('../test/fixtures/sources/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The first `<name …>…</name>` of `xml` with `content` inside (its attributes kept). */
const setElement = (xml: string, name: string, content: string) => xml.replace(new RegExp(`(<${name}(?:\\s[^>]*)?>)[\\s\\S]*?(</${name}>)`), (_m, open: string, close: string) => `${open}${content}${close}`);

interface Item {
  n: number;
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  date: Date;
}

/** A feed fixture split around its items: what comes before the first, one item, what comes after the last. */
function xmlTemplate(name: string, tag: string): { head: string; item: string; tail: string } {
  const text = fixture(name);
  const start = text.search(new RegExp(`<${tag}[\\s>]`));
  const end = text.lastIndexOf(`</${tag}>`) + tag.length + 3;
  const item = new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`).exec(text)![0];
  return { head: text.slice(0, start), item, tail: text.slice(end) };
}

/** Each format's document: a head, an item filled from a paper, a tail (the JSON array's commas are the writer's). */
function templates(format: Format): { head: string; item: (p: Item) => string; tail: string; join: string } {
  if (format === 'rss' || format === 'rss-short' || format === 'rss-cdata') {
    const t = xmlTemplate('feed-rss2.xml', 'item');
    const item = (p: Item) => {
      let x = setElement(t.item, 'title', xmlEscape(p.title));
      x = setElement(x, 'link', `https://arxiv.org/abs/${p.id}v1`);
      x = setElement(x, 'guid', `post-${p.n}`);
      x = setElement(x, 'pubDate', p.date.toUTCString());
      x = setElement(x, 'dc:creator', xmlEscape(p.authors.join(', ')));
      if (format === 'rss-short') return x.replace(/\s*<description>[\s\S]*<\/description>/, '');
      return setElement(x, 'description', format === 'rss-cdata' ? `<![CDATA[<p>${xmlEscape(p.abstract)}</p>]]>` : xmlEscape(`<p>${xmlEscape(p.abstract)}</p>`));
    };
    return { head: t.head, item, tail: t.tail, join: '\n    ' };
  }
  if (format === 'atom') {
    const t = xmlTemplate('feed-atom.xml', 'entry');
    const item = (p: Item) => {
      let x = setElement(t.item, 'title', xmlEscape(xmlEscape(p.title)));
      x = setElement(x, 'id', `tag:lab.example.org,2025:post-${p.n}`);
      x = x.replace(/href="[^"]*"/, `href="https://arxiv.org/abs/${p.id}"`);
      x = setElement(x, 'published', p.date.toISOString());
      x = setElement(x, 'updated', p.date.toISOString());
      x = x.replace(/<author>[\s\S]*<\/author>/, p.authors.map((a) => `<author><name>${xmlEscape(a)}</name></author>`).join(''));
      return setElement(x, 'summary', xmlEscape(`<p>${xmlEscape(p.abstract)}</p>`));
    };
    return { head: t.head, item, tail: t.tail, join: '\n  ' };
  }
  if (format === 'rdf' || format === 'rdf-escaped') {
    const cdata = (text: string) => (format === 'rdf' ? `<![CDATA[${text}]]>` : xmlEscape(text));
    const t = xmlTemplate('feed-nature.rdf', 'item');
    const item = (p: Item) => {
      const doi = `10.1038/s41929-026-${String(p.n).padStart(5, '0')}-6`;
      const page = `https://www.nature.com/articles/s41929-026-${String(p.n).padStart(5, '0')}-6`;
      let x = t.item.replace(/rdf:about="[^"]*"/, `rdf:about="${page}"`);
      x = setElement(x, 'title', cdata(p.title));
      x = setElement(x, 'link', page);
      x = setElement(x, 'content:encoded', cdata(`<p>Nature Catalysis, Published online: ${p.date.toISOString().slice(0, 10)}; <a href="${page}">doi:${doi}</a></p>${p.abstract}`));
      x = x.replace(/(\s*<dc:creator>[^<]*<\/dc:creator>)+/, p.authors.map((a) => `\n    <dc:creator>${xmlEscape(a)}</dc:creator>`).join(''));
      x = setElement(x, 'dc:identifier', `doi:${doi}`);
      x = setElement(x, 'dc:source', `Nature Catalysis, Published online: ${p.date.toISOString().slice(0, 10)}; | doi:${doi}`);
      x = setElement(x, 'dc:date', p.date.toISOString().slice(0, 10));
      return setElement(x, 'prism:doi', doi);
    };
    return { head: t.head, item, tail: t.tail, join: '\n  ' };
  }
  if (format === 'json') {
    // Hugging Face's daily papers, as its API writes them: one line, no indentation.
    const first = (JSON.parse(fixture('hf-daily-papers.json')) as Array<Record<string, unknown> & { paper: Record<string, unknown> }>)[0]!;
    const item = (p: Item) =>
      JSON.stringify({
        ...first,
        paper: { ...first.paper, id: p.id, title: p.title, summary: p.abstract, publishedAt: p.date.toISOString(), authors: p.authors.map((name, i) => ({ _id: `672d8e0d1b4e5a3c9a0b${String(i).padStart(4, '0')}`, name, hidden: false })) },
        title: p.title,
        summary: p.abstract,
        publishedAt: p.date.toISOString(),
      });
    return { head: '[', item, tail: ']', join: ',' };
  }
  const first = JSON.parse(fixture('papers.jsonl').split('\n')[0]!) as Record<string, unknown>;
  const item = (p: Item) => JSON.stringify({ ...first, id: p.id, title: p.title, abstract: p.abstract, authors: p.authors, publishedAt: p.date.toISOString(), categories: p.categories });
  return { head: '', item, tail: '\n', join: '\n' };
}

/**
 * One title in this many has an en dash (U+2013), as real feeds' do (and their names past
 * Latin-1): one such character makes the decoded text two bytes a character, and the strings
 * parsed from it. 0: none, the text one byte a character.
 */
let wideEvery = 100;
/** Every character past ASCII (the en dash, the names' ü) written as a reference (XML `&#8211;`, JSON `\u2013`): the bytes are ASCII, what they parse to is not. */
let dashAsReference = false;

/**
 * A file of `count` items; its bytes as the guard counts them (a gzipped JSONL file, unpacked).
 * JSONL is streamed unless gzipped: a `.jsonl.gz` is the JSONL the file source reads whole.
 */
/** What the guard reads of a file: its bytes (unpacked), its `<`, whether all are ASCII. */
interface Written {
  bytes: number;
  tags: number;
  /** Bytes of its CDATA sections, markers included. */
  cdata: number;
  ascii: boolean;
}

/** What the guard says a file of this shape needs (src/sources/heap-room.ts's rule, from the counts). */
const guardNeed = (w: Written, kind: 'feed' | 'json') => (w.bytes - w.cdata * (1 - HEAP_CDATA_SHARE)) * HEAP_PER_BYTE[kind][w.ascii ? 'ascii' : 'wide'] + w.tags * HEAP_PER_TAG;

async function writeFile(path: string, format: Format, count: number): Promise<Written> {
  const t = templates(format);
  const file = createWriteStream(path);
  const gzip = format === 'jsonl' ? createGzip() : null;
  if (gzip) gzip.pipe(file);
  const out: WriteStream | ReturnType<typeof createGzip> = gzip ?? file;
  let bytes = 0;
  let tags = 0;
  let cdata = 0;
  let ascii = true;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    tags += s.split('<').length - 1;
    for (const [section] of s.matchAll(/<!\[CDATA\[[\s\S]*?\]\]>/g)) cdata += Buffer.byteLength(section);
    ascii &&= !/[^\x00-\x7f]/.test(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(t.head);
  for (let i = 0; i < count; i += 10_000) {
    const slice = syntheticPapers({ count: Math.min(10_000, count - i), seed: 11 + i });
    for (const [k, p] of slice.entries()) {
      const n = i + k;
      const id = `25${String(1 + Math.floor(n / 100_000)).padStart(2, '0')}.${String(n % 100_000).padStart(5, '0')}`;
      const title = wideEvery && n % wideEvery === 0 ? `${p.title} – a study` : p.title;
      const dash = (text: string) => (dashAsReference ? text.replace(/[^\x00-\x7f]/g, (c) => (format === 'json' || format === 'jsonl' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : `&#${c.charCodeAt(0)};`)) : text);
      await write(dash((n > 0 ? t.join : '') + t.item({ n, id, title, abstract: p.abstract, authors: p.authors, categories: p.categories, date: p.publishedAt ?? new Date(0) })));
    }
  }
  await write(t.tail);
  out.end();
  await once(file, 'finish');
  const json = format === 'json' || format === 'jsonl';
  return { bytes, tags: json ? 0 : tags, cdata: json ? 0 : cdata, ascii };
}

interface ChildResult {
  heapLeftMb: number;
  papers: number;
  seconds: number;
}

/** Parse one file with the guard off; what the guard would have been told, and what came out. */
async function child(path: string): Promise<ChildResult> {
  const source = createFileSource({ heapLeft: () => Number.POSITIVE_INFINITY });
  const raw = await source.fetchRaw!({ label: path, params: { path } });
  const h = getHeapStatistics();
  const heapLeftMb = (h.heap_size_limit - h.used_heap_size) / 1024 / 1024;
  const t0 = performance.now();
  let papers = 0;
  for await (const p of (await raw.parse()).papers) if (p) papers++;
  return { heapLeftMb, papers, seconds: (performance.now() - t0) / 1000 };
}

interface Run {
  ok: boolean;
  result?: ChildResult;
  /** Most heap used before a collection and most left live after a full one (--trace-gc), MB. */
  peakMb: number;
  peakLiveMb: number;
  exit: number | null;
}

const GC_LINE = /: (Scavenge|Mark-Compact|Mark-sweep)\S*(?: \([^)]*\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;

function runChild(cap: number, path: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [`--max-old-space-size=${cap}`, '--trace-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let peakMb = 0;
    let peakLiveMb = 0;
    let pending = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d.length < 10_000 ? d : '';
      const lines = (pending + d).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const m = GC_LINE.exec(line);
        if (!m) continue;
        peakMb = Math.max(peakMb, Number(m[2]));
        if (m[1] !== 'Scavenge') peakLiveMb = Math.max(peakLiveMb, Number(m[4]));
      }
    });
    proc.stderr.resume();
    proc.on('error', reject);
    proc.on('close', (exit) => {
      const last = out.split('\n').reverse().find((l) => l.startsWith('{"heapLeftMb"'));
      resolve({ ok: exit === 0 && last !== undefined, ...(last ? { result: JSON.parse(last) as ChildResult } : {}), peakMb, peakLiveMb, exit });
    });
  });
}

interface Point extends Written {
  items: number;
  run: Run;
}

/** Bisect the item count to within `precision` (ratio) between the largest file that parses and the smallest that does not. */
async function bisect(dir: string, format: Format, cap: number, bytesPerItem: number, precision: number, guess: number): Promise<{ ok?: Point; fail?: Point }> {
  const path = join(dir, format === 'jsonl' ? 'papers.jsonl.gz' : format === 'json' ? 'papers.json' : `feed.${format.startsWith('rdf') ? 'rdf' : 'xml'}`);
  // A first guess of `guess` bytes of heap a byte (JSON: half that) of the cap.
  let items = Math.round((cap * 1024 * 1024) / (format === 'json' || format === 'jsonl' ? guess / 2 : guess) / bytesPerItem);
  let ok: Point | undefined;
  let fail: Point | undefined;
  for (let step = 0; step < 12; step++) {
    const written = await writeFile(path, format, items);
    const { bytes } = written;
    const run = await runChild(cap, path);
    rmSync(path, { force: true });
    const point = { items, ...written, run };
    console.error(`  ${cap} MB ${format}: ${items.toLocaleString('en-US')} items, ${(bytes / 1024 / 1024).toFixed(1)} MB: ${run.ok ? `parsed in ${run.result!.seconds.toFixed(1)} s, ${run.result!.heapLeftMb.toFixed(0)} MB left before` : `failed (exit ${run.exit})`}, peak ${run.peakMb.toFixed(0)} MB, live ${run.peakLiveMb.toFixed(0)} MB`);
    if (run.ok) ok = point;
    else fail = point;
    if (ok && fail && fail.items / ok.items <= precision) break;
    items = ok && fail ? Math.round(Math.sqrt(ok.items * fail.items)) : ok ? Math.round(items * 1.5) : Math.round(items / 1.5);
  }
  return { ...(ok ? { ok } : {}), ...(fail ? { fail } : {}) };
}

async function main(args: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
  const caps = arg('caps', '256,512').split(',').map(Number);
  const formats = arg('formats', FORMATS.join(',')).split(',') as Format[];
  const precision = Number(arg('precision', '1.06'));
  wideEvery = Number(arg('wide', String(wideEvery)));
  dashAsReference = args.includes('--reference');
  const guess = Number(arg('guess', '5'));
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-heap-room-'));
  const rows: string[] = [];
  const factors: Record<'feed' | 'json', number[]> = { feed: [], json: [] };
  try {
    for (const format of formats) {
      const sample = join(dir, 'sample');
      const sampled = await writeFile(sample, format, 2_000);
      const bytesPerItem = sampled.bytes / 2_000;
      rmSync(sample, { force: true });
      for (const cap of caps) {
        const { ok, fail } = await bisect(dir, format, cap, bytesPerItem, precision, guess);
        const mb = (p?: Point) => (p ? `${p.items.toLocaleString('en-US')} items, ${(p.bytes / 1024 / 1024).toFixed(1)} MB` : '—');
        const factor = (p?: Point) => (p?.run.result ? p.run.result.heapLeftMb / (p.bytes / 1024 / 1024) : undefined);
        // A failing child says nothing: the heap left is the largest parsing file's (the same start-up).
        const left = ok?.run.result?.heapLeftMb;
        const fitFactor = factor(ok);
        const failFactor = fail && left !== undefined ? left / (fail.bytes / 1024 / 1024) : undefined;
        const kind = format === 'json' || format === 'jsonl' ? 'json' : 'feed';
        if (fitFactor !== undefined) factors[kind].push(fitFactor);
        // What the guard says the file needs, over the heap left: at most 1 lets it through, over 1 refuses it.
        const guard = (p?: Point) => (p && left !== undefined ? guardNeed(p, kind) / 1024 / 1024 / left : undefined);
        rows.push(
          [
            `${cap} MB`.padEnd(7),
            format.padEnd(6),
            `${bytesPerItem.toFixed(0).padStart(5)} B`,
            `${(sampled.tags / 2_000).toFixed(0).padStart(3)}`,
            `${left?.toFixed(0) ?? '—'} MB`.padStart(7),
            mb(ok).padEnd(26),
            mb(fail).padEnd(26),
            `${ok ? `${ok.run.peakMb.toFixed(0)} / ${ok.run.peakLiveMb.toFixed(0)} MB` : '—'}`.padEnd(14),
            `${fitFactor?.toFixed(2) ?? '—'}–${failFactor?.toFixed(2) ?? '—'}`.padEnd(12),
            `${guard(ok)?.toFixed(2) ?? '—'} / ${guard(fail)?.toFixed(2) ?? '—'}`,
          ].join('  '),
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nheap to parse a body read whole (file source, guard off), bisected to ${precision}×, ${wideEvery ? `an en dash${dashAsReference ? ' (a character reference)' : ''} in one title in ${wideEvery}` : 'Latin-1 text only'} (load average before: ${load}; after: ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  console.log('cap      format  B/item  <s/item  heap left  largest that parsed         smallest that ran out       peak / live    left ÷ bytes  guard need ÷ left (largest / smallest)');
  for (const row of rows) console.log(row);
  for (const kind of ['feed', 'json'] as const) {
    if (factors[kind].length) console.log(`${kind}: the largest parsing file's factor is at most ${Math.max(...factors[kind]).toFixed(2)} (min ${Math.min(...factors[kind]).toFixed(2)}); HEAP_PER_BYTE.${kind} is ${HEAP_PER_BYTE[kind].ascii} (ASCII), ${HEAP_PER_BYTE[kind].wide} (any other character)${kind === 'feed' ? `, and ${HEAP_PER_TAG} bytes a tag` : ''}`);
  }
}

/** `--shapes`: each format's bytes and tags an item, and what the guard says 1,000 items need, without parsing. */
async function shapes(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-heap-room-'));
  try {
    for (const format of [...FORMATS, ...EXTRA_FORMATS] as const) {
      const w = await writeFile(join(dir, 'sample'), format, 1_000);
      const kind = format === 'json' || format === 'jsonl' ? 'json' : 'feed';
      const need = guardNeed(w, kind);
      console.log(`${format.padEnd(11)} ${(w.bytes / 1_000).toFixed(0).padStart(5)} B, ${(w.tags / 1_000).toFixed(1).padStart(4)} tags and ${(w.cdata / 1_000).toFixed(0).padStart(4)} B of CDATA an item, ${w.ascii ? 'ASCII' : 'not ASCII'}: the guard's need ${(need / w.bytes).toFixed(2)} a byte`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') console.log(JSON.stringify(await child(args[1]!)));
else if (args.includes('--shapes')) {
  wideEvery = Number(args.includes('--wide') ? args[args.indexOf('--wide') + 1] : wideEvery);
  dashAsReference = args.includes('--reference');
  await shapes();
} else await main(args);
