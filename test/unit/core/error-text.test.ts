/** describeError: the one way a thrown error becomes a line people read (CLI, ingest failures, digest reports, chat replies). */
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/core/error-text.js';

describe('describeError', () => {
  it('says any thrown value on one line, cut at the limit', () => {
    expect(describeError(new Error('first line\n   second line'))).toBe('first line second line');
    expect(describeError('a string thrown')).toBe('a string thrown');
    expect(describeError(Object.assign(new Error(''), { name: 'AbortError' }))).toBe('AbortError');
    expect(describeError(undefined)).toBe('undefined');
    const long = describeError(new Error('x'.repeat(500)), 50);
    expect(long).toHaveLength(50);
    expect(long.endsWith('…')).toBe(true);
  });

  it("keeps a Prisma call's reason and code, not its call site", () => {
    const err = Object.assign(new Error('\nInvalid `prisma.paper.upsert()` invocation in\n/app/x.js:3:1\n\n→ 3 await p\nUnique constraint failed'), { code: 'P2002' });
    expect(describeError(err)).toBe('database error: Unique constraint failed (P2002)');
  });

  it('drops terminal escapes and bidi controls an error message carried from outside (a server answer, a typed value)', () => {
    expect(describeError(new Error('bad token \u001b[31mxoxb-1\u001b[0m for \u202Eevil\u202C'))).toBe('bad token xoxb-1 for evil');
  });

  it("says the message of an error-like object that is not an Error (another realm's error, a library's plain rejection), not [object Object]", () => {
    expect(describeError({ message: 'socket hang up', code: 'ECONNRESET' })).toBe('socket hang up');
    expect(describeError({ status: 500 })).toBe('[object Object]');
  });
});
