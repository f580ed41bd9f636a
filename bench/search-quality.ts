/**
 * Search relevance on labelled real papers (bench:search-speed's figures say nothing about it):
 * the 384 papers of shared/data/real-papers with the labels of its dev topics and of
 * bench/labels/validation-topics*.json, searched the way people search:
 *  - `names`: the topic as typed (dev and validation topics, each set apart);
 *  - `keywords`: the topic's two most informative words (highest IDF over the 384 papers,
 *    stopwords and words no paper has dropped), in the topic's order: the short query a person
 *    types into a box, derived mechanically so no query is fitted by hand;
 *  - `expert`: the researcher's wording of the 43 topics in bench/labels/paraphrases.json.
 * The holdout topics of split.json are never read.
 *
 * Systems, in one run: paperboy's search service (the entry point `paperboy search` and chat use)
 * with the papers in its in-memory window (an in-memory store), and with the same papers past the
 * 30-day window in a SQLite store, answered by the database's full-text index (FTS5), as these
 * papers are today; against plain MiniSearch over title + abstract, with its defaults (OR) and
 * configured as a search box usually is (AND, prefix, fuzzy 0.2, title boost 2).
 *
 * Metrics per query, averaged per set: P@10 (core papers among the first 10; border papers
 * count neither way, as in the set's README), nDCG@10 (gain 2 core, 1 border), recall@50 (core)
 * and MRR (first core paper within 50); "empty" counts queries that found nothing.
 *
 * `--database postgresql`: the archive systems on PostgreSQL (tsvector + GIN) instead of SQLite,
 * each in a fresh database made and dropped as the integration tests do (PAPERBOY_TEST_PG_URL,
 * else postgresql://postgres@127.0.0.1:5432/test).
 *
 * Usage: npm run bench:search-quality [-- --real dir] [--queries] (per-query lines) [--database postgresql]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { PaperInput } from '../src/core/papers/paper.js';
import { createSearchService, type SearchService } from '../src/core/search/search-service.js';
import { openStores } from '../src/store/index.js';
import { isStopword, words } from '../src/core/topics/text.js';
import { createMemoryStores } from '../test/helpers/memory-stores.js';
import { withPostgres, type TestDatabase } from '../test/helpers/db.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : dflt);
const realDir = arg('--real', new URL('../../shared/data/real-papers/', import.meta.url).pathname);
const labelsDir = new URL('./labels/', import.meta.url).pathname;
const perQuery = args.includes('--queries');
const database = arg('--database', 'sqlite');
if (database !== 'sqlite' && database !== 'postgresql') throw new Error(`--database must be sqlite or postgresql, got "${database}"`);
const pgDatabases: TestDatabase[] = [];
/** A fresh store of the chosen database: a file in `dir`, or a new PostgreSQL database. */
async function archiveStores(dir: string, file: string) {
  if (database === 'sqlite') return openStores(`file:${join(dir, file)}`, { migrate: true });
  const db = await withPostgres();
  pgDatabases.push(db);
  return db.openStores();
}
const ENGINE = database === 'sqlite' ? 'FTS5' : 'PostgreSQL';
const DEPTH = 50;

interface Labels {
  core: Set<string>;
  border: Set<string>;
}
interface Query {
  set: string;
  text: string;
  labels: Labels;
}
interface RealPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: string;
  categories: string[];
}

type Raw = Record<string, { core: string[]; border: string[] }>;
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const toLabels = (l: { core: string[]; border: string[] }): Labels => ({ core: new Set(l.core), border: new Set(l.border) });

function loadTopics(): { dev: Map<string, Labels>; validation: Map<string, Labels> } {
  const split = readJson<{ dev: string[]; holdout: string[] }>(`${realDir}/split.json`);
  const all = readJson<Raw>(`${realDir}/labels.json`);
  // Only the dev topics' labels are taken out of the file: the holdout is for the matcher's final check.
  const dev = new Map(split.dev.map((name) => [name, toLabels(all[name]!)]));
  const validation = new Map<string, Labels>();
  for (let n = 1; n <= 8; n++) {
    const path = `${labelsDir}/validation-topics${n === 1 ? '' : `-${n}`}.json`;
    if (!existsSync(path)) continue;
    for (const [name, l] of Object.entries(readJson<Raw>(path))) validation.set(name, toLabels(l));
  }
  for (const name of split.holdout) validation.delete(name);
  return { dev, validation };
}

