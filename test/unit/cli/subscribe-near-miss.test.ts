/**
 * Text one slip away from a starter topic's name is asked about on the command line, whichever
 * way it is one slip away: "mixture of expers" as "speculatve decoding" (it once resolved to the
 * starter topic silently, its initials being MoE's); an inflection of the name is the topic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-subscribe-near-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const asked = (typed: string, meant: string, command: string) =>
  `paperboy ${command}: No topic named "${typed}". Did you mean "${meant}"? (to take the text as a new topic anyway, add --create)\n`;

describe('a starter topic typed with a slip, on the command line', () => {
  it('subscribe asks about "mixture of expers" as it asks about "speculatve decoding", and subscribes to nothing', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    for (const [typed, meant] of [['mixture of expers', 'mixture of experts'], ['speculatve decoding', 'speculative decoding']] as const) {
      const r = await cli('subscribe', '--user', 'slack:U0ADA', '--topic', typed);
      expect(r, typed).toEqual({ code: 1, out: '', err: asked(typed, meant, 'subscribe') });
    }
    expect(await stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).toEqual([]);
  });

  it('--create takes the slip as a topic of its own, never the starter topic', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    const r = await cli('subscribe', '--user', 'slack:U0ADA', '--topic', 'mixture of expers', '--create');
    expect(r.code).toBe(0);
    expect((await stores.subscriptions.list({ subscriber: 'slack:U0ADA' })).map((s) => s.topicSlug)).toEqual(['mixture-of-expers']);
  });

  it('an inflection of the name, or its acronym, is the starter topic itself', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    for (const [who, typed] of [['slack:U0ONE', 'mixtures of experts'], ['slack:U0TWO', 'Mixture-of-Expert'], ['slack:U0THREE', 'MoE']] as const) {
      const r = await cli('subscribe', '--user', who, '--topic', typed);
      expect(r.code, typed).toBe(0);
      expect(r.out, typed).toContain('"mixture of experts"');
      expect((await stores.subscriptions.list({ subscriber: who })).map((s) => s.topicSlug), typed).toEqual(['mixture-of-experts']);
    }
  });

  it('channel add --topic asks the same way and adds no target', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    const r = await cli('channel', 'add', 'slack:C0NEAR0001', '--topic', 'mixture of expers');
    expect(r.code).toBe(1);
    expect(r.err).toContain('No topic named "mixture of expers". Did you mean "mixture of experts"? (to take the text as a new topic anyway, add --create)');
    expect(await stores.targets.get('slack:C0NEAR0001')).toBeNull();
    expect(await stores.subscriptions.list({ subscriber: 'slack:C0NEAR0001' })).toEqual([]);
  });
});
