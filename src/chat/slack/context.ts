/** What every Slack listener gets. */
import type { Logger } from '../../core/ports.js';
import type { HandlerDeps } from '../commands/handle.js';
import type { ManagerCheck } from './permissions.js';

export interface SlackContext {
  deps: HandlerDeps;
  isManager: ManagerCheck;
  logger: Logger;
  /**
   * A user's DM channel with the bot, opened once per process: conversations.open is Tier 3 (50 a
   * minute for the workspace), and a DM's id never changes. Without it, opened each time.
   */
  dmChannel?: (userId: string) => Promise<string>;
  /** How long a command's answer may take before "Still working on …" is posted (default SLACK_PROGRESS_AFTER_MS); tests shorten it. */
  progressAfterMs?: number;
}
