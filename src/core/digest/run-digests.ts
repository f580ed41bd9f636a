/**
 * One digest run: resume unfinished digests, find due targets, freeze a plan per target,
 * make the shared summaries once for the union of planned papers, then render and deliver
 * targets concurrently (bounded). Used by the scheduler and the CLI alike.
 */
import type { Paper } from '../papers/paper.js';
import type { DeliveryPart, DeliveryTarget, Logger, PlannedDigest, RenderedPart, Stores, Subscription } from '../ports.js';
import type { MatchProgress } from './ports.js';
import { reportAccessProblems } from './access.js';
import { createArxivCalendar, type ArxivCalendar } from './arxiv-calendar.js';
import { emptyDigestNotes, type EmptyWindow } from './empty-notes.js';
import { buildDigest } from './build.js';
import type { DigestChannels, PaperSummaries } from './channel.js';
import { defaultDeliveryPolicy, deliverDigest, type DeliveryPolicy, type DigestDeliveryOutcome } from './deliver.js';
import type { Digest } from './digest.js';
import { windowKeyOf } from './window-key.js';
import { mapBounded, Pacer } from './pacing.js';
import { realSleep, type Sleep } from '../sleep.js';
import { count, thousands } from '../count.js';
import { describeError } from '../error-text.js';
import { createDigestRunCache, type DigestRunCache } from './run-cache.js';
import { SELECT_CHUNK, leftOut, selectItemsYielding } from './plan.js';
import { forEachInChunks, yieldToEventLoop } from '../event-loop.js';
import { FOLLOWED_SECTION, FOLLOWED_SECTION_NAME, withFollowedAuthors } from '../follows/followed-items.js';
import { dueChecker, nextSlot, utcMinuteText, type DueCheck } from './schedule.js';
import type { TopicMatcher } from './topic-matcher.js';
import { createWindowPapers, type WindowPapers } from './window-papers.js';
import { summariesByLanguage, type JobSummaries } from './language-summaries.js';
import { topicNamesBySlug } from '../topics/names.js';
import { leaseTargets, type TargetLeases } from './target-leases.js';

export { CANDIDATE_PAGE } from './window-papers.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const defaultCalendar = createArxivCalendar();

export interface RunDigestsDeps {
  /** `ingestRuns`, when given, lets an empty digest say that the last ingest failed. */
  /** `follows`, when given, adds papers by the target's followed authors (core/follows). */
  /** `runs` holds each target's digest lease (target-leases.ts). */
  stores: Pick<Stores, 'papers' | 'topics' | 'subscriptions' | 'targets' | 'ledger' | 'runs'> & Partial<Pick<Stores, 'ingestRuns' | 'follows'>>;
  matcher: TopicMatcher;
  summaries: PaperSummaries;
  channels: DigestChannels;
  logger: Logger;
  /** Targets delivered at once, per platform (PAPERBOY_DELIVERY_CONCURRENCY). */
  concurrency?: number;
  policy?: Partial<DeliveryPolicy>;
  sleep?: Sleep;
  /**
   * Subscriptions for a target that has none of its own. The embedded console default uses it
   * to follow every topic; return [] to send nothing.
   */
  defaultSubscriptions?: (target: DeliveryTarget) => Promise<Subscription[]>;
  /** arXiv's announcement calendar, for the note an empty digest carries (default: the built-in holidays). */
  calendar?: ArxivCalendar;
  /**
   * Papers, matches, summaries and topic names shared across runs (one queue job per target
   * is one run each). Without it, a run shares them only among its own targets.
   */
  cache?: DigestRunCache;
  /** Told how far matching each window has got (the CLI on a terminal; a window after a backfill takes minutes). */
  progress?: MatchProgress;
}

export interface RunDigestsOptions {
  /** Only this target, whatever its schedule (manual run). */
  targetId?: string;
  /** That target, when the caller has just read it (saves reading it again). */
  target?: DeliveryTarget;
  /** Override the window start (default: the target's last digest, or one period back: a day, a week for a weekly roll-up). */
  since?: Date;
  /** Render without sending or recording anything (no ledger, no summaries stored). */
  dryRun?: boolean;
  /** Every target now, whatever the schedule. */
  force?: boolean;
  /** Include papers the target was given before (the per-target paper memory is overridden on purpose). */
  resend?: boolean;
  /**
   * The service makes, at its start, a digest whose slot passed while it was down. A target's
   * first one is then posted only with papers, whatever notifyEmpty: empty, it said "no new
   * papers since yesterday" about a period before anyone waited for it, while the papers
   * ingested just before the start (after that slot) waited for the next digest anyway. The
   * window closes all the same.
   */
  catchUp?: boolean;
  now?: Date;
}

