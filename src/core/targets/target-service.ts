/**
 * Delivery targets — where and when digests go — with their rules kept here, so chat, the CLI
 * and the service create targets and change schedules the same way: one time-of-day rule, one
 * time-zone check, the default schedule for new targets, and who may change what.
 */
import { isTimeZone, zoneAsWritten, parseTimeOfDay } from '../digest/schedule.js';
import { checkLanguageTag } from '../i18n/language-tag.js';
import type { Clock, DeliveryTarget, SubscriptionStore, TargetStore } from '../ports.js';
import type { SubscriptionService } from '../subscriptions/subscription-service.js';
import { mayManage, type Actor, type SubscriberId } from '../subscriptions/subscriber-id.js';
import type { TopicService } from '../topics/topic-service.js';
import { checkTopicName } from '../topics/names.js';
import { CONSOLE_TARGET, type TargetId } from './target-id.js';
import { afterScheduleChange, newDeliveryTarget, targetChanges, waitingForNextSlot, type TargetDefaults } from './target.js';
import { kindConflictMessage, kindInUse } from '../subscriptions/kind-in-use.js';

/** What an operator or a channel manager may set; absent fields keep the target's value. */
export interface TargetSettings {
  /** A time of day as typed: `9:00` or `09:00` (24 h). */
  time?: string;
  /** IANA time zone. */
  timeZone?: string;
  weekdaysOnly?: boolean;
  /** A weekly roll-up on this weekday (0 = Sunday … 6 = Saturday); null: back to daily. */
  weeklyOn?: number | null;
  maxPapers?: number;
  notifyEmpty?: boolean;
  /** Post each digest as a header with one reply per paper in its thread. */
  threads?: boolean;
  /** A BCP 47 tag as typed (checked and canonicalised: `pt-br` → `pt-BR`); null: back to English. */
  language?: string | null;
}

/** One problem with the input; `field` lets a front end name its own option (`--tz`). */
export interface SettingsProblem {
  field: 'time' | 'timeZone' | 'weeklyOn' | 'maxPapers' | 'topics' | 'language';
  message: string;
}

export const MAX_PAPERS_PER_DIGEST = 100;

const show = (raw: string) => JSON.stringify(String(raw).slice(0, 60));

/** Every problem with the settings at once, and the settings as stored (`9:00` → `09:00`). */
export function checkSettings(settings: TargetSettings): { ok: true; settings: TargetSettings } | { ok: false; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const checked: TargetSettings = { ...settings };
  if (settings.time !== undefined) {
    const time = parseTimeOfDay(settings.time);
    if (time) checked.time = time;
    else problems.push({ field: 'time', message: `${show(settings.time)} is not HH:MM (24 h), e.g. 09:00` });
  }
  if (settings.timeZone !== undefined && !isTimeZone(settings.timeZone)) {
    problems.push({ field: 'timeZone', message: `${show(settings.timeZone)} is not an IANA time zone (e.g. UTC, Europe/Berlin)` });
  } else if (settings.timeZone !== undefined) {
    checked.timeZone = zoneAsWritten(settings.timeZone);
  }
  const day = settings.weeklyOn;
  if (day !== undefined && day !== null && !(Number.isInteger(day) && day >= 0 && day <= 6)) {
    problems.push({ field: 'weeklyOn', message: 'must be a day of the week (0 = Sunday … 6 = Saturday)' });
  }
  const max = settings.maxPapers;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= MAX_PAPERS_PER_DIGEST)) {
    problems.push({ field: 'maxPapers', message: `must be a whole number from 1 to ${MAX_PAPERS_PER_DIGEST}` });
  }
  if (settings.language !== undefined && settings.language !== null) {
    const lang = checkLanguageTag(settings.language);
    if (lang.ok) checked.language = lang.tag;
    else problems.push({ field: 'language', message: lang.message });
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: checked };
}

/** checkSettings, plus what the target decides (the console follows every topic); `id` null: not known yet. */
export function checkConfigure(id: TargetId | null, settings: TargetSettings, topics: readonly string[]): SettingsProblem[] {
  const checked = checkSettings(settings);
  const problems = checked.ok ? [] : [...checked.problems];
  if (id?.platform === 'console' && topics.length) problems.push({ field: 'topics', message: 'the console target follows every topic: leave out --topic' });
  // A usage error like any other setting's, said before anything is opened, by subscribe's own
  // check: a name over its limit is refused here, not cut when the text becomes a topic (a cut
  // name was then too long for unsubscribe and topics remove to find).
  for (const t of topics) {
    const name = checkTopicName(t);
    if (!name.ok) problems.push({ field: 'topics', message: name.error });
  }
  return problems;
}

