/** unsubscribe with a misspelt topic offers "Did you mean …" as subscribe does: the subscriber's own topics first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-unsubscribe-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('unsubscribe --topic <misspelt>', () => {
  it('offers the near name among the subscriber\'s own topics', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    expect((await cli('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'speculative decoding', '--preview-days', '0')).code).toBe(0);
    const r = await cli('unsubscribe', '--user', 'slack:U0123ABCD', '--topic', 'speculatve decoding');
    expect(r).toEqual({ code: 1, out: '', err: 'paperboy unsubscribe: slack:U0123ABCD follows no topic named "speculatve decoding". Did you mean "speculative decoding"?\n' });
  });

  // It said only "follows no topic named …": the typo went unnamed when the subscriber did not follow the topic it meant.
  it('otherwise offers the near topic names, saying the subscriber follows none of them', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    expect((await cli('subscribe', '--user', 'slack:U0999ABCD', '--topic', 'rlhf', '--preview-days', '0')).code).toBe(0);
    const r = await cli('unsubscribe', '--user', 'slack:U0999ABCD', '--topic', 'speculatve decoding');
    expect(r).toEqual({ code: 1, out: '', err: 'paperboy unsubscribe: slack:U0999ABCD follows no topic named "speculatve decoding". Did you mean "speculative decoding"? slack:U0999ABCD does not follow that either.\n' });
  });
});
