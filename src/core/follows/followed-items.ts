/**
 * Followed authors in a digest plan: pure, like plan.ts. A paper by a followed author goes in
 * whatever its topics; one a topic already placed keeps its topic and says so in its `why`.
 */
import type { Paper } from '../papers/paper.js';
import type { PlannedDigest } from '../digest/ports.js';
import { namesCompatible, parseAuthorName, type AuthorName } from './author-name.js';
import type { Follow } from './ports.js';

type PlannedItem = PlannedDigest['items'][number];

/**
 * The digest section of papers that only a follow brought. Not a topic slug (slugs have no
 * `@`), so it never collides with a topic, and topic feedback (👍/👎) is not offered on it.
 */
export const FOLLOWED_SECTION = '@followed-authors';
export const FOLLOWED_SECTION_NAME = 'followed authors';

export function isFollowedSection(topicSlug: string | null | undefined): boolean {
  return topicSlug === FOLLOWED_SECTION;
}

/** The follows with their names parsed once, for followedAuthorsOf (unparseable ones dropped). */
export function parsedFollows(follows: readonly Follow[]): Array<{ author: string; name: AuthorName }> {
  return follows.flatMap((f) => {
    const name = parseAuthorName(f.author);
    return name ? [{ author: f.author, name }] : [];
  });
}

/** Followed authors (their followed form) who wrote `paper`, in follow order. */
export function followedAuthorsOf(paper: Pick<Paper, 'authors'>, follows: ReadonlyArray<{ author: string; name: AuthorName }>): string[] {
  const names = paper.authors.map(parseAuthorName).filter((n): n is AuthorName => n !== null);
  return follows.filter((f) => names.some((n) => namesCompatible(f.name, n))).map((f) => f.author);
}

const why = (authors: string[]) => `followed author${authors.length === 1 ? '' : 's'}: ${authors.join(', ')}`;

/**
 * `items` (the topic plan) plus the papers in `papers` by a followed author. Those only a
 * follow brought come first and are kept before topic papers when the digest cap bites: the
 * person asked for that author by name.
 */
export function withFollowedAuthors(items: PlannedItem[], papers: readonly Paper[], follows: readonly Follow[], maxPapers: number): PlannedItem[] {
  if (!follows.length) return items;
  const parsed = parsedFollows(follows);
  const placed = new Map(items.map((i) => [i.arxivId, i]));
  const added: PlannedItem[] = [];
  const marked = new Map<string, string>();
  for (const paper of papers) {
    const authors = followedAuthorsOf(paper, parsed);
    if (!authors.length) continue;
    if (placed.has(paper.arxivId)) marked.set(paper.arxivId, why(authors));
    else added.push({ arxivId: paper.arxivId, topicSlug: FOLLOWED_SECTION, score: 1, version: paper.version, why: why(authors) });
  }
  const topic = items.map((i) => (marked.has(i.arxivId) ? { ...i, why: `${i.why}; ${marked.get(i.arxivId)!}` } : i));
  return [...added, ...topic].slice(0, Math.max(0, maxPapers));
}