export type TargetRunStatus =
  | 'delivered'
  | 'nothing-new'
  | 'not-due'
  | 'broken'
  | 'backing-off'
  | 'no-notifier'
  | 'rejected'
  | 'failed'
  | 'dry-run'
  /** Another run (the scheduler's, a manual one, another replica's) is planning or sending this target's digest. */
  | 'in-progress';

export interface TargetRunReport {
  targetId: string;
  status: TargetRunStatus;
  windowKey: string | null;
  papers: number;
  parts: number;
  resumed: boolean;
  error?: string;
  /**
   * Come back after this: failed on a platform's 429 asking for a longer wait than the run
   * gives, or backing off after refusals (the target's pause runs that much longer).
   */
  retryAfterMs?: number;
  /**
   * Delivered, but this many parts' posts could not be confirmed (a response lost, and the
   * conversation's history unreadable): they may be missing, and are not posted again.
   */
  unverified?: number;
  /**
   * Delivered, but this many parts had been posted before this run came to them (an earlier run
   * sent them and stopped before closing the window): not posted again. All of them: this run
   * posted nothing, it only closed the window.
   */
  alreadyDelivered?: number;
  /**
   * Failed or refused: how many of the digest's `parts` are not posted yet (the parts before
   * the one that failed were posted). A later run sends them.
   */
  unsent?: number;
  /** Refused, and this refusal marked the target broken: no digest is tried for it until someone acts. */
  markedBroken?: boolean;
  /** Its digest lease was taken from a run whose process is gone (killed mid-run): that process ("host pid 123"). */
  afterStoppedRun?: string;
  /** Dry runs only: what would have been posted. */
  rendered?: RenderedPart[];
  /**
   * Nothing new, in a dry run or a run for one target (someone is reading the answer): why,
   * as an empty digest would say it (papers that arrived after the window closed, a failed
   * ingest, a day arXiv announced nothing).
   */
  notes?: string[];
  digest?: Digest;
}

export interface RunDigestsReport {
  startedAt: Date;
  finishedAt: Date;
  dryRun: boolean;
  targets: TargetRunReport[];
  messagesSent: number;
  messagesRecovered: number;
}

interface Job {
  target: DeliveryTarget;
  plan: PlannedDigest;
  resumed: boolean;
  /** Digest.notes for an empty digest (a resumed one goes without). */
  notes?: string[];
}

/**
 * A target the platform refused recently waits before its open digest is retried (1, 2, 4 … 60
 * min): here, and in the service's producer (delivery/queue-digests.ts).
 */
export function retryDelayMs(failureCount: number): number {
  return Math.min(60, 2 ** Math.max(0, failureCount - 1)) * 60_000;
}

/** When an open digest last tried a part it has not sent (ms since the epoch; 0 when it has tried none). */
export function lastUnsentAt(parts: readonly DeliveryPart[]): number {
  return Math.max(0, ...parts.filter((p) => p.status !== 'sent').map((p) => p.updatedAt.getTime()));
}

/** A delivered digest every message of which an earlier run had posted: this run posted none (the CLI says so, the metric counts it apart). */
export function postedByEarlierRun(t: TargetRunReport): boolean {
  return t.status === 'delivered' && t.parts > 0 && (t.alreadyDelivered ?? 0) >= t.parts;
}

/** Summaries of `papers`, asking the summary service only for those not summarised lately. */
async function sharedSummaries(cache: DigestRunCache, service: PaperSummaries, papers: Paper[]): Promise<Map<string, string>> {
  if (!papers.length) return new Map();
  const byKey = new Map(papers.map((p) => [`summary|${p.arxivId}`, p]));
  const texts = await cache.getMany<string | null>(
    [...byKey.keys()],
    async (missing) => {
      const made = await service.ensure(missing.map((k) => byKey.get(k)!));
      return new Map(missing.map((k) => [k, made.get(byKey.get(k)!.arxivId) ?? null]));
    },
    null,
  );
  const out = new Map<string, string>();
  papers.forEach((p, i) => {
    const t = texts[i];
    if (t !== null && t !== undefined) out.set(p.arxivId, t);
  });
  return out;
}

