/**
 * The platform-neutral handler: a parsed Command plus who asked → a Reply. It never throws:
 * a failing or hanging core (database down) becomes an apology within `timeoutMs`, so the
 * user is never left with a chat client's timeout.
 */
import { withTimeout } from '../../core/timeout.js';
import type { Command, ParseOutcome } from './command.js';
import { dispatch } from './command-table.js';
import type { HandlerDeps } from './handlers/handler-deps.js';
import { helpReply } from './help.js';
import { usageText } from './hints.js';
import { ephemeral, type Reply } from './reply.js';
import type { ChatActor } from './services.js';

export type { HandlerDeps } from './handlers/handler-deps.js';
export { describeChange } from './handlers/describe-change.js';

export const APOLOGY =
  // Not "nothing was changed": a timed-out write may still land after we give up.
  "Sorry — paperboy can't reach its database (or the chat platform) right now. Please try again in a minute.";

export function limited<T>(deps: HandlerDeps, work: () => Promise<T>): Promise<T> {
  return deps.limit ? deps.limit(work) : work();
}

/** A core call, or a rejection after `ms` that the handlers turn into the APOLOGY. */
export function withCoreTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return withTimeout(work, ms, `core did not answer within ${ms} ms`);
}

/** Answer anything the parser produced. */
export async function handleParsed(outcome: ParseOutcome, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (outcome.status === 'unknown') return helpReply(actor.platform, outcome.word, outcome.suggestion);
  if (outcome.status === 'invalid') return ephemeral(`${outcome.message}\nUsage: ${usageText(outcome.usage, actor.platform)}`);
  return handleCommand(outcome.command, actor, deps);
}

export async function handleCommand(command: Command, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  try {
    // The timeout covers the core call, not the wait for a slot: load is not an outage.
    return await limited(deps, () => withCoreTimeout(dispatch(command, actor, deps), deps.timeoutMs ?? 8000));
  } catch (err) {
    deps.onError?.(err, command);
    return ephemeral(APOLOGY);
  }
}
