/**
 * `/papers digest` previews the digest as it will be: papers by a followed author come
 * whatever the topics (as runDigests plans them), and following only authors is a digest too.
 */
import { describe, expect, it } from 'vitest';
import { createDigestPreviews } from '../../../src/core/digest/preview.js';
import type { Paper } from '../../../src/core/papers/paper.js';
import type { PaperStore, Subscription, SubscriptionStore, TargetStore } from '../../../src/core/ports.js';
import { memoryFollows } from '../../helpers/memory-follows.js';
import { keywordMatcher, paper, sub } from './fixtures.js';

const now = new Date('2026-11-20T12:00:00Z');

async function previewFor(papers: Paper[], subs: Subscription[], authors: string[]) {
  const follows = memoryFollows();
  for (const author of authors) await follows.add({ subscriber: 'slack:U1', author, createdBy: 'slack:U1', createdAt: now });
  const stores = {
    papers: { list: async () => papers } as unknown as PaperStore,
    subscriptions: { list: async (f: { subscriber?: string } = {}) => subs.filter((s) => !f.subscriber || s.subscriber === f.subscriber) } as unknown as SubscriptionStore,
    targets: { get: async () => null } as unknown as TargetStore,
    follows,
  };
  return createDigestPreviews({ stores, matcher: keywordMatcher(), maxPapers: 10, clock: { now: () => now } }).forSubscriber('slack:U1');
}

describe('digest preview', () => {
  const papers = [paper('2611.00001', { title: 'speculative decoding, faster' }), paper('2611.00002', { title: 'An unrelated paper', authors: ['Ada Lovelace'] })];

  it('adds papers by a followed author, whatever their topics, as the digest does', async () => {
    const preview = await previewFor(papers, [sub('slack:U1', 'speculative decoding', { kind: 'user' })], ['Ada Lovelace']);
    expect(preview.status).toBe('ok');
    if (preview.status !== 'ok') return;
    expect(preview.items.map((i) => i.paper.arxivId).sort()).toEqual(['2611.00001', '2611.00002']);
    expect(preview.items.find((i) => i.paper.arxivId === '2611.00002')!.why).toContain('followed author: Ada Lovelace');
  });

  it('names the other topics a paper matched as the digest does, by their names', async () => {
    const follows = memoryFollows();
    const subs = [sub('slack:U1', 'speculative', { kind: 'user' }), sub('slack:U1', 'faster', { kind: 'user' })];
    const stores = {
      papers: { list: async () => papers } as unknown as PaperStore,
      subscriptions: { list: async () => subs } as unknown as SubscriptionStore,
      targets: { get: async () => null } as unknown as TargetStore,
      follows,
      topics: { list: async () => [{ slug: 'speculative', name: 'Speculative decoding' }, { slug: 'faster', name: 'Making LLMs faster' }] as never },
    };
    const preview = await createDigestPreviews({ stores, matcher: keywordMatcher({ 'faster|2611.00001': 0.5 }), maxPapers: 10, clock: { now: () => now } }).forSubscriber('slack:U1');
    expect(preview).toMatchObject({ status: 'ok', items: [{ topicSlug: 'speculative', why: 'title mentions speculative (also: Making LLMs faster)' }] });
  });

  it('says how many more papers matched than the digest\'s max papers lets in, as the digest does', async () => {
    const many = Array.from({ length: 14 }, (_, i) => paper(`2611.1${String(i).padStart(4, '0')}`, { title: `speculative decoding ${i}` }));
    const preview = await previewFor(many, [sub('slack:U1', 'speculative decoding', { kind: 'user' })], []);
    expect(preview).toMatchObject({ status: 'ok', moreMatched: 4 });
    if (preview.status === 'ok') expect(preview.items).toHaveLength(10);
    expect(await previewFor(papers, [sub('slack:U1', 'speculative decoding', { kind: 'user' })], [])).not.toHaveProperty('moreMatched');
  });

  it('following only authors is a digest too', async () => {
    const preview = await previewFor(papers, [], ['Ada Lovelace']);
    expect(preview).toMatchObject({ status: 'ok', items: [expect.objectContaining({ why: expect.stringContaining('Ada Lovelace') })] });
  });
});

describe('topic preview', () => {
  const previews = (all: Paper[]) => {
    const stores = {
      papers: { list: async (q: { limit?: number }) => all.slice(0, q.limit) } as unknown as PaperStore,
      subscriptions: { list: async () => [] } as unknown as SubscriptionStore,
      targets: { get: async () => null } as unknown as TargetStore,
    };
    return createDigestPreviews({ stores, matcher: keywordMatcher(), maxPapers: 10, clock: { now: () => now } });
  };
  // Newest first, an hour apart, as the store lists them.
  const stream = (n: number) => Array.from({ length: n }, (_, i) => paper(`2611.${String(i).padStart(5, '0')}`, { title: `world models ${i}`, publishedAt: new Date(now.getTime() - i * 3_600_000) }));

  it('says where it stopped when the window held more papers than a preview reads', async () => {
    const busy = await previews(stream(2500)).forTopic('world models', { days: 7, limit: 3 });
    expect(busy.items).toHaveLength(3);
    expect(busy.read).toBe(2000);
    // A window of exactly as many papers as a preview reads was read whole.
    for (const n of [100, 2000]) expect((await previews(stream(n)).forTopic('world models', { days: 7, limit: 3 })).read, String(n)).toBeUndefined();
  });
});