/** What the steps of one run share. */
interface RunContext {
  deps: RunDigestsDeps;
  opts: RunDigestsOptions;
  /** Wall clock at the start (ledger timestamps are wall-clock); `now` may be set by the caller. */
  startedAt: Date;
  now: Date;
  dryRun: boolean;
  cache: DigestRunCache;
  /** Filled in order by every step: resumed, planned, then delivered targets. */
  reports: TargetRunReport[];
}

/** What rendering needs beyond each plan, read once for every planned paper. */
interface DigestContent {
  papers: Map<string, Paper>;
  topicNames: Map<string, string>;
  /** Each plan's summaries: shared English ones, or written in the plan's language. */
  summariesOf: (plan: PlannedDigest) => JobSummaries;
}

export async function runDigests(deps: RunDigestsDeps, opts: RunDigestsOptions = {}): Promise<RunDigestsReport> {
  const startedAt = new Date();
  const ctx: RunContext = { deps, opts, startedAt, now: opts.now ?? startedAt, dryRun: opts.dryRun ?? false, cache: deps.cache ?? createDigestRunCache(), reports: [] };
  // Before anything is read or recorded: a window starting after now would be delivered empty and move the target past its papers.
  if (opts.since && opts.since.getTime() > ctx.now.getTime()) throw new RangeError(`a digest window cannot start after now (since ${opts.since.toISOString()})`);
  const found = await readTargets(ctx);
  // A dry run records nothing, so it needs no lease and waits for no one.
  const leases = ctx.dryRun ? null : await leaseTargets(deps.stores.runs, [...found.keys()], deps.logger);
  let delivered: TargetRunReport[], messagesSent: number, messagesRecovered: number;
  try {
    const targets = leases ? await leasedTargets(ctx, leases) : found;
    // 1. Unfinished digests first: the same frozen plan, the same parts.
    const { jobs, handled } = ctx.dryRun ? { jobs: [], handled: new Set<string>() } : await resumeOpenDigests(ctx, targets);
    // 2. Due targets: plan a window each.
    jobs.push(...(await planDueTargets(ctx, [...targets.values()].filter((t) => !handled.has(t.id)))));
    // 3. One summary per paper, for the union of planned papers, before any rendering.
    const content = await readContent(ctx, jobs);
    if (!ctx.dryRun) await reportAccessProblems(deps.channels, deps.logger, jobs.map((j) => j.target.platform));
    // 4. Render and deliver, a bounded number of targets at a time.
    ({ delivered, messagesSent, messagesRecovered } = await deliverAll(ctx, jobs, content));
  } finally {
    await leases?.release();
  }
  ctx.reports.push(...delivered);
  for (const r of ctx.reports) if (leases?.tookOver.has(r.targetId)) r.afterStoppedRun = leases.tookOver.get(r.targetId);

  const report = { startedAt, finishedAt: new Date(), dryRun: ctx.dryRun, targets: ctx.reports, messagesSent, messagesRecovered };
  deps.logger.info(
    { targets: ctx.reports.length, delivered: delivered.filter((r) => r.status === 'delivered').length, messagesSent, messagesRecovered, dryRun: ctx.dryRun, outcomes: outcomesOf(ctx.reports) },
    'digest run finished',
  );
  return report;
}

/** Targets named one by one in a run's log line up to this many; past it, counted by outcome. */
const NAMED_OUTCOMES = 20;

/**
 * Which target got what, for the log: "slack:C0001 delivered 8 papers", "discord:222 nothing-new".
 * A run over thousands of targets says how many ended each way instead.
 */
export function outcomesOf(reports: readonly TargetRunReport[]): string[] {
  if (reports.length <= NAMED_OUTCOMES) {
    return reports.map((r) => [r.targetId, r.status, r.papers ? count(r.papers, 'paper') : '', r.error ? `(${r.error})` : '', alreadyText(r)].filter(Boolean).join(' '));
  }
  const byStatus = new Map<string, number>();
  for (const r of reports) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  return [...byStatus].map(([status, n]) => `${thousands(n)} ${status}`);
}

/** For the log: a delivered digest whose parts an earlier run had posted ("(already posted earlier: 3 of 3 parts)"). */
function alreadyText(r: TargetRunReport): string {
  return r.alreadyDelivered ? `(already posted earlier: ${r.alreadyDelivered} of ${r.parts} parts)` : '';
}

