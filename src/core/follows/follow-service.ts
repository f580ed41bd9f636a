/**
 * Following authors: a request is resolved against the authors of stored papers, so a person
 * follows one person, not a surname. A request whose first given name is only an initial (or
 * missing) and that fits more than one full first name seen ("J. Smith": John Smith, Jane
 * Smith) is ambiguous: the candidates go back to the person, who follows one by its full name.
 */
import type { PaperStore } from '../papers/ports.js';
import { mayManage, type Actor, type SubscriberId } from '../subscriptions/subscriber-id.js';
import { hasFullFirstName, nameKey, namesCompatible, parseAuthorName, type AuthorName } from './author-name.js';
import { withinTypo } from '../edit-distance.js';
import { hasMention } from '../topics/names.js';
import type { Follow, FollowStore } from './ports.js';
import { hasControl } from '../controls.js';

/** A distinct full name seen in stored papers, with how many papers carry it. */
export interface AuthorCandidate {
  name: string;
  papers: number;
  /** Among a follow's `similar` names: the subscriber follows this one already (the new name is likely its slip). */
  followed?: boolean;
}

export type FollowOutcome =
  /**
   * `papers`: stored papers by that author (0: none yet, followed as typed). `similar`: when
   * none, the stored authors the name may be a misspelling of ("Alexandre Alahy" for
   * "Alexandre Alahi"), most papers first, so the person can switch; empty otherwise.
   */
  | { status: 'followed'; author: string; papers: number; similar: AuthorCandidate[] }
  | { status: 'already-following'; author: string }
  /** `candidates`: the MAX_CANDIDATES with the most stored papers; `total`: how many authors fit in all. */
  | { status: 'ambiguous'; typed: string; candidates: AuthorCandidate[]; total: number }
  | { status: 'forbidden'; message: string }
  | { status: 'invalid'; message: string };

export type UnfollowOutcome =
  | { status: 'unfollowed'; author: string }
  | { status: 'not-following'; typed: string }
  | { status: 'ambiguous'; typed: string; candidates: AuthorCandidate[]; total: number }
  | { status: 'forbidden'; message: string }
  | { status: 'invalid'; message: string };

/** Candidates shown at most (the most prolific first). */
export const MAX_CANDIDATES = 10;
/** Names suggested at most for a name no stored paper carries. */
export const MAX_SIMILAR = 3;
const MAX_NAME_CHARS = 100;

export interface FollowService {
  follow(actor: Actor, subscriber: SubscriberId, typed: string): Promise<FollowOutcome>;
  unfollow(actor: Actor, subscriber: SubscriberId, typed: string): Promise<UnfollowOutcome>;
  list(subscriber: string): Promise<Follow[]>;
  /** The store underneath, for undoing a follow whose delivery could not be set up. */
  store: FollowStore;
}

/**
 * Whether a stored full name may be what a request misspelt: the same surname with a first
 * name a typo away ("Alexander" for "Alexandre"), or a surname a typo away with a first name
 * that fits. Only asked of names that do not fit the request as written.
 */
function nearName(wanted: AuthorName, name: AuthorName): boolean {
  const a = wanted.given[0];
  const b = name.given[0];
  if (!a || !b) return false;
  // The family name first, as many write their own ("Zhang Zeyu" for the papers' "Zeyu Zhang").
  if (wanted.given.length === 1 && name.given.length === 1 && !a.initial && !b.initial && a.folded === name.surname && b.folded === wanted.surname) return true;
  if (wanted.surname === name.surname) return !a.initial && !b.initial && withinTypo(a.folded, b.folded);
  return (a.initial || b.initial ? a.folded[0] === b.folded[0] : a.folded === b.folded) && withinTypo(wanted.surname, name.surname);
}

/** Distinct full names with their paper counts, most papers first (the most used spelling shown). */
class NameTally {
  private readonly seen = new Map<string, { papers: number; displays: Map<string, number> }>();

  add(name: AuthorName, keysOfPaper: Set<string>): void {
    const key = nameKey(name);
    const entry = this.seen.get(key) ?? { papers: 0, displays: new Map() };
    if (!keysOfPaper.has(key)) entry.papers++;
    keysOfPaper.add(key);
    entry.displays.set(name.display, (entry.displays.get(name.display) ?? 0) + 1);
    this.seen.set(key, entry);
  }

  ranked(): AuthorCandidate[] {
    return [...this.seen.values()]
      .map((e) => ({ name: [...e.displays].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0], papers: e.papers }))
      .sort((a, b) => b.papers - a.papers || (a.name < b.name ? -1 : 1));
  }
}

type Parsed = { ok: true; name: AuthorName } | { ok: false; message: string };

/** A title people put before a name; papers never sign with one. */
const TITLE = /^(?:dr|prof|professor|mr|mrs|ms|mx)\.?\s+(?=\S)/i;

function parseRequest(typed: string): Parsed {
  // "Dr. Ada Lovelace" is Ada Lovelace: kept, the title would be read as a given name starting with D.
  const text = typed.normalize('NFC').replace(/\s+/g, ' ').trim().replace(TITLE, '');
  if (!text) return { ok: false, message: 'Which author? Give a name as it appears on papers, e.g. "Ada Lovelace".' };
  if ([...text].length > MAX_NAME_CHARS) return { ok: false, message: `An author name is at most ${MAX_NAME_CHARS} characters.` };
  // Refused as topic names and queries refuse them: a follow's name is echoed in replies, `follow
  // list` and digests. Whitespace ones (tab, newline) were folded to spaces above.
  if (hasControl(text)) return { ok: false, message: 'An author name cannot contain control characters.' };
  // A follow's name is shown in replies and digests: a ping there ("<@U123>", "@everyone") would notify people.
  if (hasMention(text)) return { ok: false, message: 'An author name cannot contain a mention (<@…>, <#…>, <!…>, @everyone, @here).' };
  const name = parseAuthorName(text);
  if (!name) return { ok: false, message: `“${text}” is not an author name.` };
  // A surname alone would follow every author of that name.
  if (name.given.length === 0) return { ok: false, message: `Give a first name or initial too, e.g. "A. ${text}".` };
  return { ok: true, name };
}

