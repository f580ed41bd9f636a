/**
 * Requests refused at the door (bad signature, stale or future timestamp, wrong method, too
 * large): each is counted, and logged as a sample, so a flood of forged requests costs a
 * counter and one line a minute rather than one line each.
 */
import type { Logger } from '../core/ports.js';

export type RejectReason = 'method' | 'too-large' | 'signature' | 'timestamp' | 'bad-body';

/** Report one refused request on `endpoint` (`slack`, `discord`). */
export type RejectionReporter = (endpoint: string, reason: RejectReason) => void;

export function createRejectionReporter(opts: { logger: Logger; count?: (endpoint: string, reason: RejectReason) => void; intervalMs?: number; now?: () => number }): RejectionReporter {
  const intervalMs = opts.intervalMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let lastLogged = -Infinity;
  let unlogged = 0;
  return (endpoint, reason) => {
    opts.count?.(endpoint, reason);
    const t = now();
    if (t - lastLogged < intervalMs) {
      unlogged++;
      return;
    }
    const since = unlogged;
    lastLogged = t;
    unlogged = 0;
    opts.logger.warn({ endpoint, reason, alsoRefusedSinceLastLine: since }, `http: refused a ${endpoint} request (${reason})${since ? `; ${since} more refused since the last such line` : ''}`);
  };
}
