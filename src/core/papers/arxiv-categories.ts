/**
 * arXiv's category taxonomy (https://arxiv.org/category_taxonomy, as arXiv's own
 * `arxiv/taxonomy/definitions.py` lists its active categories), so a `--category` or
 * PAPERBOY_ARXIV_CATEGORIES value is checked before it is stored or sent: a topic filtered on
 * "cs.CLL" matched nothing, and an arXiv query for "cs.XYZ" returned nothing, both silently.
 *
 * An archive name ("cs", "math", "physics") stands for every category in it, as arXiv's
 * listings read it (rss.arxiv.org/rss/cs); see `inArxivCategory` and the arXiv API source.
 * Retired archives (cmp-lg, chao-dyn, …) are left out: new papers never carry them.
 */
import { editDistance, withinTypo } from '../edit-distance.js';
import { listed } from '../count.js';

/** Each archive with subject classes, and its classes (the part after the dot). */
const ARCHIVES: Readonly<Record<string, readonly string[]>> = {
  'astro-ph': ['CO', 'EP', 'GA', 'HE', 'IM', 'SR'],
  'cond-mat': ['dis-nn', 'mes-hall', 'mtrl-sci', 'other', 'quant-gas', 'soft', 'stat-mech', 'str-el', 'supr-con'],
  cs: ['AI', 'AR', 'CC', 'CE', 'CG', 'CL', 'CR', 'CV', 'CY', 'DB', 'DC', 'DL', 'DM', 'DS', 'ET', 'FL', 'GL', 'GR', 'GT', 'HC', 'IR', 'IT', 'LG', 'LO', 'MA', 'MM', 'MS', 'NA', 'NE', 'NI', 'OH', 'OS', 'PF', 'PL', 'RO', 'SC', 'SD', 'SE', 'SI', 'SY'],
  econ: ['EM', 'GN', 'TH'],
  eess: ['AS', 'IV', 'SP', 'SY'],
  math: ['AC', 'AG', 'AP', 'AT', 'CA', 'CO', 'CT', 'CV', 'DG', 'DS', 'FA', 'GM', 'GN', 'GR', 'GT', 'HO', 'IT', 'KT', 'LO', 'MG', 'MP', 'NA', 'NT', 'OA', 'OC', 'PR', 'QA', 'RA', 'RT', 'SG', 'SP', 'ST'],
  nlin: ['AO', 'CD', 'CG', 'PS', 'SI'],
  physics: ['acc-ph', 'ao-ph', 'app-ph', 'atm-clus', 'atom-ph', 'bio-ph', 'chem-ph', 'class-ph', 'comp-ph', 'data-an', 'ed-ph', 'flu-dyn', 'gen-ph', 'geo-ph', 'hist-ph', 'ins-det', 'med-ph', 'optics', 'plasm-ph', 'pop-ph', 'soc-ph', 'space-ph'],
  'q-bio': ['BM', 'CB', 'GN', 'MN', 'NC', 'OT', 'PE', 'QM', 'SC', 'TO'],
  'q-fin': ['CP', 'EC', 'GN', 'MF', 'PM', 'PR', 'RM', 'ST', 'TR'],
  stat: ['AP', 'CO', 'ME', 'ML', 'OT', 'TH'],
};

/** Archives that are one category each, with no subject classes. */
const STANDALONE = ['gr-qc', 'hep-ex', 'hep-lat', 'hep-ph', 'hep-th', 'math-ph', 'nucl-ex', 'nucl-th', 'quant-ph'];

/** Every active category, canonically spelt. */
export const ARXIV_CATEGORIES: readonly string[] = [...Object.entries(ARCHIVES).flatMap(([archive, classes]) => classes.map((c) => `${archive}.${c}`)), ...STANDALONE].sort();

/** The names accepted, by their lower-case form: every category and every archive. */
const CANONICAL = new Map<string, string>([...ARXIV_CATEGORIES, ...Object.keys(ARCHIVES)].map((name) => [name.toLowerCase(), name]));

export type CategoryCheck = { ok: true; category: string } | { ok: false; error: string };

/**
 * `raw` as arXiv spells it ("CS.cl" is cs.CL, "Math" is math), or why it is no category, with
 * the categories it was probably meant to be: the same subject class in another archive
 * ("cs.ML": stat.ML) and names a slip away ("cs.CLL": cs.CL).
 */
export function checkArxivCategory(raw: string): CategoryCheck {
  const typed = raw.trim();
  const canonical = CANONICAL.get(typed.toLowerCase());
  if (canonical) return { ok: true, category: canonical };
  const shown = `"${typed.slice(0, 40)}"`;
  const maybe = suggestions(typed.toLowerCase());
  const hint = maybe.length ? `did you mean ${listed(maybe, 'or')}?` : 'see https://arxiv.org/category_taxonomy';
  return { ok: false, error: `${shown} is not an arXiv category (like cs.CL, or an archive like cs); ${hint}` };
}

/** Checks every name, canonically spelt, or the first problem. */
export function checkArxivCategories(raw: readonly string[]): { ok: true; categories: string[] } | { ok: false; error: string } {
  const categories: string[] = [];
  for (const r of raw) {
    const c = checkArxivCategory(r);
    if (!c.ok) return c;
    if (!categories.includes(c.category)) categories.push(c.category);
  }
  return { ok: true, categories };
}

/** Whether `name` is an archive with subject classes (cs, math, physics …), not one category. */
export function isArxivArchive(name: string): boolean {
  return Object.hasOwn(ARCHIVES, name.toLowerCase());
}

/**
 * Whether a paper in `category` is in `wanted`: the same category, or one of the archive
 * `wanted` names (a paper in cs.CL is in cs). Case does not count.
 */
export function inArxivCategory(category: string, wanted: string): boolean {
  const c = category.toLowerCase();
  const w = wanted.toLowerCase();
  return c === w || (c.length > w.length && c.startsWith(w) && c[w.length] === '.');
}

const MAX_SUGGESTIONS = 3;

function suggestions(lower: string): string[] {
  const dot = lower.indexOf('.');
  const subject = dot > 0 ? lower.slice(dot + 1) : '';
  // The subject class in another archive first, alone: "cs.ML" is stat.ML, "math.LG" cs.LG.
  const moved = subject ? [...CANONICAL].filter(([key]) => key.endsWith(`.${subject}`)).map(([, name]) => name) : [];
  if (moved.length) return moved.slice(0, MAX_SUGGESTIONS);
  // Else the names a slip away, the nearest only ("cs.CLL": cs.CL).
  const near = [...CANONICAL].filter(([key]) => withinTypo(key, lower)).map(([key, name]) => ({ name, edits: editDistance(key, lower) }));
  const best = Math.min(...near.map((n) => n.edits));
  return near
    .filter((n) => n.edits === best)
    .map((n) => n.name)
    .sort()
    .slice(0, MAX_SUGGESTIONS);
}
