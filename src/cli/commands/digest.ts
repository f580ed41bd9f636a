/** `paperboy digest`: run the digest job now (the same code the scheduler runs). */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { postedByEarlierRun, type RunDigestsReport, type TargetRunReport } from '../../core/digest/run-digests.js';
import { parseTargetId } from '../../core/targets/target-id.js';
import { linkedId, mentionedId } from '../../core/subscriptions/subscriber-id.js';
import { dayStart, parseDay, parsePastDayOption } from '../../core/papers/ingest-dates.js';
import { openApp } from '../app.js';
import { cliErrorText } from '../fail.js';
import { count } from '../../core/count.js';
import { utcMinuteText } from '../../core/digest/schedule.js';
import { missingToken, notConfiguredText, type Config } from '../../config.js';
import { printJson } from '../json-output.js';

export interface DigestCliOptions {
  target?: string;
  since?: string;
  dryRun?: boolean;
  json?: boolean;
  all?: boolean;
  resend?: boolean;
}

export type SinceParse = { ok: true; since: Date | undefined } | { ok: false; error: string };

/** `--since` as a day (UTC midnight) or an ISO instant, not after `now`. */
export function parseSince(raw: string | undefined, now = new Date()): SinceParse {
  if (raw === undefined) return { ok: true, since: undefined };
  const value = raw.trim().slice(0, 40);
  // The day goes through the one calendar check (Date turns 2026-02-30 into March 2, also inside an ISO time).
  const day = parseDay(value.slice(0, 10));
  if (!day.ok && /^\d{4}-\d{2}-\d{2}/.test(value)) return { ok: false, error: `--since: ${day.error}` };
  if (value.length === 10 && day.ok) {
    // A day is read as every day option reads one: a day to come in the one message for it.
    const past = parsePastDayOption(value, '--since', now);
    if (!past.ok) return past;
  }
  const d = value.length === 10 && day.ok ? dayStart(day.day) : new Date(value);
  if (!day.ok || Number.isNaN(d.getTime())) return { ok: false, error: `--since: "${value}" is not a date (YYYY-MM-DD or an ISO time)` };
  // A window that starts after it ends would be recorded as delivered and move the target's
  // window past the papers it has not had yet.
  if (d.getTime() > now.getTime()) return { ok: false, error: `--since: ${utcMinuteText(d)} is in the future; a digest window ends now` };
  return { ok: true, since: d };
}

/** Every form --target takes (parseTargetId), for its help and its error alike. */
const TARGET_FORMS = 'console, slack:C0123ABCD (a channel), slack:U0123ABCD (a DM), discord:<channel id>, discord:user:<user id> (a DM)';

/** A target's outcome in words (`--json` keeps the status names). */
const STATUS_WORDS: Record<TargetRunReport['status'], string> = {
  delivered: 'delivered',
  'nothing-new': 'nothing new in its window',
  'not-due': 'not due yet',
  broken: 'not sent: the target is marked broken',
  'backing-off': 'waiting after refused attempts',
  'no-notifier': 'not sent',
  rejected: 'rejected by the platform',
  failed: 'failed',
  'dry-run': 'rendered, not sent (dry run)',
  'in-progress': 'skipped',
};

/**
 * A delivered digest an earlier run had posted (all or some of it) says so: "delivered: 3
 * papers in 3 messages" read as three messages sent now when none was.
 */
function alreadyText(t: TargetRunReport): { status: string; note: string } {
  const already = t.status === 'delivered' ? (t.alreadyDelivered ?? 0) : 0;
  if (!already) return { status: STATUS_WORDS[t.status], note: '' };
  if (postedByEarlierRun(t)) return { status: 'already delivered', note: '— posted by an earlier run, 0 new messages now' };
  return { status: STATUS_WORDS[t.status], note: `— ${already} of them already posted by an earlier run, not posted again` };
}

/**
 * A digest that stopped at a message: how much of it went out and what comes of the rest. "failed:
 * 1 paper in 1 message" left a person to guess whether anything had been posted.
 */
function unsentText(t: TargetRunReport): { status: string; note: string } {
  if ((t.status !== 'failed' && t.status !== 'rejected') || t.unsent === undefined) return { status: STATUS_WORDS[t.status], note: '' };
  const posted = t.parts - t.unsent;
  const status = t.status === 'rejected' ? STATUS_WORDS.rejected : posted ? 'partly sent' : 'not sent';
  // A refusal that did not break the target is tried again too, after the pause refusals earn.
  const paused = t.status === 'rejected' && !t.markedBroken ? `, tried again after a pause (now with \`paperboy digest --target ${t.targetId}\`)` : '';
  const retried = t.status === 'failed';
  if (!posted) return { status, note: `; nothing was posted${retried ? ', the next run tries again' : paused}` };
  return { status, note: `; ${posted} of ${count(t.parts, 'message')} posted${retried ? `, the next run sends the other ${t.unsent}` : paused}` };
}

