import { describe, expect, it } from 'vitest';
import { describeSummary, emptyFilesNote, unitName, type IngestSummary } from '../../../jobs/ingest.js';

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
  it('separates thousands in every count it says, as describeCounts does ("3,000 new")', () => {
    const failures = Array.from({ length: 2193 }, (_, i) => ({ unit: `day ${i}`, error: 'HTTP 503' }));
    expect(describeSummary(summary({ source: 'hf', window: 'w', units: 2193, failures }))).toBe('hf w: failed (2,193 of 2,193 failed, nothing ingested)');
    const some = failures.slice(0, 1500);
    expect(describeSummary(summary({ source: 'hf', window: 'w', units: 2193, created: 3000, identical: 1200, failures: some }))).toBe(
      'hf w: 3,000 new, 0 updated, 0 unchanged; 1,200 of 2,193 identical to the last successful run, not re-read; 1,500 of 2,193 failed',
    );
    expect(describeSummary(summary({ source: 'hf', window: 'w', units: 1200, identical: 1200, unchanged: 4500, failures: [] }))).toBe(
      'hf w: nothing changed: input identical to the last successful run (4,500 unchanged)',
    );
    const drops = [{ unit: 'f.json', count: 1234, reasons: ['entry 1: no title'] }];
    expect(describeSummary(summary({ source: 'file', window: 'now', units: 1, created: 5, dropped: 1234, drops, failures: [] }))).toBe(
      'file now: 5 new, 0 updated, 0 unchanged; 1,234 entries left out (entry 1: no title; and 1,231 more)',
    );
  });

  // A month of Hugging Face days asked again, most answered 304: one line per day made the summary
  // a page long, where the digest check it stands in for counted them ("28 of 30 identical").
  it('counts the units a server said were not modified when there are several; one is said in full', () => {
    const note = (unit: string) => ({ unit, note: `not modified since Fri, 27 Nov 2026 10:00:00 GMT (HTTP 304 for each of its 2 pages): not re-read`, notModified: true as const });
    const cut = { unit: '2026-11-03', note: 'the feed is cut short after entry 4 (entries 1 to 4 were read; nothing after could be)' };
    const days = ['2026-11-01', '2026-11-02', '2026-11-04'].map(note);
    expect(describeSummary(summary({ source: 'hf', window: 'w', units: 4, unchanged: 12, created: 1, notes: [...days, cut], failures: [] }))).toBe(
      'hf w: 1 new, 0 updated, 12 unchanged; 2026-11-03: the feed is cut short after entry 4 (entries 1 to 4 were read; nothing after could be); 3 of 4 not modified since their last whole read (HTTP 304), not re-read',
    );
    expect(describeSummary(summary({ source: 'hf', window: 'w', units: 3, unchanged: 12, notes: days, failures: [] }))).toBe('hf w: nothing changed (12 unchanged); 3 of 3 not modified since their last whole read (HTTP 304), not re-read');
    expect(describeSummary(summary({ source: 'hf', window: 'w', units: 2, unchanged: 4, notes: days.slice(0, 1), failures: [] }))).toBe(
      'hf w: nothing changed (4 unchanged); 2026-11-01: not modified since Fri, 27 Nov 2026 10:00:00 GMT (HTTP 304 for each of its 2 pages): not re-read',
    );
  });

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

describe('entries left out of one of several feeds', () => {
  const ok = { status: 'succeeded' as const, failed: 0, created: 5 };
  const reasons = ['entry 2 "Trap": <link>javascript:alert(1)</link> is not an http(s) address'];

  it('name the feed they came from, even when the other feed left nothing out', () => {
    const s = summary({ ...ok, window: 'https://blog.example.org/feed/ https://www.lab.example.com/news.atom', units: 2, dropped: 1, drops: [{ unit: 'https://www.lab.example.com/news.atom', count: 1, reasons }] });
    expect(describeSummary(s)).toBe(
      'feed https://blog.example.org/feed/ https://www.lab.example.com/news.atom: 5 new, 0 updated, 0 unchanged; 1 entry left out (lab.example.com/news.atom entry 2 "Trap": <link>javascript:alert(1)</link> is not an http(s) address)',
    );
  });

  it('with a single feed the summary line names it already', () => {
    const s = summary({ ...ok, window: 'https://lab.example.com/news.atom', units: 1, dropped: 1, drops: [{ unit: 'https://lab.example.com/news.atom', count: 1, reasons }] });
    expect(describeSummary(s)).toBe('feed https://lab.example.com/news.atom: 5 new, 0 updated, 0 unchanged; 1 entry left out (entry 2 "Trap": <link>javascript:alert(1)</link> is not an http(s) address)');
  });

  it('two addresses that shorten alike are said in full', () => {
    const drops = ['http://lab.example.com/feed', 'https://lab.example.com/feed/'].map((unit) => ({ unit, count: 1, reasons: ['entry 1: no <link> and no <guid>'] }));
    expect(describeSummary(summary({ ...ok, window: 'w', units: 2, dropped: 2, drops }))).toContain('(http://lab.example.com/feed entry 1: no <link> and no <guid>; https://lab.example.com/feed/ entry 1: no <link> and no <guid>)');
  });
});

describe('unitName', () => {
  it('a feed address without scheme, www. or trailing slash; a long one keeps its host and its end', () => {
    expect(unitName('https://www.blog.example.org/feed/')).toBe('blog.example.org/feed');
    expect(unitName('https://blog.example.org/feed.xml?tag=speech')).toBe('blog.example.org/feed.xml?tag=speech');
    const long = 'https://speechlab.example.org/research/publications/2025/category/speech-coding/feed/';
    expect(unitName(long)).toBe('speechlab.example.org/…/2025/category/speech-coding/feed');
    expect(unitName(long).length).toBeLessThanOrEqual(62);
  });

  it('days and file paths as given', () => {
    expect(unitName('2026-10-02')).toBe('2026-10-02');
    expect(unitName('exports/saved-feed.xml')).toBe('exports/saved-feed.xml');
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
