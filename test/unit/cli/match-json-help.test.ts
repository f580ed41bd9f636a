/** `match --help` names every field `match --json` prints (it left publishedAt out); a --since after today says so. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-match-json-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('match --json and its help', () => {
  it('every key of an item is named in the --json option help', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(
      [{ arxivId: '2611.00001', source: 'hf', title: 'Reinforcement learning from human feedback with a better reward model', abstract: 'We train a reward model on human preference data and optimise the policy with PPO (RLHF).', authors: ['Ada Lovelace'], publishedAt: new Date('2026-11-01T00:00:00Z') }],
      new Date('2026-11-02T00:00:00Z'),
    );
    const cli = memoryCli(stores, dataDir);
    const r = await cli('match', 'rlhf', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    const help = (await cli('match', '--help')).out.replace(/\s+/g, ' ');
    const named = /--json print a JSON array of \{([^}]*)\}/.exec(help)?.[1]?.split(',').map((f) => f.trim());
    expect(named).toBeDefined();
    for (const key of Object.keys(items[0]!)) expect(named).toContain(key);
  });

  it('--since after today is refused as every day option refuses it, not answered "0 matches among 0 papers"', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    const r = await cli('match', 'rlhf', '--since', '2999-01-01');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^paperboy match: --since: 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}, UTC\): there are no papers for it yet\n$/);
    expect((await cli('match', 'rlhf', '--since', '2020-01-01')).err).not.toContain('after today');
  });
});
