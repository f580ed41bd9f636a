/** Words more than one command handler answers with. */
import type { ChannelSchedule } from '../command.js';
import type { TargetPlatform } from '../../../core/platforms.js';
import { cadenceText } from '../../../core/digest/schedule.js';
import type { TopicInfo } from '../services.js';
import { oneLine, truncate } from '../../text/clean.js';
import { slugify } from '../../../core/topics/names.js';
import { DISCORD_POST_PERMISSIONS, DISCORD_THREAD_PERMISSIONS, letInText } from '../../text/let-in.js';
import { nextDigestText, type NextDigest } from '../../../core/targets/next-digest.js';

/** Who may change a channel's digest, as the asking platform decides it (one platform's rule is noise on the other). */
export function notManager(platform: TargetPlatform): string {
  const who = platform === 'discord' ? 'members with the Manage Channels permission' : 'workspace admins and owners, or the managers paperboy was configured with';
  return `Only people who may manage this channel can change its digest: ${who}.`;
}
export const NOT_A_CHANNEL = 'Channel commands work in a channel, not in a direct message. Use `/papers subscribe` for yourself.';

/** The platform's words for why digests stopped ("channel_not_found"), on one short line. */
function stopReason(reason: string): string {
  return truncate(oneLine(reason), 200);
}

/**
 * Said when an action from chat made digests that had stopped go again. The digest that could
 * not be posted is not lost: it goes first.
 */
export function resumedNote(reason: string, whose: 'Your' | "This channel's"): string {
  return `${whose} digests had stopped (${stopReason(reason)}); they start again with the next run, the one that could not be posted first.`;
}

/** `text`, and the note that digests had stopped when this change started them again. */
export function withResumed(text: string, resumed: string | undefined, whose: 'Your' | "This channel's"): string {
  return resumed ? `${text} ${resumedNote(resumed, whose)}` : text;
}

/**
 * Refusals that mean paperboy is not let into the channel (Slack: not in it, a private channel
 * hiding itself from apps not in it; Discord: Missing Access, Missing Permissions), as the
 * notifiers word them: those have a fix in the platform's terms.
 */
const NOT_LET_IN = /^(channel_not_found|not_in_channel|no_permission)$|\b(50001|50013)\b/;

/**
 * Said by `channel list` and `subscriptions` while the platform refuses the digests. `threads`:
 * the channel's digest is threaded, so a Discord role also needs the thread permissions (a
 * refusal for those named only View Channel, Send Messages and Embed Links, which it had).
 */
export function stoppedNote(reason: string, whose: 'channel' | 'user', platform: TargetPlatform, botName?: string, threads = false): string {
  const then = 'then any channel command (subscribe, schedule, threads, language) starts them again.';
  const needed = threads ? [...DISCORD_POST_PERMISSIONS, ...DISCORD_THREAD_PERMISSIONS] : undefined;
  const how =
    whose === 'channel'
      ? NOT_LET_IN.test(reason)
        ? `${letInText(platform, needed, botName)}, ${then}`
        : `Add the app to this channel, ${then}`
      : 'Make sure the app may send you direct messages, then subscribing, `schedule` or `language` starts them again.';
  return `⚠️ ${whose === 'channel' ? 'Digests here have' : 'Your digests have'} stopped: the platform refused them (${stopReason(reason)}). ${how}`;
}

/** 'at 09:00 UTC every day', 'weekly on Monday at 09:00 Europe/Berlin (the week's best papers)'. */
export function scheduleText(s: Required<ChannelSchedule>, sep = ' '): string {
  const cadence = cadenceText(s);
  const at = `at ${s.time} ${s.timeZone}`;
  if (s.weeklyOn !== null) return `${cadence} ${at} (the week's best papers)`;
  return `${at}${sep}${cadence === 'weekdays' && sep === ' ' ? 'on weekdays' : cadence}`;
}

/** "; first digest Sun 2026-12-06 09:00 Europe/Berlin" to end a sentence, in the CLI's words; nothing when the reply need not say it. */
export function nextClause(next: NextDigest | undefined): string {
  return next ? `; ${nextDigestText(next)}` : '';
}

/**
 * Characters of listed lines in one reply: a chat message holds about 2,000 (Discord), and
 * escaping a name's markdown for a platform can make it longer.
 */
export const LIST_CHARS = 1500;

/**
 * A line's length once a platform has escaped it, at most: Discord puts a backslash before each
 * markdown character, Slack writes `&<>` as entities. Counted as typed, a list of names like
 * "k_v_cache" grew past Discord's 2,000 characters and lost its last line, the count of the rest.
 */
function escapedLength(line: string): number {
  return line.length + (line.match(/[\\*_~|[\]()`#]/g)?.length ?? 0) + 4 * (line.match(/[&<>]/g)?.length ?? 0);
}

/** How many of `lines`, from the first, fit in `maxChars` once escaped (a line and its newline each). */
export function fittingLines(lines: readonly string[], maxChars = LIST_CHARS): number {
  let chars = 0;
  let n = 0;
  for (const line of lines) {
    const size = escapedLength(line) + 1;
    if (chars + size > maxChars) break;
    chars += size;
    n++;
  }
  return n;
}

/** As many of `lines` as fit in `maxChars`, then one line from `more` saying how many were left. */
export function boundedLines(lines: readonly string[], more: (left: number) => string, maxChars = LIST_CHARS): string {
  const out = lines.slice(0, fittingLines(lines, maxChars));
  if (out.length < lines.length) out.push(more(lines.length - out.length));
  return out.join('\n');
}

/** A topic made from free text is named by its words: its slug would only repeat them. */
export function topicLine(t: Pick<TopicInfo, 'name' | 'slug'>): string {
  return `• ${oneLine(t.name)}${t.slug === slugify(t.name) ? '' : ` (${t.slug})`}`;
}

/** Topic lines within a reply's room; `more` says what to do about the ones left out. */
export function topicList(topics: TopicInfo[], more: (left: number) => string): string {
  return boundedLines(topics.map(topicLine), more);
}

/** Every word of `filter` in the topic's name, slug or description, in any case (`topics`, `subscriptions`). */
export function hasWords(filter: string): (t: Pick<TopicInfo, 'name' | 'slug' | 'description'>) => boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return (t) => {
    const text = `${t.name} ${t.slug} ${t.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
}
