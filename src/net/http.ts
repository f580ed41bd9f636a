/**
 * The one HTTP client every source uses: Node's global fetch with a per-request timeout,
 * retries with exponential backoff and full jitter on 5xx/429/network failures (not on a host
 * name that does not resolve: see HostNotFoundError), `Retry-After` honoured (seconds or HTTP
 * date, capped), a User-Agent, and a body size limit.
 */
import { gunzipSync } from 'node:zlib';
import { decodeBody } from './charset.js';
import { isGzip } from './gzip.js';
import { BodyTooLargeError, ContentEncodingError, HostNotFoundError, HttpError, NetworkError, ParseError, SourceError, TimeoutError, type ReceivedBody } from './errors.js';
import { truncate } from '../core/truncate.js';
import { realSleep, type Sleep } from '../core/sleep.js';
import { parseRetryAfter } from './retry-after.js';
import { describeError } from '../core/error-text.js';

export interface HttpClientOptions {
  timeoutMs: number;
  /** Extra attempts after the first (0 = try once). */
  retries: number;
  userAgent: string;
  /** Largest body we read, in bytes. */
  maxBodyBytes?: number;
  /** First backoff step; doubles per attempt. */
  baseDelayMs?: number;
  /** Upper bound of one backoff step. */
  maxDelayMs?: number;
  /** A longer `Retry-After` than this fails at once instead of stalling the run. */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  /** [0, 1); injectable so tests are deterministic. */
  random?: () => number;
  now?: () => number;
  fetch?: typeof fetch;
  /** Called before each retry (logging). */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

export interface HttpRequest {
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * When a 2xx body is still cut off mid-transfer after the last retry, return what arrived
   * (with `cutShort`) instead of failing: a feed keeps its whole entries (sources/feed-parse.ts).
   */
  keepCutBody?: boolean;
  /**
   * Why a 2xx body (unpacked, not yet decoded) is not to be decoded, or null: a ParseError then,
   * not retried. A feed too big for the heap left fails alone instead of ending the process.
   * Asked too as the body arrives, with its first bytes and `size`, the larger of its
   * Content-Length and the bytes read so far: a body refused is not first read whole.
   */
  refuseBody?: (bytes: Uint8Array, size?: number) => string | null;
  /**
   * Validators of the copy the caller holds, sent as If-None-Match / If-Modified-Since (RFC 9110
   * §13.1): a 304 then returns `notModified` with no body. A 304 to a request without them fails.
   */
  conditional?: Validators;
}

/** A response's validators (RFC 9110 §8.8), as the server wrote them. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface TextResponse {
  /** The address the body came from (after redirects). */
  url: string;
  status: number;
  contentType: string;
  text: string;
  /** Only with HttpRequest.keepCutBody: the body is what arrived before the connection dropped, and this says so. */
  cutShort?: NetworkError;
  /**
   * The charset the header or XML declaration named, when the bytes were not in it, and the one
   * they were read in (net/charset.ts); `named` null: JSON with no label whose bytes are not UTF-8.
   */
  charsetOverride?: { named: string | null; read: string };
  /** The response's ETag and Last-Modified, when it had either. */
  validators?: Validators;
  /** A 304 to HttpRequest.conditional: the copy the caller holds is current; `text` is empty. */
  notModified?: true;
}

