/** Every day option (papers list --since, match --since, ingest --date/--from/--to) is read one way. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dayOf, parseDay } from '../../../src/core/papers/ingest-dates.js';
import { parseSince } from '../../../src/cli/commands/digest.js';
import { parseIngestOptions } from '../../../src/cli/commands/ingest.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-day-options-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

describe('parseDay', () => {
  it('echoes a refused value cut short and without control characters', () => {
    // The escape sequence goes whole (core/papers/normalize.ts), not only its ESC.
    expect(parseDay(`x\u001b[2J${'y'.repeat(200)}`)).toEqual({ ok: false, error: `"x${'y'.repeat(38)}…" is not a date in the form YYYY-MM-DD` });
    expect(parseDay('2026-02-30')).toEqual({ ok: false, error: '"2026-02-30" is not a real calendar day' });
  });
});

describe('days of the years 0 to 99', () => {
  it('are real calendar days (Date.UTC took years 0–99 for 1900–1999), checked as any other', () => {
    for (const day of ['0000-01-01', '0001-01-01', '0004-02-29', '0099-12-31']) expect(parseDay(day), day).toEqual({ ok: true, day });
    // 1900 was no leap year; 0 and 4 were.
    expect(parseDay('0000-02-29')).toEqual({ ok: true, day: '0000-02-29' });
    expect(parseDay('0100-02-29')).toEqual({ ok: false, error: '"0100-02-29" is not a real calendar day' });
  });

  it('papers list --since 0001-01-01 lists from the beginning', async () => {
    const r = await cli('papers', 'list', '--since', '0001-01-01');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});

describe('--since', () => {
  const long = 'y'.repeat(500);
  it.each([['papers list'], ['match']])('%s: a long bad value is echoed cut short, exit 2', async (cmd) => {
    const argv = cmd === 'match' ? ['match', 'audio codecs'] : ['papers', 'list'];
    const r = await cli(...argv, '--since', long);
    expect(r).toEqual({ code: 2, out: '', err: `paperboy ${cmd}: --since: "${'y'.repeat(39)}…" is not a date in the form YYYY-MM-DD\n` });
  });

  it('match reads the whole value: a day followed far off by more text is not a day', async () => {
    // Cut at 40 characters before it was read, this passed as 2026-02-03.
    const r = await cli('match', 'audio codecs', '--since', `2026-02-03${' '.repeat(35)}junk`);
    expect(r.code).toBe(2);
    expect(r.err).toBe('paperboy match: --since: "2026-02-03 junk" is not a date in the form YYYY-MM-DD\n');
  });
});

// match --since 2027-01-01 answered "0 matches among 0 papers" (exit 0) where ingest --date
// 2030-01-01 was a usage error: a day after today is refused by every day option, in one message.
describe('a day after today', () => {
  const day = (offsetDays: number) => dayOf(new Date(Date.now() + offsetDays * 86_400_000));
  const refusal = (flag: string, d: string) => `${flag}: ${d} is after today (${day(0)}, UTC): there are no papers for it yet`;

  it.each([['papers list'], ['match']])('%s --since: refused, exit 2, before the database is read', async (cmd) => {
    const argv = cmd === 'match' ? ['match', 'audio codecs'] : ['papers', 'list'];
    const tomorrow = day(1);
    expect(await cli(...argv, '--since', tomorrow)).toEqual({ code: 2, out: '', err: `paperboy ${cmd}: ${refusal('--since', tomorrow)}\n` });
    expect((await cli(...argv, '--since', day(0))).code).toBe(0);
  });

  it('ingest --date and digest --since (a day) say it in the same words', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(parseIngestOptions({ date: '2026-12-02' }, now)).toEqual({ ok: false, error: '--date: 2026-12-02 is after today (2026-12-01, UTC): there are no papers for it yet' });
    expect(parseSince('2026-12-02', now)).toEqual({ ok: false, error: '--since: 2026-12-02 is after today (2026-12-01, UTC): there are no papers for it yet' });
    expect(parseSince('2026-12-01', now)).toEqual({ ok: true, since: new Date('2026-12-01T00:00:00Z') });
  });
});
