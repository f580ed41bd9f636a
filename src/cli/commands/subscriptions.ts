/**
 * `paperboy subscribe|unsubscribe|subscriptions`. The command line acts as an operator: it may
 * manage any user's or channel's subscriptions (chat commands pass the real actor instead).
 */
import { deliveryLine } from '../delivery-line.js';
import { addressOf } from '../../core/digest/channel.js';
import { platformOfId } from '../../core/targets/target-id.js';
import { emptyPreviewNote, previewWindow } from '../../core/digest/preview.js';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { wholeNumber, wholeNumberDefault, wholeNumberOption } from '../whole-number.js';
import { openApp } from '../app.js';
import type { SubscriberKind } from '../../core/ports.js';
import { operatorActor } from '../../core/subscriptions/subscriber-id.js';
import { limitsText, MAX_PAPERS_PER_SUBSCRIPTION } from '../../core/subscriptions/subscription-service.js';
import { fail } from '../fail.js';
import { topicArgOk } from './topics.js';
import { truncate } from '../../core/truncate.js';
import { topicWordingNote, unmetNote } from '../../core/topics/free-text.js';
import { respellingNote } from '../../core/topics/spelling.js';
import { exclusionNote } from '../../core/topics/asking.js';
import { printJson } from '../json-output.js';
import { paperLine } from '../paper-line.js';
import { CHANNEL_OPTION, USER_OPTION, whoOf, whoOptions, type Who } from '../who.js';

/**
 * A subscriber as `channel list` and `digest --target` write it: a Discord user is
 * `discord:user:<id>`, which a Discord channel id cannot be mistaken for (`--json` keeps the id).
 */
function shown(subscriber: string, kind: SubscriberKind): string {
  const platform = platformOfId(subscriber);
  return platform ? addressOf({ id: subscriber, platform, kind }) : subscriber;
}

/** The subscriber --user or --channel names, as the subscription service takes it. */
function subscriberOf(ctx: CliContext, cmd: string, who: Who, required: boolean): { subscriber: string; kind: SubscriberKind } | null | undefined {
  const id = whoOf(ctx, cmd, who, required);
  return id && { subscriber: id.id, kind: id.kind };
}

/** A limit as given: absent leaves it as it is, 'none' takes it away; `read` gives NaN for what it does not take. */
function limitOption(raw: string | undefined, read: (raw: string) => number): number | null | undefined | 'bad' {
  if (raw === undefined) return undefined;
  if (raw.trim().toLowerCase() === 'none') return null;
  const n = read(raw.trim());
  return raw.trim() !== '' && Number.isFinite(n) ? n : 'bad';
}

/**
 * A score as people write one (0, 1, 0.35, .5), NaN for anything else: out of range, it was
 * refused by the subscription service in other words after the database was opened, and
 * Number() read "0x1" and "1e0" as 1.
 */
function scoreFrom0To1(raw: string): number {
  const n = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : NaN;
  return n >= 0 && n <= 1 ? n : NaN;
}

