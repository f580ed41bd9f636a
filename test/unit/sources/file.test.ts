import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSource, parseFileBody } from '../../../src/sources/file.js';
import { feedItemId } from '../../../src/sources/feed.js';
import { ParseError, SourceError } from '../../../src/net/errors.js';
import { FIXTURES, fixture } from './fixtures.js';

describe('local file source', () => {
  it('reads JSONL with plain and HF-shaped records', () => {
    const papers = parseFileBody(fixture('papers.jsonl'));
    expect(papers.map((p) => p.arxivId)).toEqual(['2411.04965', '2411.05001', feedItemId('https://blog.example.org/post')]);
    expect(papers[0]).toMatchObject({ source: 'file', version: 2, abstract: 'Plain-shape record.', authors: ['Hongyu Wang', 'Furu Wei'], categories: ['cs.CL'], upvotes: 5 });
    expect(papers[1]).toMatchObject({ source: 'file', title: 'From the HF shape', upvotes: 7, commentCount: 2 });
    expect(papers[2]).toMatchObject({ authors: ['A. Person', 'B. Person'], absUrl: 'https://blog.example.org/post' });
  });

  it('reads a JSON array in the HF shape (skipping withdrawn)', () => {
    const papers = parseFileBody(fixture('hf-daily-papers.json'));
    expect(papers.map((p) => p.arxivId)).toEqual(['2411.04965', '2411.05001']);
  });

  it('fails the whole file on a malformed line, naming it', () => {
    const body = '{"id":"2411.00001","title":"ok"}\n{"id":"2411.00002","title":\n';
    expect(() => parseFileBody(body)).toThrow(/^1 malformed JSONL line\(s\): line 2/);
  });

  it('fails on invalid records with their position', () => {
    expect(() => parseFileBody('[{"title":"no id"},{"id":"2411.00001"}]')).toThrow(/2 invalid record\(s\): item 0: .*needs an id.*item 1: title/);
  });

  it('fails on a truncated JSON array', () => {
    expect(() => parseFileBody('[{"id":"2411.00001","title":"ok"},')).toThrow(ParseError);
  });

  it('reports a missing file clearly', async () => {
    const source = createFileSource();
    const [unit] = source.units({ from: 'x', to: 'x', filePaths: [join(FIXTURES, 'nope.jsonl')] });
    await expect(source.fetchUnit(unit!)).rejects.toThrow(SourceError);
    await expect(source.fetchUnit(unit!)).rejects.toThrow(/no such file/);
  });

  it('reads from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-file-'));
    const path = join(dir, 'p.json');
    writeFileSync(path, JSON.stringify([{ arxivId: 'arXiv:2411.00009', title: 'T', authors: [{ name: 'N' }] }]));
    const source = createFileSource();
    const papers = await source.fetchUnit(source.units({ from: 'x', to: 'x', filePaths: [path] })[0]!);
    expect(papers).toMatchObject([{ arxivId: '2411.00009', authors: ['N'] }]);
  });
});

describe('a file that is one JSON object', () => {
  const record = (id: string) => ({ id, title: `Paper ${id}`, abstract: 'A study.', authors: ['A. Author'] });
  const ingestFile = async (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'pb-object-')), name);
    writeFileSync(path, text);
    const source = createFileSource();
    return source.fetchUnit(source.units({ from: 'x', to: 'x', filePaths: [path] })[0]!);
  };

  it('reads the records under its "papers" key, pretty-printed or on one line, and ignores its other keys', async () => {
    const wrapped = { topics: { 'token compression': { relevant: ['2607.10667'] } }, papers: [record('2607.10667'), record('2607.10700')] };
    for (const text of [JSON.stringify(wrapped, null, 2), JSON.stringify(wrapped)]) {
      expect((await ingestFile('dev-papers.json', text)).map((p) => p.arxivId)).toEqual(['2607.10667', '2607.10700']);
    }
    expect(await ingestFile('none.json', '{"papers": []}')).toEqual([]);
    expect(() => parseFileBody(JSON.stringify({ papers: [record('2607.10667'), { id: '2607.10700' }] }, null, 2))).toThrow(/^1 invalid record\(s\): papers\[1\]: title/);
  });

  it('refuses any other object naming its top-level keys and which hold arrays', async () => {
    const other = JSON.stringify({ meta: { version: 1 }, data: [record('2607.10667')], items: [] }, null, 2);
    await expect(ingestFile('export.json', other)).rejects.toThrow(
      /^the file is one JSON object, not papers: its top-level keys are "meta", "data" and "items"; "data" and "items" hold arrays\. Give the papers as a JSON array, as JSONL \(one record a line\), or as an object's "papers" array$/,
    );
    await expect(ingestFile('meta.json', '{"meta": {"version": 1}}')).rejects.toThrow(/its top-level keys are "meta"; none holds an array/);
  });

  it('says a pretty-printed object cut short is malformed JSON, not thousands of malformed JSONL lines', () => {
    const cut = JSON.stringify({ papers: [record('2607.10667'), record('2607.10700')] }, null, 2).slice(0, 120);
    expect(() => parseFileBody(cut)).toThrow(/^malformed or truncated JSON object: /);
  });

  it('still reads JSONL, of one line too, and a pretty-printed record as one record', async () => {
    expect((await ingestFile('one.jsonl', JSON.stringify(record('2607.10667')))).map((p) => p.arxivId)).toEqual(['2607.10667']);
    expect((await ingestFile('two.jsonl', [record('2607.10667'), record('2607.10700')].map((r) => JSON.stringify(r)).join('\n'))).map((p) => p.arxivId)).toEqual(['2607.10667', '2607.10700']);
    expect((await ingestFile('record.json', JSON.stringify(record('2607.10667'), null, 2))).map((p) => p.arxivId)).toEqual(['2607.10667']);
    // A one-line record with a mistake is still said as JSONL's line 1.
    await expect(ingestFile('bad.jsonl', '{"id": "2607.10667"}')).rejects.toThrow(/^1 invalid record\(s\): line 1: title: expected a string/);
  });
});