export type ConfigureOutcome =
  /** `topics`: every topic the target follows now (slugs). */
  /** `newTopics`: names of the topics this call created from text that named none. */
  | { status: 'saved'; target: DeliveryTarget; created: boolean; topics: string[]; newTopics?: string[] }
  | { status: 'invalid'; problems: SettingsProblem[] }
  /** Nothing was written. */
  | { status: 'unknown-topics'; messages: string[] }
  | { status: 'forbidden'; message: string }
  /** The id is a target of the other kind (a Discord id is a channel or a user, never both); nothing was written. */
  | { status: 'conflict'; message: string };

/**
 * `created`: there was no target, this made it; `before`: the target as it was (absent when
 * created), so a reply can say whether the next digest moved; `resumed`: the target was marked
 * broken for this reason and is active again.
 */
export type ScheduleOutcome =
  | { status: 'scheduled'; target: DeliveryTarget; created: boolean; before?: DeliveryTarget; resumed?: string }
  | { status: 'invalid'; problems: SettingsProblem[] }
  | { status: 'forbidden'; message: string };

/** How a target's digests look: threaded or not, and in which language. */
export type TargetOptions = Pick<TargetSettings, 'threads' | 'language'>;

export type OptionsOutcome =
  | { status: 'saved'; target: DeliveryTarget; resumed?: string }
  | { status: 'invalid'; problems: SettingsProblem[] }
  | { status: 'forbidden'; message: string };

export interface TargetService {
  get(id: string): Promise<DeliveryTarget | null>;
  list(): Promise<DeliveryTarget[]>;
  /**
   * The subscriber's target, made on the default schedule when it has none: a subscription
   * without a target never reaches anyone. `created` says whether it was made here. With
   * `resume`, a target marked broken is made active again (`resumed`: why it was broken).
   */
  ensure(subscriber: SubscriberId, opts?: { resume?: boolean }): Promise<{ target: DeliveryTarget; created: boolean; resumed?: string }>;
  /** The embedded default's console target, made once (posting even on empty mornings). */
  ensureConsole(): Promise<DeliveryTarget>;
  /** The console target as ensureConsole makes it, without storing it (a dry run records nothing). */
  consoleTarget(): Promise<DeliveryTarget>;
  /**
   * Add or update a target and subscribe it to `topics` (names or slugs), all or nothing: an
   * unknown topic or a failed write leaves the target and its subscriptions as they were. A
   * broken target is reactivated; an existing one keeps what `settings` leaves out. Text that
   * looks like a typo of a topic's name is refused unless `opts.create` takes it as typed.
   */
  configure(actor: Actor, id: TargetId, settings: TargetSettings, topics?: readonly string[], opts?: { create?: boolean }): Promise<ConfigureOutcome>;
  /** A new time (and optionally zone, weekdays or a weekly day) for the subscriber's digest; a broken target is made active again. */
  setSchedule(actor: Actor, id: SubscriberId, schedule: Pick<TargetSettings, 'time' | 'timeZone' | 'weekdaysOnly' | 'weeklyOn'> & { time: string }): Promise<ScheduleOutcome>;
  /** Removes the target with its subscriptions; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Threads and language of the subscriber's digest (made on the default schedule if it has none); a broken target is made active again. */
  setOptions(actor: Actor, id: SubscriberId, options: TargetOptions): Promise<OptionsOutcome>;
}

export interface TargetServiceDeps {
  targets: TargetStore;
  subscriptionStore: SubscriptionStore;
  subscriptions: SubscriptionService;
  topics: TopicService;
  defaults: TargetDefaults;
  /** When a target is added (its first digest is at its next slot after it); default: the system clock. */
  clock?: Clock;
}

const forbidden = (id: TargetId) => ({ status: 'forbidden' as const, message: `You are not allowed to manage ${id.id}; ask a channel manager.` });

function mayConfigure(actor: Actor, id: TargetId): boolean {
  return id.platform === 'console' ? actor.operator === true : mayManage(actor, id);
}

/** Thrown inside configure's subscribing to roll the call back: a topic went between its lookup and its subscription. */
class TopicRemoved extends Error {}

