/**
 * Reading-list exports read back by real parsers: BibTeX through @retorquere/bibtex-parser (the
 * parser of Better BibTeX for Zotero, which decodes LaTeX the way TeX prints it), CSL-JSON through
 * JSON.parse, RIS line by line. Hostile titles must come back as the same text, never as markup
 * or extra entries.
 */
import { parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/papers/paper.js';
import { latexText, toBibtex } from '../../../src/core/saved/bibtex.js';
import { readableTex } from '../../../src/core/papers/tex.js';
import { citationOf, MAX_TITLE } from '../../../src/core/saved/citation.js';
import { toCslJson, type CslItem } from '../../../src/core/saved/csl-json.js';
import { toRis } from '../../../src/core/saved/ris.js';
import { testPaper } from '../../helpers/test-paper.js';

function paper(arxivId: string, over: Partial<Paper> = {}): Paper {
  return testPaper({
    arxivId,
    version: 3,
    title: `Paper ${arxivId}`,
    abstract: 'An abstract.',
    authors: ['Ada Lovelace', 'Kurt Gödel'],
    publishedAt: new Date('2025-03-09T12:00:00Z'),
    announcedAt: null,
    absUrl: `https://arxiv.org/abs/${arxivId}`,
    categories: ['cs.CL', 'cs.LG'],
    sources: ['arxiv'],
    firstSeenAt: new Date('2025-03-10T00:00:00Z'),
    updatedAt: new Date('2025-03-10T00:00:00Z'),
    ...over,
  });
}

const HOSTILE = [
  'Attention <!channel> <@U123> @everyone is $O(n^2)$ & {all} you_need \\ 100% #1 ^ ~ | Gödel',
  'evil}\n@misc{pwn, title={x}, author = {Mallory}}',
  '\\input{/etc/passwd} \\write18{rm -rf /} \\def\\x{y}',
  '*bold* _under_ [x](https://evil.example) <script>alert(1)</script> שלום 🎧',
  `${'Long '.repeat(2000)}title`,
];

const LIBRARY: Paper[] = [
  ...HOSTILE.map((title, i) => paper(`2501.1000${i}`, { title, abstract: title })),
  paper('hep-th/9901001', { version: 1, categories: ['hep-th'], authors: ['Edward Witten'] }),
  paper('2502.00001', { version: null, authors: [], publishedAt: null }),
  paper('feed:0123456789abcdef0123456789abcdef01234567', { version: null, categories: [], absUrl: 'https://blog.example/a_post?x={1}&y=2', title: 'A blog post' }),
  paper('2502.00002', { authors: ['Foo and Bar Consortium', 'Ludwig van Beethoven'] }),
];

function parseBib(text: string) {
  const lib = parse(text, { sentenceCase: false, caseProtection: false });
  expect(lib.errors).toEqual([]);
  return lib.entries;
}

describe('citationOf', () => {
  // As ingest cleans stored text (core/papers/normalize cleanText): a stray control character is
  // dropped, not turned into a space that splits the word it sat in.
  it('drops control characters, collapses whitespace to one line and composes accents', () => {
    const c = citationOf(paper('2503.00001', { title: 'Wi\u0000Fi\n codes\u202e for Go\u0308del', authors: ['Ada\u0007 Lovelace'] }));
    expect(c.title).toBe('WiFi codes for Gödel');
    expect(c.authors).toEqual(['Ada Lovelace']);
  });
});

describe('BibTeX export', () => {
  it('round-trips every paper through a real BibTeX parser: titles as they were, arXiv eprint fields and version', () => {
    const citations = LIBRARY.map(citationOf);
    const entries = parseBib(toBibtex(citations));
    expect(entries).toHaveLength(LIBRARY.length);
    entries.forEach((e, i) => {
      const c = citations[i]!;
      expect(e.type).toBe('misc');
      // The one inline math of the hostile titles, $O(n^2)$, stays TeX: the parser reads it as LaTeX would print it.
      expect(e.fields.title).toBe(c.title.replace('$O(n^2)$', 'O(n²)'));
      if (c.abstract) expect(e.fields.abstract).toBe(c.abstract.replace('$O(n^2)$', 'O(n²)'));
      if (c.arxivId) expect(e.fields.url).toBe(`https://arxiv.org/abs/${c.arxivId}${c.version ? `v${c.version}` : ''}`);
    });
    const byKey = new Map(entries.map((e) => [e.key, e]));
    expect(byKey.get('arXiv:2501.10000')!.fields).toMatchObject({ eprint: '2501.10000', archiveprefix: 'arXiv', primaryclass: 'cs.CL', version: '3', doi: '10.48550/arXiv.2501.10000', year: '2025', month: '3' });
    expect(byKey.get('arXiv:hep-th_9901001')!.fields).toMatchObject({ eprint: 'hep-th/9901001', primaryclass: 'hep-th', version: '1' });
    expect(byKey.get('arXiv:2501.10000')!.fields.author).toEqual([
      { firstName: 'Ada', lastName: 'Lovelace' },
      { firstName: 'Kurt', lastName: 'Gödel' },
    ]);
    // A name holding "and" stays one author.
    expect(byKey.get('arXiv:2502.00002')!.fields.author).toHaveLength(2);
    const feed = entries.find((e) => e.key.startsWith('feed:'))!;
    expect(feed.fields.eprint).toBeUndefined();
    expect(feed.fields.title).toBe('A blog post');
    // url is verbatim: braces percent-encoded, not TeX-escaped, so the link still works.
    expect(feed.fields.url).toBe('https://blog.example/a_post?x=%7B1%7D&y=2');
  });

  it('a paper with more authors than an entry lists ends with "and others" (CSL-JSON: a literal "others")', () => {
    const crowd = paper('2511.00001', { authors: Array.from({ length: 435 }, (_, i) => `Author Number${i}`) });
    const [entry] = parseBib(toBibtex([citationOf(crowd)]));
    const authors = entry!.fields.author as unknown[];
    expect(authors).toHaveLength(201);
    expect(JSON.stringify(authors.at(-1))).toContain('others');
    const [item] = JSON.parse(toCslJson([citationOf(crowd)])) as CslItem[];
    expect(item!.author).toHaveLength(201);
    expect(item!.author!.at(-1)).toEqual({ literal: 'others' });
    // Up to the limit, no "others".
    expect(citationOf(paper('2511.00002', { authors: ['Ada Lovelace'] })).moreAuthors).toBe(false);
  });

  it('hostile titles stay one entry of plain text: no forged entry, no TeX command, long ones cut', () => {
    const entries = parseBib(toBibtex(HOSTILE.map((title, i) => citationOf(paper(`2501.2000${i}`, { title })))));
    expect(entries.map((e) => e.key)).toEqual(HOSTILE.map((_, i) => `arXiv:2501.2000${i}`));
    expect(entries[1]!.fields.title).toBe('evil} @misc{pwn, title={x}, author = {Mallory}}');
    expect(entries[1]!.fields.author).toHaveLength(2);
    expect(entries[2]!.fields.title).toBe('\\input{/etc/passwd} \\write18{rm -rf /} \\def\\x{y}');
    const long = entries[4]!.fields.title!;
    expect([...long].length).toBeLessThanOrEqual(MAX_TITLE);
    expect(long.endsWith('…')).toBe(true);
  });

  it('every value ends where BibTeX itself ends it: its braces balance counted as bibtex counts them, a backslash before one or not', () => {
    // bibtex.web's scan_balanced_braces counts every { and }: `\\}` closed the value, so a title
    // with one stray brace ended its field early and the rest of the file read as garbage (the
    // Zotero parser above forgives it; BibTeX and biber do not).
    const titles = ['evil} @misc{pwn, title={x}}', 'A { left open', 'Right } shut', 'Set $\\}$ math'];
    const text = toBibtex(titles.map((title, i) => citationOf(paper(`2501.3000${i}`, { title, abstract: title }))));
    for (const line of text.split('\n').filter((l) => / = \{/.test(l))) {
      let depth = 0;
      let closedAt = -1;
      for (let i = line.indexOf('{'); i < line.length && closedAt < 0; i++) {
        if (line[i] === '{') depth++;
        else if (line[i] === '}' && --depth === 0) closedAt = i;
      }
      expect(line.slice(closedAt), line).toMatch(/^\},?$/);
    }
    expect(parseBib(text).map((e) => e.fields.title)).toEqual(['evil} @misc{pwn, title={x}}', 'A { left open', 'Right } shut', 'Set } math']);
  });

  it("a title's inline math stays TeX where LaTeX typesets it as it is, as arXiv's own export keeps it", () => {
    const titles = ['BrowseComp-$V^3$: Visual Browsing', 'A $2.7\\times$ speedup at 50\\% of the cost', 'Codes in $\\{0,1\\}^n$ for $\\alpha$-divergences'];
    const bib = toBibtex(titles.map((title, i) => citationOf(paper(`2502.1000${i}`, { title }))));
    expect(bib).toContain('title = {BrowseComp-$V^3$: Visual Browsing}');
    expect(bib).toContain('title = {A $2.7\\times$ speedup at 50\\% of the cost}');
    // A real parser reads each as the text it prints: V³, ×, %.
    expect(parseBib(bib).map((e) => e.fields.title)).toEqual(titles.map(readableTex));
  });

  it('math LaTeX would stumble on, money and TeX escapes in the text are escaped text, never TeX that runs', () => {
    // Not closed, a comment sign that would swallow the closing dollar, an unknown command, a
    // stray brace: read as text people read, then escaped.
    expect(latexText('Broken $x^$ bound')).toBe('Broken x\\textasciicircum{} bound');
    expect(latexText('Costs $a % b$ each')).toBe('Costs a \\% b each');
    expect(latexText('Run $\\input{x}$ now')).not.toContain('\\input');
    expect(latexText('Odd $a}$ brace')).toBe('Odd a brace');
    expect(latexText('Loss $\\mathscr{L}$')).toBe('Loss ℒ');
    expect(latexText('Non-ASCII $α^2$ math')).toBe('Non-ASCII α² math');
    // Dollars of money are no math ("$5 and $10"); "\\%" in the text is a per cent sign.
    expect(latexText('Between $5 and $10 at 50\\%')).toBe('Between \\$5 and \\$10 at 50\\%');
    const entries = parseBib(toBibtex(['Broken $x^$ bound', 'Costs $a % b$ each', 'Between $5 and $10'].map((title, i) => citationOf(paper(`2502.2000${i}`, { title })))));
    expect(entries.map((e) => e.fields.title)).toEqual(['Broken x^ bound', 'Costs a % b each', 'Between $5 and $10']);
  });

  it('an empty list is an empty file that parses', () => {
    expect(parseBib(toBibtex([]))).toEqual([]);
  });
});

describe('RIS export', () => {
  it('one record per paper, every line a tag: a newline in a title cannot forge a tag or end the record', () => {
    const text = toRis(LIBRARY.map(citationOf));
    const lines = text.split('\r\n').filter(Boolean);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    expect(lines.filter((l) => l.startsWith('TY  - '))).toHaveLength(LIBRARY.length);
    expect(lines.filter((l) => l.startsWith('ER  - '))).toHaveLength(LIBRARY.length);
    expect(lines).toContain('M1  - arXiv:2501.10000v3');
    expect(lines).toContain('DO  - 10.48550/arXiv.2501.10000');
    expect(lines).toContain('TI  - evil} @misc{pwn, title={x}, author = {Mallory}}');
    // Reference managers show RIS titles as they are: math reads as text.
    expect(toRis([citationOf(paper('2502.00003', { title: 'BrowseComp-$V^3$ at $2.7\\times$' }))])).toContain('TI  - BrowseComp-V³ at 2.7×');
  });
});

describe('CSL-JSON export', () => {
  it('parses as JSON with arXiv number, version, DOI and split names', () => {
    const items = JSON.parse(toCslJson(LIBRARY.map(citationOf))) as CslItem[];
    expect(items).toHaveLength(LIBRARY.length);
    expect(items[0]).toMatchObject({ id: 'arXiv:2501.10000', type: 'article', number: 'arXiv:2501.10000', version: '3', DOI: '10.48550/arXiv.2501.10000', publisher: 'arXiv', issued: { 'date-parts': [[2025, 3, 9]] } });
    expect(items[0]!.title).toBe(HOSTILE[0]!.replace('$O(n^2)$', 'O(n²)'));
    expect(items.at(-1)!.author).toEqual([{ family: 'Consortium', given: 'Foo and Bar' }, { family: 'van Beethoven', given: 'Ludwig' }]);
  });

  it('splits names as following an author reads them: "Last, First", suffixes, particles', () => {
    const authors = ['Lovelace, Ada', 'Martin Luther King Jr.', 'King, Martin Luther, Jr.', 'Maria dos Santos', 'Plato'];
    const [item] = JSON.parse(toCslJson([citationOf(paper('2503.00002', { authors }))])) as CslItem[];
    expect(item!.author).toEqual([
      { family: 'Lovelace', given: 'Ada' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
      { family: 'dos Santos', given: 'Maria' },
      { family: 'Plato' },
    ]);
  });
});
