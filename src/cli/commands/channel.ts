/** `paperboy channel add|remove|list`: delivery targets (where and when) and their topics. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { cadenceText, nextSlot, parseWeekday } from '../../core/digest/schedule.js';
import { newDeliveryTarget } from '../../core/digest/target.js';
import type { DeliveryTarget, SubscriberKind, TopicDefinition } from '../../core/ports.js';
import { createSubscriptionService } from '../../core/subscriptions/subscription-service.js';
import { operatorActor, parseSubscriberId } from '../../core/subscriptions/subscriber-id.js';
import { createTopicService } from '../../core/topics/topic-service.js';

export interface ChannelAddOptions {
  topic?: string[];
  time?: string;
  tz?: string;
  weekdays?: boolean;
  weekly?: string;
  daily?: boolean;
  maxPapers?: string;
  notifyEmpty?: boolean;
  dm?: boolean;
  json?: boolean;
}

export type TargetIdParse = { ok: true; id: string; platform: DeliveryTarget['platform']; kind: DeliveryTarget['kind'] } | { ok: false; error: string };

/** `console`, `slack:C…`/`slack:U…` (DM), `discord:<id>` (channel) or with --dm a Discord user. */
export function parseTargetId(raw: string, dm: boolean): TargetIdParse {
  const value = raw.trim();
  if (value === 'console') return { ok: true, id: 'console', platform: 'console', kind: 'console' };
  const kind: SubscriberKind = dm || /^slack:[UW]/i.test(value) ? 'user' : 'channel';
  const parsed = parseSubscriberId(value, kind);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, id: parsed.value.id, platform: parsed.value.platform, kind };
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function describe(t: DeliveryTarget, topics: string[]): string {
  const cadence = cadenceText(t);
  const when = `${t.time} ${t.timeZone}${cadence === 'every day' ? '' : ` ${cadence}`}`;
  const status = t.status === 'broken' ? `BROKEN (${t.brokenReason ?? 'refused'})` : t.failureCount ? `active, ${t.failureCount} failure(s)` : 'active';
  const next = t.status === 'active' ? ` · next ${nextSlot(t, new Date()).toISOString()}` : '';
  return `${t.id}  ${when}  max ${t.maxPapers}  ${status}${next}\n    topics: ${topics.length ? topics.join(', ') : t.platform === 'console' ? '(all)' : '(none)'}`;
}

