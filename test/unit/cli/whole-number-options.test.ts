/** Whole-number options are digits only, in every command (src/cli/whole-number.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wholeNumberOption } from '../../../src/cli/whole-number.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const stores = createMemoryStores();
const dataDir = mkdtempSync(join(tmpdir(), 'pb-whole-number-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = memoryCli(stores, dataDir);

describe('whole-number options', () => {
  it('refuse what Number() took: exponents, hex, blanks', () => {
    for (const raw of ['1e2', '0x10', ' 7', '', '1.5', '-3']) expect(wholeNumberOption(raw, '--limit', 1, 100)).toMatchObject({ ok: false });
    expect(wholeNumberOption('100', '--limit', 1, 100)).toEqual({ ok: true, value: 100 });
    expect(wholeNumberOption('1e2', '--limit', 1, 100)).toEqual({ ok: false, error: '--limit must be a whole number from 1 to 100, got "1e2"' });
  });

  it.each([
    ['search', 'decoding', '--limit', '1e2'],
    ['search', 'decoding', '--limit', '0x10'],
    ['papers', 'list', '--limit', '1e2'],
    ['match', 'rlhf', '--limit', '0x10'],
    ['subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', '--preview-days', '1e1'],
    ['subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', '--max-papers', '1e1'],
    ['channel', 'add', 'slack:C0123ABCD', '--max-papers', '0x10'],
    ['topics', 'add', 'codecs', '--min-upvotes', '1e1'],
  ])('%s %s … is a usage error', async (...args) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/must be a whole number/);
  });

  it.each(['-3', '0', '101', 'abc'])('subscribe --max-papers %s names the values it takes, as channel add does', async (raw) => {
    const r = await cli('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', `--max-papers=${raw}`, '--preview-days', '0');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`paperboy subscribe: --max-papers must be a whole number from 1 to 100 (or none), got "${raw}"\n`);
  });

  it('subscribe --min-score names its range too', async () => {
    const r = await cli('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', '--min-score', 'high');
    expect(r.code).toBe(2);
    expect(r.err).toBe('paperboy subscribe: --min-score must be a number from 0 to 1 (or none), got "high"\n');
  });

  // "2" passed the flag's check and was refused by the subscription service in other words
  // ("Minimum score must be a number between 0 and 1, got 2"), after the database was opened;
  // "0x1" and "1e0" were taken as 1.
  it.each(['2', '-0.5', '1.01', '0x1', '1e0', 'Infinity'])('subscribe --min-score %s is refused with the same words, as a usage error', async (raw) => {
    const r = await cli('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', `--min-score=${raw}`, '--preview-days', '0');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`paperboy subscribe: --min-score must be a number from 0 to 1 (or none), got "${raw}"\n`);
  });

  it.each(['0', '1', '0.35', '.5'])('subscribe --min-score %s is taken', async (raw) => {
    const r = await cli('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', `--min-score=${raw}`, '--preview-days', '0');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});
