/**
 * One handler per subcommand, keyed by the command's `kind`. Adding a subcommand is a case in
 * the `Command` union (command.ts), its parsing (parse.ts), a handler file in handlers/ and one
 * line here; the mapped type makes a missing or misspelt entry a compile error.
 */
import type { Command } from './command.js';
import { runFollowCommand } from './follow-command.js';
import { runSaved } from './handle-saved.js';
import { channelList } from './handlers/channel-list.js';
import { channelSchedule } from './handlers/channel-schedule.js';
import { channelSubscribe } from './handlers/channel-subscribe.js';
import { digestPreview } from './handlers/digest.js';
import type { HandlerDeps } from './handlers/handler-deps.js';
import { schedule } from './handlers/schedule.js';
import { search } from './handlers/search.js';
import { subscribe } from './handlers/subscribe.js';
import { subscriptions } from './handlers/subscriptions.js';
import { topics } from './handlers/topics.js';
import { helpReply } from './help.js';
import { runTargetOptionsCommand } from './target-options-command.js';
import type { Reply } from './reply.js';
import type { ChatActor } from './services.js';

export type CommandHandler<K extends Command['kind']> = (command: Extract<Command, { kind: K }>, actor: ChatActor, deps: HandlerDeps) => Promise<Reply> | Reply;

export const COMMAND_HANDLERS: { [K in Command['kind']]: CommandHandler<K> } = {
  help: (_command, actor) => helpReply(actor.platform),
  search,
  topics,
  subscribe,
  unsubscribe: subscribe,
  subscriptions,
  digest: digestPreview,
  schedule,
  'follow-author': (command, actor, deps) => runFollowCommand(command, actor, deps.services.follows),
  'unfollow-author': (command, actor, deps) => runFollowCommand(command, actor, deps.services.follows),
  'follow-list': (command, actor, deps) => runFollowCommand(command, actor, deps.services.follows),
  'channel-subscribe': channelSubscribe,
  'channel-unsubscribe': channelSubscribe,
  'channel-schedule': channelSchedule,
  'channel-list': channelList,
  saved: runSaved,
  'saved-add': runSaved,
  'saved-remove': runSaved,
  'saved-export': runSaved,
  'channel-threads': (command, actor, deps) => runTargetOptionsCommand(command, actor, deps.services.targetOptions),
  'channel-language': (command, actor, deps) => runTargetOptionsCommand(command, actor, deps.services.targetOptions),
  language: (command, actor, deps) => runTargetOptionsCommand(command, actor, deps.services.targetOptions),
};

/** The handler for `command`'s kind, called with it. */
export async function dispatch(command: Command, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  // TypeScript cannot correlate the table's key with the command's own type; the table's type did.
  const handler = COMMAND_HANDLERS[command.kind] as CommandHandler<Command['kind']>;
  return handler(command, actor, deps);
}
