/**
 * Slack's request signing, checked strictly before Bolt sees a request: Bolt's own check
 * accepts timestamps from the future and ignores anything after a second `=` in the signature.
 * Only a POST whose body (at most 1 MB) is signed `v0=<64 hex>` over `v0:<ts>:<body>` with a
 * timestamp within 5 minutes either way goes on, with its body already read (Bolt uses it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readLimitedBody } from '../../http/read-body.js';
import type { RejectReason } from '../../http/rejections.js';

const MAX_SKEW_SEC = 5 * 60;
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

export type SlackCheck = { ok: true } | { ok: false; reason: RejectReason };

/** Pure: is this body, with these two headers, signed by `secret` within the time window at `nowMs`? */
export function checkSlackSignature(secret: string, headers: { timestamp?: unknown; signature?: unknown }, body: Buffer, nowMs: number): SlackCheck {
  const ts = typeof headers.timestamp === 'string' && /^\d{1,12}$/.test(headers.timestamp) ? Number(headers.timestamp) : NaN;
  if (!Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SEC) return { ok: false, reason: 'timestamp' };
  const m = typeof headers.signature === 'string' ? SIGNATURE.exec(headers.signature) : null;
  if (!m) return { ok: false, reason: 'signature' };
  const ours = createHmac('sha256', secret).update(`v0:${headers.timestamp as string}:`).update(body).digest();
  return timingSafeEqual(ours, Buffer.from(m[1]!, 'hex')) ? { ok: true } : { ok: false, reason: 'signature' };
}

function refuse(res: ServerResponse, status: number, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...extra });
  res.end(status === 405 ? 'method not allowed' : status === 413 ? 'body too large' : 'invalid request');
}

export function slackRequestGate(next: RequestListener, opts: { signingSecret: string; onRejected?: (reason: RejectReason) => void; now?: () => number }): RequestListener {
  const now = opts.now ?? Date.now;
  return (req, res) => {
    void (async () => {
      if (req.method !== 'POST') {
        opts.onRejected?.('method');
        return refuse(res, 405, { allow: 'POST' });
      }
      const body = await readLimitedBody(req, 1024 * 1024);
      if (body === null) {
        opts.onRejected?.('too-large');
        return refuse(res, 413, { connection: 'close' });
      }
      const check = checkSlackSignature(opts.signingSecret, { timestamp: req.headers['x-slack-request-timestamp'], signature: req.headers['x-slack-signature'] }, body, now());
      if (!check.ok) {
        opts.onRejected?.(check.reason);
        return refuse(res, 401);
      }
      // Bolt reads a request whose `rawBody` is a Buffer as already buffered.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      next(req, res);
    })().catch(() => {
      if (!res.headersSent) refuse(res, 400);
    });
  };
}
