/**
 * An HTTP client on its own thread, as Slack and Discord are to the bot: it sees an answer when
 * the server writes it, even while the server's thread goes on with synchronous work. A fetch
 * from the test's own thread cannot read the answer until that work ends, and would time the
 * server's next stretch of work as if it were the acknowledgement.
 */
import { Worker } from 'node:worker_threads';

export interface RemoteResponse {
  status: number;
  body: string;
  /** From sending the request to the answer's headers arriving, in ms. */
  ms: number;
}

const SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ id, url, init }) => {
  const started = Date.now();
  try {
    const res = await fetch(url, init);
    const ms = Date.now() - started;
    parentPort.postMessage({ id, status: res.status, body: await res.text(), ms });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err) });
  }
});
`;

export interface RemoteClient {
  fetch(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<RemoteResponse>;
  close(): Promise<void>;
}

export function remoteClient(): RemoteClient {
  const worker = new Worker(SOURCE, { eval: true });
  worker.unref();
  const waiting = new Map<number, { resolve: (r: RemoteResponse) => void; reject: (e: Error) => void }>();
  let seq = 0;
  worker.on('message', (m: { id: number; error?: string } & RemoteResponse) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve({ status: m.status, body: m.body, ms: m.ms });
  });
  return {
    fetch: (url, init) =>
      new Promise((resolve, reject) => {
        const id = ++seq;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, url, init });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
