/**
 * The reference corpus a free-text topic is matched against: recent stored papers, analysed
 * once. It gives what a topic's own words cannot — how rare a word or phrase is (IDF), which
 * papers a first query finds (for pseudo-relevance feedback), what the topic's score
 * distribution looks like (for a per-topic acceptance threshold), and the acronyms the field
 * uses at the moment ("multimodal large language models (MLLMs)" teaches MLLM).
 *
 * Documents keep their stem sequences, not n-gram tables: phrase statistics are computed on
 * demand for the phrases topics ask about, and cached.
 */
import { mineAcronyms } from './acronyms.js';
import type { MatchablePaper } from './paper-features.js';
import { contentStems } from './text.js';

export interface CorpusDoc {
  id: string;
  title: string[];
  body: string[];
}

/** Occurrences of one phrase: document index -> [title count, body count]. */
export type Postings = Map<number, [number, number]>;

export interface Corpus {
  readonly docs: readonly CorpusDoc[];
  readonly byId: ReadonlyMap<string, number>;
  readonly avgTitle: number;
  readonly avgBody: number;
  /** Acronym <-> long form equivalences, as space-joined stems, both directions. */
  readonly acronyms: ReadonlyMap<string, readonly string[]>;
  /** Where a phrase (space-joined stems) occurs; cached. */
  postings(key: string): Postings;
  /** Documents containing the phrase. */
  df(key: string): number;
  /** BM25 inverse document frequency of the phrase (unseen phrases count as rare). */
  idf(key: string): number;
}

/** The fields a paper is matched on: the title, and the rest as one body. */
export function docFields(p: MatchablePaper): { title: string[]; body: string[] } {
  const body = [p.abstract, ...(p.aiKeywords ?? []), p.aiSummary ?? ''].join('\n');
  return { title: contentStems(p.title), body: contentStems(body) };
}

function countIn(seq: readonly string[], stems: readonly string[]): number {
  let n = 0;
  const first = stems[0]!;
  outer: for (let i = 0; i + stems.length <= seq.length; i++) {
    if (seq[i] !== first) continue;
    for (let j = 1; j < stems.length; j++) if (seq[i + j] !== stems[j]) continue outer;
    n++;
  }
  return n;
}

/** Times the phrase occurs in each field of an analysed document. */
export function phraseCounts(doc: { title: readonly string[]; body: readonly string[] }, stems: readonly string[]): [number, number] {
  return [countIn(doc.title, stems), countIn(doc.body, stems)];
}

const POSTINGS_CACHE_LIMIT = 200_000;

export function buildCorpus(papers: readonly MatchablePaper[]): Corpus {
  const docs: CorpusDoc[] = [];
  const byId = new Map<string, number>();
  const unigram = new Map<string, number[]>();
  let titleLen = 0;
  let bodyLen = 0;
  for (const p of papers) {
    if (byId.has(p.arxivId)) continue;
    const f = docFields(p);
    const d = docs.length;
    docs.push({ id: p.arxivId, ...f });
    byId.set(p.arxivId, d);
    titleLen += f.title.length;
    bodyLen += f.body.length;
    for (const s of new Set([...f.title, ...f.body])) {
      const list = unigram.get(s);
      if (list) list.push(d);
      else unigram.set(s, [d]);
    }
  }
  const n = docs.length;
  const cache = new Map<string, Postings>();

  function postings(key: string): Postings {
    let found = cache.get(key);
    if (found) return found;
    const stems = key.split(' ');
    // Scan the documents of the rarest word only.
    let rarest: number[] = [];
    let best = Infinity;
    for (const s of stems) {
      const list = unigram.get(s) ?? [];
      if (list.length < best) {
        best = list.length;
        rarest = list;
      }
    }
    found = new Map();
    for (const d of rarest) {
      const c = stems.length === 1 ? phraseCountsUnigram(docs[d]!, stems[0]!) : phraseCounts(docs[d]!, stems);
      if (c[0] + c[1] > 0) found.set(d, c);
    }
    if (cache.size >= POSTINGS_CACHE_LIMIT) cache.clear();
    cache.set(key, found);
    return found;
  }

  const df = (key: string) => postings(key).size;
  return {
    docs,
    byId,
    avgTitle: n ? titleLen / n : 10,
    avgBody: n ? bodyLen / n : 150,
    acronyms: mineAcronyms(papers),
    postings,
    df,
    idf: (key) => bm25Idf(n, df(key)),
  };
}

function phraseCountsUnigram(doc: CorpusDoc, s: string): [number, number] {
  let t = 0;
  let b = 0;
  for (const x of doc.title) if (x === s) t++;
  for (const x of doc.body) if (x === s) b++;
  return [t, b];
}

/** BM25's IDF, floored so that a word in most documents still counts a little. */
export function bm25Idf(n: number, df: number): number {
  return Math.max(0.05, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}