/** The name's `n` content words with the highest IDF over the papers, in the name's order. */
function keywordsOf(name: string, df: ReadonlyMap<string, number>, n = 2): string {
  const ws = [...new Set(words(name))].filter((w) => !isStopword(w) && (df.get(w) ?? 0) > 0);
  const top = new Set([...ws].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, n));
  return ws.filter((w) => top.has(w)).join(' ');
}

function queries(papers: readonly RealPaper[]): Query[] {
  const { dev, validation } = loadTopics();
  const df = new Map<string, number>();
  for (const p of papers) for (const w of new Set(words(`${p.title} ${p.abstract}`))) df.set(w, (df.get(w) ?? 0) + 1);
  const out: Query[] = [];
  for (const [set, topics] of [['dev', dev], ['validation', validation]] as const) {
    for (const [name, labels] of topics) out.push({ set: `${set} names`, text: name, labels });
  }
  for (const [set, topics] of [['dev', dev], ['validation', validation]] as const) {
    for (const [name, labels] of topics) {
      const text = keywordsOf(name, df);
      if (text) out.push({ set: `${set} keywords`, text, labels });
    }
  }
  const paraphrases = readJson<Record<string, { expert: string }>>(`${labelsDir}/paraphrases.json`);
  for (const [name, forms] of Object.entries(paraphrases)) {
    const labels = dev.get(name) ?? validation.get(name);
    if (labels) out.push({ set: 'expert wording', text: forms.expert, labels });
  }
  return out;
}

interface Scores {
  p10: number;
  ndcg10: number;
  recall50: number;
  mrr: number;
  empty: number;
}

function score(ranked: readonly string[], l: Labels): Scores {
  const top10 = ranked.slice(0, 10);
  const core10 = top10.filter((id) => l.core.has(id)).length;
  const border10 = top10.filter((id) => l.border.has(id)).length;
  const gain = (id: string) => (l.core.has(id) ? 2 : l.border.has(id) ? 1 : 0);
  const dcg = (gains: number[]) => gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...[...l.core].map(() => 2), ...[...l.border].map(() => 1)].slice(0, 10));
  const first = ranked.slice(0, DEPTH).findIndex((id) => l.core.has(id));
  return {
    p10: border10 === 10 ? 0 : core10 / (10 - border10),
    ndcg10: ideal === 0 ? 0 : dcg(top10.map(gain)) / ideal,
    recall50: l.core.size === 0 ? 0 : ranked.slice(0, DEPTH).filter((id) => l.core.has(id)).length / l.core.size,
    mrr: first < 0 ? 0 : 1 / (first + 1),
    empty: ranked.length === 0 ? 1 : 0,
  };
}

type System = { name: string; search: (q: string) => Promise<string[]> };

function miniSearch(papers: readonly RealPaper[], opts: Parameters<MiniSearch['search']>[1]): (q: string) => Promise<string[]> {
  const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'] });
  mini.addAll(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
  return async (q) => mini.search(q, opts).slice(0, DEPTH).map((h) => String(h.id));
}

const asInput = (papers: readonly RealPaper[]): PaperInput[] =>
  papers.map((p) => ({
    arxivId: p.id,
    source: 'arxiv',
    title: p.title,
    abstract: p.abstract,
    authors: p.authors,
    publishedAt: new Date(p.publishedAt),
    categories: p.categories,
  }));
const SEEN = new Date('2026-02-28T00:00:00Z');

const answer = (service: SearchService) => async (q: string) => {
  const r = await service.search(q, { limit: DEPTH });
  return r.status === 'ok' ? r.items.map((i) => i.arxivId) : [];
};

async function paperboy(papers: readonly RealPaper[]): Promise<(q: string) => Promise<string[]>> {
  const stores = createMemoryStores();
  await stores.papers.upsertMany(asInput(papers), SEEN);
  return answer(createSearchService({ papers: stores.papers }));
}

/**
 * The same papers once older than the 30-day window (as these are by now): answered by the
 * database's own full-text index (SQLite FTS5, or PostgreSQL's tsvector), the configuration `paperboy search` runs with.
 */
async function paperboyArchive(papers: readonly RealPaper[], dir: string): Promise<(q: string) => Promise<string[]>> {
  const stores = await archiveStores(dir, 'paperboy.db');
  await stores.papers.upsertMany(asInput(papers), SEEN);
  const now = Date.parse('2026-12-01T00:00:00Z');
  return answer(createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30, now: () => now, warm: false }));
}

