/**
 * DOIs as paperboy keeps them: one spelling per article, so the same article from two feeds (its
 * doi.org address in one, its publisher's page with `prism:doi` in another) is recognised as one
 * (store/doi-alias.ts). DOIs are case-insensitive (DOI Handbook §2.4: ASCII letters match in
 * either case), so the kept form is lower case, in its bare `10.<registrant>/<suffix>` form.
 */

/** A DOI's shape: `10.`, a registrant code of digits (dot-separated sub-codes allowed), `/`, a suffix without spaces. */
const DOI = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;

/** How DOIs are written before the `10.`: `doi:`, `DOI: `, `info:doi/`, `urn:doi:`, a doi.org or dx.doi.org address (any scheme or none). */
const PREFIX = /^(?:(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\/|info:doi\/|urn:doi:|doi:\s*)/i;

/** The arXiv DataCite DOI (10.48550/arXiv.2401.12345) is the arXiv id said again: the id already is the identity. */
const ARXIV_DATACITE = /^10\.48550\/arxiv\./;

/**
 * A DOI in its kept form, or null when `raw` is none: "doi:10.1038/S41562-026-02594-2",
 * "https://doi.org/10.1021/jacs.5c22299", "10.1002/anie.202405451" all read, lower-cased. A
 * doi.org address loses its query and anchor and is percent-decoded (`10.1000%2Fabc`); trailing
 * sentence punctuation is not part of a DOI written in text. arXiv's own DataCite DOIs are none:
 * they name an arXiv paper, whose id says it already.
 */
export function normalizeDoi(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  const prefixed = PREFIX.exec(s);
  if (prefixed) {
    s = s.slice(prefixed[0].length);
    if (/doi\.org\/$/i.test(prefixed[0])) {
      s = s.replace(/[?#].*$/, '');
      try {
        s = decodeURIComponent(s);
      } catch {
        return null;
      }
    }
  }
  s = s.replace(/[.,;:]+$/, '').toLowerCase();
  if (!DOI.test(s) || ARXIV_DATACITE.test(s)) return null;
  return s;
}

/** The DOI an address is, when it is a doi.org or dx.doi.org address (http or https); null for any other address. */
export function doiFromAddress(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\/(?:www\.|dx\.)?doi\.org\/10\./i.test(url.trim())) return null;
  return normalizeDoi(url);
}

/** The first DOI among values as feeds write them (`prism:doi`, `dc:identifier`, a doi.org link), or null. */
export function firstDoi(values: readonly (string | null | undefined)[]): string | null {
  for (const v of values) {
    const doi = normalizeDoi(v);
    if (doi) return doi;
  }
  return null;
}

/** The doi.org address of a DOI, with the characters an address reserves (`#`, `?`, `%` …) encoded, as the DOI Handbook asks. */
export function doiAddress(doi: string): string {
  return `https://doi.org/${doi.replace(/[%"#?<>\s]/g, (c) => encodeURIComponent(c))}`;
}