/** A target pausing after refusals: when its digest is tried again, and how to send it now. */
function backingOffText(t: TargetRunReport): string {
  if (t.status !== 'backing-off') return '';
  const when = t.retryAfterMs === undefined ? 'retried later' : `retried in about ${count(Math.max(1, Math.ceil(t.retryAfterMs / 60_000)), 'minute')}`;
  return `— ${when}, or now with \`paperboy digest --target ${t.targetId}\``;
}

/** Resumed, and whether from a run that was killed holding the target: nothing else says a run died. */
function resumedText(t: TargetRunReport): string {
  if (t.afterStoppedRun) return `(${t.resumed ? 'resumed ' : ''}after a run that stopped: ${t.afterStoppedRun})`;
  return t.resumed ? '(resumed)' : '';
}

function line(t: TargetRunReport): string {
  const what = t.papers ? `${count(t.papers, 'paper')}${t.parts ? ` in ${count(t.parts, 'message')}` : ''}` : '';
  // "Delivered" is not the whole truth when a post could not be confirmed: say it may be missing.
  const unverified = t.unverified ? `— ${count(t.unverified, 'message')} may be missing: the platform's answer was lost and the conversation's history could not be read to check (the log says which scope is missing)` : '';
  const already = alreadyText(t);
  const unsent = unsentText(t);
  const status = t.status === 'delivered' ? already.status : unsent.status;
  // Said where the person reads the run, not only in a JSON log line: no digest goes there until someone acts.
  const broken = t.markedBroken ? `— the target is now marked broken after repeated refusals, and no digest is tried for it: invite the bot or fix its access, then \`paperboy channel add ${t.targetId}\` starts it again (or \`paperboy channel remove ${t.targetId}\`)` : '';
  return [`${t.targetId} ${status}${what ? `: ${what}` : ''}`, resumedText(t), already.note, t.error ? `— ${t.error}${unsent.note}` : '', broken, backingOffText(t), unverified, t.notes?.length ? `— ${t.notes.join(' ')}` : ''].filter(Boolean).join(' ');
}

/**
 * A target on a platform this configuration has no token for: the core only knows it has no
 * notifier; the person running the command needs the setting and the other way out.
 */
export function withRemedy(t: TargetRunReport, config: Pick<Config, 'SLACK_BOT_TOKEN' | 'DISCORD_TOKEN'>): TargetRunReport {
  if (t.status !== 'no-notifier') return t;
  const platform = t.targetId.slice(0, t.targetId.indexOf(':'));
  const token = missingToken(config, platform);
  if (!token) return t;
  return { ...t, error: notConfiguredText(t.targetId, platform, token) };
}

/**
 * JSON without the heavy digest objects; dry runs keep the rendered payloads. An absent value is
 * null and an absent list [] (the README's stable-JSON rule): the optional fields were left out,
 * so `t.error === null` did not hold for a target that delivered.
 */
