/**
 * What every worker thread of paperboy needs around it (the search worker, the digest's match
 * worker): started from this package's own module, also when it runs as TypeScript, and
 * watched, so its logs reach this thread's logger and its end fails the calls still waiting.
 */
import { setPriority } from 'node:os';
import { Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';
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

/**
 * Inside a worker: a lower priority. On Linux the nice value is per thread: when CPU is short
 * (one vCPU, a busy host), the main thread's requests and acks go first and the worker's work
 * waits; with an idle core this changes nothing.
 */
export function behindMainThread(): void {
  try {
    setPriority(10);
  } catch {
    // Not permitted or not supported here: run at the normal priority.
  }
}

/** Inside a worker: a Logger whose lines watchWorker hands to the main thread's logger. */
export function portLogger(port: MessagePort): Logger {
  const log =
    (level: keyof Logger) =>
    (obj: object | string, msg?: string): void =>
      port.postMessage({ log: level, obj, msg });
  return { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
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
