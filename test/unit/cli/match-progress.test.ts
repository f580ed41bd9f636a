import { describe, expect, it } from 'vitest';
import { recordingLogger, ttySink } from '../../helpers/text-sink.js';
import { createMatchProgress, MATCH_BAR_FROM, tookText } from '../../../src/cli/progress.js';

/** A clock the test moves by hand. */
function clock(): { now: () => number; tick(ms: number): void } {
  let t = 1_000_000;
  return { now: () => t, tick: (ms) => void (t += ms) };
}

describe('digest matching progress on the command line', () => {
  it('draws a bar on a terminal for a big window, with what is left, then says how long matching took', async () => {
    const stream = ttySink(true);
    const logger = recordingLogger();
    const c = clock();
    const p = createMatchProgress({ stream, logger }, c.now);
    const w = p.start(100_000, 12);
    expect(stream.text).toContain('matching 100,000 papers against 12 topics');
    // The first page also waits for the matcher to warm up; the time left goes by the pace after it.
    const pages: Array<[ms: number, matched: number]> = [[30_000, 10_000], [5_000, 20_000], [20_000, 60_000], [20_000, 100_000]];
    const shown: string[] = [];
    for (const [ms, n] of pages) {
      c.tick(ms);
      w.advance(n);
      // The bar redraws on its own timer (at most ten times a second).
      await new Promise((resolve) => setTimeout(resolve, 150));
      shown.push(stream.text.slice(stream.text.lastIndexOf('matching 100,000')));
    }
    w.stop('done');
    expect(shown[0]).toContain(' 10% ');
    expect(shown[0]).not.toContain('left');
    expect(shown[1]).toContain('20% | about 40 s left');
    expect(shown[2]).toContain('60% | about 20 s left');
    expect(stream.text.endsWith('matched 100,000 papers against 12 topics in 1 min 15 s\n')).toBe(true);
    expect(logger.lines).toEqual([]);
  });

  it('says how far a failed window got', () => {
    const stream = ttySink(true);
    const c = clock();
    const p = createMatchProgress({ stream, logger: recordingLogger() }, c.now);
    const w = p.start(5_000, 1);
    c.tick(2_500);
    w.advance(1_200);
    w.stop('failed');
    expect(stream.text.endsWith('matching 5,000 papers against 1 topic failed after 1,200 papers, 2.5 s\n')).toBe(true);
  });

  it('stays quiet on a terminal for a window smaller than a bar is worth (a normal day)', () => {
    const stream = ttySink(true);
    const logger = recordingLogger();
    const p = createMatchProgress({ stream, logger });
    const w = p.start(MATCH_BAR_FROM - 1, 10);
    w.advance(MATCH_BAR_FROM - 1);
    w.stop('done');
    expect(stream.text).toBe('');
    expect(logger.lines).toEqual([]);
  });

  it('writes plain log lines, and nothing on the stream, when not on a terminal or with --json', () => {
    for (const opts of [{ isTTY: false, plain: false }, { isTTY: true, plain: true }]) {
      const stream = ttySink(opts.isTTY);
      const logger = recordingLogger();
      const c = clock();
      const p = createMatchProgress({ stream, logger, plain: opts.plain }, c.now);
      const w = p.start(100_000, 12);
      c.tick(65_000);
      w.advance(100_000);
      w.stop('done');
      expect(stream.text).toBe('');
      expect(logger.lines).toEqual(['digest: matching 100,000 papers against 12 topics', 'digest: matched 100,000 papers against 12 topics in 1 min 5 s']);
    }
  });

  it("keeps each window apart when two are matched at once (the service's delivery jobs), and logs only big ones when asked", () => {
    const logger = recordingLogger();
    const c = clock();
    const p = createMatchProgress({ stream: ttySink(false), logger, logFrom: MATCH_BAR_FROM }, c.now);
    const big = p.start(100_000, 12);
    const other = p.start(20_000, 3);
    const small = p.start(MATCH_BAR_FROM - 1, 10);
    c.tick(4_000);
    other.advance(20_000);
    small.advance(MATCH_BAR_FROM - 1);
    other.stop('done');
    small.stop('done');
    c.tick(61_000);
    big.advance(100_000);
    big.stop('done');
    expect(logger.lines).toEqual([
      'digest: matching 100,000 papers against 12 topics',
      'digest: matching 20,000 papers against 3 topics',
      'digest: matched 20,000 papers against 3 topics in 4.0 s',
      'digest: matched 100,000 papers against 12 topics in 1 min 5 s',
    ]);
  });

  it('says durations as people do', () => {
    expect([850, 2_340, 42_400, 59_600, 64_000, 118_700].map(tookText)).toEqual(['850 ms', '2.3 s', '42 s', '1 min 0 s', '1 min 4 s', '1 min 59 s']);
  });
});
