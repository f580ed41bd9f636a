/** The console digest's window line: a demo's window is one run, seconds long. */
import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../../src/chat/text/plain.js';
import { digestOf, item } from './digest-fixture.js';

describe('plain digest window', () => {
  it('is to the minute, and to the second when the minutes would read the same', () => {
    expect(renderDigestText(digestOf([item(1)]))).toContain('(2026-11-27 09:00 UTC → 2026-11-28 09:00 UTC)');
    const run = digestOf([item(1)], { windowStart: new Date('2026-12-04T17:03:05Z'), windowEnd: new Date('2026-12-04T17:03:09Z') });
    expect(renderDigestText(run)).toContain('(2026-12-04 17:03:05 UTC → 2026-12-04 17:03:09 UTC)');
    // Within one second it is a moment.
    const moment = digestOf([item(1)], { windowStart: new Date('2026-12-04T17:03:05.100Z'), windowEnd: new Date('2026-12-04T17:03:05.900Z') });
    expect(renderDigestText(moment)).toContain('(papers stored 2026-12-04 17:03:05 UTC)');
    expect(renderDigestText(moment)).not.toContain('→');
  });
});
