/**
 * Conditional GET (RFC 9110 §13) as every HTTP source asks it: a unit's pages are asked again with
 * the validators its last whole read kept (jobs/ingest.ts keeps them), and a 304 for each is
 * "nothing changed". A feed is a unit of one page; a Hugging Face day or an arXiv API query has
 * several, and one page's validators say nothing of the next, so a unit is unchanged only when
 * every page it had is.
 */
import type { NotModified, UnitValidators } from '../core/ports.js';
import type { TextResponse, Validators } from '../net/http.js';

/** One page fetched, with validators (If-None-Match / If-Modified-Since) or whole. */
export type PageGet = (url: string, conditional?: Validators) => Promise<TextResponse>;

/**
 * Pages already fetched in asking, at their index (the rest not yet): the first page that did not
 * answer 304, for the unit to be read whole from. The pages before it were unchanged, but their
 * bodies were not kept: they are asked for again whole.
 */
export type Changed = { notModified: false; fetched: TextResponse[] };

/**
 * Ask each page `known` holds, in order, at the address `urlOf` gives it now, until one is not
 * answered 304. A 304 from another address than the one that gave the validators (the feed moved,
 * the page size changed) says nothing of the copy read before: that page is asked for whole.
 */
export async function askKeptPages(get: PageGet, known: UnitValidators | null, urlOf: (page: number) => string): Promise<NotModified | Changed> {
  const pages = known?.pages ?? [];
  const fetched: TextResponse[] = [];
  if (pages.length === 0) return { notModified: false, fetched };
  for (const [i, page] of pages.entries()) {
    const url = urlOf(i);
    const res = await get(url, { ...(page.etag ? { etag: page.etag } : {}), ...(page.lastModified ? { lastModified: page.lastModified } : {}) });
    if (res.notModified && res.url === page.url) continue;
    fetched[i] = res.notModified ? await get(url) : res;
    return { notModified: false, fetched };
  }
  return { notModified: true };
}

/**
 * The validators to keep of a unit read whole from `responses`, its pages in order; null when a
 * page had none (it could change unseen while the others answer 304) or was cut short (its body
 * is not the resource its validators name).
 */
export function unitValidators(responses: readonly TextResponse[]): UnitValidators | null {
  if (responses.length === 0) return null;
  const pages = [];
  for (const res of responses) {
    if (!res.validators || res.cutShort) return null;
    pages.push({ ...res.validators, url: res.url });
  }
  return { pages };
}