/** The one target asked for (throws if it does not exist), or every target. */
async function readTargets({ deps, opts }: RunContext): Promise<Map<string, DeliveryTarget>> {
  const known = opts.targetId && opts.target?.id === opts.targetId ? opts.target : undefined;
  const targetList = opts.targetId ? [known ?? (await deps.stores.targets.get(opts.targetId))] : await deps.stores.targets.list();
  if (opts.targetId && !targetList[0]) throw new Error(`no delivery target "${opts.targetId}" (add one with \`paperboy channel add\`)`);
  return new Map(targetList.filter((t): t is DeliveryTarget => t !== null).map((t) => [t.id, t]));
}

/**
 * The leased targets, read again now that no other run can change them: a run that finished
 * after our first read has moved the window on, and must not be planned over again.
 * Every other target is reported as in progress.
 */
async function leasedTargets(ctx: RunContext, leases: TargetLeases): Promise<Map<string, DeliveryTarget>> {
  const { deps, opts, reports } = ctx;
  for (const [targetId, other] of leases.busy) {
    const error = `another run is already making or sending this target's digest (if that run stopped, the target is free again by ${utcMinuteText(other.expiresAt)})`;
    reports.push({ targetId, status: 'in-progress', windowKey: null, papers: 0, parts: 0, resumed: false, error });
  }
  if (leases.held.size === 0) return new Map();
  const list = opts.targetId ? [await deps.stores.targets.get(opts.targetId)] : await deps.stores.targets.list();
  return new Map(list.filter((t): t is DeliveryTarget => t !== null && leases.held.has(t.id)).map((t) => [t.id, t]));
}

/** Jobs for the targets' open digests, and every target that had one (resumed or not). */
async function resumeOpenDigests(ctx: RunContext, targets: Map<string, DeliveryTarget>): Promise<{ jobs: Job[]; handled: Set<string> }> {
  const { deps, opts, reports } = ctx;
  const jobs: Job[] = [];
  const handled = new Set<string>();
  // A one-target run (each delivery-queue job) reads only that target's rows: reading every
  // target's made a run over N targets O(N²).
  for (const plan of await deps.stores.ledger.openDigests(opts.targetId)) {
    const target = targets.get(plan.targetId);
    if (!target || handled.has(target.id)) continue;
    handled.add(target.id);
    if (target.status === 'broken') {
      reports.push({ targetId: target.id, status: 'broken', windowKey: windowKeyOf(plan.windowEnd), papers: plan.items.length, parts: 0, resumed: true, error: target.brokenReason ?? undefined });
      continue;
    }
    // Not sent without a notifier: its summaries (LLM tokens, maybe) wait until it can be.
    if (!deps.channels[target.platform]) {
      reports.push({ targetId: target.id, status: 'no-notifier', windowKey: windowKeyOf(plan.windowEnd), papers: plan.items.length, parts: 0, resumed: true, error: `${target.platform} is not configured` });
      continue;
    }
    if (target.failureCount > 0 && !opts.targetId) {
      // Ledger timestamps are wall-clock, so compare with the wall clock, not `now`.
      const wait = lastUnsentAt(plan.parts) + retryDelayMs(target.failureCount) - ctx.startedAt.getTime();
      if (wait > 0) {
        reports.push({ targetId: target.id, status: 'backing-off', windowKey: windowKeyOf(plan.windowEnd), papers: plan.items.length, parts: 0, resumed: true, retryAfterMs: wait });
        continue;
      }
    }
    jobs.push({ target, plan, resumed: true });
  }
  return { jobs, handled };
}

