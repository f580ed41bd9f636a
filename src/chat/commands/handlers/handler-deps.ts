/** What every command handler is given besides the command and who asked. */
import type { Limiter } from '../limiter.js';
import type { Command } from '../command.js';
import type { CommandServices } from '../services.js';

export interface HandlerDeps {
  services: CommandServices;
  /** Give up on the core after this long and apologise. */
  timeoutMs?: number;
  /** Called with failures that became apologies (logging). */
  onError?: (err: unknown, command: Command) => void;
  /** Results per search; small enough that every platform shows them with buttons. */
  searchLimit?: number;
  /** Runs core work with bounded concurrency (see limiter.ts); default: run at once. */
  limit?: Limiter;
}
