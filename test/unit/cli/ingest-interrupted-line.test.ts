/** Ctrl-C's "interrupted:" line says the papers kept in the words an interrupted unit's failure uses. */
import { describe, expect, it } from 'vitest';
import { interruptedLine } from '../../../src/cli/commands/ingest.js';

describe('interruptedLine', () => {
  it('one paper kept is "the 1 paper … is kept", not "the 1 papers … are kept"', () => {
    expect(interruptedLine('file', 1, 1, 1)).toBe('interrupted: 0/1 units done; the 1 paper written before it is kept; run again to continue\n');
  });

  it('counts days for a dated source, groups thousands, and says nothing kept when nothing was written', () => {
    expect(interruptedLine('hf', 30, 28, 12_200)).toBe('interrupted: 2/30 days done; the 12,200 papers written before it are kept; run again to continue\n');
    expect(interruptedLine('arxiv', 3, 3, 0)).toBe('interrupted: 0/3 days done; run again to continue\n');
  });
});
