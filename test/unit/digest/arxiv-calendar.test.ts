import { describe, expect, it } from 'vitest';
import { renderConsoleParts } from '../../../src/chat/console/render.js';
import { createArxivCalendar } from '../../../src/core/digest/arxiv-calendar.js';
import { runDigests, type RunDigestsDeps } from '../../../src/core/digest/run-digests.js';
import { loadConfig } from '../../../src/config.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { keywordMatcher, noSleep, scriptedNotifier, sub, target, subscribe } from './fixtures.js';

describe("arXiv's announcement calendar", () => {
  const calendar = createArxivCalendar();

  it('announces Sunday to Thursday, not Friday, Saturday or a published holiday', () => {
    // The week of Thanksgiving 2023 (Thursday 23 November was an arXiv holiday).
    expect(['2023-11-19', '2023-11-20', '2023-11-21', '2023-11-22', '2023-11-23', '2023-11-24', '2023-11-25'].map((d) => calendar.announces(d))).toEqual([
      true,
      true,
      true,
      true,
      'holiday',
      'weekend',
      'weekend',
    ]);
  });

  it('announces at 20:00 US Eastern, summer (EDT) and winter (EST) alike', () => {
    expect(calendar.announcementsIn(new Date('2023-07-10T12:00:00Z'), new Date('2023-07-11T12:00:00Z'))).toEqual([new Date('2023-07-11T00:00:00Z')]);
    expect(calendar.announcementsIn(new Date('2023-11-20T12:00:00Z'), new Date('2023-11-21T12:00:00Z'))).toEqual([new Date('2023-11-21T01:00:00Z')]);
    // A whole week: five evenings, Sunday to Thursday.
    expect(calendar.announcementsIn(new Date('2023-10-01T00:00:00Z'), new Date('2023-10-08T00:00:00Z'))).toHaveLength(5);
  });

  it('says why a window had no announcement: weekend, holiday, or nothing when one fell in it', () => {
    const day = (iso: string) => [new Date(new Date(iso).getTime() - 86_400_000), new Date(iso)] as const;
    expect(calendar.silenceIn(...day('2023-11-22T09:00:00Z'))).toBeNull(); // Tuesday evening announced
    expect(calendar.silenceIn(...day('2023-11-24T09:00:00Z'))).toBe('holiday'); // Thanksgiving evening
    expect(calendar.silenceIn(...day('2023-11-25T09:00:00Z'))).toBe('weekend'); // Friday evening
    expect(calendar.silenceIn(...day('2023-11-26T09:00:00Z'))).toBe('weekend'); // Saturday evening
    expect(calendar.silenceIn(...day('2023-11-27T09:00:00Z'))).toBeNull(); // Sunday evening announced
    // A window with no 20:00 in it says nothing.
    expect(calendar.silenceIn(new Date('2023-11-25T10:00:00Z'), new Date('2023-11-25T11:00:00Z'))).toBeNull();
  });

  it('takes more holidays from configuration (PAPERBOY_ARXIV_HOLIDAYS), and refuses a malformed one', () => {
    const config = loadConfig({ PAPERBOY_ARXIV_HOLIDAYS: '2026-11-26, 2026-12-24' });
    expect(createArxivCalendar(config.PAPERBOY_ARXIV_HOLIDAYS).announces('2026-11-26')).toBe('holiday');
    expect(calendar.announces('2026-11-26')).toBe(true);
    expect(() => loadConfig({ PAPERBOY_ARXIV_HOLIDAYS: '26/11/2026' })).toThrow(/PAPERBOY_ARXIV_HOLIDAYS/);
  });
});

describe('daily digests around a weekend and an arXiv holiday', () => {
  it('a target that asked for empty digests gets one line saying why there is nothing, and papers again after Sunday', async () => {
    const stores = createMemoryStores();
    const n = scriptedNotifier('console');
    await stores.targets.upsert(target('console', { notifyEmpty: true, time: '09:00', timeZone: 'UTC', lastDigestAt: new Date('2023-11-23T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const deps: RunDigestsDeps = {
      stores,
      matcher: keywordMatcher(),
      summaries: { ensure: async () => new Map() },
      channels: { console: { notifier: n.notifier, render: renderConsoleParts, minIntervalMs: 0 } },
      logger: { info() {}, warn() {}, error() {}, debug() {} },
      sleep: noSleep,
      calendar: createArxivCalendar(),
    };
    const texts: string[] = [];
    // Friday after Thanksgiving, Saturday, Sunday: nothing announced. Monday: Sunday evening's papers.
    for (const day of ['2023-11-24', '2023-11-25', '2023-11-26', '2023-11-27']) {
      if (day === '2023-11-27') {
        await stores.papers.upsertMany([{ arxivId: '2311.00001', source: 'rss', title: 'An audio codec', abstract: 'audio' }], new Date('2023-11-27T01:30:00Z'));
      }
      const before = n.steps.length;
      await runDigests(deps, { now: new Date(`${day}T09:05:00Z`) });
      texts.push(n.steps.slice(before).flatMap((s) => (s.kind === 'send' ? [s.part.text] : [])).join(''));
    }
    expect(texts[0]).toMatch(/No new arXiv announcement today \(arXiv holiday\)/);
    expect(texts[1]).toMatch(/No new arXiv announcement today \(weekend\)/);
    expect(texts[2]).toMatch(/No new arXiv announcement today \(weekend\)/);
    expect(texts[3]).toContain('An audio codec');
    expect(texts[3]).not.toMatch(/No new arXiv announcement/);
  });
});
