/**
 * How a digest looks, from chat: `/papers channel threads on|off`, `/papers channel language de`
 * (channel managers) and `/papers language de` (your own DM digest). Parsing, answers and the
 * adapter over the target service live here, shared by Slack and Discord (parse.ts and
 * handle.ts only hand over).
 */
import { checkLanguageTag, languageName } from '../../core/i18n/language-tag.js';
import { parseSubscriberId, type Actor } from '../../core/subscriptions/subscriber-id.js';
import type { TargetService } from '../../core/targets/target-service.js';
import type { ParseOutcome } from './command.js';
import { ephemeral, type Reply } from './reply.js';
import type { ChatActor } from './services.js';
import { HINTS, hintText, type Usage } from './hints.js';
import { notManager, withResumed } from './handlers/words.js';
import { mayManage } from './handlers/channel-manager.js';
import { askPostAccess, withPostAccess } from './post-access.js';
import type { TargetPlatform } from '../../core/platforms.js';

export type TargetOptionsCommand =
  | { kind: 'channel-threads'; on: boolean }
  | { kind: 'channel-language'; language: string }
  /** The caller's own (DM) digest. */
  | { kind: 'language'; language: string };

export const TARGET_OPTIONS_USAGE = {
  channelThreads: { form: HINTS.channelThreads() },
  channelLanguage: { form: HINTS.channelLanguage() },
  language: { form: HINTS.language() },
} as const satisfies Record<string, Usage>;

export type OptionsChange =
  | { status: 'saved'; threads: boolean; language: string | null; resumed?: string }
  | { status: 'forbidden'; reason: string }
  | { status: 'invalid'; message: string };

/** What the commands need; createTargetOptionsServices builds it over the target service. */
export interface TargetOptionsServices {
  set(req: { subscriber: string; kind: 'user' | 'channel'; threads?: boolean; language?: string; actor: { id: string; mayManageChannel: boolean } }): Promise<OptionsChange>;
}

/** `threads on|off` and `language <tag>` after `/papers channel`, or `language <tag>` alone. */
export function parseTargetOption(word: 'threads' | 'language', arg: string, scope: 'channel' | 'user'): ParseOutcome {
  const value = arg.trim();
  if (word === 'threads') {
    const on = /^(on|yes|true)$/i.test(value) ? true : /^(off|no|false)$/i.test(value) ? false : null;
    if (on === null) return { status: 'invalid', message: 'Say `on` or `off`.', usage: TARGET_OPTIONS_USAGE.channelThreads };
    return { status: 'ok', command: { kind: 'channel-threads', on } };
  }
  const usage = scope === 'channel' ? TARGET_OPTIONS_USAGE.channelLanguage : TARGET_OPTIONS_USAGE.language;
  const checked = checkLanguageTag(value);
  if (!checked.ok) return { status: 'invalid', message: checked.message, usage };
  return { status: 'ok', command: scope === 'channel' ? { kind: 'channel-language', language: checked.tag } : { kind: 'language', language: checked.tag } };
}

/** Your own digest's counterpart, where there is one: a DM digest has no threads (it is yours alone). */
const notAChannel = (platform: TargetPlatform, kind: TargetOptionsCommand['kind']) =>
  kind === 'channel-language'
    ? `Channel commands work in a channel, not in a direct message. \`${hintText(HINTS.language('<tag>'), platform)}\` sets your own digest's language.`
    : 'Channel commands work in a channel, not in a direct message: run it in the channel whose digest should post its papers in a thread.';

function languageText(tag: string): string {
  return tag === 'en' ? 'English' : `${languageName(tag)} (${tag})`;
}

export async function runTargetOptionsCommand(command: TargetOptionsCommand, actor: ChatActor, services: TargetOptionsServices | undefined): Promise<Reply> {
  if (!services) return ephemeral('Digest options are not available here.');
  const own = command.kind === 'language';
  if (!own && !actor.channelId) return ephemeral(notAChannel(actor.platform, command.kind));
  if (!own) {
    // The one gate of channel commands: a platform that could not say (a rate limit) is said as such.
    const may = await mayManage(actor);
    if (may !== true) return may === false ? ephemeral(notManager(actor.platform)) : may;
  }
  // Only a channel's digest is posted where the command was typed.
  const access = own ? null : askPostAccess(actor, { threads: command.kind === 'channel-threads' && command.on });
  const change = await services.set({
    subscriber: own ? actor.userId : actor.channelId!,
    kind: own ? 'user' : 'channel',
    ...(command.kind === 'channel-threads' ? { threads: command.on } : { language: command.language }),
    actor: { id: actor.userId, mayManageChannel: !own },
  });
  if (change.status === 'forbidden') return ephemeral(`You can't do that: ${change.reason}`);
  if (change.status === 'invalid') return ephemeral(change.message);
  const whose = own ? 'Your digest' : "This channel's digest";
  const said =
    command.kind !== 'channel-threads'
      ? `${whose} is now in ${languageText(command.language)}: summaries are written in it when an LLM is configured; otherwise the digest's own words are, and summaries stay in each paper's language.`
      : command.on
        ? `${whose} now comes as one message with each paper a reply in its thread (on Discord: a thread on the digest, or a post in a forum channel).`
        : `${whose} now comes as whole messages again.`;
  // Typed in a channel, "your digest" reads as the channel's: the person's own comes by DM.
  const whoseNote = own && actor.channelId && command.kind === 'language' ? ` That is your own digest, by direct message; this channel's: \`${hintText(HINTS.channelLanguage(command.language), actor.platform)}\` (channel managers).` : '';
  const reply = ephemeral(withResumed(said, change.resumed, own ? 'Your' : "This channel's") + whoseNote);
  return access ? withPostAccess(reply, await access.answer()) : reply;
}

/** The commands' view of the target service: one subscriber's digest options. */
export function createTargetOptionsServices(targets: Pick<TargetService, 'setOptions'>): TargetOptionsServices {
  return {
    async set(req) {
      const id = parseSubscriberId(req.subscriber, req.kind);
      if (!id.ok) return { status: 'invalid', message: id.error };
      const channel = req.kind === 'channel' ? id.value.id : null;
      const actor: Actor = { id: req.actor.id, canManageChannel: (s) => req.actor.mayManageChannel && s === channel };
      const r = await targets.setOptions(actor, id.value, { threads: req.threads, language: req.language });
      if (r.status === 'forbidden') return { status: 'forbidden', reason: req.kind === 'channel' ? 'you may not manage this channel' : r.message };
      if (r.status === 'invalid') return { status: 'invalid', message: r.problems.map((p) => p.message).join('; ') };
      return { status: 'saved', threads: r.target.threads ?? false, language: r.target.language ?? null, ...(r.resumed ? { resumed: r.resumed } : {}) };
    },
  };
}
