/** `paperboy channel add|remove|list`: delivery targets (where and when) and their topics. */
import { addressOf } from '../../core/digest/channel.js';
import type { Command } from 'commander';
import { fail } from '../fail.js';
import type { CliContext } from '../context.js';
import { wholeNumber } from '../whole-number.js';
import { cadenceText, localTimeText, parseWeekday } from '../../core/digest/schedule.js';
import { waitingDigest, type WaitingDigest } from '../../core/digest/waiting.js';
import { nextText } from '../../core/targets/next-digest.js';
import type { DeliveryTarget } from '../../core/ports.js';
import { operatorActor } from '../../core/subscriptions/subscriber-id.js';
import { parseTargetId } from '../../core/targets/target-id.js';
import { checkConfigure, type SettingsProblem, type TargetSettings } from '../../core/targets/target-service.js';
import { openApp } from '../app.js';
import { topicNamesBySlug } from '../../core/topics/names.js';
import { count } from '../../core/count.js';
import { missingToken } from '../../config.js';
import { printJson } from '../json-output.js';
import { askChannelAccess } from '../post-access.js';

export interface ChannelAddOptions {
  topic?: string[];
  /** --topic text that looks like a typo of a topic's name is meant as typed. */
  create?: boolean;
  time?: string;
  tz?: string;
  weekdays?: boolean;
  weekly?: string;
  daily?: boolean;
  maxPapers?: string;
  notifyEmpty?: boolean;
  dm?: boolean;
  json?: boolean;
  /** true: --threads, false: --no-threads, absent: keep. */
  threads?: boolean;
  language?: string;
}

/** The option each settings problem is about, to name it in the message. */
const OPTION: Record<SettingsProblem['field'], string> = { time: '--time ', timeZone: '--tz ', weeklyOn: '--weekly ', maxPapers: '--max-papers ', topics: '', language: '--language ' };

function describe(t: DeliveryTarget, topics: string[], config: CliContext['config'], added = false): string {
  const cadence = cadenceText(t);
  const when = `${t.time} ${t.timeZone}${cadence === 'every day' ? '' : ` ${cadence}`}`;
  const status = t.status === 'broken' ? `BROKEN (${t.brokenReason ?? 'refused'})` : t.failureCount ? `active, ${count(t.failureCount, 'failure')}` : 'active';
  // The service leaves such a target out until the setting is there.
  const token = missingToken(config, t.platform);
  const next = t.status !== 'active' ? '' : ` · ${token ? `not posted until ${token} is set; then ` : ''}${nextText(t, new Date(), added)}`;
  const look = `${t.threads ? '  threads' : ''}${t.language ? `  language ${t.language}` : ''}`;
  // The form `channel add`, `digest --target` and the README use: a Discord DM says it is a user.
  return `${addressOf(t)}  ${when}  max ${t.maxPapers}${look}  ${status}${next}\n    topics: ${topics.length ? topics.join(', ') : t.platform === 'console' ? '(all)' : '(none)'}`;
}

/**
 * A digest of the target's still to be sent, and what brings it: without this line a refused
 * digest was invisible here until the target broke.
 */
function waitingLine(t: DeliveryTarget, w: WaitingDigest, config: CliContext['config'], now = new Date()): string {
  const what = w.parts === null ? 'not sent yet' : `${w.unsent} of ${count(w.parts, 'message')} unsent`;
  const token = missingToken(config, t.platform);
  const when =
    t.status === 'broken'
      ? `sent once the target is active again (\`paperboy channel add ${addressOf(t)}\`)`
      : token
        ? `sent once ${token} is set`
        : w.retryFrom && w.retryFrom > now
          ? `retried from ${localTimeText(w.retryFrom, t.timeZone)}`
          : 'retried at the next run';
  return `    waiting: digest of ${localTimeText(w.windowEnd, t.timeZone)}: ${what}${w.lastError ? ` (${w.lastError})` : ''}; ${when}`;
}

/** A target's topics as people named them (a slug where a topic is gone). */
async function topicNames(app: NonNullable<Awaited<ReturnType<typeof openApp>>>): Promise<(slug: string) => string> {
  const names = await topicNamesBySlug(app.stores.topics);
  return (slug) => names.get(slug) ?? slug;
}