/** A job per target with a digest to send now; a report for every other target. */
async function planDueTargets(ctx: RunContext, targets: DeliveryTarget[]): Promise<Job[]> {
  const { deps, opts } = ctx;
  // A target's subscriptions are those whose subscriber is the target id.
  const allSubs = await deps.stores.subscriptions.list(opts.targetId ? { subscriber: opts.targetId } : {});
  const subsBy = new Map<string, Subscription[]>();
  for (const s of allSubs) subsBy.set(s.subscriber, [...(subsBy.get(s.subscriber) ?? []), s]);
  const window = createWindowPapers({ papers: deps.stores.papers, matcher: deps.matcher, cache: ctx.cache, logger: deps.logger, progress: deps.progress });
  const checkDue = dueChecker(ctx.now);
  const jobs: Job[] = [];
  for (const target of targets) {
    try {
      const job = await planTarget(ctx, target, { subs: subsBy.get(target.id) ?? [], window, checkDue });
      if (job) jobs.push(job);
    } catch (err) {
      // A store error while planning one target must not stop the others.
      deps.logger.error({ targetId: target.id, err }, 'could not plan this digest; it is retried at the next run');
      ctx.reports.push({ targetId: target.id, status: 'failed', windowKey: null, papers: 0, parts: 0, resumed: false, error: describeError(err) });
    }
  }
  return jobs;
}

/** The window a target's digest covers now, or null (reported) when it has none to send. */
function windowOf(ctx: RunContext, target: DeliveryTarget, checkDue: (t: DeliveryTarget) => DueCheck): { start: Date; end: Date } | null {
  const { deps, opts, reports } = ctx;
  let end: Date;
  if (opts.targetId || opts.force) {
    if (target.status === 'broken' && !opts.targetId) {
      reports.push({ targetId: target.id, status: 'broken', windowKey: null, papers: 0, parts: 0, resumed: false, error: target.brokenReason ?? undefined });
      return null;
    }
    end = ctx.now;
  } else {
    const due = checkDue(target);
    if (due.status !== 'due') {
      reports.push({ targetId: target.id, status: due.status, windowKey: null, papers: 0, parts: 0, resumed: false, error: due.status === 'broken' ? due.reason : undefined });
      return null;
    }
    end = due.slot;
  }
  if (!deps.channels[target.platform]) {
    reports.push({ targetId: target.id, status: 'no-notifier', windowKey: null, papers: 0, parts: 0, resumed: false, error: `${target.platform} is not configured` });
    return null;
  }
  // A first digest covers the papers since the slot before the target was added (digestFrom),
  // else one period: the last day, or the last week for a weekly roll-up.
  const period = target.weeklyOn !== undefined && target.weeklyOn !== null ? 7 * DAY_MS : DAY_MS;
  return { start: opts.since ?? target.lastDigestAt ?? target.digestFrom ?? new Date(end.getTime() - period), end };
}