export function register(program: Command, ctx: CliContext): void {
  const channel = program
    .command('channel')
    .description('Manage digest targets: channels or DMs, their schedule and their topics');

  channel
    .command('add <target>')
    .description('Add or update a target (console, slack:C…, slack:U… for a DM, discord:<channel id>, discord:<user id> --dm)')
    .option('--topic <topic...>', 'subscribe the target to these topics (name or slug)')
    .option('--time <HH:MM>', 'local time of the daily digest (default PAPERBOY_DIGEST_DEFAULT_TIME)')
    .option('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin (default PAPERBOY_DIGEST_DEFAULT_TZ)')
    .option('--weekdays', 'only Monday to Friday (local time)')
    .option('--weekly <day>', "a weekly roll-up on this day (Mon, Tuesday, …): the week's top --max-papers by match score and upvotes")
    .option('--daily', 'a digest every day again (undoes --weekly)')
    .option('--max-papers <n>', 'most papers per digest (1-100)')
    .option('--notify-empty', 'post a one-line "no new papers" when nothing is new')
    .option('--dm', 'the id is a Discord user: deliver by direct message')
    .option('--json', 'print the target as JSON')
    .addHelpText(
      'after',
      `
Examples:
  paperboy channel add slack:C0123ABCD --topic "speech llm" audio-codecs --time 09:00 --tz Europe/Berlin --weekdays
  paperboy channel add discord:123456789012345678 --topic asr
  paperboy channel add slack:U0123ABCD --topic tts          (a DM to that user)
  paperboy channel add slack:C0123ABCD --weekly Mon --time 09:00 --max-papers 15

Adding a target that exists updates its schedule and adds topics; a broken target is reactivated.`,
    )
    .action(async (raw: string, opts: ChannelAddOptions) => {
      const id = parseTargetId(raw, opts.dm === true);
      const problems: string[] = [];
      if (!id.ok) problems.push(id.error);
      if (opts.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(opts.time)) problems.push(`--time "${opts.time}" is not HH:MM (24 h)`);
      if (opts.tz !== undefined && !validTimeZone(opts.tz)) problems.push(`--tz "${opts.tz}" is not an IANA time zone (e.g. UTC, Europe/Berlin)`);
      const max = opts.maxPapers === undefined ? undefined : Number(opts.maxPapers);
      if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 100)) problems.push('--max-papers must be a whole number from 1 to 100');
      const weeklyOn = opts.weekly === undefined ? undefined : parseWeekday(opts.weekly);
      if (weeklyOn === null) problems.push(`--weekly "${opts.weekly!.slice(0, 20)}" is not a day of the week (Mon, Tue, … or Monday, Tuesday, …)`);
      if (opts.weekly !== undefined && opts.daily) problems.push('--weekly and --daily contradict each other: give one');
      if (id.ok && id.platform === 'console' && opts.topic?.length) problems.push('the console target follows every topic: leave out --topic');
      if (problems.length || !id.ok) {
        ctx.stderr.write(problems.map((p) => `paperboy channel add: ${p}\n`).join(''));
        return ctx.setExitCode(2);
      }
      const stores = await ctx.openStores();
      const topicService = createTopicService({ topics: stores.topics, cache: stores.cache });
      // Every topic is resolved before anything is written: an unknown one leaves the database
      // exactly as it was (no target without the topics it was meant to follow).
      const topics: TopicDefinition[] = [];
      const unknown: string[] = [];
      for (const name of opts.topic ?? []) {
        const found = await topicService.find(name);
        if (found.status === 'found') topics.push(found.topic);
        else unknown.push(found.message);
      }
      if (unknown.length) {
        ctx.stderr.write(unknown.map((m) => `paperboy channel add: ${m}\n`).join(''));
        ctx.stderr.write(`paperboy channel add: nothing changed for ${id.id}\n`);
        return ctx.setExitCode(1);
      }
      const existing = await stores.targets.get(id.id);
      // An existing target keeps what the options don't change; a new one starts from the same
      // defaults as a chat subscription's target, so its first digest covers the last day.
      const base = existing ?? newDeliveryTarget(id.id, id.platform, id.kind, ctx.config);
      const target: DeliveryTarget = {
        ...base,
        time: opts.time ?? base.time,
        timeZone: opts.tz ?? base.timeZone,
        weekdaysOnly: opts.weekdays ?? base.weekdaysOnly,
        weeklyOn: opts.daily ? null : (weeklyOn ?? base.weeklyOn ?? null),
        maxPapers: max ?? base.maxPapers,
        notifyEmpty: opts.notifyEmpty ?? base.notifyEmpty,
        status: 'active',
        brokenReason: null,
        failureCount: 0,
      };
      const subs = createSubscriptionService({ subscriptions: stores.subscriptions, topics: topicService });
      const added: string[] = [];
      await stores.targets.upsert(target);
      try {
        for (const topic of topics) {
          const r = await subs.subscribe(operatorActor, { subscriber: id.id, kind: id.kind === 'user' ? 'user' : 'channel', topic: topic.slug });
          if (r.status === 'subscribed') added.push(r.topic.slug);
          else if (r.status !== 'duplicate') throw new Error(`${topic.name}: ${r.message}`);
        }
      } catch (err) {
        // All or nothing: take back what this run wrote before reporting the failure.
        for (const slug of added) await stores.subscriptions.remove(id.id, slug).catch(() => undefined);
        await (existing ? stores.targets.upsert(existing) : stores.targets.remove(id.id)).catch(() => undefined);
        throw err;
      }
      const followed = (await stores.subscriptions.list({ subscriber: id.id })).map((s) => s.topicSlug);
      if (opts.json) ctx.stdout.write(`${JSON.stringify({ target, topics: followed, problems: [] }, null, 2)}\n`);
      else ctx.stdout.write(`${existing ? 'updated' : 'added'} ${describe(target, followed)}\n`);
    });

  channel
    .command('remove <target>')
    .description('Remove a target and its subscriptions (its delivery history stays)')
    .option('--dm', 'the id is a Discord user')
    .action(async (raw: string, opts: { dm?: boolean }) => {
      const id = parseTargetId(raw, opts.dm === true);
      if (!id.ok) {
        ctx.stderr.write(`paperboy channel remove: ${id.error}\n`);
        return ctx.setExitCode(2);
      }
      const stores = await ctx.openStores();
      const subs = await stores.subscriptions.list({ subscriber: id.id });
      // The target and its subscriptions go in one transaction: a failure leaves both as they were.
      const removed = await stores.targets.remove(id.id);
      if (!removed) {
        ctx.stderr.write(`paperboy channel remove: no target ${id.id}\n`);
        return ctx.setExitCode(1);
      }
      ctx.stdout.write(`removed ${id.id} (${subs.length} subscription${subs.length === 1 ? '' : 's'})\n`);
    });

  channel
    .command('list')
    .description('List targets with schedule, status and topics (broken targets need an operator)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const stores = await ctx.openStores();
      const targets = await stores.targets.list();
      const subs = await stores.subscriptions.list();
      const topicsOf = (id: string) => subs.filter((s) => s.subscriber === id).map((s) => s.topicSlug);
      if (opts.json) {
        ctx.stdout.write(`${JSON.stringify(targets.map((t) => ({ ...t, topics: topicsOf(t.id) })), null, 2)}\n`);
        return;
      }
      if (!targets.length) ctx.stdout.write('no targets yet: paperboy channel add slack:C0123ABCD --topic <topic>\n');
      for (const t of targets) ctx.stdout.write(`${describe(t, topicsOf(t.id))}\n`);
    });
}
