/**
 * The cap on the papers the hot window keeps in memory: a backfill of recent papers (or a file of
 * undated ones, dated when stored) must not put them all in MiniSearch; the newest stay, the rest
 * are answered by the archive like papers older than the window.
 */
import { describe, expect, it } from 'vitest';
import type { PaperInput } from '../../../src/core/papers/paper.js';
import { paperDate } from '../../../src/core/papers/paper.js';
import type { ArchiveQuery, ArchiveSearch } from '../../../src/core/search/archive-search.js';
import { decodeSnapshot, encodeSnapshot, memorySnapshotStore } from '../../../src/core/search/index-snapshot.js';
import { createSearchService } from '../../../src/core/search/search-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const HOUR = 3_600_000;
/** Paper `i` is `i` hours old and the only one with the word `w<i>`. */
const paper = (i: number, at = new Date(NOW - i * HOUR)): PaperInput => ({
  arxivId: `2612.${String(i).padStart(5, '0')}`,
  source: 'hf',
  title: `Speech codec w${i}`,
  abstract: 'Neural audio tokens.',
  authors: ['Jane Doe'],
  publishedAt: at,
  categories: ['cs.SD'],
});

function setup() {
  const stores = createMemoryStores();
  const asked: ArchiveQuery[] = [];
  const archive: ArchiveSearch = {
    search: async (q) => {
      asked.push(q);
      return [];
    },
    countFrom: async (from) => (await stores.papers.list({ limit: 10_000 })).filter((p) => paperDate(p).getTime() >= from.getTime()).length,
  };
  const snapshots = memorySnapshotStore();
  const service = (hotMax: number, hotDays = 30) => createSearchService({ papers: stores.papers, archive, hotDays, hotMax, snapshots, now: () => NOW, warm: false });
  return { stores, asked, snapshots, service };
}

const ids = async (s: ReturnType<ReturnType<typeof setup>['service']>, q: string) => {
  const r = await s.search(q);
  return r.status === 'ok' ? r.items.map((i) => i.arxivId) : [];
};

describe('search hot window capped by paper count', () => {
  it('keeps only the newest papers in memory; the older ones of the window are asked of the archive', async () => {
    const { stores, asked, service } = setup();
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i)), new Date(NOW));
    const s = service(20);
    expect(await s.ready()).toMatchObject({ source: 'rebuild', papers: 20 });
    expect(await ids(s, 'w3')).toEqual(['2612.00003']);
    // Paper 30 is in the window (30 hours old) but not among the newest 20: the archive's.
    expect(await ids(s, 'w30')).toEqual([]);
    const before = asked.at(-1)?.before.getTime();
    expect(before).toBe(NOW - 20 * HOUR + 1);
  });

  it('reopens from its snapshot, and a catch-up keeps to the cap with the newest papers', async () => {
    const { stores, service } = setup();
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i + 10)), new Date(NOW));
    expect(await service(20).ready()).toMatchObject({ source: 'rebuild', papers: 20 });
    expect(await service(20).ready()).toMatchObject({ source: 'snapshot', papers: 20 });
    await stores.papers.upsertMany(Array.from({ length: 5 }, (_, i) => paper(i)), new Date(NOW + 60_000));
    const s = service(20);
    expect(await s.ready()).toMatchObject({ source: 'snapshot+catch-up', papers: 20 });
    expect(await ids(s, 'w0')).toEqual(['2612.00000']);
    expect(await ids(s, 'w25')).toEqual([]);
  });

  it('a snapshot made under another cap is rebuilt once', async () => {
    const { stores, service } = setup();
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i)), new Date(NOW));
    await service(20).ready();
    expect(await service(40).ready()).toMatchObject({ source: 'rebuild', papers: 40 });
    expect(await service(40).ready()).toMatchObject({ source: 'snapshot', papers: 40 });
  });

  it('papers of one date stay together: past the cap they go to the archive as a whole', async () => {
    const { stores, service } = setup();
    const sameTime = new Date(NOW - HOUR);
    await stores.papers.upsertMany([...Array.from({ length: 30 }, (_, i) => paper(i + 1, sameTime)), paper(0)], new Date(NOW));
    expect(await service(20).ready()).toMatchObject({ papers: 1 });
  });

  it('without a cap, a snapshot of a shorter window is rebuilt for a longer one', async () => {
    const { stores, service } = setup();
    // One paper a day for 50 days: 31 in a 30-day window (its first day included), all in a 60-day one.
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i * 24)), new Date(NOW));
    expect(await service(0, 30).ready()).toMatchObject({ source: 'rebuild', papers: 31 });
    expect(await service(0, 60).ready()).toMatchObject({ source: 'rebuild', papers: 50, reason: 'snapshot made for another search window' });
  });

  it('under the same cap, a snapshot of a shorter window is rebuilt for a longer one', async () => {
    const { stores, snapshots, service } = setup();
    // One paper a day for 50 days: 31 in 30 days, under the cap of 40; 60 days would hold 50, so the cap keeps 40.
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i * 24)), new Date(NOW));
    expect(await service(40, 30).ready()).toMatchObject({ source: 'rebuild', papers: 31 });
    expect(await service(40, 60).ready()).toMatchObject({ source: 'rebuild', papers: 40, reason: 'snapshot made for another search window' });
    expect(await service(40, 60).ready()).toMatchObject({ source: 'snapshot', papers: 40 });
    const header = decodeSnapshot(snapshots.data!);
    expect(header.ok && header.header.hotDays).toBe(60);
  });

  it('a shorter window sheds papers from the snapshot instead of rebuilding', async () => {
    const { stores, service } = setup();
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i * 24)), new Date(NOW));
    expect(await service(40, 60).ready()).toMatchObject({ source: 'rebuild', papers: 40 });
    expect(await service(40, 30).ready()).toMatchObject({ source: 'snapshot', papers: 31 });
    expect(await service(40, 10).ready()).toMatchObject({ source: 'snapshot', papers: 11 });
  });

  it('a snapshot from before the window length was recorded is reused only where its window covers the one wanted', async () => {
    const { stores, snapshots, service } = setup();
    const forget = () => {
      const d = decodeSnapshot(snapshots.data!);
      if (!d.ok) throw new Error(d.reason);
      const { hotDays: _, ...older } = d.header;
      snapshots.data = encodeSnapshot(older, d.indexJson);
    };
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i * 24)), new Date(NOW));
    // Its window starts where the days do, not the cap: it covers a window as long or shorter.
    await service(40, 30).ready();
    forget();
    expect(await service(40, 30).ready()).toMatchObject({ source: 'snapshot', papers: 31 });
    // The cap started its window: whether the days it was made for were as many is unknown, so it is rebuilt once.
    snapshots.data = null;
    expect(await service(40, 60).ready()).toMatchObject({ source: 'rebuild', papers: 40 });
    forget();
    expect(await service(40, 60).ready()).toMatchObject({ source: 'rebuild', papers: 40 });
    expect(await service(40, 60).ready()).toMatchObject({ source: 'snapshot', papers: 40 });
  });

  it('no cap (0) keeps the whole window', async () => {
    const { stores, service } = setup();
    await stores.papers.upsertMany(Array.from({ length: 50 }, (_, i) => paper(i)), new Date(NOW));
    expect(await service(0).ready()).toMatchObject({ papers: 50 });
  });
});
