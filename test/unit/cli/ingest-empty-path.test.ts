/** `paperboy ingest ""` (an unset "$FILE" in a script) is a usage error, not a failed run. */
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