function toJson(report: RunDigestsReport): unknown {
  return {
    ...report,
    targets: report.targets.map((t) => ({
      targetId: t.targetId,
      status: t.status,
      windowKey: t.windowKey,
      papers: t.papers,
      parts: t.parts,
      resumed: t.resumed,
      error: t.error ?? null,
      retryAfterMs: t.retryAfterMs ?? null,
      unverified: t.unverified ?? 0,
      unsent: t.unsent ?? 0,
      alreadyDelivered: t.alreadyDelivered ?? 0,
      markedBroken: t.markedBroken ?? false,
      afterStoppedRun: t.afterStoppedRun ?? null,
      notes: t.notes ?? [],
      rendered: t.rendered ?? [],
    })),
  };
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('digest')
    .description('Build and deliver digests now: due targets (like the scheduler), or one --target whatever its schedule')
    .option('-t, --target <id>', `only this target: ${TARGET_FORMS}`)
    .option('--since <date>', 'window start (YYYY-MM-DD or ISO time) instead of the last digest')
    .option('--dry-run', 'render and print what would be posted (any platform, no credentials needed: the text and the Block Kit / embed payload); send nothing, record nothing')
    .option('--all', 'every active target now, not only those due')
    .option('--resend', "with --target: include papers the target was given before (each target otherwise gets a paper once, whatever the window or version)")
    .option('--json', 'print the run report as JSON on stdout: {startedAt, finishedAt, dryRun, targets, messagesSent, messagesRecovered}, each of targets {targetId, status, windowKey, papers, parts, resumed, error, retryAfterMs, unverified, unsent, alreadyDelivered, markedBroken, afterStoppedRun, notes, rendered} (rendered: the parts of a dry run; unsent: parts of a failed or refused digest not posted yet; alreadyDelivered: parts an earlier run had posted, not posted again; markedBroken: this refusal marked the target broken; afterStoppedRun: the process ("host pid N") of a run that stopped holding the target, whose digest this run took over); a console digest then goes to stderr')
    .addHelpText(
      'after',
      `
Examples:
  paperboy digest --target console --dry-run     preview the console digest
  paperboy digest --target slack:C0123ABCD       deliver now to one Slack channel
  paperboy digest --since 2026-11-01 --all       everyone, with a longer window
  paperboy digest                                what the scheduler would do now

Each message part is recorded before and after posting, so an interrupted run resumes without
posting anything twice, and each target gets a paper once (any window, source or arXiv
version; --resend overrides). After a backfill every paper is in the window: on a terminal a bar
on stderr shows matching them, then how long it took (none in a pipe or with --json).
A due target on a platform this configuration has no token for (SLACK_BOT_TOKEN, DISCORD_TOKEN)
is named with the setting and not sent; nothing of it is recorded, so its digest comes once the
token is set. The other targets are delivered all the same.
Exit status: 0 ok, 1 when a target failed, was refused, or is due on a platform this configuration
has no token for, 2 for bad options.`,
    )
    .action(async (opts: DigestCliOptions) => {
      const since = parseSince(opts.since);
      if (!since.ok) {
        ctx.stderr.write(`paperboy digest: ${since.error}\n`);
        return ctx.setExitCode(2);
      }
      const parsed = opts.target === undefined ? undefined : parseTargetId(opts.target);
      if (parsed && !parsed.ok) {
        const linked = linkedId(opts.target!);
        const meant = linked ? null : mentionedId(opts.target!);
        ctx.stderr.write(`paperboy digest: --target "${opts.target!.trim().slice(0, 60)}" ${linked ? `is a link: the id it names is ${linked}` : meant ? `is not a target id: did you mean ${meant}?` : `is not a target id (${TARGET_FORMS})`}\n`);
        return ctx.setExitCode(2);
      }
      const target = parsed?.value;
      // --target ran that one target alone: with --all too, one of the two asks was silently dropped.
      if (opts.all && target !== undefined) {
        ctx.stderr.write('paperboy digest: give --target (one target) or --all (every active target), not both\n');
        return ctx.setExitCode(2);
      }
      if (opts.resend && target === undefined) {
        ctx.stderr.write('paperboy digest: --resend needs --target (it sends a target papers it already has, on purpose)\n');
        return ctx.setExitCode(2);
      }
      const app = await openApp(ctx, 'digest');
      if (!app) return;
      // The console target is made on first use; a dry run previews it unsaved ("record nothing":
      // it wrote the target and took it back, and failed while another process held the database).
      const consoleTarget = target?.platform !== 'console' ? undefined : opts.dryRun ? await app.targets.consoleTarget() : await app.targets.ensureConsole();
      // The same wiring as the service (semantic layer and feedback included), so a manual digest matches a scheduled one.
      // A dry run renders every platform, credentials or not: a preview sends nothing.
      const channelOptions = { stdout: opts.json ? ctx.stderr : ctx.stdout, renderUnconfigured: opts.dryRun === true };
      let report: RunDigestsReport;
      try {
        // After a backfill every paper is in the window: matching them is minutes a person should see go by (stderr; logged with --json).
        const { createMatchProgress } = await import('../progress.js');
        const progress = createMatchProgress({ stream: ctx.stderr, logger: ctx.logger, plain: opts.json === true });
        const runner = await app.digests({ channelOptions, progress });
        report = await runner.run({ targetId: target?.id, ...(consoleTarget ? { target: consoleTarget } : {}), since: since.since, dryRun: opts.dryRun === true, force: opts.all === true, resend: opts.resend === true });
      } catch (err) {
        ctx.stderr.write(`paperboy digest: ${cliErrorText(err)}\n`);
        return ctx.setExitCode(1);
      }
      report = { ...report, targets: report.targets.map((t) => withRemedy(t, ctx.config)) };
      if (opts.json) printJson(ctx, toJson(report));
      else {
        for (const t of report.targets) {
          // Chat platforms: the payload itself (Block Kit blocks, Discord embeds), which is what the channel shows.
          const payloadOf = (p: { payload: unknown }) => (t.targetId === 'console' || p.payload == null ? '' : `${JSON.stringify(p.payload, null, 2)}\n`);
          if (t.status === 'dry-run') for (const p of t.rendered ?? []) ctx.stdout.write(`--- ${t.targetId} part ${p.part}/${p.totalParts} ---\n${p.text}\n${payloadOf(p)}`);
          ctx.stderr.write(`${line(t)}\n`);
        }
        if (!report.targets.length) ctx.stderr.write('no delivery targets (add one with `paperboy channel add`)\n');
      }
      if (report.targets.some((t) => t.status === 'failed' || t.status === 'rejected' || t.status === 'no-notifier')) ctx.setExitCode(1);
    });
}
