/**
 * `--user` / `--channel`: whose list, subscriptions or follows a command is for. One reading and
 * one wording for every command that takes them (saved, subscribe, unsubscribe, subscriptions,
 * follow).
 */
import type { Command } from 'commander';
import { parseSubscriberId, type SubscriberId } from '../core/subscriptions/subscriber-id.js';
import type { CliContext } from './context.js';
import { fail } from './fail.js';

export interface Who {
  user?: string;
  channel?: string;
}

export const USER_OPTION = '--user <platform:id>';
export const CHANNEL_OPTION = '--channel <platform:id>';

/** The help of `--user`: what the person is to the command, then the ids it takes. */
export function userHelp(what: string): string {
  return `${what}: slack:U…, discord:<id> (or discord:user:<id>)`;
}

/** The help of `--channel`, as userHelp. */
export function channelHelp(what: string): string {
  return `${what}: slack:C…, discord:<id>`;
}

/** `--user` and `--channel`, each described by what it names for the command ("a person’s list"). */
export function whoOptions(c: Command, user: string, channel: string): Command {
  return c.option(USER_OPTION, userHelp(user)).option(CHANNEL_OPTION, channelHelp(channel));
}

const EITHER = 'give --user <platform:id> (a person) or --channel <platform:id> (a channel)';

/**
 * The subscriber `--user` or `--channel` names, validated. `required: false` lets a listing
 * name neither (null: everyone). Undefined after reporting (exit 2): both given, neither when
 * one is required, or an id that is not one.
 */
export function whoOf(ctx: CliContext, cmd: string, who: Who, required = true): SubscriberId | null | undefined {
  if (who.user !== undefined && who.channel !== undefined) return void fail(ctx, cmd, `${EITHER}, not both`);
  if (who.user === undefined && who.channel === undefined) return required ? void fail(ctx, cmd, EITHER) : null;
  return userOf(ctx, cmd, who.user ?? who.channel!, who.user !== undefined ? 'user' : 'channel');
}

function userOf(ctx: CliContext, cmd: string, raw: string, kind: 'user' | 'channel'): SubscriberId | undefined {
  const parsed = parseSubscriberId(raw, kind);
  if (!parsed.ok) return void fail(ctx, cmd, parsed.error);
  return parsed.value;
}

/** The person `--user` names (a command only a person can be for, like follow), or undefined after reporting. */
export function personOf(ctx: CliContext, cmd: string, raw: string): SubscriberId | undefined {
  return userOf(ctx, cmd, raw, 'user');
}
