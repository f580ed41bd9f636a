import { describe, expect, it } from 'vitest';
import { mergePaper, normalizeInput, paperFromInput, samePaperContent } from '../../../src/core/papers/merge.js';
import { cleanText, parseArxivId } from '../../../src/core/papers/normalize.js';
import { truncate } from '../../../src/core/truncate.js';

const t0 = new Date('2026-11-01T00:00:00Z');
const t1 = new Date('2026-11-02T00:00:00Z');

describe('parseArxivId', () => {
  it.each([
    ['2411.04965', '2411.04965', null],
    ['2411.04965v3', '2411.04965', 3],
    ['http://arxiv.org/abs/2411.04965v2', '2411.04965', 2],
    ['https://arxiv.org/pdf/2411.04965v1.pdf', '2411.04965', 1],
    ['oai:arXiv.org:2508.13426v1', '2508.13426', 1],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    // As newsletters and aggregators link papers.
    ['https://arxiv.org/abs/2602.17602?utm_source=newsletter&utm_medium=rss', '2602.17602', null],
    ['https://arxiv.org/html/2602.17602v1', '2602.17602', 1],
    ['https://arxiv.org/html/2602.17602v1/#S2', '2602.17602', 1],
    ['https://arxiv.org/abs/2401.00012/', '2401.00012', null],
    ['https://arxiv.org/abs/2401.00012#comments', '2401.00012', null],
    ['https://doi.org/10.48550/arXiv.2401.00017', '2401.00017', null],
    ['https://huggingface.co/papers/2401.00001', '2401.00001', null],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 2],
    // arXiv's other hosts: its new browse pages and arXiv Labs' HTML renderings (ar5iv).
    ['https://browse.arxiv.org/abs/2401.00013v2', '2401.00013', 2],
    ['https://ar5iv.labs.arxiv.org/html/2401.00014', '2401.00014', null],
    ['https://ar5iv.org/abs/2401.00015', '2401.00015', null],
  ])('%s', (raw, id, version) => {
    expect(parseArxivId(raw)).toEqual({ id, version });
  });
  it('rejects non-arXiv ids', () => {
    expect(parseArxivId('not-an-id')).toBeNull();
    expect(parseArxivId('https://example.com/abs/2411.04965')).toBeNull();
    expect(parseArxivId('https://notarxiv.org/abs/2411.04965')).toBeNull();
  });
});

describe('cleanText', () => {
  it('removes control and bidi-override characters and collapses whitespace', () => {
    expect(cleanText('  a\u0000b\u202Ec \n\t d ')).toBe('abc d');
  });
  it('removes a terminal escape sequence whole, not only its ESC', () => {
    expect(cleanText('Speculative \u001b[31mdecoding\u001b[0m')).toBe('Speculative decoding');
    expect(cleanText('a \u001b]8;;https://x.example\u0007link\u001b]8;;\u0007 b \u009b1mc')).toBe('a link b c');
    // Brackets without an ESC are text.
    expect(cleanText('[31m] results')).toBe('[31m] results');
  });
  it.each([
    ['already clean text', 'already clean text'],
    ['a\tb', 'a b'],
    ['a\nb', 'a b'],
    [' a', 'a'],
    ['a ', 'a'],
    ['a  b', 'a b'],
    ['a\u00A0b', 'a b'],
    ['a\u0007b', 'ab'],
    ['a\u2066b', 'ab'],
  ])('cleans %j to %j whether or not it looks clean at a glance', (input, out) => {
    expect(cleanText(input)).toBe(out);
  });
  it('truncates long text without splitting surrogate pairs, counting UTF-16 units as the platforms do', () => {
    const s = '😀'.repeat(10);
    const out = truncate(s, 5);
    expect(out).toBe('😀😀…');
    expect(cleanText(s, 5)).toBe(out);
  });
  it('bounds a 10,000-character title', () => {
    const p = paperFromInput({ arxivId: '2401.00001', source: 'file', title: 'x'.repeat(10_000) }, t0);
    expect(p.title.length).toBeLessThanOrEqual(1_000);
  });
});

describe('normalizeInput', () => {
  it('keeps two authors of the same name (a large collaboration has them) but drops a repeated category', () => {
    const out = normalizeInput({ arxivId: '2401.00001', source: 'hf', title: 't', authors: ['Yu Sun', 'Ada Lovelace', 'Yu Sun'], categories: ['cs.CL', 'cs.CL'] });
    expect(out.authors).toEqual(['Yu Sun', 'Ada Lovelace', 'Yu Sun']);
    expect(out.categories).toEqual(['cs.CL']);
  });
});

