/**
 * docs/cli.md ("Stable JSON") says of `subscriptions --json` and `digest --json` that their
 * fields are documented by `--help`, and of all `--json` output that an absent value is null (a
 * list []): each command's help names every key it prints, and a digest target's item has the
 * same keys whatever happened to it (a delivered target left out `error`, `notes` and `rendered`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-json-help-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The keys of the first `{…}` after `label` in a command's help, spaces and line breaks folded. */
function named(help: string, label: string, nth = 0): string[] {
  const text = help.replace(/\s+/g, ' ');
  const at = text.indexOf(label);
  expect(at, `"${label}" in the help`).toBeGreaterThanOrEqual(0);
  const braces = [...text.slice(at).matchAll(/\{([^}]*)\}/g)];
  expect(braces.length, `{…} number ${nth + 1} after "${label}" in the help`).toBeGreaterThan(nth);
  return braces[nth]![1]!.split(',').map((f) => f.trim());
}

describe('--json fields named by --help', () => {
  it('subscriptions --json: every key of an item', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    expect((await cli('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'speculative decoding', '--preview-days', '0')).code).toBe(0);
    const r = await cli('subscriptions', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(1);
    const help = (await cli('subscriptions', '--help')).out;
    expect(Object.keys(items[0]!).sort()).toEqual(named(help, '--json').sort());
  });

  it('digest --json: the report and each target, with the same keys previewed, delivered, empty or not sent', async () => {
    const stores = createMemoryStores();
    await stores.papers.upsertMany(
      [{ arxivId: '2611.00001', source: 'hf', title: 'Speculative decoding with a small draft model', abstract: 'A draft model proposes tokens that the target model verifies in parallel (speculative decoding).', authors: ['Ada Lovelace'], publishedAt: new Date() }],
      new Date(),
    );
    const cli = memoryCli(stores, dataDir);
    const help = (await cli('digest', '--help')).out;
    const reportKeys = named(help, '--json');
    const targetKeys = named(help, '--json', 1);
    expect((await cli('channel', 'add', 'slack:C0123ABCD', '--topic', 'speculative decoding')).code).toBe(0);
    const runs = [
      await cli('digest', '--target', 'console', '--dry-run', '--json'),
      await cli('digest', '--target', 'console', '--json'),
      await cli('digest', '--target', 'console', '--json'),
      await cli('digest', '--target', 'slack:C0123ABCD', '--json'),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 1]);
    const seen: unknown[] = [];
    for (const r of runs) {
      const report = JSON.parse(r.out) as { targets: Array<Record<string, unknown>> } & Record<string, unknown>;
      expect(Object.keys(report).sort()).toEqual([...reportKeys].sort());
      expect(report.targets).toHaveLength(1);
      const t = report.targets[0]!;
      seen.push([t.status, t.papers, typeof t.error, (t.rendered as unknown[]).length > 0]);
      expect(Object.keys(t).sort()).toEqual([...targetKeys].sort());
      expect(Array.isArray(t.notes) && Array.isArray(t.rendered)).toBe(true);
    }
    expect(seen).toEqual([
      ['dry-run', 1, 'object', true],
      ['delivered', 1, 'object', false],
      ['delivered', 0, 'object', false],
      ['no-notifier', 0, 'string', false],
    ]);
  });
});

describe('ingest --json fields named by --help', () => {
  it('the summary, its drops and each failure, whose interrupted and partial are false rather than left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-ingest-json-'));
    const bad = join(dir, 'not-papers.json');
    writeFileSync(bad, '{"items":[1]}');
    const feed = join(dir, 'feed.xml');
    writeFileSync(feed, '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://blog.example.org/</link><item><title>A post</title><link>https://blog.example.org/a</link></item><item><description>no title, no link</description></item></channel></rss>');
    const cli = memoryCli(createMemoryStores(), dataDir);
    const help = (await cli('ingest', '--help')).out;
    const r = await cli('ingest', feed, bad, '--json');
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out) as { drops: Array<Record<string, unknown>>; failures: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(named(help, '--json').sort());
    expect(Object.keys(summary.drops[0]!).sort()).toEqual(named(help, '--json', 1).sort());
    expect(summary.failures).toEqual([{ unit: bad, error: expect.stringContaining('not papers') as unknown, interrupted: false, partial: false }]);
    expect(Object.keys(summary.failures[0]!).sort()).toEqual(named(help, '--json', 3).sort());
  });
});
