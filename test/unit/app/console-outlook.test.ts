import { describe, expect, it } from 'vitest';
import { consoleOutlook, untilText } from '../../../src/app/console-outlook.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { target } from '../digest/fixtures.js';

describe('untilText', () => {
  it('says how long until a moment in days, hours and minutes', () => {
    const min = 60_000;
    expect(untilText(529 * min + 30_000)).toBe('in 8 h 49 min');
    expect(untilText(12 * min)).toBe('in 12 min');
    expect(untilText(120 * min)).toBe('in 2 h');
    expect(untilText((3 * 1440 + 125) * min)).toBe('in 3 d 2 h');
    expect(untilText(20_000)).toBe('in under a minute');
  });
});

describe('consoleOutlook', () => {
  // The newcomer's first start: 48 papers ingested from the sample just before, after Sunday's slot.
  const NOW = new Date('2026-12-07T00:11:00Z');
  const papers = Array.from({ length: 3 }, (_, i) => ({ arxivId: `2612.0000${i}`, source: 'file' as const, title: `paper ${i}`, abstract: 'An abstract.' }));

  it('says when the console digest comes, what waits for it, and how to print one now', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(papers, new Date('2026-12-07T00:10:00Z'));
    // Stored before Sunday's slot: the day that window covers, not the next digest's.
    await stores.papers.upsertMany([{ arxivId: '2612.00009', source: 'file', title: 'older', abstract: 'An abstract.' }], new Date('2026-12-06T08:00:00Z'));
    await stores.targets.upsert(target('console', { notifyEmpty: true }));
    expect(await consoleOutlook(stores, NOW)).toBe(
      'next console digest: Mon 2026-12-07 09:00 UTC, in 8 h 49 min; 3 papers stored since Sun 2026-12-06 09:00 UTC wait for it (those matching its topics are printed);' +
        ' the one for the period ending Sun 2026-12-06 09:00 UTC is made now, printed if it has papers. To print one now: npm run paperboy -- digest --target console',
    );
  });

  it('counts from the last digest once there was one', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(papers, new Date('2026-12-07T00:10:00Z'));
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-12-07T00:05:00Z') }));
    expect(await consoleOutlook(stores, NOW)).toBe(
      'next console digest: Mon 2026-12-07 09:00 UTC, in 8 h 49 min; 3 papers stored since Mon 2026-12-07 00:05 UTC wait for it (those matching its topics are printed). To print one now: npm run paperboy -- digest --target console',
    );
  });

  it('counts the papers waiting as the CLI and the digest notes do: thousands separated', async () => {
    const stores = createMemoryStores();
    await stores.targets.upsert(target('console', { notifyEmpty: true, lastDigestAt: new Date('2026-12-07T00:05:00Z') }));
    // A backfill's worth stored since: counted by the store, here a store that has that many.
    const papers = { count: async () => 2193 } as unknown as typeof stores.papers;
    expect(await consoleOutlook({ targets: stores.targets, papers }, NOW)).toContain('; 2,193 papers stored since Mon 2026-12-07 00:05 UTC wait for it');
  });

  it('says nothing without a console target', async () => {
    expect(await consoleOutlook(createMemoryStores(), NOW)).toBeNull();
  });
});