describe("arXiv's bulk metadata snapshot (arxiv-metadata-oai-snapshot.json, one record a line)", () => {
  // Two records in the snapshot's own shape: authors as one TeX string, categories as one
  // space-separated string, dates only in `versions`, the title and abstract wrapped.
  const snapshot = [
    {
      id: '0704.0001',
      submitter: 'Pavel Nadolsky',
      authors: "C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan",
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and\n  LHC energies',
      comments: '37 pages, 15 figures; published version',
      'journal-ref': 'Phys.Rev.D76:013009,2007',
      doi: '10.1103/PhysRevD.76.013009',
      'report-no': 'ANL-HEP-PR-07-12',
      categories: 'hep-ph',
      license: null,
      abstract: '  A fully differential calculation in perturbative quantum chromodynamics is\npresented for the production of massive photon pairs at hadron colliders.\n',
      versions: [
        { version: 'v1', created: 'Mon, 2 Apr 2007 19:18:42 GMT' },
        { version: 'v2', created: 'Tue, 24 Jul 2007 20:10:27 GMT' },
      ],
      update_date: '2008-11-13',
      authors_parsed: [["Bal\\'azs", 'C.', ''], ['Berger', 'E. L.', '']],
    },
    { id: '2402.01234', authors: 'Jane Doe, Kurt G{\\"o}del and {\\L}ukasz Kaiser', title: 'Speculative Decoding', categories: 'cs.CL cs.LG', abstract: 'We study it.', versions: [{ version: 'v1', created: 'Fri, 2 Feb 2024 10:00:00 GMT' }], update_date: '2024-02-05' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');

  it('reads its authors, categories, first-version date and current version', () => {
    const [old, recent] = parseFileBody(snapshot);
    expect(old).toMatchObject({
      arxivId: '0704.0001',
      version: 2,
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
      categories: ['hep-ph'],
      publishedAt: new Date('2007-04-02T19:18:42Z'),
    });
    expect(recent).toMatchObject({ arxivId: '2402.01234', version: 1, authors: ['Jane Doe', 'Kurt Gödel', 'Łukasz Kaiser'], categories: ['cs.CL', 'cs.LG'], publishedAt: new Date('2024-02-02T10:00:00Z') });
  });

  it('takes the date field names other tools write, and still refuses a date it cannot read', () => {
    const [a, b, c] = parseFileBody(
      JSON.stringify([
        { arxiv_id: '2401.00001', title: 'A', published: '2024-01-03T00:00:00Z' },
        { id: '2401.00002', title: 'B', published_at: '2024-01-04' },
        // A date field of our own wins over the versions list.
        { id: '2401.00003', title: 'C', publishedAt: '2024-01-05', versions: [{ version: 'v1', created: 'Mon, 1 Jan 2024 00:00:00 GMT' }] },
      ]),
    );
    expect([a, b, c].map((p) => [p!.arxivId, p!.publishedAt?.toISOString().slice(0, 10)])).toEqual([
      ['2401.00001', '2024-01-03'],
      ['2401.00002', '2024-01-04'],
      ['2401.00003', '2024-01-05'],
    ]);
    expect(() => parseFileBody('[{"id":"2401.00004","title":"D","published":"last Tuesday"}]')).toThrow(/publishedAt\/announcedAt: not a date/);
  });

  it('reads a date without a zone as UTC whatever the host zone, an RFC 822 date, and a number of seconds or milliseconds', () => {
    const papers = parseFileBody(
      JSON.stringify([
        { id: '2401.00011', title: 'A', publishedAt: '2024-01-05T10:00:00' },
        { id: '2401.00012', title: 'B', publishedAt: 'Fri, 05 Jan 2024 10:00:00 CET' },
        { id: '2401.00013', title: 'C', publishedAt: 1704448800 },
        { id: '2401.00014', title: 'D', publishedAt: 1704448800000 },
      ]),
    );
    expect(papers.map((p) => p.publishedAt?.toISOString())).toEqual([
      '2024-01-05T10:00:00.000Z',
      '2024-01-05T09:00:00.000Z',
      '2024-01-05T10:00:00.000Z',
      '2024-01-05T10:00:00.000Z',
    ]);
  });
});

describe('file records with unsafe links', () => {
  it('keeps only http(s) links and rejects a non-arXiv record without one', () => {
    const [p] = parseFileBody(JSON.stringify([{ id: '2411.00001', title: 'T', githubRepo: 'javascript:alert(1)', projectPage: 'https://ok.example/p' }]));
    expect(p).toMatchObject({ projectPage: 'https://ok.example/p' });
    expect(p!.githubRepo).toBeUndefined();
    expect(() => parseFileBody('[{"id":"my-post","title":"T","url":"data:text/html,hi"}]')).toThrow(/not an http\(s\) link/);
  });

  it('reads a saved JSON Feed as --source feed reads one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-jsonfeed-'));
    const path = join(dir, 'feed.json');
    writeFileSync(path, JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Lab', home_page_url: 'https://lab.example.org/', items: [{ id: '1', url: '/p/1', title: 'Post one', content_text: 'Hello.' }] }, null, 2));
    const source = createFileSource();
    const papers = await source.fetchUnit(source.units({ from: 'x', to: 'x', filePaths: [path] })[0]!);
    expect(papers).toMatchObject([{ title: 'Post one', abstract: 'Hello.', absUrl: 'https://lab.example.org/p/1' }]);
  });

  it('reads a saved JSON Feed whose "version" comes after the first 4 KB (keys sorted, pretty-printed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-jsonfeed-sorted-'));
    const path = join(dir, 'sorted.json');
    const items = Array.from({ length: 40 }, (_, i) => ({ content_text: `Post ${i} ${'text '.repeat(20)}`, id: String(i), title: `Post ${i}`, url: `https://lab.example.org/p/${i}` }));
    writeFileSync(path, JSON.stringify({ home_page_url: 'https://lab.example.org/', items, title: 'Lab', version: 'https://jsonfeed.org/version/1.1' }, null, 2));
    const source = createFileSource();
    expect(await source.fetchUnit(source.units({ from: 'x', to: 'x', filePaths: [path] })[0]!)).toHaveLength(40);
  });
});

