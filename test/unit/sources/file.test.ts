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
    const [unit] = source.units({ from: 'x', to: 'x', filePath: join(FIXTURES, 'nope.jsonl') });
    await expect(source.fetchUnit(unit!)).rejects.toThrow(SourceError);
    await expect(source.fetchUnit(unit!)).rejects.toThrow(/no such file/);
  });

  it('reads from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-file-'));
    const path = join(dir, 'p.json');
    writeFileSync(path, JSON.stringify([{ arxivId: 'arXiv:2411.00009', title: 'T', authors: [{ name: 'N' }] }]));
    const source = createFileSource();
    const papers = await source.fetchUnit(source.units({ from: 'x', to: 'x', filePath: path })[0]!);
    expect(papers).toMatchObject([{ arxivId: '2411.00009', authors: ['N'] }]);
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
    const papers = await source.fetchUnit(source.units({ from: 'x', to: 'x', filePath: path })[0]!);
    expect(papers).toMatchObject([{ title: 'Post one', abstract: 'Hello.', absUrl: 'https://lab.example.org/p/1' }]);
  });

  it('reads a saved JSON Feed whose "version" comes after the first 4 KB (keys sorted, pretty-printed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-jsonfeed-sorted-'));
    const path = join(dir, 'sorted.json');
    const items = Array.from({ length: 40 }, (_, i) => ({ content_text: `Post ${i} ${'text '.repeat(20)}`, id: String(i), title: `Post ${i}`, url: `https://lab.example.org/p/${i}` }));
    writeFileSync(path, JSON.stringify({ home_page_url: 'https://lab.example.org/', items, title: 'Lab', version: 'https://jsonfeed.org/version/1.1' }, null, 2));
    const source = createFileSource();
    expect(await source.fetchUnit(source.units({ from: 'x', to: 'x', filePath: path })[0]!)).toHaveLength(40);
  });
});
