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
import { readableTex } from '../papers/tex.js';
import { definitionsIn, mineAcronyms } from './acronyms.js';
import type { MatchablePaper } from './paper-features.js';
import { PROXIMITY_WINDOW, contentStems } from './text.js';
import { forEachInChunks } from '../event-loop.js';

export interface CorpusDoc {
  id: string;
  title: string[];
  body: string[];
}

/** Occurrences of one phrase: document indexes, ascending, with title and body counts beside them. */
export interface Postings {
  docs: readonly number[];
  /** Occurrences in the title and in the body, parallel to `docs`. */
  title: readonly number[];
  body: readonly number[];
}

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

const fieldsCache = new WeakMap<MatchablePaper, { title: string[]; body: string[] }>();

/** The fields a paper is matched on: the title, and the rest as one body (cached per paper object). */
export function docFields(p: MatchablePaper): { title: string[]; body: string[] } {
  let f = fieldsCache.get(p);
  if (!f) {
    const body = [p.abstract, ...(p.aiKeywords ?? []), p.aiSummary ?? ''].join('\n');
    // Matched as read: "$2.7\times$" says no 'times', "\textbf{x}" no 'textbf'.
    f = spellOut({ title: contentStems(readableTex(p.title)), body: contentStems(readableTex(body)) }, p);
    fieldsCache.set(p, f);
  }
  return f;
}

/**
 * An abbreviation means what its paper defines it as: in a paper on jailbreaks, "attack
 * success rate (ASR)" makes every later ASR an attack success rate, not speech recognition.
 * So the abbreviation's other occurrences read as the long form, and the one in the
 * definition itself goes (the long form is already there).
 */
