/** topics remove deletes every subscription to the topic, other people's and channels' too: that is asked for, and said. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-topics-remove-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('topics remove', () => {
  it('a topic others subscribe to is kept without --force, with whom it reaches said', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    for (const who of [['--user', 'slack:U0ADA'], ['--channel', 'slack:C0LAB'], ['--channel', 'discord:123456789012345678']]) {
      const limit = who[1] === 'slack:U0ADA' ? ['--max-papers', '3'] : [];
      expect((await cli('subscribe', ...who, '--topic', 'rlhf', '--preview-days', '0', ...limit)).code).toBe(0);
    }
    const asked = await cli('topics', 'remove', 'rlhf');
    expect(asked).toEqual({
      code: 1,
      out: '',
      err: 'paperboy topics remove: "RLHF" has 3 subscriptions (2 channels and 1 person: slack:U0ADA, slack:C0LAB, discord:123456789012345678), which removing it deletes for good; nothing removed. Give --force to remove it with them.\n',
    });
    expect(await stores.subscriptions.list({ topicSlug: 'rlhf' })).toHaveLength(3);
    expect((await cli('topics', 'show', 'rlhf')).code).toBe(0);

    const forced = await cli('topics', 'remove', 'rlhf', '--yes');
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^Removed topic "RLHF" \(rlhf\) and its 3 subscriptions \(2 channels and 1 person\)\. It was a starter topic/);
    expect(await stores.subscriptions.list({ topicSlug: 'rlhf' })).toEqual([]);
    // They are deleted, not hidden: the removal prints the commands that make them again.
    const again = forced.out.split('\n').filter((l) => l.startsWith('  paperboy subscribe ')).map((l) => l.trim());
    expect(again).toHaveLength(3);
    expect(again[0]).toBe('paperboy subscribe --user slack:U0ADA --topic rlhf --max-papers 3 --preview-days 0');
    expect((await cli('topics', 'restore', 'rlhf')).code).toBe(0);
    for (const line of again) expect((await cli(...line.split(' ').slice(1))).code, line).toBe(0);
    expect((await stores.subscriptions.list({ topicSlug: 'rlhf' })).map((s) => [s.subscriber, s.kind, s.maxPapers])).toEqual(expect.arrayContaining([
      ['slack:U0ADA', 'user', 3],
      ['slack:C0LAB', 'channel', null],
      ['discord:123456789012345678', 'channel', null],
    ]));
  });

  // Counted, then deleted apart: a subscription made in between was deleted unlisted, and
  // without --force when there had been none. The delete now checks in its own transaction
  // that the subscribers are those counted, and removes nothing when they are not.
  it('a subscription made between the count and the delete is not deleted unasked: nothing is removed', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    expect((await cli('topics', 'add', 'protein folding')).code).toBe(0);
    const list = stores.subscriptions.list.bind(stores.subscriptions);
    stores.subscriptions.list = async (filter) => {
      const counted = await list(filter);
      await stores.subscriptions.add({ subscriber: 'slack:C0LATE', kind: 'channel', topicSlug: 'protein-folding', minScore: null, maxPapers: null, createdBy: 'slack:U1', createdAt: new Date() });
      return counted;
    };
    const r = await cli('topics', 'remove', 'protein folding');
    stores.subscriptions.list = list;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^paperboy topics remove: the subscriptions or feedback marks of "protein folding" changed while it was being removed; nothing removed\. Run it again/);
    expect(await stores.subscriptions.list({ topicSlug: 'protein-folding' })).toHaveLength(1);
    expect(await stores.topics.get('protein-folding')).not.toBeNull();
  });

  it('a topic with nothing attached goes at once, and the message names no zero counts', async () => {
    const cli = memoryCli(createMemoryStores(), dataDir);
    expect((await cli('topics', 'add', 'protein folding')).code).toBe(0);
    expect(await cli('topics', 'remove', 'protein folding')).toMatchObject({ code: 0, out: 'Removed topic "protein folding" (protein-folding).\n' });
  });

  // A 👍 mark was deleted without --force and unmentioned ("… and its 0 subscriptions."): marks
  // are people's judgements, deleted for good as subscriptions are, so they are asked for alike.
  const mark = (topicSlug: string, arxivId: string, actor: string) => ({ topicSlug, arxivId, actor, verdict: 'up' as const, createdAt: new Date() });

  it('a topic with feedback marks is kept without --force, and the removal names them', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    expect((await cli('topics', 'add', 'draft model verification')).code).toBe(0);
    await stores.feedback.put(mark('draft-model-verification', '2602.06036', 'slack:U0ADA'));
    const asked = await cli('topics', 'remove', 'draft model verification');
    expect(asked).toEqual({
      code: 1,
      out: '',
      err: 'paperboy topics remove: "draft model verification" has 1 feedback mark, which removing it deletes for good; nothing removed. Give --force to remove it with them.\n',
    });
    expect(await stores.feedback.forTopic('draft-model-verification')).toHaveLength(1);
    const forced = await cli('topics', 'remove', 'draft model verification', '--force');
    expect(forced).toMatchObject({ code: 0, out: 'Removed topic "draft model verification" (draft-model-verification) and its 1 feedback mark.\n' });
    expect(await stores.feedback.forTopic('draft-model-verification')).toEqual([]);
  });

  it('subscriptions and marks are asked for and named together; restore says it brings back neither', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    expect((await cli('subscribe', '--channel', 'slack:C0LAB', '--topic', 'rlhf', '--preview-days', '0')).code).toBe(0);
    for (const [id, who] of [['2601.00001', 'operator'], ['2601.00002', 'operator']]) await stores.feedback.put(mark('rlhf', id!, who!));
    const asked = await cli('topics', 'remove', 'rlhf');
    expect(asked.code).toBe(1);
    expect(asked.err).toBe('paperboy topics remove: "RLHF" has 1 subscription (1 channel: slack:C0LAB) and 2 feedback marks, which removing it deletes for good; nothing removed. Give --force to remove it with them.\n');
    const forced = await cli('topics', 'remove', 'rlhf', '--force');
    expect(forced.out.split('\n')[0]).toBe('Removed topic "RLHF" (rlhf) and its 1 subscription (1 channel) and 2 feedback marks. It was a starter topic: `paperboy topics restore "RLHF"` brings it back (without its subscriptions and feedback marks).');
    expect(await cli('topics', 'restore', 'rlhf')).toMatchObject({ code: 0, out: 'Restored the starter topic "RLHF" (rlhf), as the catalog defines it; subscriptions and feedback marks it had before its removal are not brought back.\n' });
    expect(await stores.feedback.forTopic('rlhf')).toEqual([]);
  });

  it('a mark made between the count and the delete is not deleted unasked: nothing is removed', async () => {
    const stores = createMemoryStores();
    const cli = memoryCli(stores, dataDir);
    expect((await cli('topics', 'add', 'protein folding')).code).toBe(0);
    const forTopic = stores.feedback.forTopic.bind(stores.feedback);
    stores.feedback.forTopic = async (slug) => {
      const counted = await forTopic(slug);
      await stores.feedback.put(mark('protein-folding', '2601.00003', 'slack:U0LATE'));
      return counted;
    };
    const r = await cli('topics', 'remove', 'protein folding');
    stores.feedback.forTopic = forTopic;
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/changed while it was being removed; nothing removed/);
    expect(await stores.feedback.forTopic('protein-folding')).toHaveLength(1);
    expect(await stores.topics.get('protein-folding')).not.toBeNull();
  });
});