export function register(program: Command, ctx: CliContext): void {
  const channel = program
    .command('channel')
    .description('Manage digest targets: channels or DMs, their schedule and their topics');

  channel
    .command('add <target>')
    .description('Add or update a target (console, slack:C…, slack:U… for a DM, discord:<channel id>, discord:user:<user id> or discord:<user id> --dm for a DM)')
    .option('--topic <topic...>', 'subscribe the target to these topics (name or slug; other words become a topic of their own, as with subscribe; a likely typo is refused)')
    .option('--create', 'take --topic text that looks like a misspelt topic name as a new topic, as typed')
    .option('--time <HH:MM>', 'local time of the daily digest (default PAPERBOY_DIGEST_DEFAULT_TIME)')
    .option('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin (default PAPERBOY_DIGEST_DEFAULT_TZ)')
    .option('--weekdays', 'only Monday to Friday (local time)')
    .option('--weekly <day>', "a weekly roll-up on this day (Mon, Tuesday, …): the week's top --max-papers by match score and upvotes")
    .option('--daily', 'a digest every day again (undoes --weekly)')
    .option('--max-papers <n>', 'most papers per digest (1-100)')
    .option('--notify-empty', 'post a one-line "no new papers" when nothing is new')
    .option('--dm', 'the id is a Discord user: deliver by direct message')
    .option('--threads', 'post each digest as a header with one reply per paper in its thread (Discord: a thread, or a post in a forum channel)')
    .option('--no-threads', 'post each digest as whole messages again')
    .option('--language <tag>', 'BCP 47 language of the digest (de, fr, pt-BR …): summaries with an LLM, else the digest\'s own words; "en" for English')
    .option('--json', 'print the target as JSON')
    .addHelpText(
      'after',
      `
Examples:
  paperboy channel add slack:C0123ABCD --topic "speech llm" audio-codecs --time 09:00 --tz Europe/Berlin --weekdays
  paperboy channel add discord:123456789012345678 --topic asr
  paperboy channel add slack:U0123ABCD --topic tts          (a DM to that user)
  paperboy channel add slack:C0123ABCD --weekly Mon --time 09:00 --max-papers 15
  paperboy channel add discord:123456789012345678 --threads --language de

Adding a target that exists updates its schedule and adds topics; a broken target is reactivated.`,
    )
    .action(async (raw: string, opts: ChannelAddOptions) => {
      const id = parseTargetId(raw, { dm: opts.dm === true });
      const weeklyOn = opts.weekly === undefined ? undefined : parseWeekday(opts.weekly);
      const settings: TargetSettings = {
        time: opts.time,
        timeZone: opts.tz,
        weekdaysOnly: opts.weekdays,
        weeklyOn: opts.daily ? null : (weeklyOn ?? undefined),
        // NaN for anything but digits: the target check then says the allowed range.
        maxPapers: opts.maxPapers === undefined ? undefined : wholeNumber(opts.maxPapers),
        notifyEmpty: opts.notifyEmpty,
        threads: opts.threads,
        language: opts.language,
      };
      const topics = opts.topic ?? [];
      // Every usage problem at once, before the database is opened.
      const problems = [...(id.ok ? [] : [id.error]), ...checkConfigure(id.ok ? id.value : null, settings, topics).map((p) => `${OPTION[p.field]}${p.message}`)];
      if (weeklyOn === null) problems.push(`--weekly "${opts.weekly!.slice(0, 20)}" is not a day of the week (Mon, Tue, … or Monday, Tuesday, …)`);
      if (opts.weekly !== undefined && opts.daily) problems.push('--weekly and --daily contradict each other: give one');
      if (problems.length || !id.ok) {
        for (const p of problems) fail(ctx, 'channel add', p);
        return;
      }
      const app = await openApp(ctx, 'channel add');
      if (!app) return;
      // Asked alongside configure; a failed configure ends the question rather than wait on it.
      const access = askChannelAccess(ctx.config, id.value);
      const r = await app.targets.configure(operatorActor, id.value, settings, topics, { create: opts.create === true }).catch((err: unknown) => {
        access.cancel();
        throw err;
      });
      if (r.status !== 'saved') access.cancel();
      if (r.status === 'unknown-topics') {
        // A typo's message asks; the way to answer "no, as typed" is this command's own flag.
        const asTyped = r.messages.some((m) => m.includes('Did you mean')) ? ' (to take the text as a new topic anyway, add --create)' : '';
        for (const [i, m] of r.messages.entries()) fail(ctx, 'channel add', `${m}${i === r.messages.length - 1 ? asTyped : ''}`, 1);
        return fail(ctx, 'channel add', `nothing changed for ${id.value.id}`, 1);
      }
      if (r.status === 'invalid') {
        for (const p of r.problems) fail(ctx, 'channel add', `${OPTION[p.field]}${p.message}`);
        return;
      }
      if (r.status === 'forbidden' || r.status === 'conflict') {
        return fail(ctx, 'channel add', r.message, 1);
      }
      if (opts.json) printJson(ctx, { target: r.target, topics: r.topics, problems: [] });
      else {
        const name = await topicNames(app);
        // "topics: (none)" alone looked set up, and no digest ever came.
        const person = id.value.kind === 'user';
        const idle = r.topics.length === 0 && id.value.kind !== 'console' && !(person && (await app.stores.follows.list({ subscriber: id.value.id })).length);
        const hint = idle ? `: nothing is posted until it follows a topic${person ? ' or an author' : ''}: paperboy channel add ${addressOf(r.target)} --topic "…"` : '';
        // Capitalised as every other command's result line ("Added topic …", "Saved …").
        ctx.stdout.write(`${r.created ? 'Added' : 'Updated'} ${describe(r.target, r.topics.map(name), ctx.config, r.created)}${hint}\n`);
        // As subscribe says "(new topic)": text that named no topic became one.
        if (r.newTopics?.length) ctx.stdout.write(`    new ${r.newTopics.length === 1 ? 'topic' : 'topics'}, matched from ${r.newTopics.length === 1 ? 'its' : 'their'} words: ${r.newTopics.map((n) => `"${n}"`).join(', ')}\n`);
      }
      // Added all the same: the channel may let paperboy in before the first digest.
      const can = await access.answer({ threads: r.target.threads });
      if (can.status === 'cannot-post') ctx.stderr.write(`paperboy channel add: warning: paperboy cannot post the digest in ${addressOf(r.target)} yet (${can.why}). ${can.fix}\n`);
      else if (can.status === 'unknown' && can.why) ctx.stderr.write(`paperboy channel add: note: could not check whether paperboy can post the digest in ${addressOf(r.target)}: ${can.why}.${can.fix ? ` ${can.fix}` : ''}\n`);
    });

  channel
    .command('remove <target>')
    .description('Remove a target and its subscriptions (its delivery history stays; a digest it had not finished is dropped)')
    .option('--dm', 'the id is a Discord user')
    .action(async (raw: string, opts: { dm?: boolean }) => {
      const parsed = parseTargetId(raw, { dm: opts.dm === true });
      if (!parsed.ok) {
        return fail(ctx, 'channel remove', parsed.error);
      }
      const { id } = parsed.value;
      const app = await openApp(ctx, 'channel remove');
      if (!app) return;
      const subs = await app.stores.subscriptions.list({ subscriber: id });
      // The target and its subscriptions go in one transaction: a failure leaves both as they were.
      const removed = await app.targets.remove(id);
      if (!removed) {
        return fail(ctx, 'channel remove', `no target ${id}`, 1);
      }
      // As `topics remove` says it: what went with it, and nothing when nothing did.
      ctx.stdout.write(`Removed ${id}${subs.length ? ` and its ${count(subs.length, 'subscription')}` : ''}.\n`);
    });

  channel
    .command('list')
    .description('List targets with schedule, status and topics (a broken target starts again with `channel add` or a chat command on it)')
    .option('--json', 'print as JSON: each target with its topics and waiting, the digests planned for it and not all sent [{windowEnd, parts, unsent, lastError}] (parts and unsent null until a message of it was tried)')
    .action(async (opts: { json?: boolean }) => {
      const app = await openApp(ctx, 'channel list');
      if (!app) return;
      const targets = await app.targets.list();
      const subs = await app.stores.subscriptions.list();
      const topicsOf = (id: string) => subs.filter((s) => s.subscriber === id).map((s) => s.topicSlug);
      const open = await app.stores.ledger.openDigests();
      const waitingOf = (t: DeliveryTarget) => open.filter((d) => d.targetId === t.id).map((d) => waitingDigest(d, t.failureCount));
      if (opts.json) {
        const json = targets.map((t) => ({ ...t, topics: topicsOf(t.id), waiting: waitingOf(t).map(({ windowEnd, parts, unsent, lastError }) => ({ windowEnd, parts, unsent, lastError })) }));
        printJson(ctx, json);
        return;
      }
      if (!targets.length) ctx.stdout.write('No targets yet: paperboy channel add slack:C0123ABCD --topic <topic>\n');
      const name = await topicNames(app);
      for (const t of targets) {
        ctx.stdout.write(`${describe(t, topicsOf(t.id).map(name), ctx.config)}\n`);
        for (const w of waitingOf(t)) ctx.stdout.write(`${waitingLine(t, w, ctx.config)}\n`);
      }
    });
}