export function createFollowService(deps: { follows: FollowStore; papers: Pick<PaperStore, 'iterate'>; clock?: { now(): Date } }): FollowService {
  const now = () => deps.clock?.now() ?? new Date();

  /** Stored full names that fit the request, and those it may be a misspelling of. */
  const scan = async (wanted: AuthorName): Promise<{ fits: AuthorCandidate[]; near: AuthorCandidate[] }> => {
    const fits = new NameTally();
    const near = new NameTally();
    // Authors recur across papers: each spelling is parsed and compared once per request.
    const kinds = new Map<string, { name: AuthorName; kind: 'fits' | 'near' } | null>();
    const kindOf = (raw: string) => {
      let kind = kinds.get(raw);
      if (kind === undefined) {
        const name = parseAuthorName(raw);
        kind = !name || !hasFullFirstName(name) ? null : namesCompatible(wanted, name) ? { name, kind: 'fits' } : nearName(wanted, name) ? { name, kind: 'near' } : null;
        kinds.set(raw, kind);
      }
      return kind;
    };
    for await (const page of deps.papers.iterate(1000)) {
      for (const paper of page) {
        const keys = new Set<string>();
        for (const raw of paper.authors) {
          const hit = kindOf(raw);
          if (hit) (hit.kind === 'fits' ? fits : near).add(hit.name, keys);
        }
      }
    }
    return { fits: fits.ranked(), near: near.ranked() };
  };

  /** The one author a request means, or the candidates to choose from. */
  const resolve = async (name: AuthorName): Promise<{ author: string; papers: number; similar: AuthorCandidate[] } | { candidates: AuthorCandidate[]; total: number }> => {
    const { fits: found, near } = await scan(name);
    // A name no stored paper carries is followed as typed (new authors appear every day), with
    // the stored names it may be a misspelling of.
    const asTyped = { author: name.display, papers: 0, similar: near.slice(0, MAX_SIMILAR) };
    if (hasFullFirstName(name)) {
      // A full first name says who is meant; take the stored spelling when there is one.
      const same = found.find((c) => nameKey(parseAuthorName(c.name)!) === nameKey(name));
      return same ? { author: same.name, papers: same.papers, similar: [] } : asTyped;
    }
    const people = new Set(found.map((c) => parseAuthorName(c.name)!.given[0]!.folded));
    if (people.size > 1) return { candidates: found.slice(0, MAX_CANDIDATES), total: found.length };
    return found[0] ? { author: found[0].name, papers: found[0].papers, similar: [] } : asTyped;
  };

  return {
    async follow(actor, subscriber, typed) {
      if (!mayManage(actor, subscriber)) return { status: 'forbidden', message: 'you may only follow authors for yourself' };
      const parsed = parseRequest(typed);
      if (!parsed.ok) return { status: 'invalid', message: parsed.message };
      const resolved = await resolve(parsed.name);
      if ('candidates' in resolved) return { status: 'ambiguous', typed: parsed.name.display, ...resolved };
      const keyOf = (author: string) => nameKey(parseAuthorName(author)!);
      const follows = await deps.follows.list({ subscriber: subscriber.id });
      const existing = follows.find((f) => keyOf(f.author) === keyOf(resolved.author));
      if (existing) return { status: 'already-following', author: existing.author };
      const mine = new Set(follows.map((f) => keyOf(f.author)));
      const added = await deps.follows.add({ subscriber: subscriber.id, author: resolved.author, createdBy: actor.id, createdAt: now() });
      if (added !== 'created') return { status: 'already-following', author: resolved.author };
      // A slip of a name already followed is not an author to switch to: it is one to take back.
      const similar = resolved.similar.map((c) => (mine.has(keyOf(c.name)) ? { ...c, followed: true } : c));
      return { status: 'followed', ...resolved, similar };
    },
    async unfollow(actor, subscriber, typed) {
      if (!mayManage(actor, subscriber)) return { status: 'forbidden', message: 'you may only unfollow authors for yourself' };
      const parsed = parseRequest(typed);
      if (!parsed.ok) return { status: 'invalid', message: parsed.message };
      const mine = await deps.follows.list({ subscriber: subscriber.id });
      const exact = mine.filter((f) => nameKey(parseAuthorName(f.author)!) === nameKey(parsed.name));
      const fits = exact.length ? exact : mine.filter((f) => namesCompatible(parseAuthorName(f.author)!, parsed.name));
      if (fits.length === 0) return { status: 'not-following', typed: parsed.name.display };
      if (fits.length > 1) return { status: 'ambiguous', typed: parsed.name.display, candidates: fits.map((f) => ({ name: f.author, papers: 0 })), total: fits.length };
      await deps.follows.remove(subscriber.id, fits[0]!.author);
      return { status: 'unfollowed', author: fits[0]!.author };
    },
    list: (subscriber) => deps.follows.list({ subscriber }),
    store: deps.follows,
  };
}
