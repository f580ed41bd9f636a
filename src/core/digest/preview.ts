/**
 * Digest previews: what a subscriber would get now, and a topic's best recent matches (the
 * first papers to mark after subscribing). Planned like a digest, nothing sent or recorded.
 */
import type { Paper } from '../papers/paper.js';
import type { Clock, PaperStore, SubscriptionStore, TargetStore } from '../ports.js';
import type { TopicStore } from '../topics/ports.js';
import { topicNamesBySlug } from '../topics/names.js';
import { withFollowedAuthors } from '../follows/followed-items.js';
import type { FollowStore } from '../follows/ports.js';
import { leftOut, selectPlan } from './plan.js';
import type { TopicMatcher } from './topic-matcher.js';
import { thousands } from '../count.js';

export interface PreviewItem {
  paper: Paper;
  topicSlug: string;
  /** The topic's name as people read it, where the preview knows it (digests show names, not slugs). */
  topicName?: string;
  score: number;
  why: string;
}

/** `moreMatched`: papers that matched but did not fit the digest's max papers, as the digest says. */
export type SubscriberPreview = { status: 'no-subscriptions' } | { status: 'ok'; items: PreviewItem[]; since: Date; moreMatched?: number };

/**
 * A topic's best recent matches. `read` is set when the window held more papers than a preview
 * reads: the matches are then of the newest `read` papers only.
 */
export interface TopicPreview {
  items: PreviewItem[];
  read?: number;
  /** How many papers the window held (up to what a preview reads): 0 says nothing was stored then, not that nothing matched. */
  considered: number;
}

export interface DigestPreviews {
  /** The digest `subscriber` would get now, over at least the last day. */
  forSubscriber(subscriber: string): Promise<SubscriberPreview>;
  /** The topic's best matches among the papers first seen in the last `days` days, best first. */
  forTopic(slug: string, opts: { days: number; limit: number }): Promise<TopicPreview>;
}

export interface DigestPreviewDeps {
  /**
   * `follows`, when given, adds papers by the subscriber's followed authors, as the digest does;
   * `topics` names the other topics a paper also matched, as the digest does.
   */
  stores: { papers: PaperStore; subscriptions: SubscriptionStore; targets: TargetStore; follows?: FollowStore; topics?: Pick<TopicStore, 'list'> };
  matcher: TopicMatcher;
  /** The digest cap of a subscriber without a target of its own (PAPERBOY_DIGEST_MAX_PAPERS). */
  maxPapers: number;
  clock?: Clock;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "the last 7 days", "the last day". */
const lastDays = (days: number) => (days === 1 ? 'the last day' : `the last ${days} days`);

/**
 * The papers a topic preview reads: those first stored in the window, whatever their publication
 * date (a paper's date elsewhere): "of the last 7 days" listed February papers ingested today.
 */
const arrived = (days: number, read?: number) => `the ${read ? `newest ${thousands(read)} ` : ''}papers that arrived in ${lastDays(days)}`;

/** "among the papers that arrived in the last 7 days", or, when the window held more than a preview reads, which part it read. */
export function previewWindow(days: number, read?: number): string {
  return `among ${arrived(days, read)}`;
}
/** What a preview with nothing to show says: no paper stored in the window at all is not "nothing matched". */
export function emptyPreviewNote(days: number, considered: number, read?: number): string {
  return considered === 0
    ? `No paper has been stored in ${lastDays(days)}, so there is nothing to preview yet`
    : `None of ${arrived(days, read)} matches it yet`;
}

/** How many of the newest papers a preview considers (the digest window is about a day). */
const PREVIEW_SCAN = 2000;

function itemsOf(papers: readonly Paper[], picked: ReadonlyArray<Omit<PreviewItem, 'paper'> & { arxivId: string }>, topicNames?: ReadonlyMap<string, string>): PreviewItem[] {
  const byId = new Map(papers.map((p) => [p.arxivId, p]));
  return picked.flatMap((i) => {
    const paper = byId.get(i.arxivId);
    const topicName = topicNames?.get(i.topicSlug);
    return paper ? [{ paper, topicSlug: i.topicSlug, ...(topicName ? { topicName } : {}), score: i.score, why: i.why }] : [];
  });
}

export function createDigestPreviews(deps: DigestPreviewDeps): DigestPreviews {
  const { stores } = deps;
  const now = () => deps.clock?.now() ?? new Date();
  return {
    async forSubscriber(subscriber) {
      const [subs, follows] = await Promise.all([stores.subscriptions.list({ subscriber }), stores.follows?.list({ subscriber }) ?? []]);
      if (subs.length === 0 && follows.length === 0) return { status: 'no-subscriptions' };
      const target = await stores.targets.get(subscriber);
      // At least the last day, so a preview right after a digest (or a subscribe) isn't empty.
      const dayAgo = new Date(now().getTime() - DAY_MS);
      const from = target ? (target.lastDigestAt ?? target.digestFrom ?? null) : null;
      const since = from && from < dayAgo ? from : dayAgo;
      const papers = await stores.papers.list({ since, limit: PREVIEW_SCAN });
      const matches = subs.length ? await deps.matcher.match(papers, subs.map((s) => s.topicSlug)) : [];
      const maxPapers = target?.maxPapers ?? deps.maxPapers;
      // The digest's own rule: papers by a followed author come whatever their topics
      // (withFollowedAuthors keeps only those among `papers`).
      const topicNames = stores.topics ? await topicNamesBySlug(stores.topics) : undefined;
      const plan = selectPlan({ papers, matches, subscriptions: subs, maxPapers, topicNames });
      const picked = withFollowedAuthors(plan.items, papers, follows, maxPapers);
      const moreMatched = leftOut(plan.matched, picked);
      return { status: 'ok', items: itemsOf(papers, picked, topicNames), since, ...(moreMatched ? { moreMatched } : {}) };
    },

    async forTopic(slug, opts) {
      const since = new Date(now().getTime() - opts.days * DAY_MS);
      // One more than is read tells whether the window held more.
      const listed = await stores.papers.list({ since, limit: PREVIEW_SCAN + 1 });
      const papers = listed.slice(0, PREVIEW_SCAN);
      if (papers.length === 0) return { items: [], considered: 0 };
      const matches = (await deps.matcher.match(papers, [slug])).sort((a, b) => b.score - a.score).slice(0, opts.limit);
      return { items: itemsOf(papers, matches), considered: papers.length, ...(listed.length > PREVIEW_SCAN ? { read: PREVIEW_SCAN } : {}) };
    },
  };
}