function validatorsOf(res: Response): Validators | undefined {
  const etag = res.headers.get('etag')?.trim();
  const lastModified = res.headers.get('last-modified')?.trim();
  if (!etag && !lastModified) return undefined;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

function conditionalHeaders(v: Validators | undefined): Record<string, string> {
  return { ...(v?.etag ? { 'if-none-match': v.etag } : {}), ...(v?.lastModified ? { 'if-modified-since': v.lastModified } : {}) };
}

/** A body's text, and the charset it was not in when it names one it is not. */
function decodedText(bytes: Uint8Array, contentType: string): Pick<TextResponse, 'text' | 'charsetOverride'> {
  const d = decodeBody(bytes, contentType);
  if (d.overridden) return { text: d.text, charsetOverride: { named: d.overridden, read: d.charset } };
  return d.notUtf8 ? { text: d.text, charsetOverride: { named: null, read: d.charset } } : { text: d.text };
}

export interface HttpClient {
  /** GET and return the body as text; throws a SourceError subclass after the last attempt. */
  getText(url: string, request?: HttpRequest): Promise<TextResponse>;
  /**
   * GET and parse JSON; an HTML page or malformed body is a ParseError. A charset label the bytes
   * were not in (TextResponse.charsetOverride) is not returned: a caller that must say it reads
   * getText and decodeJson, as the Hugging Face source does.
   */
  getJson(url: string, request?: HttpRequest): Promise<unknown>;
}

export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

/** A short, single-line, printable excerpt of an error body for messages. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').replace(/\s+/g, ' ').trim();
  return truncate(line, max);
}

/** Deepest nesting a JSON reply may have: the APIs we read nest 4-5 levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * Null when `text` nests arrays/objects at most `max` deep, else how deep it goes (counted to the
 * end, so the message can say). One pass over the characters, skipping string contents, before
 * JSON.parse builds a structure that later code would have to walk.
 */
export function jsonDepthOver(text: string, max: number): number | null {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest > max ? deepest : null;
}

/** A JSON response body, or a clear error for an HTML page, an empty or a malformed body. */
export function decodeJson(res: TextResponse, url: string): unknown {
  if (looksLikeHtml(res.contentType, res.text)) throw htmlPageError(url, 'JSON', res.text);
  // JSON never starts with '<': a proxy's page after a comment or an XML declaration, or an XML
  // error document, was 'malformed JSON: Unexpected token <'. Said for what it is.
  const start = res.text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    if (/<(?:html|head|body)\b/i.test(start.slice(0, 4096))) throw htmlPageError(url, 'JSON', res.text);
    throw new ParseError(`expected JSON but got markup: "${excerpt(start, 120)}"`, url);
  }
  const depth = jsonDepthOver(res.text, MAX_JSON_DEPTH);
  if (depth !== null) throw new ParseError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep (at least ${depth}); refusing to decode it`, url);
  try {
    return JSON.parse(res.text) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const hint = res.text.trim() === '' ? 'empty body' : `malformed or truncated JSON: ${why}`;
    throw new ParseError(hint, url, err);
  }
}

/** True when a body that should be JSON/XML is really an HTML page (error pages, captive portals). */
export function looksLikeHtml(contentType: string, text: string): boolean {
  if (/text\/html/i.test(contentType)) return true;
  const head = text.slice(0, 512).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** The `<title>` of an HTML page, for the error message, found without parsing the page. */
function htmlTitle(text: string): string {
  const lower = text.slice(0, 4096).toLowerCase();
  const start = lower.indexOf('<title>');
  const end = lower.indexOf('</title>');
  if (start < 0 || end <= start) return '';
  return excerpt(text.slice(start + 7, end), 120);
}

/** `more`: what else the page says that helps (the feed a web page names: sources/feed-discovery.ts). */
export function htmlPageMessage(expected: string, text: string, more = ''): string {
  const title = htmlTitle(text);
  return `expected ${expected} but got an HTML page${title ? ` ("${title}")` : ''}${more}`;
}

export function htmlPageError(url: string, expected: string, text: string): ParseError {
  return new ParseError(htmlPageMessage(expected, text), url);
}

/** A body whose connection failed mid-transfer, with the bytes that came before. */
class CutBody extends Error {
  constructor(
    readonly bytes: Uint8Array,
    readonly reason: unknown,
  ) {
    super('body cut off');
  }
}

/**
 * The bytes up to the last whole UTF-8 character: a body cut inside one would not read as UTF-8
 * at all, and fall back to windows-1252 for every character before it.
 */
function wholeCharacters(bytes: Uint8Array): Uint8Array {
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead < 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes;
  const b = bytes[lead]!;
  const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return bytes.length - lead < size ? bytes.subarray(0, lead) : bytes;
}

async function readBody(res: Response, url: string, limit: number, refuse?: HttpRequest['refuseBody']): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(url, limit);
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      throw new CutBody(Buffer.concat(chunks), err);
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(url, limit);
    }
    chunks.push(value);
    // Unlabelled gzip is judged on what it unpacks to, once read (gunzipUnlabelled).
    const refusal = res.ok && !isGzip(chunks[0]!) ? refuse?.(chunks[0]!, Math.max(size, Number.isFinite(declared) ? declared : 0)) : null;
    if (refusal) {
      await reader.cancel().catch(() => undefined);
      throw new ParseError(refusal, url);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * gzip bytes no Content-Encoding announced (a static .gz served as is, or a body compressed
 * twice, which fetch undoes once): what they hold. No text body starts with 1f 8b; bytes that
 * do but do not inflate are left as they are.
 */
export function gunzipUnlabelled(bytes: Uint8Array, url: string, limit: number): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(url, limit);
    return bytes;
  }
}

/** What arrived of a 2xx body cut off mid-transfer; null for any other body. */
function receivedBody(cut: CutBody | null, res: Response | undefined, url: string): ReceivedBody | null {
  if (!cut || !res?.ok || cut.bytes.byteLength === 0) return null;
  const contentType = res.headers.get('content-type') ?? '';
  return { url: res.url || url, status: res.status, contentType, ...decodedText(wholeCharacters(cut.bytes), contentType) };
}

/** Ports the fetch standard blocks (https://fetch.spec.whatwg.org/#port-blocking), as Node's fetch does. */
const BAD_PORTS = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

/** The address's own port, when fetch blocks it; otherwise a redirect led to one (fetch does not say which). */
function badPortReason(url: string): string {
  const port = Number(new URL(url).port);
  const refused = `browsers and fetch refuse to connect to (the fetch standard's "bad ports"`;
  if (BAD_PORTS.has(port)) return `${url} is on port ${port}, one of the ports ${refused}): serve it on another port`;
  return `${url} redirected to a port ${refused}, such as 6000)`;
}

/** OpenSSL's and Node's codes for a certificate chain that is not trusted, has expired or names another host. */
const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Map whatever fetch/body reading threw to one of our errors. */
function classify(thrown: unknown, url: string, timeoutMs: number, req: HttpRequest, res?: Response): unknown {
  const outer = req.signal;
  const cut = thrown instanceof CutBody ? thrown : null;
  const err = cut ? cut.reason : thrown;
  if (err instanceof SourceError) return err;
  if (outer?.aborted) return outer.reason ?? err;
  const name = (err as { name?: string } | null)?.name;
  if (name === 'TimeoutError') {
    // A 2xx body that stopped arriving is a body cut short: what came is kept as when the connection drops.
    const received = cut && !req.refuseBody?.(cut.bytes) ? receivedBody(cut, res, url) : null;
    return received ? new NetworkError(url, `timed out after ${timeoutMs} ms with the body incomplete (a stalled server, or a body too slow to arrive: PAPERBOY_HTTP_TIMEOUT_MS sets the limit)`, err, received) : new TimeoutError(url, timeoutMs);
  }
  const cause = (err as { cause?: { code?: string; message?: string; hostname?: string } } | null)?.cause;
  const message = err instanceof Error ? err.message : String(err);
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return new HostNotFoundError(url, cause.hostname ?? new URL(url).hostname, cause.code === 'EAI_AGAIN', err);
  // A body its Content-Encoding says is compressed but that does not unpack (zlib's or brotli's
  // data errors): no dropped connection, and asking the same way again brings the same body.
  const encoding = res?.headers.get('content-encoding');
  if (encoding && /^Z_DATA_ERROR$|^ERR__ERROR_FORMAT_/.test(cause?.code ?? '')) return new ContentEncodingError(url, encoding, err);
  // undici reports a body cut off mid-transfer as "terminated" caused by a socket error.
  if (message === 'terminated' || cause?.code === 'UND_ERR_SOCKET') {
    // What arrived too big to parse is not kept (the reason said), lest it end the process.
    const refused = cut && res?.ok ? req.refuseBody?.(cut.bytes) : null;
    const why = `connection closed before the body was complete (${cause?.message ?? message})${refused ? `; what arrived was not kept: ${refused}` : ''}`;
    return new NetworkError(url, why, err, refused ? null : receivedBody(cut, res, url));
  }
  // A certificate Node does not trust is the same at every attempt; what to do is the user's to know.
  if (TLS_TRUST_CODES.has(cause?.code ?? '')) {
    return new SourceError(`the TLS certificate of ${url} is not trusted (${cause?.message ?? cause?.code}): if your organisation or a proxy signs it, give Node its CA certificate with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`, url, false, { cause: err });
  }
  // A redirect loop stays a loop: asking again only repeats it.
  if (/redirect count exceeded/i.test(cause?.message ?? '')) return new SourceError(`too many redirects fetching ${url} (a redirect loop?)`, url, false, { cause: err });
  // fetch refuses some ports before connecting, and says only "bad port": never worth retrying.
  if (cause?.message === 'bad port') return new SourceError(badPortReason(url), url, false, { cause: err });
  return new NetworkError(url, cause?.message ?? cause?.code ?? message, err);
}

export function createHttpClient(opts: HttpClientOptions): HttpClient {
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? globalThis.fetch;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;

  async function attempt(url: string, req: HttpRequest): Promise<TextResponse> {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let res: Response | undefined;
    try {
      res = await doFetch(url, {
        method: 'GET',
        headers: { 'user-agent': opts.userAgent, accept: req.accept ?? '*/*', ...req.headers, ...conditionalHeaders(req.conditional) },
        signal,
        redirect: 'follow',
      });
      if (res.status === 304) {
        await res.body?.cancel().catch(() => undefined);
        // Only a conditional request may be answered 304 (RFC 9110 §15.4.5); to any other, a server or cache in between erred.
        if (Object.keys(conditionalHeaders(req.conditional)).length === 0) {
          throw new HttpError(304, url, '', null, ' (Not Modified, though this request sent no If-None-Match or If-Modified-Since: a misconfigured server or cache in between)');
        }
        const validators = validatorsOf(res);
        return { url: res.url || url, status: 304, contentType: '', text: '', notModified: true, ...(validators ? { validators } : {}) };
      }
      const contentType = res.headers.get('content-type') ?? '';
      // The charset comes from the bytes, the header or the XML declaration (net/charset.ts).
      const bytes = gunzipUnlabelled(await readBody(res, url, maxBody, req.refuseBody), url, maxBody);
      const refusal = res.ok ? req.refuseBody?.(bytes) : null;
      if (refusal) throw new ParseError(refusal, url);
      const decoded = decodedText(bytes, contentType);
      const { text } = decoded;
      if (!res.ok) {
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now());
        const body = looksLikeHtml(contentType, text) ? htmlTitle(text) || 'HTML error page' : excerpt(text);
        throw new HttpError(res.status, url, body, retryAfter);
      }
      // After redirects, the final address: what relative links in the body are relative to.
      const validators = validatorsOf(res);
      return { url: res.url || url, status: res.status, contentType, ...decoded, ...(validators ? { validators } : {}) };
    } catch (err) {
      throw classify(err, url, opts.timeoutMs, req, res);
    }
  }

  function backoff(n: number): number {
    const step = Math.min(maxDelay, baseDelay * 2 ** n);
    // Full jitter: spread retries of many clients instead of synchronising them.
    return Math.round(step / 2 + random() * (step / 2));
  }

  async function getText(url: string, asked: HttpRequest = {}): Promise<TextResponse> {
    let req = asked;
    // The longest body a dropped connection left, for a caller that keeps what arrived whole.
    let cut: NetworkError | null = null;
    for (let n = 0; ; n++) {
      try {
        return await attempt(url, req);
      } catch (err) {
        // A plain body labelled compressed: asked once more, at once, for no compression (as curl
        // without --compressed does); a server that labels only what it was allowed to compress
        // (PHP's zlib.output_compression) then sends it unlabelled.
        if (err instanceof ContentEncodingError && req.headers?.['accept-encoding'] === undefined) {
          req = { ...req, headers: { ...req.headers, 'accept-encoding': 'identity' } };
          n--;
          continue;
        }
        if (err instanceof NetworkError && err.received && err.received.text.length >= (cut?.received?.text.length ?? 0)) cut = err;
        if (n >= opts.retries && req.keepCutBody && cut?.received && err instanceof NetworkError && err.received) return { ...cut.received, cutShort: cut };
        if (!(err instanceof SourceError) || !err.retryable || n >= opts.retries) throw err;
        let delay = backoff(n);
        if (err instanceof HttpError && err.retryAfterMs !== null) {
          if (err.retryAfterMs > maxRetryAfter) {
            throw new HttpError(err.status, url, err.bodyExcerpt, err.retryAfterMs, ` (asks to retry after ${Math.ceil(err.retryAfterMs / 1000)} s; giving up)`);
          }
          delay = Math.max(err.retryAfterMs, 0);
        }
        opts.onRetry?.({ url, attempt: n + 1, delayMs: delay, reason: describeError(err) });
        await sleep(delay, req.signal);
      }
    }
  }

  async function getJson(url: string, req: HttpRequest = {}): Promise<unknown> {
    return decodeJson(await getText(url, { ...req, accept: req.accept ?? 'application/json' }), url);
  }

  return { getText, getJson };
}

/** The client built from configuration values. */
export function httpClientFromConfig(
  config: { PAPERBOY_HTTP_TIMEOUT_MS: number; PAPERBOY_HTTP_RETRIES: number; PAPERBOY_USER_AGENT: string },
  overrides: Partial<HttpClientOptions> = {},
): HttpClient {
  return createHttpClient({
    timeoutMs: config.PAPERBOY_HTTP_TIMEOUT_MS,
    retries: config.PAPERBOY_HTTP_RETRIES,
    userAgent: config.PAPERBOY_USER_AGENT,
    ...overrides,
  });
}