export function register(program: Command, ctx: CliContext): void {
  whoOptions(program.command('subscribe').description('Subscribe a user or channel to a topic (e.g. --user slack:U0123ABCD --topic "audio codecs"); subscribing again changes only the --min-score / --max-papers it gives'), 'a person', 'a channel')
    .requiredOption('--topic <name or any text>', 'a topic name or slug, or any words: text that names no topic becomes a topic of its own')
    .option('--create', 'take the text as a new topic even when it looks like a misspelt topic name')
    .addOption(wholeNumberDefault('--preview-days <N>', 'answer with the best matches among the papers that arrived in the last N days (0: no preview)', 7))
    .option('--min-score <0..1>', 'leave out matches scoring below this (none: no minimum)')
    .option('--max-papers <N>', 'at most N papers per digest for this subscription (none: no maximum)')
    .action(async (opts: Who & { topic: string; create?: boolean; minScore?: string; maxPapers?: string; previewDays: string }) => {
      const who = subscriberOf(ctx, 'subscribe', opts, true);
      if (!who) return;
      const minScore = limitOption(opts.minScore, scoreFrom0To1);
      const maxPapers = limitOption(opts.maxPapers, wholeNumber);
      // Each refusal names its flag and the values it takes: "-3" is a whole number, and
      // "must be a whole number" alone left the person guessing what was wrong with it.
      if (minScore === 'bad') return fail(ctx, 'subscribe', `--min-score must be a number from 0 to 1 (or none), got "${truncate(opts.minScore!, 40)}"`);
      if (maxPapers === 'bad' || (typeof maxPapers === 'number' && !(maxPapers >= 1 && maxPapers <= MAX_PAPERS_PER_SUBSCRIPTION))) {
        return fail(ctx, 'subscribe', `--max-papers must be a whole number from 1 to ${MAX_PAPERS_PER_SUBSCRIPTION} (or none), got "${truncate(opts.maxPapers!, 40)}"`);
      }
      const parsedDays = wholeNumberOption(opts.previewDays, '--preview-days', 0, 365);
      if (!parsedDays.ok) return fail(ctx, 'subscribe', parsedDays.error);
      const previewDays = parsedDays.value;
      if (!topicArgOk(ctx, 'subscribe', opts.topic)) return;
      const app = await openApp(ctx, 'subscribe');
      if (!app) return;
      const s = app.topics;
      const r = await s.subscriptions.subscribe(operatorActor, { ...who, topic: opts.topic, createIfMissing: opts.create ? true : 'unless-typo', minScore, maxPapers });
      if (r.status === 'subscribed') {
        const subscriber = r.subscription.subscriber;
        const { stores } = app;
        // A subscription reaches someone only through a delivery target (a DM for a user).
        let reach: Awaited<ReturnType<typeof app.targets.ensure>>;
        try {
          reach = await app.targets.ensure(r.subscriber);
        } catch (err) {
          await stores.subscriptions.remove(subscriber, r.topic.slug).catch(() => undefined);
          // A topic this command made for the text goes too: a failed command leaves nothing behind.
          if (r.createdTopic) await stores.topics.remove(r.topic.slug).catch(() => undefined);
          throw err;
        }
        const t = reach.target;
        ctx.stdout.write(`${shown(subscriber, who.kind)} is now subscribed to "${r.topic.name}"${r.createdTopic ? ' (new topic)' : ''}.\n`);
        ctx.stdout.write(deliveryLine(t, reach.created, ctx.config));
        // A topic of people's own words without a definition yet (new, or its draft failed before) gets one now.
        const undrafted = !r.topic.builtin && s.drafts.model !== null && !(await s.drafts.get([r.topic.slug])).has(r.topic.slug);
        if (undrafted) {
          ctx.stdout.write(`Drafting its definition with ${s.drafts.model}…\n`);
          const draft = await s.drafts.ensure(r.topic);
          ctx.stdout.write(
            draft
              ? `Its definition was drafted by ${draft.model} (see \`paperboy topics show "${r.topic.name}"\`, change it with \`topics define\`).\n`
              : `Its definition could not be drafted now (the log says why); it matches from its words, the next subscription tries again, and \`topics define\` writes one.\n`,
          );
        }
        if (r.broader) {
          ctx.stdout.write(`"${r.topic.name}" is narrower than the built-in topic "${r.broader.name}"; marks on it teach only this topic. To follow the built-in instead: paperboy subscribe ${who.kind === 'user' ? '--user' : '--channel'} ${subscriber} --topic "${r.broader.name}"\n`);
        }
        if (previewDays > 0) {
          // The same preview a chat subscription answers with.
          const { items: preview, read, considered } = await app.previews.forTopic(r.topic.slug, { days: previewDays, limit: 5 });
          const window = previewWindow(previewDays, read);
          if (preview.length) {
            ctx.stdout.write(`\nBest matches ${window} (mark them: paperboy feedback ${r.topic.slug} <arxivId> up|down):\n`);
            for (const i of preview) ctx.stdout.write(paperLine(i.paper.arxivId, [i.score.toFixed(2)], i.paper.title, { why: i.why, indent: '  ' }));
          } else {
            ctx.stdout.write(`\n${emptyPreviewNote(previewDays, considered, read)}${considered === 0 ? ' (`paperboy ingest` stores today\'s papers; `paperboy ingest samples/hf-daily-papers.sample.json` the sample)' : ''}.\n`);
          }
        }
        // How its words were read, as `match` and `topics show` say it. The subscription stands
        // whatever happens here: a reading that fails is left unsaid, not a failed command.
        const reading = r.topic.builtin ? null : await s.matching.reading(r.topic).catch(() => null);
        for (const note of [respellingNote(reading?.respelled ?? []), exclusionNote(reading?.excluded ?? []), unmetNote(reading?.unmet ?? []), topicWordingNote(r.topic)]) if (note) ctx.stdout.write(`${note}\n`);
        return;
      }
      // Subscribing again is no failure: it says so, and is how --min-score / --max-papers change.
      if (r.status === 'duplicate') {
        ctx.stdout.write(`${r.message}\n`);
        return;
      }
      const hint = r.status === 'unknown-topic' && r.suggestions.length ? ' (to take the text as a new topic anyway, add --create)' : '';
      fail(ctx, 'subscribe', `${r.message}${hint}`, r.status === 'invalid' ? 2 : 1);
    });

  whoOptions(program.command('unsubscribe').description('Remove a user\'s or channel\'s subscription to a topic'), 'a person', 'a channel')
    .requiredOption('--topic <name>', 'topic name, slug or alias')
    .action(async (opts: Who & { topic: string }) => {
      const who = subscriberOf(ctx, 'unsubscribe', opts, true);
      if (!who) return;
      if (!topicArgOk(ctx, 'unsubscribe', opts.topic)) return;
      const app = await openApp(ctx, 'unsubscribe');
      if (!app) return;
      const s = app.topics;
      const r = await s.subscriptions.unsubscribe(operatorActor, { ...who, topic: opts.topic });
      if (r.status === 'unsubscribed') {
        ctx.stdout.write(`${shown(who.subscriber, who.kind)} is no longer subscribed to "${r.topic.name}".\n`);
        return;
      }
      fail(ctx, 'unsubscribe', r.message, r.status === 'invalid' ? 2 : 1);
    });

  program
    .command('subscriptions')
    .description('List subscriptions (all, or of one user or channel)')
    .option(USER_OPTION, 'only this person')
    .option(CHANNEL_OPTION, 'only this channel')
    .option('--json', 'print a JSON array of {subscriber, kind, topicSlug, topicName, minScore, maxPapers, createdBy, createdAt} (minScore, maxPapers: null when not set)')
    .action(async (opts: Who & { json?: boolean }) => {
      const who = subscriberOf(ctx, 'subscriptions', opts, false);
      if (who === undefined) return;
      const app = await openApp(ctx, 'subscriptions');
      if (!app) return;
      const s = app.topics;
      const r = await s.subscriptions.list(who ? { subscriber: who.subscriber, kind: who.kind } : {});
      if (r.status !== 'ok') return fail(ctx, 'subscriptions', r.message);
      if (opts.json) {
        const items = r.items.map((i) => ({
          subscriber: i.subscriber,
          kind: i.kind,
          topicSlug: i.topicSlug,
          topicName: i.topicName,
          minScore: i.minScore,
          maxPapers: i.maxPapers,
          createdBy: i.createdBy,
          createdAt: i.createdAt.toISOString(),
        }));
        printJson(ctx, items);
        return;
      }
      if (r.items.length === 0) ctx.stdout.write('No subscriptions.\n');
      for (const i of r.items) {
        const opt = limitsText(i);
        ctx.stdout.write(`${shown(i.subscriber, i.kind).padEnd(33)} ${i.kind.padEnd(8)} ${i.topicName}${opt ? `  (${opt})` : ''}\n`);
      }
      // Subscriptions reach someone only through their delivery target: one the platform refused
      // is said here too. One read of the targets, not one per subscriber listed.
      const listed = new Set(r.items.map((i) => i.subscriber));
      for (const target of r.items.length ? await app.stores.targets.list() : []) {
        if (listed.has(target.id) && target.status === 'broken') ctx.stdout.write(`${addressOf(target)}: digests are stopped (BROKEN: ${truncate(target.brokenReason ?? 'refused', 120)}); see \`channel list\`\n`);
      }
    });
}
