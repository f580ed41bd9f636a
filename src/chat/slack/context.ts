/** What every Slack listener gets. */
import type { Logger } from '../../core/ports.js';
import type { HandlerDeps } from '../commands/handle.js';
import type { ManagerCheck } from './permissions.js';

export interface SlackContext {
  deps: HandlerDeps;
  isManager: ManagerCheck;
  logger: Logger;
}
