/**
 * A local arXiv: the API (`GET /api/query`, Atom with opensearch paging, filtered by the
 * `submittedDate:[…]` window in the query) and the RSS listings (`GET /atom/<cats>`).
 */
import { sendText, startHttpServer, type ScriptedResponse, type TestServer } from './http-server.js';

export interface ArxivEntry {
  /** With version: `2411.04965v2`. */
  id: string;
  title: string;
  summary: string;
  authors: string[];
  /** ISO instant; also decides which day's query returns it. */
  published: string;
  primaryCategory: string;
  categories?: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function arxivEntryXml(e: ArxivEntry): string {
  const cats = [e.primaryCategory, ...(e.categories ?? [])];
  return `  <entry>
    <id>http://arxiv.org/abs/${e.id}</id>
    <updated>${e.published}</updated>
    <published>${e.published}</published>
    <title>${esc(e.title)}</title>
    <summary>${esc(e.summary)}</summary>
${e.authors.map((a) => `    <author>\n      <name>${esc(a)}</name>\n    </author>`).join('\n')}
    <link href="http://arxiv.org/abs/${e.id}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${e.id}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${e.primaryCategory}" scheme="http://arxiv.org/schemas/atom"/>
${[...new Set(cats)].map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n')}
  </entry>`;
}

export function arxivFeedXml(entries: ArxivEntry[], total: number, start: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/fake</id>
  <updated>2026-11-28T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${start}</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:itemsPerPage>
${entries.map(arxivEntryXml).join('\n')}
</feed>
`;
}

export interface FakeArxiv {
  /** PAPERBOY_ARXIV_API_URL */
  apiUrl: string;
  /** PAPERBOY_ARXIV_RSS_URL */
  rssUrl: string;
  server: TestServer;
  /** Listing body served at /atom/<cats> (the same for any categories). */
  setListing(body: string): void;
  /** Queue scripted answers for API queries whose window is this day. */
  failDay(day: string, responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

export async function startFakeArxiv(opts: { entries?: ArxivEntry[]; listing?: string } = {}): Promise<FakeArxiv> {
  const entries = opts.entries ?? [];
  let listing = opts.listing ?? '';
  const server = await startHttpServer((_req, res, url) => {
    if (url.pathname === '/api/query') {
      const q = url.searchParams.get('search_query') ?? '';
      const window = /submittedDate:\[(\d{8})\d{4} TO (\d{8})\d{4}\]/.exec(q);
      const cats = [...q.matchAll(/cat:([\w.-]+)/g)].map((m) => m[1]);
      if (!window || cats.length === 0) {
        // What arXiv does with a query it cannot read: 200 and a single "Error" entry.
        const body = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#bad_query</id><title>Error</title><summary>malformed query: ${esc(q)}</summary></entry></feed>`;
        return sendText(res, 200, body, 'application/atom+xml; charset=utf-8');
      }
      const day = (iso: string) => iso.slice(0, 10).replaceAll('-', '');
      const matching = entries.filter(
        (e) => day(e.published) >= window[1]! && day(e.published) <= window[2]! && [e.primaryCategory, ...(e.categories ?? [])].some((c) => cats.includes(c)),
      );
      const start = Number(url.searchParams.get('start') ?? 0);
      const max = Math.min(Number(url.searchParams.get('max_results') ?? 10), 2000);
      return sendText(res, 200, arxivFeedXml(matching.slice(start, start + max), matching.length, start), 'application/atom+xml; charset=utf-8');
    }
    if (url.pathname.startsWith('/atom/')) return sendText(res, 200, listing, 'application/atom+xml; charset=utf-8');
    return sendText(res, 404, 'Not Found', 'text/plain');
  });
  return {
    apiUrl: `${server.url}/api`,
    rssUrl: server.url,
    server,
    setListing: (b) => void (listing = b),
    failDay: (d, responses) => {
      const compact = d.replaceAll('-', '');
      server.script((u) => u.pathname === '/api/query' && (u.searchParams.get('search_query') ?? '').includes(`[${compact}0000`), responses);
    },
    close: () => server.close(),
  };
}