export function createTargetService(deps: TargetServiceDeps): TargetService {
  const { targets, defaults } = deps;

  const now = () => (deps.clock?.now() ?? new Date());
  // A change to a target that exists writes only what it changes (targetChanges): a digest
  // delivered since `before` was read keeps its lastDigestAt. A target removed meanwhile is
  // written whole again, as the change asked for it.
  const save = async (before: DeliveryTarget | null, after: DeliveryTarget) => {
    if (!before) return targets.upsert(after);
    const changes = targetChanges(before, after);
    if (Object.keys(changes).length && !(await targets.update(after.id, changes))) await targets.upsert(after);
  };
  // The console the service makes for itself is due at once, so a first `npm start` prints the
  // period before it when that holds papers (empty, that first one is not printed: run-digests.ts
  // catchUp); a target a person adds waits for its next slot.
  const ensure = async (id: TargetId, overrides?: Parameters<typeof newDeliveryTarget>[2], opts: { dueAtOnce?: boolean } = {}) => {
    const existing = await targets.get(id.id);
    if (existing) return { target: existing, created: false };
    const made = newDeliveryTarget(id, defaults, overrides);
    const target = opts.dueAtOnce ? made : waitingForNextSlot(made, now());
    await targets.upsert(target);
    return { target, created: true };
  };
  // Someone who may manage a target acting on it from chat is the way back from 'broken':
  // the app was added to the channel again, or DMs were opened. Should it still fail, the
  // usual failures mark it broken again.
  const resume = async (id: TargetId): Promise<{ target: DeliveryTarget; created: boolean; resumed?: string }> => {
    const { target, created } = await ensure(id);
    if (target.status !== 'broken') return { target, created };
    const active: DeliveryTarget = { ...target, status: 'active', brokenReason: null, failureCount: 0 };
    await save(target, active);
    return { target: active, created, resumed: target.brokenReason ?? 'marked broken' };
  };

  return {
    get: (id) => targets.get(id),
    list: () => targets.list(),
    ensure: (subscriber, opts) => (opts?.resume ? resume(subscriber) : ensure(subscriber)),
    // The console prints a line even on an empty morning (from its second digest on), so a newcomer sees it working.
    ensureConsole: async () => (await ensure(CONSOLE_TARGET, { notifyEmpty: true }, { dueAtOnce: true })).target,
    consoleTarget: async () => (await targets.get(CONSOLE_TARGET.id)) ?? newDeliveryTarget(CONSOLE_TARGET, defaults, { notifyEmpty: true }),

    async configure(actor, id, settings, topicNames = [], opts = {}) {
      if (!mayConfigure(actor, id)) return forbidden(id);
      const problems = checkConfigure(id, settings, topicNames);
      const checked = checkSettings(settings);
      if (problems.length || !checked.ok) return { status: 'invalid', problems };
      const s = checked.settings;
      const existing = await targets.get(id.id);
      // A Discord id is a channel or a user: the kind it was first used as stands (its target's, or its subscriptions').
      if (id.kind !== 'console') {
        const inUse = await kindInUse(id.id, { targets, subscriptions: deps.subscriptionStore });
        if (inUse && inUse !== id.kind) return { status: 'conflict', message: `${kindConflictMessage(id.id, inUse, id.kind)}; nothing changed` };
      }
      // Every topic is resolved before anything is written: an unknown one leaves the store
      // exactly as it was (no target without the topics it was meant to follow).
      // Text that names no topic becomes one, as `subscribe` does, unless it looks like a typo
      // of an existing name: then nothing is written and the person is asked (`create` answers
      // that it is meant as typed, as subscribe's --create does).
      const typed = await deps.topics.classifyTyped(topicNames);
      const unknown = opts.create ? [] : typed.flatMap((t) => (t.status === 'typo' ? [t.message] : []));
      const found = typed.flatMap((t) => (t.status === 'found' ? [t.topic] : []));
      const toCreate = typed.flatMap((t) => (t.status === 'new' || (opts.create && t.status === 'typo') ? [t.text] : []));
      if (unknown.length) return { status: 'unknown-topics', messages: unknown };
      const newTopics: string[] = [];
      const createdSlugs: string[] = [];
      // All or nothing: topics this call made go again when the call fails after making them.
      const dropCreated = async () => {
        for (const slug of createdSlugs) await deps.topics.remove(slug).catch(() => undefined);
      };
      for (const name of toCreate) {
        const made = await deps.topics.findOrCreate(name, actor.id);
        if (made.status === 'invalid') {
          await dropCreated();
          return { status: 'unknown-topics', messages: [made.message] };
        }
        if (made.status === 'created') {
          newTopics.push(made.topic.name);
          createdSlugs.push(made.topic.slug);
        }
        found.push(made.topic);
      }
      // A new target starts from the same defaults as a chat subscription's.
      const base = existing ?? newDeliveryTarget(id, defaults);
      const settled: DeliveryTarget = {
        ...base,
        time: s.time ?? base.time,
        timeZone: s.timeZone ?? base.timeZone,
        weekdaysOnly: s.weekdaysOnly ?? base.weekdaysOnly,
        weeklyOn: s.weeklyOn === undefined ? (base.weeklyOn ?? null) : s.weeklyOn,
        maxPapers: s.maxPapers ?? base.maxPapers,
        notifyEmpty: s.notifyEmpty ?? base.notifyEmpty,
        threads: s.threads ?? base.threads ?? false,
        language: s.language === undefined ? (base.language ?? null) : s.language,
        status: 'active',
        brokenReason: null,
        failureCount: 0,
      };
      // On its own schedule, not the defaults': its first digest is at its next slot. A new
      // schedule for one that exists takes effect from its next slot too.
      const target = existing ? afterScheduleChange(existing, settled, now()) : waitingForNextSlot(settled, now());
      const added: string[] = [];
      await save(existing, target);
      try {
        for (const topic of found) {
          if (id.kind === 'console') break;
          const r = await deps.subscriptions.subscribe(actor, { subscriber: id.id, kind: id.kind, topic: topic.slug });
          if (r.status === 'subscribed') added.push(r.topic.slug);
          else if (r.status === 'topic-removed') throw new TopicRemoved(r.message);
          else if (r.status !== 'duplicate') throw new Error(`${topic.name}: ${r.message}`);
        }
      } catch (err) {
        // All or nothing: take back what this call wrote before reporting the failure.
        for (const slug of added) await deps.subscriptionStore.remove(id.id, slug).catch(() => undefined);
        await (existing ? save(target, existing) : targets.remove(id.id)).catch(() => undefined);
        await dropCreated();
        // Removed by someone else since it was found: as unknown as a topic that never was.
        if (err instanceof TopicRemoved) return { status: 'unknown-topics', messages: [err.message] };
        throw err;
      }
      const followed = (await deps.subscriptionStore.list({ subscriber: id.id })).map((sub) => sub.topicSlug);
      return { status: 'saved', target, created: !existing, topics: followed, ...(newTopics.length ? { newTopics } : {}) };
    },

    async setSchedule(actor, id, schedule) {
      if (!mayManage(actor, id)) return forbidden(id);
      const checked = checkSettings(schedule);
      if (!checked.ok) return { status: 'invalid', problems: checked.problems };
      const { target, created, resumed } = await resume(id);
      const scheduled: DeliveryTarget = {
        ...target,
        time: checked.settings.time ?? target.time,
        timeZone: checked.settings.timeZone ?? target.timeZone,
        weekdaysOnly: checked.settings.weekdaysOnly ?? target.weekdaysOnly,
        weeklyOn: checked.settings.weeklyOn === undefined ? (target.weeklyOn ?? null) : checked.settings.weeklyOn,
      };
      // Made here on the defaults, it waited for the defaults' next slot: a slot of its own
      // schedule that passed since then would make its first digest due at once, over a period
      // that had already ended, as configure avoids for a target it adds. A target that was
      // there waits for the new schedule's next slot as well (afterScheduleChange).
      const next = created ? waitingForNextSlot(scheduled, now()) : afterScheduleChange(target, scheduled, now());
      await save(target, next);
      return { status: 'scheduled', target: next, created, ...(created ? {} : { before: target }), ...(resumed ? { resumed } : {}) };
    },

    remove: (id) => targets.remove(id),

    async setOptions(actor, id, options) {
      if (!mayManage(actor, id)) return forbidden(id);
      const checked = checkSettings(options);
      if (!checked.ok) return { status: 'invalid', problems: checked.problems };
      const { target, resumed } = await resume(id);
      const next: DeliveryTarget = {
        ...target,
        threads: checked.settings.threads ?? target.threads ?? false,
        language: checked.settings.language === undefined ? (target.language ?? null) : checked.settings.language,
      };
      await save(target, next);
      return { status: 'saved', target: next, ...(resumed ? { resumed } : {}) };
    },
  };
}
