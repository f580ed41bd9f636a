/**
 * Matching quality on the labelled dev set: per-topic P/R/F1 and macro-F1 for
 *  1. plain MiniSearch (title+abstract, AND, prefix, fuzzy 0.2, title boost 2) — the baseline,
 *  2. the default offline matcher, zero-shot,
 *  3. the matcher after 3 relevant + 3 not-relevant feedback marks per topic, scored on the
 *     papers that were not marked (and the zero-shot matcher on the same papers, for the gain).
 *
 * Usage: npm run bench:match [-- --data path] [--verbose]
 */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import type { FeedbackMark, TopicDefinition } from '../src/core/ports.js';
import { builtinTopics } from '../src/core/topics/builtin.js';
import { macroF1, topicQuality, type TopicQuality } from '../src/core/topics/evaluation.js';
import { learnModel, type LearnedModel } from '../src/core/topics/feedback-model.js';
import { createMatcher } from '../src/core/topics/matcher.js';
import { catalogSlugFor } from '../src/core/topics/names.js';
import type { MatchablePaper } from '../src/core/topics/paper-features.js';

interface DevData {
  topics: Record<string, { relevant: string[]; borderline: string[]; distractors: string[] }>;
  papers: Array<{ id: string; title: string; abstract: string; authors: string[]; publishedAt: string; keywords: string[] }>;
}

const args = process.argv.slice(2);
const dataPath = args.includes('--data') ? args[args.indexOf('--data') + 1]! : new URL('../../shared/data/dev-papers.json', import.meta.url).pathname;
const verbose = args.includes('--verbose');
const data = JSON.parse(readFileSync(dataPath, 'utf8')) as DevData;

const papers: MatchablePaper[] = data.papers.map((p) => ({ arxivId: p.id, title: p.title, abstract: p.abstract, aiKeywords: p.keywords }));
const byId = new Map(papers.map((p) => [p.arxivId, p]));
const now = new Date();
const builtins = builtinTopics(now);

function topicFor(name: string): TopicDefinition {
  const slug = catalogSlugFor(name);
  const found = builtins.find((t) => t.slug === slug);
  if (found) return found;
  console.warn(`! no catalog topic for "${name}": matching it as an ad-hoc topic`);
  return { ...builtins[0]!, slug: name, name, description: name, builtin: false };
}

const whyOf = new Map<string, string>();
const fmt = (x: number) => x.toFixed(3);

function report(label: string, qualities: Map<string, TopicQuality>): number {
  const m = macroF1([...qualities.values()]);
  console.log(`\n${label}: macro-F1 ${fmt(m)}`);
  for (const [name, q] of qualities) {
    console.log(`  ${name.padEnd(44)} P ${fmt(q.precision)}  R ${fmt(q.recall)}  F1 ${fmt(q.f1)}  (returned ${q.returned})`);
    if (verbose) {
      for (const id of q.misses) console.log(`      miss  ${byId.get(id)?.title.slice(0, 90)}`);
      for (const id of q.falseAlarms) {
        const r = whyOf.get(`${name}|${id}`);
        console.log(`      false ${byId.get(id)?.title.slice(0, 70)}  [${r}]`);
      }
    }
  }
  return m;
}