/** Freeze one target's plan for its window (in the ledger unless a dry run). */
async function planTarget(
  ctx: RunContext,
  target: DeliveryTarget,
  shared: { subs: Subscription[]; window: WindowPapers; checkDue: (t: DeliveryTarget) => DueCheck },
): Promise<Job | undefined> {
  const { deps, opts, dryRun, reports } = ctx;
  const { stores } = deps;
  const win = windowOf(ctx, target, shared.checkDue);
  if (!win) return undefined;
  const { start: windowStart, end: windowEnd } = win;
  let subs = shared.subs;
  if (subs.length === 0 && deps.defaultSubscriptions) subs = await deps.defaultSubscriptions(target);
  const { matches, papers: candidates } = subs.length ? await shared.window.matches(windowStart, windowEnd, subs.map((s) => s.topicSlug)) : { matches: [], papers: [] };
  // Per-target paper memory: a paper this target was given by an earlier digest (any window,
  // source or version) is not new to it; one this very window carries (a plan saved before a
  // crash) still is. Only matched papers are looked up.
  const thisWindow = windowKeyOf(windowEnd);
  // Followed authors' papers are looked up in the same memory, so they too come at most once.
  const follows = (await stores.follows?.list({ subscriber: target.id })) ?? [];
  const byFollowed = follows.length ? await shared.window.byFollowedAuthors(windowStart, windowEnd, follows) : [];
  // After a backfill the window's matches run to six figures: each pass over them below (the
  // ids to look up, the fresh ones, the selection) turns the event loop every SELECT_CHUNK
  // items, so /healthz and chat acks wait behind one bounded step, not the whole plan.
  const ids = new Set<string>();
  await forEachInChunks([...matches, ...byFollowed], SELECT_CHUNK, (p) => ids.add(p.arxivId));
  const lookup = [...ids];
  const given = lookup.length && !opts.resend ? await stores.ledger.deliveredPapers(target.id, lookup) : new Map<string, string>();
  const isNew = (p: { arxivId: string }) => (given.get(p.arxivId) ?? thisWindow) === thisWindow;
  let fresh = candidates;
  if (given.size) {
    fresh = [];
    await forEachInChunks(candidates, SELECT_CHUNK, (p) => void (isNew(p) && fresh.push(p)));
  }
  const topicNames = await topicNamesOf(ctx);
  const { items: selected, matched } = await selectItemsYielding({ papers: fresh, matches, subscriptions: subs, maxPapers: target.maxPapers, topicNames }, yieldToEventLoop);
  const items = withFollowedAuthors(selected, byFollowed.filter(isNew), follows, target.maxPapers);
  // Topic matches the cap left out (a followed author's paper pushed out by others is not counted).
  const moreMatched = leftOut(matched, items);
  // The thread setting and language are frozen with the papers: a resume renders the same messages.
  const planned: PlannedDigest = { targetId: target.id, windowStart, windowEnd, items, createdAt: ctx.now, threads: target.threads ?? false, language: target.language ?? null, ...(moreMatched ? { moreMatched } : {}) };
  const calendar = deps.calendar ?? defaultCalendar;
  const empty = (language: string | null): EmptyWindow => ({
    start: windowStart,
    end: windowEnd,
    next: nextSlot(target, windowEnd),
    language,
    kind: target.kind,
    topics: subs.map((s) => topicNames.get(s.topicSlug) ?? s.topicSlug),
    authors: follows.map((f) => f.author),
    matched: ids.size,
  });
  const nothingNew = async () => {
    if (!dryRun) await stores.targets.markDelivered(target.id, windowEnd);
    // A scheduled run over many targets does not ask why; a person asking about one does.
    const notes = dryRun || opts.targetId !== undefined ? await emptyDigestNotes(stores, calendar, { ...empty(null), unsent: await unsentOf(stores, target.id, given, thisWindow) }) : [];
    reports.push({ targetId: target.id, status: 'nothing-new', windowKey: windowKeyOf(windowEnd), papers: 0, parts: 0, resumed: false, ...(notes.length ? { notes } : {}) });
    return undefined;
  };
  const postEmpty = target.notifyEmpty && !(opts.catchUp === true && target.lastDigestAt === null);
  if (items.length === 0 && !postEmpty) return nothingNew();
  const plan = dryRun ? planned : await stores.ledger.planDigest(planned, { resend: opts.resend === true });
  // A concurrent plan claimed every paper between our read of the memory and our write (only
  // when this run lost its lease on the target). They went to that digest, not to earlier ones
  // as the empty-digest notes would say; the window still closes, as it holds an empty plan now.
  if (plan.items.length === 0 && items.length > 0 && !postEmpty) {
    await stores.targets.markDelivered(target.id, windowEnd);
    reports.push({ targetId: target.id, status: 'in-progress', windowKey: thisWindow, papers: 0, parts: 0, resumed: false, error: "another run planned this target's digest at the same time and took these papers" });
    return undefined;
  }
  return { target, plan, resumed: false, ...(plan.items.length === 0 ? { notes: await emptyDigestNotes(stores, calendar, empty(plan.language ?? null)) } : {}) };
}

/** The planned papers, their summaries and topic names, through the run cache. */
async function readContent(ctx: RunContext, jobs: Job[]): Promise<DigestContent> {
  const { deps, dryRun, cache } = ctx;
  const { stores } = deps;
  const ids = [...new Set(jobs.flatMap((j) => j.plan.items.map((i) => i.arxivId)))];
  // Through the cache: the queue's one-target jobs of a slot pick mostly the same papers.
  const keyOf = (id: string) => `paper|${id}`;
  const read = await cache.getMany<Paper | null>(
    ids.map(keyOf),
    async (missing) => {
      const found = await stores.papers.getMany(missing.map((k) => k.slice(keyOf('').length)));
      return new Map(missing.map((k) => [k, found.get(k.slice(keyOf('').length)) ?? null]));
    },
    null,
  );
  const papers = new Map<string, Paper>();
  for (const p of read) if (p) papers.set(p.arxivId, p);
  const summaries = dryRun
    ? new Map([...papers.values()].map((p) => [p.arxivId, deps.summaries.preview?.(p) ?? p.summary ?? '']))
    : await sharedSummaries(cache, deps.summaries, [...papers.values()]);
  // Digests in another language get their summaries written in it (once per paper and language).
  const summariesOf = await summariesByLanguage(jobs.map((j) => j.plan), papers, summaries, deps.summaries, dryRun);
  const topicNames = new Map(await topicNamesOf(ctx));
  topicNames.set(FOLLOWED_SECTION, FOLLOWED_SECTION_NAME);
  return { papers, topicNames, summariesOf };
}

