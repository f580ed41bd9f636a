/**
 * Request/response over a worker port, the same in both directions: the main thread calls the
 * worker's search operations, the worker calls back for the papers its index is built from.
 * Small enough not to need a library, and it keeps Dates and Maps (structured clone) intact.
 */
import type { MessagePort, Worker } from 'node:worker_threads';

type Port = Pick<MessagePort | Worker, 'postMessage' | 'on' | 'off'>;
type Handlers = Record<string, (...args: never[]) => unknown>;

interface CallMessage {
  rpc: 'call';
  id: number;
  op: string;
  args: unknown[];
}
interface ResultMessage {
  rpc: 'result';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
  /** The error's class name: a DatabaseUnavailableError from the match worker's own connection
   *  crossed as a bare Error, and was logged with a stack through the thread plumbing instead
   *  of the one line log.ts gives a database outage. */
  errorName?: string;
}

export interface Rpc {
  call<T>(op: string, ...args: unknown[]): Promise<T>;
  /** Calls waiting for an answer. */
  pending(): number;
  /** Fail every waiting call, and every later one, with `err` (the other side is gone). */
  rejectAll(err: Error): void;
  dispose(): void;
}

export function createRpc(port: Port, handlers: Handlers): Rpc {
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const onMessage = (msg: CallMessage | ResultMessage) => {
    if (msg?.rpc === 'result') {
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.value);
      else w.reject(Object.assign(new Error(msg.error), msg.errorName ? { name: msg.errorName } : {}));
      return;
    }
    if (msg?.rpc !== 'call') return;
    const handler = handlers[msg.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown operation ${msg.op}`);
        return (handler as (...args: unknown[]) => unknown)(...msg.args);
      })
      .then(
        (value) => port.postMessage({ rpc: 'result', id: msg.id, ok: true, value } satisfies ResultMessage),
        (err: unknown) =>
          port.postMessage({ rpc: 'result', id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err), ...(err instanceof Error && err.name !== 'Error' ? { errorName: err.name } : {}) } satisfies ResultMessage),
      );
  };
  port.on('message', onMessage);
  // Once the other side is gone, a call fails at once: posted to an exited worker it would wait forever.
  let gone: Error | null = null;
  return {
    call<T>(op: string, ...args: unknown[]) {
      if (gone) return Promise.reject(gone);
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        port.postMessage({ rpc: 'call', id, op, args } satisfies CallMessage);
      });
    },
    pending: () => waiting.size,
    rejectAll(err) {
      gone = err;
      const all = [...waiting.values()];
      waiting.clear();
      for (const w of all) w.reject(err);
    },
    dispose() {
      gone ??= new Error('rpc closed');
      port.off('message', onMessage);
    },
  };
}
