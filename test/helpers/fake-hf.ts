/**
 * A local Hugging Face API speaking `GET /api/daily_papers?date=&limit=&p=` (a JSON array per
 * page, `[]` for an empty day). Serves fixed items per day, or N synthetic papers per day for
 * benchmarks; scripted failures come from the underlying test server.
 */
import { sendJson, startHttpServer, type ScriptedResponse, type TestServer } from './http-server.js';

export interface HfAuthor {
  name: string;
  hidden?: boolean;
}

/** One daily-papers item in the wire shape. */
export interface HfItem {
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: Array<HfAuthor & { _id?: string }>;
    publishedAt: string;
    submittedOnDailyAt?: string;
    upvotes: number;
    discussionId?: string;
    ai_summary?: string;
    ai_keywords?: string[];
    githubRepo?: string;
    githubStars?: number;
    projectPage?: string;
    withdrawnAt?: string;
  };
  publishedAt: string;
  title: string;
  summary: string;
  thumbnail: string;
  numComments: number;
  submittedBy?: { fullname: string; name: string };
  isAuthorParticipating?: boolean;
}

export interface HfItemFields {
  id: string;
  title?: string;
  summary?: string;
  authors?: string[];
  day?: string;
  upvotes?: number;
  numComments?: number;
  extra?: Partial<HfItem['paper']>;
}

/** Build a wire-format item with sensible defaults. */
export function hfItem(f: HfItemFields): HfItem {
  const day = f.day ?? '2026-11-27';
  const title = f.title ?? `Paper ${f.id}`;
  const summary = f.summary ?? `Abstract of ${f.id}.`;
  return {
    paper: {
      id: f.id,
      title,
      summary,
      authors: (f.authors ?? ['Ada Lovelace', 'Alan Turing']).map((name, i) => ({ _id: `a${i}`, name, hidden: false })),
      publishedAt: `${day}T00:00:00.000Z`,
      submittedOnDailyAt: `${day}T08:00:00.000Z`,
      upvotes: f.upvotes ?? 3,
      discussionId: `d-${f.id}`,
      ...f.extra,
    },
    publishedAt: `${day}T08:00:00.000Z`,
    title,
    summary,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${f.id}.png`,
    numComments: f.numComments ?? 0,
    submittedBy: { fullname: 'Someone', name: 'someone' },
    isAuthorParticipating: false,
  };
}

/**
 * The i-th synthetic paper of a day. Ids are `YYMM.NNNNN` with NNNNN = (day-of-month − 1) × 3200 + i,
 * so they are unique across a month for up to 3,200 papers a day.
 */
export function syntheticHfItem(day: string, i: number): HfItem {
  const [y, m, d] = day.split('-');
  const n = (Number(d) - 1) * 3200 + i;
  const id = `${y!.slice(2)}${m}.${String(n).padStart(5, '0')}`;
  return hfItem({
    id,
    day,
    title: `Synthetic study ${n} of speech and language models (${day})`,
    summary: `We study topic ${n % 97} with method ${n % 13}. Results on benchmark ${n % 7} improve by ${n % 11} points.`,
    authors: [`Author ${n % 101}`, `Author ${(n * 7) % 103}`, `Author ${(n * 13) % 107}`],
    upvotes: n % 50,
    numComments: n % 5,
    extra: { ai_keywords: [`kw${n % 17}`, `kw${n % 19}`], ai_summary: `Synthetic summary ${n}.` },
  });
}

export interface FakeHfOptions {
  /** Items per day (YYYY-MM-DD); days not listed are empty. */
  days?: Record<string, unknown[]>;
  /** Instead of `days`: this many synthetic papers on every day. */
  syntheticPerDay?: number;
  /** Largest `limit` honoured (HF caps at 100). */
  maxLimit?: number;
}

export interface FakeHf {
  /** Base URL to use as PAPERBOY_HF_API_URL (`http://127.0.0.1:<port>/api`). */
  apiUrl: string;
  server: TestServer;
  /** Replace a day's items (e.g. an upstream change). */
  setDay(day: string, items: unknown[]): void;
  /** Queue scripted answers for one day's requests (any page). */
  failDay(day: string, responses: ScriptedResponse[]): void;
  /** Requests to /daily_papers so far. */
  requestCount(): number;
  close(): Promise<void>;
}

export async function startFakeHf(opts: FakeHfOptions = {}): Promise<FakeHf> {
  const days = new Map<string, unknown[]>(Object.entries(opts.days ?? {}));
  const maxLimit = opts.maxLimit ?? 100;
  const pageCache = new Map<string, string>();
  const server = await startHttpServer((_req, res, url) => {
    if (url.pathname !== '/api/daily_papers') return sendJson(res, 404, { error: 'Not Found' });
    const date = url.searchParams.get('date') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return sendJson(res, 400, { error: 'Invalid date' });
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, maxLimit);
    const page = Number(url.searchParams.get('p') ?? 0) || 0;
    const start = page * limit;
    if (opts.syntheticPerDay !== undefined) {
      // Pages are built once and replayed, so a benchmark's re-ingest measures the client, not this server.
      const key = `${date}/${start}/${limit}`;
      let body = pageCache.get(key);
      if (body === undefined) {
        const end = Math.min(opts.syntheticPerDay, start + limit);
        const items: HfItem[] = [];
        for (let i = start; i < end; i++) items.push(syntheticHfItem(date, i));
        body = JSON.stringify(items);
        pageCache.set(key, body);
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
      return void res.end(body);
    }
    return sendJson(res, 200, (days.get(date) ?? []).slice(start, start + limit));
  });
  return {
    apiUrl: `${server.url}/api`,
    server,
    setDay: (day, items) => void days.set(day, items),
    failDay: (day, responses) => server.script((u) => u.pathname === '/api/daily_papers' && u.searchParams.get('date') === day, responses),
    requestCount: () => server.requests.filter((r) => r.url.startsWith('/api/daily_papers')).length,
    close: () => server.close(),
  };
}