/** Every topic's name by slug, read once per run (planning asks per target). */
function topicNamesOf({ deps, cache }: RunContext): Promise<ReadonlyMap<string, string>> {
  return cache.get('topic-names', () => topicNamesBySlug(deps.stores.topics));
}

/** Every job rendered and delivered (or, in a dry run, rendered only). */
async function deliverAll(ctx: RunContext, jobs: Job[], content: DigestContent): Promise<{ delivered: TargetRunReport[]; messagesSent: number; messagesRecovered: number }> {
  const { deps, dryRun } = ctx;
  const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, ...deps.policy };
  const sleep = deps.sleep ?? realSleep;
  const pacer = new Pacer(sleep);
  const unreachable = new Map<string, string>();
  let messagesSent = 0;
  let messagesRecovered = 0;
  const deliverOne = async (job: Job): Promise<TargetRunReport> => {
    const { target, plan, resumed } = job;
    const windowKey = windowKeyOf(plan.windowEnd);
    const base = { targetId: target.id, windowKey, papers: plan.items.length, resumed };
    const channel = deps.channels[target.platform];
    if (!channel) return { ...base, status: 'no-notifier', parts: 0, error: `${target.platform} is not configured` };
    try {
      const own = content.summariesOf(plan);
      const digest = buildDigest({ target, plan, papers: content.papers, topicNames: content.topicNames, summaries: own.summaries, notes: job.notes, untranslated: own.untranslated });
      const parts = channel.render(digest);
      if (dryRun) return { ...base, status: 'dry-run', parts: parts.length, rendered: parts, digest };
      const outcome: DigestDeliveryOutcome = await deliverDigest({ ledger: deps.stores.ledger, targets: deps.stores.targets, logger: deps.logger, pacer, sleep, policy, unreachable }, { target, plan, parts, channel });
      if (outcome.status === 'delivered') {
        messagesSent += outcome.sent;
        messagesRecovered += outcome.recovered;
        return { ...base, status: 'delivered', parts: outcome.parts, ...(outcome.unverified ? { unverified: outcome.unverified } : {}), ...(outcome.already ? { alreadyDelivered: outcome.already } : {}) };
      }
      const unsent = parts.filter((p) => p.part >= outcome.part).length;
      return {
        ...base,
        status: outcome.status,
        parts: parts.length,
        unsent,
        error: outcome.error,
        ...(outcome.status === 'failed' && outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
        ...(outcome.status === 'rejected' && outcome.broken ? { markedBroken: true } : {}),
      };
    } catch (err) {
      // One target's store or render error must not hold up the others.
      deps.logger.error({ targetId: target.id, err }, 'digest delivery crashed for this target; it resumes at the next run');
      return { ...base, status: 'failed', parts: 0, error: describeError(err) };
    }
  };
  // Each platform gets its own bounded pool: Discord's global limit or a slow Slack must not
  // starve the other platform's targets of workers.
  const byPlatform = new Map<string, Job[]>();
  for (const job of jobs) byPlatform.set(job.target.platform, [...(byPlatform.get(job.target.platform) ?? []), job]);
  const delivered = (await Promise.all([...byPlatform.values()].map((list) => mapBounded(list, deps.concurrency ?? 8, deliverOne)))).flat();
  return { delivered, messagesSent, messagesRecovered };
}

/** Matched papers given to an earlier digest of the target that is not yet all sent, per such digest. */
async function unsentOf(stores: RunDigestsDeps['stores'], targetId: string, given: ReadonlyMap<string, string>, thisWindow: string): Promise<Array<{ end: Date; papers: number }>> {
  const elsewhere = new Map<string, number>();
  for (const key of given.values()) if (key !== thisWindow) elsewhere.set(key, (elsewhere.get(key) ?? 0) + 1);
  // Only papers of another digest can wait in one: otherwise the ledger is not read.
  if (!elsewhere.size) return [];
  return (await stores.ledger.openDigests(targetId)).flatMap((d) => {
    const papers = elsewhere.get(windowKeyOf(d.windowEnd));
    return papers ? [{ end: d.windowEnd, papers }] : [];
  });
}
