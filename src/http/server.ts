/**
 * The one HTTP server on PORT: Slack's Bolt receiver at /slack/events, Discord interactions at
 * /discord/interactions, /healthz and /metrics. Health and metrics are callbacks the
 * composition root supplies, so this file knows nothing about the database or prom-client.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/ports.js';
import { describeError } from '../core/error-text.js';

export type HealthReport = { status: 'ok' | 'degraded' | 'down'; checks?: Record<string, unknown> };

export interface HttpServerOptions {
  port: number;
  /** Default: all interfaces. Tests pass 127.0.0.1. */
  host?: string;
  logger: Logger;
  slack?: RequestListener | null;
  discord?: RequestListener | null;
  health?: () => Promise<HealthReport>;
  metrics?: () => Promise<{ contentType: string; body: string }>;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' });
  res.end(text);
}

export function createRequestListener(options: Omit<HttpServerOptions, 'port' | 'host'>): RequestListener {
  const { logger } = options;
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const fail = (err: unknown) => {
      logger.error({ err: describeError(err), path }, 'http: handler failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    };
    try {
      if (path === '/slack/events' && options.slack) return void options.slack(req, res);
      if (path === '/discord/interactions' && options.discord) return void options.discord(req, res);
      if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) {
        const check = options.health ?? (async (): Promise<HealthReport> => ({ status: 'ok' }));
        check()
          .then((report) => send(res, report.status === 'down' ? 503 : 200, report))
          .catch((err: unknown) => send(res, 503, { status: 'down', checks: { error: describeError(err) } }));
        return;
      }
      if (path === '/metrics' && method === 'GET' && options.metrics) {
        options
          .metrics()
          .then(({ contentType, body }) => {
            res.writeHead(200, { 'content-type': contentType });
            res.end(body);
          })
          .catch(fail);
        return;
      }
      send(res, 404, { error: 'not found' });
    } catch (err) {
      fail(err);
    }
  };
}

/** Why the port could not be had, with the setting that chooses it ('listen EADDRINUSE: :::3000' says neither). */
function listenError(err: NodeJS.ErrnoException, port: number | undefined, host: string | undefined): Error {
  const where = `${host ?? 'all interfaces'} port ${port ?? 0}`;
  if (err.code === 'EADDRINUSE') return new Error(`http: ${where} is already in use (another paperboy, or another program); stop it or set PORT to a free one`, { cause: err });
  if (err.code === 'EACCES') return new Error(`http: ${where} needs privileges this user lacks (ports under 1024); set PORT to 1024 or above`, { cause: err });
  return new Error(`http: could not listen on ${where}: ${err.message}`, { cause: err });
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer(createRequestListener(options));
  // Slack and Discord retry on their side; a slow client must not hold a socket forever.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    const refused = (err: NodeJS.ErrnoException) => reject(listenError(err, options.port, options.host));
    server.once('error', refused);
    server.listen(options.port, options.host, () => {
      server.off('error', refused);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  options.logger.info({ port }, 'http: listening');
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
