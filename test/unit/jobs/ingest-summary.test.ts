import { describe, expect, it } from 'vitest';
import { describeSummary, emptyFilesNote, type IngestSummary } from '../../../jobs/ingest.js';

const summary = (over: Partial<IngestSummary>): IngestSummary => ({
  runId: 'r',
  source: 'feed',
  window: 'now',
  status: 'failed',
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  dropped: 0,
  drops: [],
  notes: [],
  failed: 1,
  units: 1,
  identical: 0,
  failures: [],
  ...over,
});

describe('describeSummary', () => {
  it('counts a failure whose text says "aborted" as failed: only the run marks interrupted units', () => {
    const failures = [{ unit: 'https://news.example/aborted-missions.rss', error: 'HTTP 404 Not Found from https://news.example/aborted-missions.rss' }];
    expect(describeSummary(summary({ failures }))).toBe('feed now: failed (1 of 1 failed, nothing ingested)');
  });

  it('counts the units a Ctrl-C left undone apart from the ones that failed', () => {
    const failures = [
      { unit: '2026-10-02', error: 'HTTP 503' },
      { unit: '2026-10-03', error: 'not fetched: ingest was interrupted', interrupted: true as const },
      { unit: '2026-10-04', error: 'not fetched: ingest was interrupted', interrupted: true as const },
    ];
    expect(describeSummary(summary({ source: 'hf', window: '2026-10-01..2026-10-04', units: 4, created: 3, failures }))).toBe(
      'hf 2026-10-01..2026-10-04: 3 new, 0 updated, 0 unchanged; 1 of 4 failed; 2 of 4 not done (interrupted)',
    );
  });
});

describe('emptyFilesNote', () => {
  const ok = { failed: 0, status: 'succeeded' as const };
  it('says a file that gave no paper "held no entries", as an empty feed is described', () => {
    expect(emptyFilesNote(summary(ok), ['a.json', 'b.json'])).toBe('a.json, b.json held no entries');
    expect(emptyFilesNote(summary({ ...ok, dropped: 2 }), ['a.json'])).toBe('a.json held no entries that could be used');
  });

  it('says nothing of a file that gave papers, or that failed (its failure says why)', () => {
    expect(emptyFilesNote(summary({ ...ok, unchanged: 1 }), ['a.json'])).toBeNull();
    expect(emptyFilesNote(summary({ failures: [{ unit: 'a.json', error: 'no such file' }] }), ['a.json'])).toBeNull();
  });
});
