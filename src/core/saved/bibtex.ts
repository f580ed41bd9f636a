/**
 * BibTeX for a reading list. Entries are `@misc` with arXiv's eprint fields (eprint,
 * archivePrefix, primaryClass) plus version, DOI and URL, which is what arXiv's own export,
 * Zotero (Better BibTeX), Mendeley and biblatex read as an arXiv preprint. Every value is
 * escaped, so no title can close a brace, start a new entry or run a TeX command; only a
 * title's inline math that LaTeX typesets as it is ("BrowseComp-$V^3$") is kept as TeX, as
 * arXiv's own export keeps it.
 */
import type { Citation } from './citation.js';
import { MONTHS } from '../months.js';
import { isPortableMath, readableTex, splitMath } from '../papers/tex.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  // Not \{ and \}: BibTeX counts every brace, a backslash before it or not, so one stray brace
  // in a title ended its value there (bibtex.web's scan_balanced_braces).
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  // In LaTeX's default (OT1) font encoding these print as ¡ ¿ and a dash.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Text as a braced BibTeX value that reads back as the same text. */
export function escapeLatex(text: string): string {
  return text.replace(/[\\{}$&%#_^~<>|]/g, (c) => SPECIAL[c]!);
}

/**
 * A title or abstract as a braced value: its portable inline math as TeX, the rest escaped to
 * print as it reads. Math LaTeX would stumble on ("$x^$", an unknown command) is escaped text
 * as people read it ("$\mathscr{L}$" as 𝓛), not TeX. TeX's escapes in the text ("50\%")
 * stand for their character, and print as it.
 */
export function latexText(text: string): string {
  return splitMath(text)
    .map((part, i) => (i % 2 === 0 ? escapeLatex(part.replace(/\\([%&#_$])/g, '$1')) : isPortableMath(part) ? `$${part}$` : escapeLatex(readableTex(`$${part}$`))))
    .join('');
}

/** A citation key from the id: `arXiv:2501.10001`, `arXiv:hep-th_9901001`, `feed:3f2a…`. */
export function bibKey(c: Citation): string {
  if (c.arxivId) return `arXiv:${c.arxivId.replace(/[^A-Za-z0-9.-]/g, '_')}`;
  return c.id.replace(/[^A-Za-z0-9:.-]/g, '_').slice(0, 17);
}

function authorField(authors: string[]): string {
  // A name that itself holds the word "and" would be read as two authors: brace it whole.
  return authors.map((a) => (/\band\b/i.test(a) ? `{${escapeLatex(a)}}` : escapeLatex(a))).join(' and ');
}

/**
 * `url` is a verbatim field (biblatex, hyperref's \\url): LaTeX escapes would stay in the link.
 * Only what could unbalance the braces or end the value is percent-encoded instead.
 */
export function verbatimUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function bibtexEntry(c: Citation): string {
  const fields: Array<[string, string]> = [['title', `{${latexText(c.title)}}`]];
  if (c.authors.length) fields.push(['author', `{${authorField(c.authors)}${c.moreAuthors ? ' and others' : ''}}`]);
  if (c.published) {
    fields.push(['year', `{${c.published.getUTCFullYear()}}`]);
    fields.push(['month', MONTHS[c.published.getUTCMonth()]!]);
  }
  if (c.arxivId) {
    fields.push(['eprint', `{${c.arxivId}}`], ['archivePrefix', '{arXiv}']);
    if (c.primaryClass) fields.push(['primaryClass', `{${escapeLatex(c.primaryClass)}}`]);
    if (c.version) fields.push(['version', `{${c.version}}`]);
  }
  if (c.doi) fields.push(['doi', `{${c.doi}}`]);
  fields.push(['url', `{${verbatimUrl(c.url)}}`]);
  if (c.abstract) fields.push(['abstract', `{${latexText(c.abstract)}}`]);
  return `@misc{${bibKey(c)},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}\n`;
}

export function toBibtex(citations: readonly Citation[]): string {
  return citations.map(bibtexEntry).join('\n');
}
