/**
 * The words that distinguish a topic's best first-pass papers (pseudo-relevance feedback, RM3
 * in topic-model.ts), and those papers: computed for every topic compiled, so the words are
 * numbered once per corpus and summed in arrays by number, not in a map per topic.
 */
import type { Corpus, CorpusDoc } from './corpus.js';
import { grown, nextStamp } from './stamps.js';
import { meaningful } from './topic-wording.js';

/**
 * The words feedback reads, numbered per corpus, with their IDF once looked up: every topic
 * compiled weighs the words of its best papers, and thousands of topics share those papers.
 */
interface TermTable {
  ids: Map<string, number>;
  terms: string[];
  /** Whether feedback reads the term (meaningful, over two letters), by id. */
  read: boolean[];
  /** IDF by term id; NaN until looked up. */
  idf: number[];
}

const termTables = new WeakMap<Corpus, TermTable>();

function termTable(corpus: Corpus): TermTable {
  let table = termTables.get(corpus);
  if (!table) termTables.set(corpus, (table = { ids: new Map(), terms: [], read: [], idf: [] }));
  return table;
}

interface DocTerms {
  /** Term ids (TermTable) in the order the document first says them. */
  ids: Int32Array;
  counts: Int32Array;
}

/** A corpus's documents belong to it alone, so their term ids are those of its table. */
const termsCache = new WeakMap<CorpusDoc, DocTerms>();

/** docTerms's counts by term id, valid where the stamp is the current document's. */
let countStamp = new Int32Array(1024);
let countOf = new Int32Array(1024);
let countEpoch = 0;

/**
 * Words of a document with their counts (title twice); cached per document. Single words, as
 * RM3 uses: phrase candidates cost a corpus scan each and did not rank better.
 */
function docTerms(doc: CorpusDoc, table: TermTable): DocTerms {
  const cached = termsCache.get(doc);
  if (cached) return cached;
  const order: number[] = [];
  const epoch = (countEpoch = nextStamp(countEpoch, countStamp));
  // The title counts twice: read once, each word counted by 2 (the same order and counts as reading it twice).
  for (let pass = 0; pass < 2; pass++) {
    const seq = pass === 0 ? doc.title : doc.body;
    const by = pass === 0 ? 2 : 1;
    for (let i = 0; i < seq.length; i++) {
      const a = seq[i]!;
      let id = table.ids.get(a);
      if (id === undefined) {
        id = table.terms.length;
        table.ids.set(a, id);
        table.terms.push(a);
        table.read.push(meaningful(a) && a.length > 2);
        table.idf.push(NaN);
      }
      if (!table.read[id]) continue;
      if (id >= countStamp.length) {
        countStamp = grown(countStamp, id + 1);
        countOf = grown(countOf, countStamp.length);
      }
      if (countStamp[id] !== epoch) {
        countStamp[id] = epoch;
        countOf[id] = by;
        order.push(id);
      } else countOf[id]! += by;
    }
  }
  // Indexed copies: a typed array's from() walks an iterator, one object per step until optimised.
  const out = { ids: new Int32Array(order), counts: new Int32Array(order.length) };
  for (let k = 0; k < order.length; k++) out.counts[k] = countOf[order[k]!]!;
  termsCache.set(doc, out);
  return out;
}

/** distinctive's per-term sums, by term id, valid where `stamp` is the current call's. */
let termStamp = new Int32Array(1024);
let termSum = new Float64Array(1024);
let termSeenIn = new Int32Array(1024);
let termEpoch = 0;

/**
 * Terms that distinguish a set of documents, weighted (tf-idf, each document normalised), in the
 * order the documents first say them. With `best`, only the `best.count` highest-weighted terms
 * that `best.skip` does not reject, highest first (ties in that order, as a stable sort leaves
 * them): every topic compiled wants twenty of some hundreds, and a pair per term was most of
 * what it allocated.
 */
export function distinctive(docs: readonly CorpusDoc[], weights: readonly number[], corpus: Corpus, minDocs: number, best?: { count: number; skip: (term: string) => boolean }): Array<[string, number]> {
  // This runs for every topic compiled: sums in arrays by term id, not a map per call.
  const table = termTable(corpus);
  const perDoc = docs.map((doc) => docTerms(doc, table));
  if (table.terms.length > termStamp.length) {
    const size = table.terms.length * 2;
    termStamp = new Int32Array(size);
    termSum = new Float64Array(size);
    termSeenIn = new Int32Array(size);
    termEpoch = 0;
  }
  const epoch = (termEpoch = nextStamp(termEpoch, termStamp));
  const order: number[] = [];
  docs.forEach((doc, i) => {
    const { ids, counts } = perDoc[i]!;
    const len = doc.title.length * 2 + doc.body.length || 1;
    for (let k = 0; k < ids.length; k++) {
      const v = (weights[i]! * counts[k]!) / len;
      const id = ids[k]!;
      if (termStamp[id] !== epoch) {
        termStamp[id] = epoch;
        termSum[id] = v;
        termSeenIn[id] = 1;
        order.push(id);
      } else {
        termSum[id]! += v;
        termSeenIn[id]!++;
      }
    }
  });
  const out: Array<[string, number]> = [];
  if (best) {
    // Kept best first; a term goes after those weighing as much (a stable sort's order of ties).
    const ids: number[] = [];
    const values: number[] = [];
    for (const id of order) {
      if (termSeenIn[id]! < minDocs) continue;
      let idf = table.idf[id]!;
      if (Number.isNaN(idf)) table.idf[id] = idf = corpus.idf(table.terms[id]!);
      const v = termSum[id]! * idf;
      if ((ids.length === best.count && !(v > values[best.count - 1]!)) || best.skip(table.terms[id]!)) continue;
      let at = ids.length;
      while (at > 0 && values[at - 1]! < v) at--;
      ids.splice(at, 0, id);
      values.splice(at, 0, v);
      if (ids.length > best.count) {
        ids.pop();
        values.pop();
      }
    }
    for (let k = 0; k < ids.length; k++) out.push([table.terms[ids[k]!]!, values[k]!]);
    return out;
  }
  for (const id of order) {
    if (termSeenIn[id]! < minDocs) continue;
    let idf = table.idf[id]!;
    if (Number.isNaN(idf)) table.idf[id] = idf = corpus.idf(table.terms[id]!);
    out.push([table.terms[id]!, termSum[id]! * idf]);
  }
  return out;
}

/** The `k` best-scoring documents (positive scores only), best first, without sorting them all. */
export function topDocs(scores: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let d = 0; d < scores.length; d++) {
    const s = scores[d]!;
    if (s <= 0 || (best.length === k && s <= scores[best[k - 1]!]!)) continue;
    let i = best.length === k ? k - 1 : best.length;
    while (i > 0 && scores[best[i - 1]!]! < s) i--;
    best.splice(i, 0, d);
    if (best.length > k) best.pop();
  }
  return best;
}
