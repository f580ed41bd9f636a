import { describe, expect, it } from 'vitest';
import { checkDue, dueAfter, dueChecker, latestSlot, localTimeText, nextSlot, utcMinuteText, zonedTimeToInstant } from '../../../src/core/digest/schedule.js';

const sched = (time: string, timeZone: string, weekdaysOnly = false) => ({ time, timeZone, weekdaysOnly });
const base = { status: 'active' as const, brokenReason: null };

describe('schedule', () => {
  it('converts local wall time in a zone to the instant, across DST', () => {
    expect(zonedTimeToInstant({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedTimeToInstant({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(zonedTimeToInstant({ year: 2026, month: 11, day: 2, hour: 9, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-11-02T14:30:00.000Z');
    expect(zonedTimeToInstant({ year: 2026, month: 3, day: 1, hour: 9, minute: 0 }, 'Asia/Kolkata').toISOString()).toBe('2026-03-01T03:30:00.000Z');
  });

  it('finds the latest slot at or before now, in the target zone', () => {
    // 07:30 UTC is 08:30 in Berlin (winter): today's 09:00 has not come, so yesterday's.
    expect(latestSlot(sched('09:00', 'Europe/Berlin'), new Date('2026-01-15T07:30:00Z')).toISOString()).toBe('2026-01-14T08:00:00.000Z');
    expect(latestSlot(sched('09:00', 'Europe/Berlin'), new Date('2026-01-15T08:00:00Z')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    // Tokyo is already on the next calendar day.
    expect(latestSlot(sched('08:00', 'Asia/Tokyo'), new Date('2026-01-15T23:30:00Z')).toISOString()).toBe('2026-01-15T23:00:00.000Z');
  });

  it('skips weekends for weekdays-only targets, in local time', () => {
    // Sunday 2026-11-22 noon UTC: the latest weekday slot is Friday 20th.
    expect(latestSlot(sched('09:00', 'UTC', true), new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(nextSlot(sched('09:00', 'UTC', true), new Date('2026-11-21T12:00:00Z')).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    // Friday 23:30 in Los Angeles is Saturday in UTC, but still Friday there: Friday's slot counts.
    expect(latestSlot(sched('23:00', 'America/Los_Angeles', true), new Date('2026-11-21T07:30:00Z')).toISOString()).toBe('2026-11-21T07:00:00.000Z');
  });

  it('is due once after downtime: a week missed gives one digest, not seven', () => {
    const t = { ...base, ...sched('09:00', 'UTC'), lastDigestAt: new Date('2026-11-13T09:00:00Z') };
    const now = new Date('2026-11-20T10:00:00Z');
    const due = checkDue(t, now);
    expect(due).toEqual({ status: 'due', slot: new Date('2026-11-20T09:00:00Z') });
    const after = checkDue({ ...t, lastDigestAt: new Date('2026-11-20T09:00:00Z') }, new Date('2026-11-20T10:05:00Z'));
    expect(after.status).toBe('not-due');
    if (after.status === 'not-due') expect(after.nextSlot.toISOString()).toBe('2026-11-21T09:00:00.000Z');
  });

  it('waits for a slot after the latest of its last digest, the slot it was added after and its last schedule change', () => {
    const t = { ...base, ...sched('09:00', 'UTC'), lastDigestAt: new Date('2026-11-19T09:00:00Z') };
    const now = new Date('2026-11-20T10:00:00Z');
    expect(dueAfter({ ...t, digestFrom: null, rescheduledAt: undefined })).toEqual(t.lastDigestAt);
    expect(checkDue(t, now).status).toBe('due');
    // Rescheduled at 09:30, after today's slot: that slot no longer counts.
    expect(checkDue({ ...t, rescheduledAt: new Date('2026-11-20T09:30:00Z') }, now)).toMatchObject({ status: 'not-due', nextSlot: new Date('2026-11-21T09:00:00Z') });
    // Rescheduled before today's slot: today's slot still counts.
    expect(checkDue({ ...t, rescheduledAt: new Date('2026-11-20T08:00:00Z') }, now).status).toBe('due');
    // Never delivered, added after yesterday's slot: waits from it.
    expect(checkDue({ ...t, lastDigestAt: null, digestFrom: new Date('2026-11-20T09:00:00Z') }, now).status).toBe('not-due');
    expect(checkDue({ ...t, lastDigestAt: null, digestFrom: new Date('2026-11-19T09:00:00Z') }, now).status).toBe('due');
  });

  it('a new target is due at its latest slot; a broken one never', () => {
    expect(checkDue({ ...base, ...sched('09:00', 'UTC'), lastDigestAt: null }, new Date('2026-11-20T08:00:00Z'))).toEqual({ status: 'due', slot: new Date('2026-11-19T09:00:00Z') });
    expect(checkDue({ status: 'broken', brokenReason: 'channel_not_found', ...sched('09:00', 'UTC'), lastDigestAt: null }, new Date()).status).toBe('broken');
  });

  it('rejects a malformed time', () => {
    expect(() => latestSlot(sched('9am', 'UTC'), new Date())).toThrow(/HH:MM/);
  });
});

describe('dueChecker', () => {
  it('answers as checkDue for every target, sharing slots between targets with one schedule', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const targets = [
      { ...sched('09:00', 'UTC', true), ...base, lastDigestAt: null },
      { ...sched('09:00', 'UTC', true), ...base, lastDigestAt: new Date('2026-11-20T09:00:00Z') },
      { ...sched('09:00', 'UTC'), ...base, lastDigestAt: new Date('2026-11-21T09:00:00Z') },
      { ...sched('09:00', 'UTC'), ...base, lastDigestAt: new Date('2026-11-22T09:00:00Z') },
      { ...sched('12:30', 'Europe/Berlin'), ...base, lastDigestAt: new Date('2026-11-22T09:00:00Z') },
      { ...sched('09:00', 'America/New_York'), ...base, lastDigestAt: new Date('2026-11-22T09:00:00Z') },
      { ...sched('09:00', 'UTC'), status: 'broken' as const, brokenReason: 'gone', lastDigestAt: null },
    ];
    const check = dueChecker(now);
    const statuses = targets.map((t) => check(t));
    expect(statuses).toEqual(targets.map((t) => checkDue(t, now)));
    expect(statuses.map((s) => s.status)).toEqual(['due', 'not-due', 'due', 'not-due', 'due', 'not-due', 'broken']);
  });
});

describe('the texts of an instant', () => {
  it('says a window edge in UTC to the minute, seconds dropped, and a slot with its weekday in the zone', () => {
    const t = new Date('2026-12-04T20:48:59.900Z');
    expect(utcMinuteText(t)).toBe('2026-12-04 20:48 UTC');
    expect(utcMinuteText(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01 00:00 UTC');
    expect(localTimeText(t, 'Europe/Berlin')).toBe('Fri 2026-12-04 21:48 Europe/Berlin');
  });
});
