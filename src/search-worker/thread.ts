/**
 * What every worker thread of paperboy needs around it (the search worker, the digest's match
 * worker): started from this package's own module, also when it runs as TypeScript, and
 * watched, so its logs reach this thread's logger and its end fails the calls still waiting.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Logger } from '../core/ports.js';
import type { Rpc } from './rpc.js';

/**
 * `name` (no extension) resolved beside `base` (the caller's import.meta.url). Under tsx or
 * vitest that file is TypeScript, and so is the worker: it registers tsx first, found from this
 * module (an eval'd worker resolves a bare name from the working folder, where there may be none).
 */
export function spawnWorker(base: string, name: string, options: WorkerOptions): Worker {
  const ts = base.endsWith('.ts');
  const entry = new URL(`${name}.${ts ? 'ts' : 'js'}`, base);
  if (!ts) return new Worker(entry, options);
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

export interface WorkerExit {
  /** The worker ended on its own (a crash), not because this thread stopped it. */
  unexpected: boolean;
  failure: Error | null;
  code: number;
}

/**
 * Forwards the worker's log messages and resolves once it has exited, after failing the calls
 * still waiting on `rpc` (`<what> stopped (...)`) and calling `onExit`. `current()` tells
 * whether this thread still counts on the worker: false once it was stopped on purpose.
 */
export function watchWorker(worker: Worker, rpc: Rpc, what: string, opts: { logger?: Logger; current: () => boolean; onExit: (exit: WorkerExit) => void }): Promise<void> {
  worker.on('message', (m: { log?: keyof Logger; obj?: object | string; msg?: string }) => {
    if (m?.log && opts.logger) opts.logger[m.log](m.obj ?? {}, m.msg);
  });
  return new Promise<void>((resolve) => {
    let failure: Error | null = null;
    worker.on('error', (err) => {
      failure = err;
    });
    worker.once('exit', (code) => {
      const unexpected = opts.current();
      rpc.rejectAll(new Error(`${what} stopped (${failure ? failure.message : `exit code ${code}`})`));
      rpc.dispose();
      opts.onExit({ unexpected, failure, code });
      resolve();
    });
  });
}