describe('mergePaper', () => {
  const base = paperFromInput(
    { arxivId: '2401.00001', source: 'arxiv', version: 1, title: 'Old title', abstract: 'old', authors: ['A'], categories: ['cs.CL'] },
    t0,
  );

  it('a mention (a post linking to the paper) fills empty fields and never replaces the paper\'s own text', () => {
    const post = { arxivId: '2401.00001', source: 'feed' as const, version: null, title: 'Paper of the week', abstract: 'Hot takes.', authors: ['Blogger'], mention: true };
    expect(mergePaper(base, post, t1)).toMatchObject({ title: 'Old title', abstract: 'old', authors: ['A'], sources: ['arxiv', 'feed'] });
    const bare = { ...base, abstract: '', authors: [] };
    expect(mergePaper(bare, post, t1)).toMatchObject({ title: 'Old title', abstract: 'Hot takes.', authors: ['Blogger'] });
    // The paper's own source, later, replaces what a mention filled in...
    const fromPost = paperFromInput(post, t0);
    expect(mergePaper(fromPost, { arxivId: '2401.00001', source: 'hf', title: 'The real title', abstract: 'Real.' }, t1)).toMatchObject({ title: 'The real title', abstract: 'Real.' });
    // ...even when the post linked to a version (Hugging Face gives none), and a mention never raises the version.
    const versioned = paperFromInput({ ...post, version: 2 }, t0);
    expect(versioned.version).toBeNull();
    expect(mergePaper(versioned, { arxivId: '2401.00001', source: 'hf', title: 'The real title' }, t1)).toMatchObject({ title: 'The real title', version: null });
    expect(mergePaper(base, { ...post, version: 7 }, t1).version).toBe(1);
  });

  it('takes the newest version text and keeps first-seen', () => {
    const merged = mergePaper(base, { arxivId: '2401.00001', source: 'rss', version: 2, title: 'New title', abstract: 'new' }, t1);
    expect(merged.title).toBe('New title');
    expect(merged.version).toBe(2);
    expect(merged.firstSeenAt).toEqual(t0);
    expect(merged.updatedAt).toEqual(t1);
    expect(merged.sources).toEqual(['arxiv', 'rss']);
  });

  it('does not let an older version overwrite newer text', () => {
    const v2 = mergePaper(base, { arxivId: '2401.00001', source: 'arxiv', version: 2, title: 'V2' }, t1);
    const back = mergePaper(v2, { arxivId: '2401.00001', source: 'arxiv', version: 1, title: 'V1 again' }, t1);
    expect(back.title).toBe('V2');
  });

  it('takes popularity from Hugging Face and categories from arXiv', () => {
    const hf = mergePaper(base, { arxivId: '2401.00001', source: 'hf', title: 'Old title', upvotes: 12, aiKeywords: ['codec'], categories: ['hf-cat'] }, t1);
    expect(hf.upvotes).toBe(12);
    expect(hf.aiKeywords).toEqual(['codec']);
    expect(hf.categories).toEqual(['cs.CL']);
    const again = mergePaper(hf, { arxivId: '2401.00001', source: 'file', title: 'Old title', upvotes: 1 }, t1);
    expect(again.upvotes).toBe(12);
  });

  it('reports an identical input as unchanged', () => {
    const same = mergePaper(base, { arxivId: '2401.00001', source: 'arxiv', version: 1, title: 'Old title', abstract: 'old', authors: ['A'], categories: ['cs.CL'] }, t1);
    expect(samePaperContent(base, same)).toBe(true);
    expect(same.updatedAt).toEqual(t0);
  });

  describe('the address: kept once stored, but a page replaces a PDF, never the other way', () => {
    const stored = (absUrl: string, arxivId = 'feed:0a1b') => paperFromInput({ arxivId, source: 'feed', title: 'A paper', absUrl, pdfUrl: null }, t0);
    const seen = (p: ReturnType<typeof stored>, absUrl: string) => mergePaper(p, { arxivId: p.arxivId, source: 'feed', title: 'A paper', absUrl, pdfUrl: null }, t1);

    it('a stored PDF takes the page the source now gives, under the same id', () => {
      const merged = seen(stored('https://journal.example.org/articles/17.pdf'), 'https://journal.example.org/articles/17');
      expect(merged).toMatchObject({ arxivId: 'feed:0a1b', absUrl: 'https://journal.example.org/articles/17', updatedAt: t1 });
      expect(seen(stored('https://journal.example.org/files/17.PDF?download=1'), 'https://journal.example.org/articles/17.html').absUrl).toBe('https://journal.example.org/articles/17.html');
      // arXiv's PDF addresses carry no extension.
      expect(seen(stored('https://arxiv.org/pdf/2401.00001v2', '2401.00001'), 'https://arxiv.org/abs/2401.00001').absUrl).toBe('https://arxiv.org/abs/2401.00001');
    });

    it('the PDF a page replaced stays as the paper\'s PDF link, unless it has one', () => {
      expect(seen(stored('https://journal.example.org/articles/17.pdf'), 'https://journal.example.org/articles/17').pdfUrl).toBe('https://journal.example.org/articles/17.pdf');
      const withPdf = mergePaper({ ...stored('https://journal.example.org/articles/17.pdf'), pdfUrl: 'https://cdn.example.net/17.pdf' }, { arxivId: 'feed:0a1b', source: 'feed', title: 'A paper', absUrl: 'https://journal.example.org/articles/17', pdfUrl: null }, t1);
      expect(withPdf.pdfUrl).toBe('https://cdn.example.net/17.pdf');
      expect(seen(stored('https://journal.example.org/articles/17'), 'https://journal.example.org/articles/17.pdf').pdfUrl).toBeNull();
    });

    it('a stored page is never replaced: not by a PDF, not by another page', () => {
      expect(seen(stored('https://journal.example.org/articles/17'), 'https://journal.example.org/articles/17.pdf').absUrl).toBe('https://journal.example.org/articles/17');
      const other = seen(stored('https://journal.example.org/articles/17'), 'https://mirror.example.net/17');
      expect(other.absUrl).toBe('https://journal.example.org/articles/17');
      expect(other.updatedAt).toEqual(t0);
    });

    it('a stored PDF stays for another file (an enclosure, a feed document) or another PDF', () => {
      for (const file of ['https://pod.example.org/ep17.mp3', 'https://journal.example.org/entries/17.atom', 'https://journal.example.org/articles/17-v2.pdf']) {
        expect(seen(stored('https://journal.example.org/articles/17.pdf'), file).absUrl, file).toBe('https://journal.example.org/articles/17.pdf');
      }
    });
  });

  it('never erases a filled abstract with an empty one', () => {
    const merged = mergePaper(base, { arxivId: '2401.00001', source: 'hf', version: 1, title: 'Old title', abstract: '' }, t1);
    expect(merged.abstract).toBe('old');
  });
  it("keeps a DOI once stored; only the paper's arXiv record replaces it, and a mention never gives one", () => {
    const journal = { arxivId: 'feed:abc', source: 'feed' as const, title: 'An article', doi: '10.1021/jacs.5c22299' };
    expect(paperFromInput(journal, t0).doi).toBe('10.1021/jacs.5c22299');
    expect(paperFromInput({ ...journal, mention: true }, t0).doi).toBeNull();
    const stored = paperFromInput(journal, t0);
    expect(mergePaper(stored, { ...journal, doi: '10.1021/other' }, t1).doi).toBe('10.1021/jacs.5c22299');
    expect(mergePaper(stored, { arxivId: 'feed:abc', source: 'feed', title: 'An article' }, t1).doi).toBe('10.1021/jacs.5c22299');
    expect(mergePaper(base, { arxivId: '2401.00001', source: 'file', title: 'Old title', doi: '10.1103/x.1' }, t1).doi).toBe('10.1103/x.1');
    const published = { ...base, doi: '10.1103/x.1' };
    expect(mergePaper(published, { arxivId: '2401.00001', source: 'arxiv', version: 1, title: 'Old title', doi: '10.1103/x.2' }, t1).doi).toBe('10.1103/x.2');
    expect(mergePaper(base, { arxivId: '2401.00001', source: 'feed', title: 'A post', doi: '10.5555/blog', mention: true }, t1).doi).toBeNull();
    // A DOI learnt is a change: the row is written.
    expect(samePaperContent(base, { ...base, doi: '10.1103/x.1' })).toBe(false);
  });
});
