import type { Config } from '../config.js';
import type { Stores } from '../core/ports.js';
import type { Logger } from '../log.js';

/** What every CLI command gets from the composition root. */
export interface CliContext {
  config: Config;
  logger: Logger;
  /** Opens (and migrates) the database once per process; later calls return the same bundle. */
  openStores(): Promise<Stores>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Set the process exit status (non-zero when anything failed). */
  setExitCode(code: number): void;
}
