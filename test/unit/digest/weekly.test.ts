import { describe, expect, it } from 'vitest';
import { renderConsoleParts } from '../../../src/chat/console/render.js';
import { checkDue, latestSlot, nextSlot, parseWeekday } from '../../../src/core/digest/schedule.js';
import { runDigests, type RunDigestsDeps } from '../../../src/core/digest/run-digests.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { keywordMatcher, noSleep, scriptedNotifier, sub, target, subscribe } from './fixtures.js';

describe('weekly cadence', () => {
  const weekly = { time: '09:00', timeZone: 'Europe/Berlin', weekdaysOnly: false, weeklyOn: 1 };

  it('has one slot a week, on the chosen weekday in the target\'s zone', () => {
    // Wednesday 2026-11-25: the last Monday 09:00 Berlin was the 23rd (08:00 UTC), the next is the 30th.
    const wed = new Date('2026-11-25T12:00:00Z');
    expect(latestSlot(weekly, wed)).toEqual(new Date('2026-11-23T08:00:00Z'));
    expect(nextSlot(weekly, wed)).toEqual(new Date('2026-11-30T08:00:00Z'));
    expect(checkDue({ ...weekly, status: 'active', brokenReason: null, lastDigestAt: new Date('2026-11-23T08:00:00Z') }, wed)).toMatchObject({ status: 'not-due' });
    expect(checkDue({ ...weekly, status: 'active', brokenReason: null, lastDigestAt: new Date('2026-11-23T08:00:00Z') }, new Date('2026-11-30T08:00:00Z'))).toEqual({ status: 'due', slot: new Date('2026-11-30T08:00:00Z') });
  });

  it('reads weekday names', () => {
    expect(['Mon', 'monday', 'TUE', 'sun', 'Saturday'].map(parseWeekday)).toEqual([1, 1, 2, 0, 6]);
    expect(['', 'mo', 'funday'].map(parseWeekday)).toEqual([null, null, null]);
  });

  it('a weekly target gets one roll-up on its day: the week\'s top papers by match score, then upvotes', async () => {
    const stores = createMemoryStores();
    const n = scriptedNotifier('console');
    await stores.targets.upsert(target('console', { time: '09:00', timeZone: 'UTC', weeklyOn: 1, maxPapers: 3, lastDigestAt: new Date('2026-11-23T09:00:00Z') }));
    await subscribe(stores, sub('console', 'audio'));
    const scores: Record<string, number> = {};
    const deps: RunDigestsDeps = {
      stores,
      matcher: keywordMatcher(scores),
      summaries: { ensure: async () => new Map() },
      channels: { console: { notifier: n.notifier, render: renderConsoleParts, minIntervalMs: 0 } },
      logger: { info() {}, warn() {}, error() {}, debug() {} },
      sleep: noSleep,
    };
    // One paper a day, Tuesday to Sunday, each with its score and upvotes; every day's run at 09:05.
    const week = [
      { day: '2026-11-24', score: 0.5, upvotes: 1 },
      { day: '2026-11-25', score: 0.9, upvotes: 3 },
      { day: '2026-11-26', score: 0.5, upvotes: 40 },
      { day: '2026-11-27', score: 0.9, upvotes: 10 },
      { day: '2026-11-28', score: 0.2, upvotes: 99 },
      { day: '2026-11-29', score: 0.5, upvotes: 2 },
    ];
    const sentOn: string[] = [];
    for (const [i, d] of week.entries()) {
      const id = `2611.1000${i}`;
      scores[`audio|${id}`] = d.score;
      await stores.papers.upsertMany([{ arxivId: id, source: 'hf', title: `audio paper ${i}`, abstract: 'a', upvotes: d.upvotes }], new Date(`${d.day}T06:00:00Z`));
      const before = n.steps.length;
      await runDigests(deps, { now: new Date(`${d.day}T09:05:00Z`) });
      if (n.steps.slice(before).some((s) => s.kind === 'send')) sentOn.push(d.day);
    }
    const before = n.steps.length;
    const monday = await runDigests(deps, { now: new Date('2026-11-30T09:05:00Z') });
    expect(sentOn).toEqual([]);
    expect(monday.targets).toEqual([expect.objectContaining({ targetId: 'console', status: 'delivered', papers: 3 })]);
    const text = n.steps.slice(before).flatMap((s) => (s.kind === 'send' ? [s.part.text] : [])).join('\n');
    // 0.9/10 upvotes, 0.9/3, then 0.5/40: score first, upvotes break ties.
    const order = ['audio paper 3', 'audio paper 1', 'audio paper 2'].map((t) => text.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('audio paper 4');
    expect((await stores.targets.get('console'))!.lastDigestAt).toEqual(new Date('2026-11-30T09:00:00Z'));
  });
});
