/**
 * Whether Redis answers, told once per outage. ioredis reconnects on its own, and while it
 * cannot every BullMQ worker (one per platform) and the shared connection each emitted an error
 * per attempt: 3–10 ERROR lines a second, for as long as Redis was down, while /healthz said
 * "ok". Here the first error of an outage is one warning naming the server, the rest are debug,
 * the connection's next 'ready' is one info line with how long it lasted, and `health()` says
 * what /healthz reports meanwhile.
 */
import type { Logger } from '../core/ports.js';
import type { QueueHealth } from './queue.js';
import { redactUrl } from '../core/redact-url.js';
import { describeError } from '../core/error-text.js';

/** Errors that mean "cannot reach Redis" rather than a fault of one command. */
const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|Connection is closed|connect ETIMEDOUT|Socket closed/i;

export function isRedisConnectionError(err: unknown): boolean {
  return CONNECTION_ERROR.test(err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` : String(err));
}

export interface RedisOutage {
  /** A connection error (of any client): the first of an outage is logged, the rest are not. */
  failed(err: unknown): void;
  /** The shared connection is ready: ends an outage, if one is open. */
  ready(): void;
  health(): QueueHealth;
}

export function watchRedis(logger: Logger, url: string, now: () => Date = () => new Date()): RedisOutage {
  let down: { since: Date; error: string } | null = null;
  const server = redactUrl(url);
  return {
    failed(err) {
      const error = describeError(err);
      if (down) {
        down.error = error;
        logger.debug({ err: error }, 'redis still unreachable');
        return;
      }
      down = { since: now(), error };
      logger.warn({ redis: server, err: error }, `redis at ${server} unreachable (${error}): digests are not delivered until it answers; retrying`);
    },
    ready() {
      if (!down) return;
      const seconds = Math.round((now().getTime() - down.since.getTime()) / 1000);
      down = null;
      logger.info({ redis: server, downSeconds: seconds }, `redis at ${server} reachable again after ${seconds} s: delivery resumes`);
    },
    health: () => (down ? { ok: false, error: `redis at ${server} unreachable: ${down.error}`, since: down.since } : { ok: true }),
  };
}
