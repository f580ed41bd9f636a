/**
 * A DOI as an alias of identity at ingest, shared by every store. A paper's id stays what it
 * always was (its arXiv id, else `feed:<sha1 of its link>`), so nothing stored changes id and
 * nothing is sent again. Only an incoming non-arXiv item that is not stored under its own id, and
 * whose DOI a stored paper has (or a paper this batch makes), is merged into that paper instead
 * of becoming a second one: the same journal article reached through its doi.org address in one
 * feed and its publisher's page in another, a bioRxiv v2 whose link changed.
 *
 * Which paper a DOI belongs to, when several have it: an arXiv paper first (its `arxiv:doi` names
 * the published version: the journal item is that paper, and the arXiv id stays the identity),
 * the smallest id of equals; else a stored item, the smallest id; else the first item of the
 * batch with it, one stored under its own id before any other. An item merged into an arXiv
 * paper is merged as a mention (core/papers/merge.ts): it fills what arXiv's sources left empty
 * and never replaces the paper's own text, as a post linking to the paper does (its address,
 * PDF and tags, the journal's, are left out). One merged into
 * another item is merged as that item seen again (a v2's new text wins, as a feed's does).
 */
import type { PaperInput } from '../core/papers/paper.js';

/** A stored paper's id and DOI, as the alias lookup reads them. */
export interface StoredDoi {
  arxivId: string;
  doi: string | null;
}

const isFeedId = (id: string) => id.startsWith('feed:');

/** An input that may be merged into another paper by its DOI: a non-arXiv item with one that is no update or mention. */
const aliasable = (i: PaperInput): i is PaperInput & { doi: string } => isFeedId(i.arxivId) && !!i.doi && !i.updateOnly && !i.mention;

/**
 * What to look up for a batch: the ids of its aliasable items (stored under their own id, they
 * stay there) and their DOIs; null when it has none, so HF, arXiv and DOI-less batches cost no
 * query. The lookup: every stored paper whose id is in `ids` or whose DOI is in `dois`.
 */
export function aliasLookup(inputs: readonly PaperInput[]): { ids: string[]; dois: string[] } | null {
  const ids = new Set<string>();
  const dois = new Set<string>();
  for (const i of inputs) {
    if (!aliasable(i)) continue;
    ids.add(i.arxivId);
    dois.add(i.doi);
  }
  return dois.size === 0 ? null : { ids: [...ids], dois: [...dois] };
}

const smallest = (ids: Iterable<string>): string | undefined => {
  let best: string | undefined;
  for (const id of ids) if (best === undefined || id < best) best = id;
  return best;
};

/** The paper each DOI belongs to (see the file comment), given what the lookup found. */
function owners(inputs: readonly PaperInput[], stored: readonly StoredDoi[], storedIds: ReadonlySet<string>): Map<string, string> {
  const arxiv = new Map<string, Set<string>>();
  const feed = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, doi: string, id: string) => m.set(doi, (m.get(doi) ?? new Set()).add(id));
  for (const p of stored) if (p.doi) add(isFeedId(p.arxivId) ? feed : arxiv, p.doi, p.arxivId);
  // An arXiv paper the batch makes or updates with the DOI is its owner as a stored one is.
  for (const i of inputs) if (i.doi && !isFeedId(i.arxivId) && !i.mention && !i.updateOnly) add(arxiv, i.doi, i.arxivId);
  const out = new Map<string, string>();
  for (const [doi, ids] of arxiv) out.set(doi, smallest(ids)!);
  for (const [doi, ids] of feed) if (!out.has(doi)) out.set(doi, smallest(ids)!);
  // Else the batch's own: an item stored under its own id (stored before DOIs were kept) first.
  for (const pass of [true, false]) {
    for (const i of inputs) if (aliasable(i) && !out.has(i.doi) && storedIds.has(i.arxivId) === pass) out.set(i.doi, i.arxivId);
  }
  return out;
}

/**
 * The batch with each aliasable item that is not stored under its own id re-addressed to the
 * paper its DOI belongs to; every other input as it was (the same object). `stored`: the lookup's
 * rows (aliasLookup).
 */
export function resolveDoiAliases(inputs: readonly PaperInput[], stored: readonly StoredDoi[]): readonly PaperInput[] {
  const storedIds = new Set(stored.map((p) => p.arxivId));
  const owner = owners(inputs, stored, storedIds);
  let changed = false;
  const out = inputs.map((i) => {
    if (!aliasable(i) || storedIds.has(i.arxivId)) return i;
    const to = owner.get(i.doi);
    if (to === undefined || to === i.arxivId) return i;
    changed = true;
    if (isFeedId(to)) return { ...i, arxivId: to };
    // As a post about the paper: its address, PDF and tags are the journal's, not the arXiv paper's.
    const { absUrl: _page, pdfUrl: _pdf, categories: _tags, ...said } = i;
    return { ...said, arxivId: to, mention: true };
  });
  return changed ? out : inputs;
}

/** Whether two resolutions of one batch address every input alike (a writer in between may have stored a DOI). */
export function sameAddresses(a: readonly PaperInput[], b: readonly PaperInput[]): boolean {
  return a === b || (a.length === b.length && a.every((x, k) => x.arxivId === b[k]!.arxivId));
}
