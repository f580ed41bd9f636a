/** An offline backfill's days left unfetched are one line, not one each (2,192 of them for six years). */
import { describe, expect, it } from 'vitest';
import { failureLines } from '../../../src/cli/ingest-failure-lines.js';

const NOT_FETCHED = 'not fetched: host huggingface.co not found — is the network up?';
const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-01-${String(from + i).padStart(2, '0')}`);

describe('failureLines', () => {
  it('keeps the first failure whole and says the days after it with the same reason in one line', () => {
    const units = days(1, 30);
    const failures = [
      { unit: units[0]!, error: 'host huggingface.co not found — is the network up?' },
      ...units.slice(1).map((unit) => ({ unit, error: NOT_FETCHED })),
    ];
    expect(failureLines(failures, units, 'hf')).toEqual([
      'failed 2026-01-01: host huggingface.co not found — is the network up?\n',
      `failed 2026-01-02 … 2026-01-30 (29 days): ${NOT_FETCHED}\n`,
    ]);
  });

  it('does not join days a day that succeeded stands between, nor days that failed for other reasons', () => {
    const units = days(1, 7);
    const failures = [
      { unit: '2026-01-01', error: NOT_FETCHED },
      { unit: '2026-01-02', error: NOT_FETCHED },
      { unit: '2026-01-03', error: NOT_FETCHED },
      // 2026-01-04 succeeded
      { unit: '2026-01-05', error: NOT_FETCHED },
      { unit: '2026-01-06', error: 'HTTP 500' },
      { unit: '2026-01-07', error: NOT_FETCHED },
    ];
    expect(failureLines(failures, units, 'arxiv')).toEqual([
      `failed 2026-01-01 … 2026-01-03 (3 days): ${NOT_FETCHED}\n`,
      `failed 2026-01-05: ${NOT_FETCHED}\n`,
      'failed 2026-01-06: HTTP 500\n',
      `failed 2026-01-07: ${NOT_FETCHED}\n`,
    ]);
  });

  it('names every feed and file: their names are what a person needs, whatever the reason', () => {
    const units = ['https://a.example/1', 'https://a.example/2', 'https://a.example/3'];
    const failures = units.map((unit) => ({ unit, error: 'not fetched: host a.example not found — is the network up?' }));
    expect(failureLines(failures, units, 'feed')).toEqual(failures.map((f) => `failed ${f.unit}: ${f.error}\n`));
  });

  it('keeps a failure that is no unit of the run (its record) on its own line', () => {
    const units = days(1, 3);
    const failures = [...units.map((unit) => ({ unit, error: NOT_FETCHED })), { unit: 'ingest run record', error: 'database is locked' }];
    expect(failureLines(failures, units, 'hf')).toEqual([`failed 2026-01-01 … 2026-01-03 (3 days): ${NOT_FETCHED}\n`, 'failed ingest run record: database is locked\n']);
  });
});