// 1. baseline
const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'], storeFields: [] });
mini.addAll(data.papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
const baseline = new Map<string, TopicQuality>();
for (const [name, labels] of Object.entries(data.topics)) {
  const hits = mini.search(name, { combineWith: 'AND', prefix: true, fuzzy: 0.2, boost: { title: 2 } });
  baseline.set(name, topicQuality(new Set(hits.map((h) => String(h.id))), labels));
}

// 2. zero-shot matcher
const matcher = createMatcher();
const t0 = performance.now();
const zeroShot = new Map<string, TopicQuality>();
const topicByName = new Map(Object.keys(data.topics).map((n) => [n, topicFor(n)]));
const results = matcher.matchPapers(papers, [...topicByName.values()]);
const matchMs = performance.now() - t0;
if (verbose) {
  for (const [name, t] of topicByName) for (const r of results) if (r.topicSlug === t.slug) whyOf.set(`${name}|${r.arxivId}`, `${r.score} ${r.why}`);
}
for (const [name, labels] of Object.entries(data.topics)) {
  const slug = topicByName.get(name)!.slug;
  zeroShot.set(name, topicQuality(new Set(results.filter((r) => r.topicSlug === slug).map((r) => r.arxivId)), labels));
}

// 3. feedback: the first 3 relevant and 3 distractors (falling back to unlabelled papers) per topic.
const learned = new Map<string, LearnedModel>();
const marked = new Map<string, Set<string>>();
for (const [name, labels] of Object.entries(data.topics)) {
  const slug = topicByName.get(name)!.slug;
  const labelled = new Set([...labels.relevant, ...labels.borderline, ...labels.distractors]);
  const down = [...labels.distractors, ...papers.map((p) => p.arxivId).filter((id) => !labelled.has(id))].slice(0, 3);
  const up = labels.relevant.slice(0, 3);
  const marks: FeedbackMark[] = [
    ...up.map((arxivId) => ({ topicSlug: slug, arxivId, actor: 'bench', verdict: 'up' as const, createdAt: now })),
    ...down.map((arxivId) => ({ topicSlug: slug, arxivId, actor: 'bench', verdict: 'down' as const, createdAt: now })),
  ];
  learned.set(slug, learnModel(marks, byId, papers));
  marked.set(name, new Set([...up, ...down]));
}
const withFeedback = createMatcher({ learned });
const fbResults = withFeedback.matchPapers(papers, [...topicByName.values()]);
const afterFeedback = new Map<string, TopicQuality>();
const zeroShotHeldOut = new Map<string, TopicQuality>();
for (const [name, labels] of Object.entries(data.topics)) {
  const slug = topicByName.get(name)!.slug;
  const universe = new Set(papers.map((p) => p.arxivId).filter((id) => !marked.get(name)!.has(id)));
  const pick = (rs: typeof results) => new Set(rs.filter((r) => r.topicSlug === slug).map((r) => r.arxivId));
  afterFeedback.set(name, topicQuality(pick(fbResults), labels, universe));
  zeroShotHeldOut.set(name, topicQuality(pick(results), labels, universe));
}

// 4. The same with bare definitions (no catalog expansion): a user's own topic outside the catalog.
const bare = new Map<string, TopicQuality>();
const bareFeedback = new Map<string, TopicQuality>();
const bareZero = createMatcher({ useCatalog: false }).matchPapers(papers, [...topicByName.values()]);
const bareLearned = createMatcher({ useCatalog: false, learned }).matchPapers(papers, [...topicByName.values()]);
for (const [name, labels] of Object.entries(data.topics)) {
  const slug = topicByName.get(name)!.slug;
  const universe = new Set(papers.map((p) => p.arxivId).filter((id) => !marked.get(name)!.has(id)));
  const pick = (rs: typeof results) => new Set(rs.filter((r) => r.topicSlug === slug).map((r) => r.arxivId));
  bare.set(name, topicQuality(pick(bareZero), labels, universe));
  bareFeedback.set(name, topicQuality(pick(bareLearned), labels, universe));
}

console.log(`dev set: ${papers.length} papers, ${topicByName.size} topics (${dataPath})`);
const b = report('plain MiniSearch (baseline)', baseline);
const z = report('offline matcher, zero-shot', zeroShot);
const zh = report('offline matcher, zero-shot, held-out papers (feedback comparison)', zeroShotHeldOut);
const f = report('offline matcher + 3 up / 3 down feedback marks per topic, held-out papers', afterFeedback);
const bz = report('bare definitions (no catalog), held-out papers', bare);
const bf = report('bare definitions + feedback marks, held-out papers', bareFeedback);
console.log(`\nsummary: baseline ${fmt(b)} | zero-shot ${fmt(z)} (x${(z / b).toFixed(2)} vs baseline) | held-out zero-shot ${fmt(zh)} -> with feedback ${fmt(f)} (${f >= zh ? '+' : ''}${fmt(f - zh)})`);
console.log(`bare definitions: ${fmt(bz)} -> with feedback ${fmt(bf)} (${bf >= bz ? '+' : ''}${fmt(bf - bz)})`);
console.log(`matching time: ${matchMs.toFixed(1)} ms for ${papers.length} papers x ${topicByName.size} topics`);
