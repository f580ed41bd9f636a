/** The OpenAI SDK client, made on first use, and what its errors mean to the person running paperboy. */
import type { ClientOptions, OpenAI } from 'openai';
import { describeError } from '../core/error-text.js';
import { parseRetryAfter } from './retry-after.js';

/**
 * The longest wait a server may ask for before the SDK retries. The SDK waits out whatever
 * `retry-after` says, an hour or a day (Azure's daily quotas), per paper; past this the call
 * fails at once and the caller falls back.
 */
export const LONGEST_RETRY_WAIT_MS = 30_000;

/** The wait a response asks for, from `retry-after-ms` (OpenAI's) or `retry-after`. */
function askedWaitMs(headers: Headers): number | null {
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  return Number.isFinite(ms) ? ms : parseRetryAfter(headers.get('retry-after'), Date.now());
}

/**
 * An error body as the SDK reads it, `{ error: { message } }`: vLLM (and servers copying it)
 * answer `{ object: "error", message }`, whose message the SDK dropped for "404 status code (no body)".
 */
function sdkErrorBody(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null || 'error' in body || typeof (body as { message?: unknown }).message !== 'string') return text;
    const { message, type, code } = body as { message: string; type?: unknown; code?: unknown };
    return JSON.stringify({ error: { message, type: type ?? null, code: typeof code === 'string' ? code : null } });
  } catch {
    return text;
  }
}

/**
 * fetch for the SDK, telling it through its own `x-should-retry` header not to retry what a retry
 * cannot mend: a quota used up (a 429 like a rate limit, but it stays until billing changes) and
 * a wait longer than LONGEST_RETRY_WAIT_MS. Error bodies are put in the shape the SDK reads.
 */
async function fetchForOpenAiCompatible(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const res = await fetch(input, init);
  if (res.status < 400) return res;
  const text = sdkErrorBody(await res.text());
  const headers = new Headers(res.headers);
  const wait = askedWaitMs(res.headers);
  const hopeless = (res.status === 429 && text.includes('insufficient_quota')) || (wait !== null && wait > LONGEST_RETRY_WAIT_MS);
  if (hopeless) headers.set('x-should-retry', 'false');
  // The body is now decoded text of another length.
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(text, { status: res.status, statusText: res.statusText, headers });
}

/**
 * The SDK is ~150 modules: made lazily, a command that never calls a model (most CLI commands,
 * even with OPENAI_API_KEY set) never loads it.
 */
export function lazyOpenAi(options: ClientOptions): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined;
  return () => (client ??= import('openai').then((sdk) => new sdk.OpenAI({ fetch: fetchForOpenAiCompatible, ...options })));
}

/** What a failed call means: in one line naming the setting to change, and whether asking again today can help. */
export interface OpenAiFault {
  text: string;
  /** A refused key, a model the server does not have, a quota used up: every later call fails alike. */
  stopsForToday: boolean;
}

/** The model call's setting and where it goes, for naming them in a fault. */
export interface OpenAiTarget {
  model: string;
  /** The setting that names the model: PAPERBOY_SUMMARY_MODEL or PAPERBOY_EMBEDDING_MODEL. */
  modelSetting: string;
  baseURL?: string;
}

/** An SDK APIError read by shape (the SDK is loaded lazily, so no instanceof here). */
function apiError(err: unknown): { status: number; code: unknown; param: unknown; message: string } | null {
  if (typeof err !== 'object' || err === null) return null;
  const { status, code, param } = err as { status?: unknown; code?: unknown; param?: unknown };
  return typeof status === 'number' ? { status, code, param, message: describeError(err) } : null;
}

export function openAiFault(err: unknown, target: OpenAiTarget): OpenAiFault {
  const api = apiError(err);
  const server = target.baseURL ? `OPENAI_BASE_URL ${target.baseURL}` : 'the OpenAI API';
  if (!api) return { text: describeError(err), stopsForToday: false };
  if (api.status === 401 || api.status === 403)
    return { text: `${server} refused OPENAI_API_KEY (HTTP ${api.status}): ${api.message}`, stopsForToday: true };
  if (api.status === 404)
    return {
      text: `${server} has no model "${target.model}" (HTTP 404; set ${target.modelSetting} to one it serves, and OPENAI_BASE_URL to the address ending in /v1): ${api.message}`,
      stopsForToday: true,
    };
  if (api.status === 400 && (api.code === 'unsupported_parameter' || api.code === 'unsupported_value'))
    return {
      text: `model "${target.model}" does not take ${typeof api.param === 'string' ? api.param : 'a parameter'} as paperboy sends it (a reasoning model?): set ${target.modelSetting} to a chat model: ${api.message}`,
      stopsForToday: true,
    };
  if (api.status === 429 && api.code === 'insufficient_quota') return { text: `the account's quota is used up (insufficient_quota): ${api.message}`, stopsForToday: true };
  return { text: `HTTP ${api.status}: ${api.message}`, stopsForToday: false };
}
