/**
 * A real HTTP server on 127.0.0.1 for integration tests, with a queue of scripted answers
 * (status, headers, delays, truncated bodies, hangs) that take precedence over the handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  at: number;
}

export interface ScriptedResponse {
  status?: number;
  /** Text is sent as UTF-8; bytes as they are (a body in another charset). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Wait before answering. */
  delayMs?: number;
  /** Declare the full length but send only this many bytes, then drop the connection. */
  truncateAt?: number;
  /** Declare the full length, send only this many bytes, then send nothing more and keep the connection open (a stalled server). */
  stallAt?: number;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Queue answers for requests whose path+query matches `match` (first matching queue wins). */
  script(match: string | RegExp | ((url: URL) => boolean), responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

export function sendScripted(res: ServerResponse, s: ScriptedResponse): void {
  if (s.hang) return;
  const body = typeof s.body === 'string' || s.body === undefined ? Buffer.from(s.body ?? '') : Buffer.from(s.body);
  const write = () => {
    res.writeHead(s.status ?? 200, { 'content-length': String(body.byteLength), ...s.headers });
    if (s.truncateAt !== undefined) {
      res.write(body.subarray(0, s.truncateAt));
      // Drop the socket with bytes still owed: the client sees a body cut off mid-transfer.
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
    if (s.stallAt !== undefined) return void res.write(body.subarray(0, s.stallAt));
    res.end(body);
  };
  if (s.delayMs) setTimeout(write, s.delayMs);
  else write();
}

export async function startHttpServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const scripts: Array<{ test: (u: URL) => boolean; queue: ScriptedResponse[] }> = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now() });
    const scripted = scripts.find((s) => s.queue.length > 0 && s.test(url));
    if (scripted) return sendScripted(res, scripted.queue.shift()!);
    Promise.resolve(handler(req, res, url)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(match, responses) {
      const test =
        typeof match === 'function'
          ? match
          : typeof match === 'string'
            ? (u: URL) => `${u.pathname}${u.search}`.includes(match)
            : (u: URL) => match.test(`${u.pathname}${u.search}`);
      scripts.push({ test, queue: [...responses] });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A request's body, whole: the fakes read every body this one way. */
export async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A request's body as text (UTF-8), decoded whole: a character split between two chunks stays one. */
export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

/** A JSON request body; an empty one is {}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fakes read the fields each API defines
export async function readJson<T = Record<string, any>>(req: IncomingMessage): Promise<T> {
  const raw = await readBody(req);
  return (raw ? JSON.parse(raw) : {}) as T;
}

/** A local port nothing listens on (listened on, then closed): a platform out of reach. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