function spellOut(fields: { title: string[]; body: string[] }, p: MatchablePaper): { title: string[]; body: string[] } {
  const defined = new Map(definitionsIn(p));
  if (!defined.size) return fields;
  const seen = new Set<string>();
  const rewrite = (seq: string[]) =>
    seq.flatMap((s) => {
      const long = defined.get(s);
      if (long === undefined) return [s];
      if (!seen.has(s)) {
        seen.add(s);
        return [];
      }
      return long.split(' ');
    });
  // The abstract holds the definition; a title using the abbreviation means the long form too.
  const body = rewrite(fields.body);
  return { title: fields.title.flatMap((s) => (defined.has(s) ? defined.get(s)!.split(' ') : [s])), body };
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

/** Where a word occurs: documents ascending, counts per field, and positions (body offset by BODY). */
interface WordPostings {
  docs: number[];
  title: number[];
  body: number[];
  /**
   * Positions of every entry, one flat list (a document's positions are added together):
   * entry k's are pos[start[k]] up to pos[start[k + 1]] (or the end). A list per entry made
   * hundreds of thousands of small arrays for the collector to trace.
   */
  pos: number[];
  start: number[];
}

/**
 * Keys of proximity clauses: "~a|b" (the words' pair key) is two words within
 * PROXIMITY_WINDOW of each other in either order ("accelerating video diffusion" for
 * 'diffusion acceleration').
 */
export const NEAR_PREFIX = '~';

/** Body positions start here, so that no phrase spans the title and the abstract. */
const BODY = 1 << 20;

/**
 * The first index at or after `from` whose value is at least `target` in an ascending list:
 * galloping then binary search, so intersecting a rare word's documents with a common word's
 * costs about the rare list's length times a logarithm, not the common list's length.
 */
export function seek(list: readonly number[], from: number, target: number): number {
  if (from >= list.length || list[from]! >= target) return from;
  let lo = from;
  let step = 1;
  let hi = from + 1;
  while (hi < list.length && list[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  hi = Math.min(hi, list.length);
  // list[lo] < target; the answer is in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** End (exclusive) of entry k's positions in `w.pos`. */
function entryEnd(w: WordPostings, k: number): number {
  return k + 1 < w.start.length ? w.start[k + 1]! : w.pos.length;
}

function hasPosition(w: WordPostings, k: number, p: number): boolean {
  for (let x = w.start[k]!, end = entryEnd(w, k); x < end; x++) if (w.pos[x] === p) return true;
  return false;
}

/** Whether entry k has a position within PROXIMITY_WINDOW of `p` (other than `p` itself). */
function hasNear(w: WordPostings, k: number, p: number): boolean {
  for (let x = w.start[k]!, end = entryEnd(w, k); x < end; x++) {
    const q = w.pos[x]!;
    if (q !== p && Math.abs(q - p) <= PROXIMITY_WINDOW) return true;
  }
  return false;
}

export function buildCorpus(papers: readonly MatchablePaper[]): Corpus {
  const builder = corpusBuilder();
  for (const p of papers) builder.add(p);
  return builder.finish(papers);
}

/**
 * buildCorpus for the long-running service: the same corpus, built `chunk` papers at a time with
 * the event loop served in between (analysing 3,000 papers takes about a second of CPU, which
 * chat acks and /healthz must not wait for).
 */
export async function buildCorpusYielding(papers: readonly MatchablePaper[], chunk = 100): Promise<Corpus> {
  const builder = corpusBuilder();
  await forEachInChunks(papers, chunk, builder.add);
  return builder.finish(papers);
}

function corpusBuilder(): { add(p: MatchablePaper): void; finish(papers: readonly MatchablePaper[]): Corpus } {
  const docs: CorpusDoc[] = [];
  const byId = new Map<string, number>();
  const words = new Map<string, WordPostings>();
  let titleLen = 0;
  let bodyLen = 0;
  const add = (p: MatchablePaper): void => {
    if (byId.has(p.arxivId)) return;
    const f = docFields(p);
    const d = docs.length;
    docs.push({ id: p.arxivId, ...f });
    byId.set(p.arxivId, d);
    titleLen += f.title.length;
    bodyLen += f.body.length;
    // Every word of every paper passes here: plain loops, no closure call per word.
    for (let field = 0; field < 2; field++) {
      const seq = field === 0 ? f.title : f.body;
      const offset = field === 0 ? 0 : BODY;
      for (let i = 0; i < seq.length; i++) {
        const s = seq[i]!;
        let w = words.get(s);
        if (!w) words.set(s, (w = { docs: [], title: [], body: [], pos: [], start: [] }));
        // A word's entry for this document is its last one, once made (documents are added in order).
        if (w.docs[w.docs.length - 1] !== d) {
          w.docs.push(d);
          w.title.push(0);
          w.body.push(0);
          w.start.push(w.pos.length);
        }
        const k = w.docs.length - 1;
        if (field === 0) w.title[k]!++;
        else w.body[k]!++;
        w.pos.push(offset + i);
      }
    }
  };
  return { add, finish: (papers) => finishCorpus(docs, byId, words, titleLen, bodyLen, papers) };
}

function finishCorpus(
  docs: CorpusDoc[],
  byId: Map<string, number>,
  words: Map<string, WordPostings>,
  titleLen: number,
  bodyLen: number,
  papers: readonly MatchablePaper[],
): Corpus {
  const n = docs.length;
  const cache = new Map<string, Postings>();

  /**
   * Documents where the words stand together in order. Walks the rarest word's documents and
   * advances a cursor in each other word's list (all ascending), so a phrase of common words
   * costs one pass and no per-document arrays: topic compilation asks for thousands of phrases.
   */
  function phrasePostings(stems: readonly string[]): Postings {
    const out = { docs: [] as number[], title: [] as number[], body: [] as number[] };
    const lists: WordPostings[] = [];
    for (const s of stems) {
      const w = words.get(s);
      if (!w) return out;
      lists.push(w);
    }
    let rare = 0;
    for (let k = 1; k < lists.length; k++) if (lists[k]!.docs.length < lists[rare]!.docs.length) rare = k;
    const cursor = new Int32Array(lists.length);
    const at = new Int32Array(lists.length);
    const rareDocs = lists[rare]!.docs;
    docs: for (let r = 0; r < rareDocs.length; r++) {
      const d = rareDocs[r]!;
      for (let k = 0; k < lists.length; k++) {
        if (k === rare) {
          at[k] = r;
          continue;
        }
        const list = lists[k]!.docs;
        const c = seek(list, cursor[k]!, d);
        cursor[k] = c;
        if (c === list.length) break docs;
        if (list[c] !== d) continue docs;
        at[k] = c;
      }
      let title = 0;
      let body = 0;
      const first = lists[0]!;
      for (let p = first.start[at[0]!]!, pEnd = entryEnd(first, at[0]!); p < pEnd; p++) {
        const start = first.pos[p]!;
        let ok = true;
        for (let j = 1; j < lists.length && ok; j++) ok = hasPosition(lists[j]!, at[j]!, start + j);
        if (!ok) continue;
        if (start >= BODY) body++;
        else title++;
      }
      if (title + body > 0) {
        out.docs.push(d);
        out.title.push(title);
        out.body.push(body);
      }
    }
    return out;
  }

  /** Documents where two words stand within PROXIMITY_WINDOW of each other, in either order. */
  function nearPostings(a: string, b: string): Postings {
    const out = { docs: [] as number[], title: [] as number[], body: [] as number[] };
    const wa = words.get(a);
    const wb = words.get(b);
    if (!wa || !wb) return out;
    // Stepping through the rarer list and seeking in the other: "~video|model" costs the
    // rare word's documents, not the common word's.
    const aRare = wa.docs.length <= wb.docs.length;
    for (let i = 0, j = 0; i < wa.docs.length && j < wb.docs.length; ) {
      if (wa.docs[i]! < wb.docs[j]!) i = aRare ? i + 1 : seek(wa.docs, i, wb.docs[j]!);
      else if (wa.docs[i]! > wb.docs[j]!) j = aRare ? seek(wb.docs, j, wa.docs[i]!) : j + 1;
      else {
        let title = 0;
        let body = 0;
        for (let x = wa.start[i]!, xEnd = entryEnd(wa, i); x < xEnd; x++) {
          const p = wa.pos[x]!;
          if (hasNear(wb, j, p)) {
            if (p >= BODY) body++;
            else title++;
          }
        }
        if (title + body > 0) {
          out.docs.push(wa.docs[i]!);
          out.title.push(title);
          out.body.push(body);
        }
        i++;
        j++;
      }
    }
    return out;
  }

  function postings(key: string): Postings {
    let found = cache.get(key);
    if (found) return found;
    if (key.startsWith(NEAR_PREFIX)) {
      const [a, b] = key.slice(NEAR_PREFIX.length).split('|') as [string, string];
      found = nearPostings(a, b);
      cache.set(key, found);
      return found;
    }
    const stems = key.split(' ');
    if (stems.length === 1) {
      const w = words.get(key);
      // The word's own arrays: no copy per lookup.
      found = w ?? { docs: [], title: [], body: [] };
    } else {
      found = phrasePostings(stems);
    }
    if (cache.size >= POSTINGS_CACHE_LIMIT) cache.clear();
    cache.set(key, found);
    return found;
  }

  const df = (key: string) => (key.includes(' ') || key.startsWith(NEAR_PREFIX) ? postings(key).docs.length : (words.get(key)?.docs.length ?? 0));
  // Thousands of topics ask for the IDFs of the same words and phrases, each several times.
  const idfs = new Map<string, number>();
  const idf = (key: string): number => {
    let v = idfs.get(key);
    if (v === undefined) {
      v = bm25Idf(n, df(key));
      if (idfs.size >= POSTINGS_CACHE_LIMIT) idfs.clear();
      idfs.set(key, v);
    }
    return v;
  };
  return {
    docs,
    byId,
    avgTitle: n ? titleLen / n : 10,
    avgBody: n ? bodyLen / n : 150,
    acronyms: mineAcronyms(papers),
    postings,
    df,
    idf,
  };
}

/** BM25's IDF, floored so that a word in most documents still counts a little. */
export function bm25Idf(n: number, df: number): number {
  return Math.max(0.05, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}
