/**
 * Author names as feeds write them. A format that gives one element per author (Atom
 * `<author>`, several `dc:creator`) is taken as written; one element holding everyone
 * ("A, B and C", "A; B", arXiv's comma-joined `dc:creator`) is split, without splitting an
 * inverted name ("Krogman, N.", "Smith, J. R., Jr.") into two people.
 */
import { decodeHTMLStrict } from 'entities/decode';
import { htmlToText } from './html-text.js';

/** Initials after an inverted surname: "N.", "J. R.", "J.-P.", "Ch.", "NK", "Á.". */
const INITIALS = /^(?:\p{Lu}\p{Ll}?\.|\p{Lu}{1,2}(?![\p{L}.]))(?:[\s-]*(?:\p{Lu}\p{Ll}?\.|\p{Lu}{1,2}(?![\p{L}.])))*$/u;
/** Name suffixes that follow a comma: "King, Jr.". */
const SUFFIX = /^(?:jr|sr|ii|iii|iv|v|phd|md)\.?$/i;
const ONE_WORD = /^[^\s]+$/u;

/** A bracket hidden by hideBrackets: its number between two private-use characters. */
const HIDDEN = /\uE000(\d+)\uE001/g;

/**
 * The text with each balanced group in parentheses, inner ones first, hidden behind a
 * placeholder, and the function that shows them again: what an affiliation holds ("University
 * of X, Country", "Physics and Astronomy") separates no people. An unclosed bracket stays text.
 */
function hideBrackets(s: string): [string, (t: string) => string] {
  // Text that holds the placeholders' characters already is taken as written: hiding would read them as groups.
  if (/[\uE000\uE001]/.test(s)) return [s, (t) => t];
  const groups: string[] = [];
  let out = s;
  // Brackets nested deeper than any affiliation are text: each level is one pass and, shown again, one call deeper.
  for (let before = '', depth = 0; before !== out && depth < MAX_BRACKET_DEPTH; depth++) {
    before = out;
    out = out.replace(/\([^()]*\)/g, (g) => `\uE000${groups.push(g) - 1}\uE001`);
  }
  const show = (t: string): string => t.replace(HIDDEN, (m, i: string) => {
    const group = groups[Number(i)];
    return group === undefined ? m : show(group);
  });
  return [out, show];
}

/** Parentheses nested deeper than this in one author string are left as text. */
const MAX_BRACKET_DEPTH = 8;

/** Hidden brackets at the end of a name, and the space before them. */
const TRAILING_BRACKETS = /(?:\s*\uE000\d+\uE001)+$/;

/**
 * A name (its brackets hidden) without the affiliations in parentheses after it: "Jane Doe
 * (MIT)" is Jane Doe, and arXiv's "B. Author (1) ((1) MIT)" is B. Author. A credit ending in
 * "et al. (LHCb Collaboration)" keeps its bracket, which names a collaboration (withoutEtAl),
 * and a name that is nothing but a bracket stays as it is.
 */
function withoutAffiliation(name: string): string {
  if (/\bet\s+al\b/i.test(name)) return name;
  const bare = name.replace(TRAILING_BRACKETS, '').trim();
  return bare || name;
}

/** One person's name as an element gives it, without its affiliation. */
function personName(name: string): string {
  const [hidden, show] = hideBrackets(name);
  return show(withoutAffiliation(hidden));
}

/**
 * Split one string naming one or more people. `;` separates people when present; otherwise
 * commas and a final "and"/"&" do, and a token that is only initials or a suffix stays with
 * the name before it. Exactly two one-word tokens ("Krogman, Naomi") are one inverted name.
 * Nothing inside parentheses separates people, and an affiliation after a name goes.
 */
export function splitNameList(list: string): string[] {
  const [s, show] = hideBrackets(list.replace(/\s+/g, ' ').trim());
  if (!s) return [];
  if (s.includes(';')) return s.split(/\s*;\s*(?:and\s+|&\s*)?/).map((p) => show(withoutAffiliation(p.trim()))).filter(Boolean);
  const written = s
    .split(/\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s+&\s+/i)
    .map((t) => t.trim())
    .filter(Boolean);
  const tokens = written.map(withoutAffiliation);
  // A surname's affiliation comes after the given name: "Sukarno (ITB), Hatta (UI)" is two people.
  const inverted = tokens.length === 2 && !/\s(?:and|&)\s/i.test(s) && !TRAILING_BRACKETS.test(written[0]!);
  if (inverted && tokens.every((t) => ONE_WORD.test(t))) return [show(`${tokens[0]}, ${tokens[1]}`)];
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out.length - 1;
    // Initials finish a bare surname; a suffix finishes any name.
    const attach = prev >= 0 && (SUFFIX.test(t) || (INITIALS.test(t) && !out[prev]!.includes(',')));
    if (attach) out[prev] = `${out[prev]}, ${t}`;
    else out.push(t);
  }
  return out.map(show);
}

/**
 * Names from the elements of one format: one element each, or one element listing everyone.
 * References still in a name (a CDATA section holding "Se&aacute;n") are decoded, and markup
 * dropped, before any `;` is read as a separator.
 */
export function namesFromElements(values: string[]): string[] {
  // Some feeds link each name (`<a href="…">Jane Doe</a>, …`): the names are the text.
  const names = values.map((v) => (v.includes('<') ? htmlToText(v) : decodeHTMLStrict(v)).replace(/\s+/g, ' ').trim()).filter(Boolean);
  return names.length === 1 ? namesInList(names[0]!) : names.map(personName).flatMap(withoutEtAl);
}

/** The people one string names (splitNameList), "et al." read as withoutEtAl reads it. */
export function namesInList(list: string): string[] {
  return splitNameList(list).flatMap(withoutEtAl);
}

/**
 * A name cut short with "et al.", as journals credit large collaborations ("R. Aaij et al.
 * (LHCb Collaboration)", APS): the person named, and the collaboration as an author of its own.
 */
function withoutEtAl(name: string): string[] {
  // "A, B, et al." leaves "et al." a token of its own: no one.
  const m = /^(?:(.+?),?\s+)?et\s+al\.?\s*(?:\((.+)\))?$/i.exec(name);
  return m ? [m[1], m[2]].filter((n): n is string => n !== undefined).map((n) => n.trim()) : [name];
}

/** RSS `<author>`: "jane@example.org (Jane Doe)" is Jane Doe; a bare e-mail address names nobody. */
export function rssAuthorName(value: string): string {
  const v = value.trim();
  const paren = /\(([^()]+)\)\s*$/.exec(v);
  if (paren && /@/.test(v.slice(0, paren.index))) return paren[1]!.trim();
  const angle = /^(.*?)\s*<[^<>@\s]+@[^<>\s]+>$/.exec(v);
  if (angle) return angle[1]!.trim();
  return /^[^\s@]+@[^\s@]+$/.test(v) ? '' : v;
}

/** Names in order, each once. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (!n || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
