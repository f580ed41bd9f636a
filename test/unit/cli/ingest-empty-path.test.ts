/** `paperboy ingest ""` or `--feed ""` (an unset "$FILE" or "$FEED" in a script) is a usage error, not a run. */
import { describe, expect, it } from 'vitest';
import { parseIngestOptions } from '../../../src/cli/commands/ingest.js';

const today = new Date('2026-11-27T12:00:00Z');

describe('ingest with an empty file path', () => {
  it.each([
    [{ inputs: [''] }],
    [{ inputs: ['papers.jsonl', '  '] }],
    [{ file: [''] }],
    [{ source: 'file' as const, file: ['papers.jsonl', ''] }],
  ])('%j is refused before anything is opened', (opts) => {
    expect(parseIngestOptions(opts, today)).toEqual({ ok: false, error: 'an empty file path names no file (an unset variable in a script?)' });
  });

  it('a real path is still a file', () => {
    expect(parseIngestOptions({ inputs: ['papers.jsonl'] }, today)).toMatchObject({ ok: true, source: 'file', request: { filePaths: ['papers.jsonl'] } });
  });
});

describe('ingest with an empty feed address', () => {
  it.each([[{ feed: [''] }], [{ source: 'feed' as const, feed: ['https://example.org/feed.xml', ''] }]])('%j is refused, not fetched as a feed that "held no entries"', (opts) => {
    expect(parseIngestOptions(opts, today)).toEqual({ ok: false, error: '--feed: "" is not an http(s) URL' });
  });
});