describe('a file that holds no papers in any form ingest reads', () => {
  const ingestFile = async (name: string, bytes: string | Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'pb-other-')), name);
    writeFileSync(path, bytes);
    const source = createFileSource();
    return source.fetchUnit(source.units({ from: 'x', to: 'x', filePaths: [path] })[0]!);
  };
  const FORMS = 'ingest reads a JSON array or object, JSONL (one JSON record a line) or a saved RSS/Atom/JSON feed';

  it('is named by what it starts with (a PDF, a spreadsheet, CSV), not as lines of malformed JSONL', async () => {
    // A downloaded paper and an export from a spreadsheet were "5 malformed JSONL line(s): line 1: Unexpected token '%' …".
    await expect(ingestFile('paper.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'))).rejects.toMatchObject({ message: `not a papers file: it starts "%PDF-1.4" (a PDF); ${FORMS}` });
    await expect(ingestFile('papers.xlsx', Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'))).rejects.toThrow(/^not a papers file: it starts "PK.*" \(a zip archive: a spreadsheet or document\?\); /);
    await expect(ingestFile('papers.csv', '\uFEFF\nid,title\n2401.00001,Hello\n')).rejects.toMatchObject({ message: `not a papers file: it starts "id,title"; ${FORMS}` });
  });

  it('keeps reading what starts as JSON, JSONL or a feed, mistakes and all', async () => {
    await expect(ingestFile('bad.jsonl', '{"id": "2607.10667", "title": "T"}\nnot json\n')).rejects.toThrow(/^1 malformed JSONL line\(s\): line 2/);
    expect(await ingestFile('empty.json', '  \n[]\n')).toEqual([]);
  });
});