/**
 * The newer half of the papers in the window and the older half in the archive: one answer
 * merged from both, as most searches of a running service are.
 */
async function paperboySplit(papers: readonly RealPaper[], dir: string): Promise<(q: string) => Promise<string[]>> {
  const stores = await archiveStores(dir, 'paperboy-split.db');
  await stores.papers.upsertMany(asInput(papers), SEEN);
  const dates = papers.map((p) => Date.parse(p.publishedAt)).sort((a, b) => a - b);
  const now = dates[Math.floor(dates.length / 2)]! + 30 * 86_400_000;
  return answer(createSearchService({ papers: stores.papers, archive: stores.archive, hotDays: 30, now: () => now, warm: false }));
}

const fmt = (x: number) => x.toFixed(3);
const mean = (xs: Scores[], k: keyof Scores) => xs.reduce((s, x) => s + x[k], 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  if (!existsSync(`${realDir}/papers.jsonl`)) {
    console.log(`real-paper set not found at ${realDir}: skipped`);
    return;
  }
  const papers = readFileSync(`${realDir}/papers.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RealPaper);
  const qs = queries(papers);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-search-quality-'));
  const systems: System[] = [
    { name: 'MiniSearch defaults (OR)', search: miniSearch(papers, {}) },
    { name: 'MiniSearch AND+prefix+fuzzy+title x2', search: miniSearch(papers, { combineWith: 'AND', prefix: true, fuzzy: 0.2, boost: { title: 2 } }) },
    { name: `paperboy, papers in the archive (${ENGINE})`, search: await paperboyArchive(papers, dir) },
    { name: 'paperboy, papers in the window (memory)', search: await paperboy(papers) },
    { name: 'paperboy, newer half window, older archive', search: await paperboySplit(papers, dir) },
  ];
  const sets = [...new Set(qs.map((q) => q.set))];
  console.log(`${papers.length} papers; ${qs.length} queries (${sets.map((s) => `${s} ${qs.filter((q) => q.set === s).length}`).join(', ')}); depth ${DEPTH}`);
  const summary: string[] = [];
  for (const set of sets) {
    console.log(`\n## ${set}`);
    console.log(`  ${'system'.padEnd(38)}  P@10   nDCG@10 R@50   MRR    empty`);
    for (const sys of systems) {
      const scores: Scores[] = [];
      for (const q of qs.filter((x) => x.set === set)) {
        const s = score(await sys.search(q.text), q.labels);
        scores.push(s);
        if (perQuery && sys.name.startsWith('paperboy')) console.log(`    ${q.text.slice(0, 60).padEnd(60)} P@10 ${fmt(s.p10)} nDCG ${fmt(s.ndcg10)} R@50 ${fmt(s.recall50)} MRR ${fmt(s.mrr)}`);
      }
      const line = `${fmt(mean(scores, 'p10'))}  ${fmt(mean(scores, 'ndcg10'))}   ${fmt(mean(scores, 'recall50'))}  ${fmt(mean(scores, 'mrr'))}  ${scores.reduce((n, s) => n + s.empty, 0)}`;
      console.log(`  ${sys.name.padEnd(38)}  ${line}`);
      if (sys.name.startsWith('paperboy')) summary.push(`${set.padEnd(20)} ${sys.name.includes('half') ? 'split   ' : sys.name.includes('archive') ? 'archive ' : 'window  '} ${line}`);
    }
  }
  console.log(`\n##### summary: paperboy, papers in the archive / in the window / split between them (P@10 nDCG@10 R@50 MRR empty)\n${summary.join('\n')}`);
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(pgDatabases.map((d) => d.drop()));
}

await main();
