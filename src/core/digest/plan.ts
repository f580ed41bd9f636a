/**
 * Choosing what goes into one target's digest: pure, so it can be tested exhaustively and
 * frozen in the ledger (a resume renders the same papers even if matching changed since).
 */
import { paperDate, type Paper } from '../papers/paper.js';
import type { PlannedDigest, Subscription } from '../ports.js';
import type { TopicMatch } from './topic-matcher.js';

export type PlannedItem = PlannedDigest['items'][number];

/** What ranking needs of a paper: a window's candidates are held in this form, not whole. */
export type RankedPaper = Pick<Paper, 'arxivId' | 'version' | 'upvotes' | 'publishedAt' | 'announcedAt' | 'firstSeenAt'>;

/** The ranking fields of a paper (and the version a plan records), without its text (a window can hold 100,000 candidates). */
export function rankedPaper(p: RankedPaper): RankedPaper {
  return { arxivId: p.arxivId, version: p.version, upvotes: p.upvotes, publishedAt: p.publishedAt, announcedAt: p.announcedAt, firstSeenAt: p.firstSeenAt };
}

export interface SelectInput {
  /** Candidate papers (new in the window); only those with matches matter. */
  papers: readonly RankedPaper[];
  /** Matches of those papers against the target's topics. */
  matches: readonly TopicMatch[];
  /** The target's subscriptions (one per topic). */
  subscriptions: readonly Subscription[];
  /** Cap for the whole digest. */
  maxPapers: number;
  /** Topic names by slug, for the other topics a paper also matched; a slug stands for a topic not in it. */
  topicNames?: ReadonlyMap<string, string>;
}

function recency(p: RankedPaper): number {
  return paperDate(p).getTime();
}

/** Rank: match score, then upvotes, then recency, then id (a total order, so plans are stable). */
export function compareRanked(a: { score: number; paper: RankedPaper }, b: { score: number; paper: RankedPaper }): number {
  return (
    b.score - a.score ||
    (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
    recency(b.paper) - recency(a.paper) ||
    (a.paper.arxivId < b.paper.arxivId ? -1 : a.paper.arxivId > b.paper.arxivId ? 1 : 0)
  );
}

type Ranked = { score: number; paper: RankedPaper; match: TopicMatch; others: string[] };

/** Puts `item` into `list` (sorted by compareRanked, at most `limit` long) if it ranks among its best. */
function insertBounded(list: Ranked[], item: Ranked, limit: number): void {
  if (limit <= 0) return;
  if (list.length >= limit && compareRanked(item, list[list.length - 1]!) >= 0) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRanked(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
  if (list.length > limit) list.pop();
}

/**
 * Papers for one digest: each paper is placed once, under the subscribed topic it matches best
 * (after that subscription's minScore), then each topic keeps its own maxPapers and the digest
 * keeps `maxPapers` overall.
 */
export function selectItems(input: SelectInput): PlannedItem[] {
  return selectPlan(input).items;
}

/** selectItems, with the papers that matched a subscription, kept or not (see leftOut). */
export function selectPlan(input: SelectInput): { items: PlannedItem[]; matched: ReadonlySet<string> } {
  const steps = selecting(input);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How many of the matched papers the plan's items do not hold: what the caps left out. */
export function leftOut(matched: ReadonlySet<string>, items: ReadonlyArray<{ arxivId: string }>): number {
  const kept = new Set(items.map((i) => i.arxivId));
  let n = 0;
  for (const id of matched) if (!kept.has(id)) n++;
  return n;
}

/** Entries handled between two turns of the event loop in `selectItemsYielding`. */
export const SELECT_CHUNK = 5_000;

/**
 * `selectItems` for a whole window after a backfill (100,000 candidates and more matches): the
 * same picks, with a turn of the event loop after every SELECT_CHUNK entries. Resolves with the
 * items and how many turns it gave.
 */
export async function selectItemsYielding(input: SelectInput, yieldNow: () => Promise<void>): Promise<{ items: PlannedItem[]; turns: number; matched: ReadonlySet<string> }> {
  const steps = selecting(input);
  let turns = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return { ...r.value, turns };
    await yieldNow();
    turns++;
  }
}

/**
 * selectItems' work, pausing (`yield`) after every SELECT_CHUNK entries it goes through. Also
 * the papers that matched a subscription (after its minScore), kept or not: how many more the
 * caps left out is said in the digest.
 */
function* selecting(input: SelectInput): Generator<void, { items: PlannedItem[]; matched: ReadonlySet<string> }> {
  let n = 0;
  const subs = new Map(input.subscriptions.map((s) => [s.topicSlug, s]));
  const papers = new Map<string, RankedPaper>();
  for (const p of input.papers) {
    papers.set(p.arxivId, p);
    if (++n % SELECT_CHUNK === 0) yield;
  }

  const best = new Map<string, Ranked>();
  for (const m of input.matches) {
    if (++n % SELECT_CHUNK === 0) yield;
    const sub = subs.get(m.topicSlug);
    const paper = papers.get(m.arxivId);
    if (!sub || !paper) continue;
    if (sub.minScore !== null && m.score < sub.minScore) continue;
    const current = best.get(m.arxivId);
    if (!current) {
      best.set(m.arxivId, { score: m.score, match: m, paper, others: [] });
    } else if (m.score > current.match.score || (m.score === current.match.score && m.topicSlug < current.match.topicSlug)) {
      best.set(m.arxivId, { score: m.score, match: m, paper, others: [...current.others, current.match.topicSlug] });
    } else {
      current.others.push(m.topicSlug);
    }
  }

  // Each topic keeps its best min(its cap, maxPapers) entries: the digest's best maxPapers can
  // hold no more of one topic. Kept as they come (a bounded sorted insert), not by sorting every
  // entry: after a backfill a window has tens of thousands of matches, and sorting them all
  // held the event loop for most of a second. The order is total, so the result is the same.
  const overall = Math.max(0, input.maxPapers);
  const byTopic = new Map<string, { list: Ranked[]; limit: number }>();
  for (const entry of best.values()) {
    const slug = entry.match.topicSlug;
    let topic = byTopic.get(slug);
    if (!topic) byTopic.set(slug, (topic = { list: [], limit: Math.min(overall, Math.max(0, subs.get(slug)?.maxPapers ?? Number.POSITIVE_INFINITY)) }));
    insertBounded(topic.list, entry, topic.limit);
    if (++n % SELECT_CHUNK === 0) yield;
  }

  const kept = [...byTopic.values()].flatMap((t) => t.list);
  kept.sort(compareRanked);

  const items = kept.slice(0, overall).map((k) => ({
    arxivId: k.paper.arxivId,
    topicSlug: k.match.topicSlug,
    score: k.score,
    version: k.paper.version,
    why: k.others.length ? `${k.match.why} (also: ${alsoMatched(k.others, input.topicNames)})` : k.match.why,
  }));
  return { items, matched: new Set(best.keys()) };
}

/** The other subscribed topics a paper matched, by name as people gave them (the plan freezes the text). */
function alsoMatched(slugs: readonly string[], names: ReadonlyMap<string, string> | undefined): string {
  return [...new Set(slugs.map((s) => names?.get(s) ?? s))].sort((a, b) => a.localeCompare(b)).join(', ');
}
