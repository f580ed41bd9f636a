/**
 * Reading lists on every Stores implementation (memory, SQLite, PostgreSQL): the store contract
 * and the service's rules (unknown papers refused, newest first, who may remove from a channel
 * list, the size cap), so the in-memory double cannot drift from the real stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { createReadingListService, MAX_SAVED_PAPERS } from '../../src/core/saved/reading-list-service.js';
import { parse } from '@retorquere/bibtex-parser';
import { storeBackends } from '../helpers/db.js';

const backends = await storeBackends('saved-store');

const T = (min: number) => new Date(Date.UTC(2026, 11, 1, 8, min));

describe.each(backends)('reading lists: $name', (backend) => {
  let stores: Stores;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ stores, drop } = await backend.open());
    await stores.papers.upsertMany(
      ['2501.00001', '2501.00002', '2501.00003'].map((id) => ({ arxivId: id, source: 'arxiv' as const, version: 2, title: `Paper ${id} & friends`, authors: ['Ada Lovelace'], categories: ['cs.CL'], publishedAt: T(0) })),
      T(0),
    );
  });
  afterAll(() => drop());

  it('store: add once, get, list newest first, count, remove', async () => {
    const s = stores.saved;
    expect(await s.add({ listId: 'slack:UA', arxivId: '2501.00001', savedBy: 'slack:UA', savedAt: T(1) })).toBe('created');
    expect(await s.add({ listId: 'slack:UA', arxivId: '2501.00002', savedBy: 'slack:UA', savedAt: T(2) })).toBe('created');
    expect(await s.add({ listId: 'slack:UA', arxivId: '2501.00001', savedBy: 'slack:UA', savedAt: T(3) })).toBe('exists');
    expect(await s.add({ listId: 'slack:UB', arxivId: '2501.00001', savedBy: 'slack:UB', savedAt: T(4) })).toBe('created');
    expect((await s.list('slack:UA', 10)).map((r) => r.arxivId)).toEqual(['2501.00002', '2501.00001']);
    expect(await s.get('slack:UA', '2501.00001')).toEqual({ listId: 'slack:UA', arxivId: '2501.00001', savedBy: 'slack:UA', savedAt: T(1) });
    expect(await s.count('slack:UA')).toBe(2);
    expect(await s.list('slack:UA', 1)).toHaveLength(1);
    expect(await s.remove('slack:UA', '2501.00002')).toBe(true);
    expect(await s.remove('slack:UA', '2501.00002')).toBe(false);
    expect(await s.count('slack:UB')).toBe(1);
  });

  it('service: refuses unknown papers, keeps a channel list open to all and removals to the saver or a manager, exports BibTeX', async () => {
    let now = 10;
    const svc = createReadingListService({ saved: stores.saved, papers: stores.papers, clock: { now: () => T(now++) } });
    expect(await svc.save('slack:C1', '2999.99999', 'slack:UA')).toEqual({ status: 'unknown-paper' });
    expect((await svc.save('slack:C1', '2501.00003', 'slack:UA')).status).toBe('saved');
    expect((await svc.save('slack:C1', '2501.00002', 'slack:UB')).status).toBe('saved');
    expect((await svc.save('slack:C1', '2501.00002', 'slack:UA')).status).toBe('already-saved');
    const page = await svc.list('slack:C1');
    expect(page.total).toBe(2);
    expect(page.entries.map((e) => [e.paper.arxivId, e.savedBy])).toEqual([['2501.00002', 'slack:UB'], ['2501.00003', 'slack:UA']]);
    expect((await svc.remove('slack:C1', '2501.00002', { id: 'slack:UA', mayManage: false })).status).toBe('forbidden');
    expect(await svc.remove('slack:C1', '2501.00002', { id: 'slack:UM', mayManage: true })).toEqual({ status: 'removed' });
    expect(await svc.remove('slack:C1', '2501.00003', { id: 'slack:UA', mayManage: false })).toEqual({ status: 'removed' });
    await svc.save('slack:C1', '2501.00001', 'slack:UA');
    const file = await svc.export('slack:C1', 'bibtex');
    expect(file).toMatchObject({ format: 'bibtex', count: 1, filename: 'reading-list.bib', mime: 'application/x-bibtex' });
    const lib = parse(file.content, { sentenceCase: false, caseProtection: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => [e.key, e.fields.title, e.fields.eprint, e.fields.version])).toEqual([['arXiv:2501.00001', 'Paper 2501.00001 & friends', '2501.00001', '2']]);
  });

  it(`service: a list holds at most ${MAX_SAVED_PAPERS} papers`, async () => {
    const full = 'slack:UFULL';
    for (let i = 0; i < MAX_SAVED_PAPERS; i++) await stores.saved.add({ listId: full, arxivId: `2400.${String(i).padStart(5, '0')}`, savedBy: full, savedAt: T(i) });
    const svc = createReadingListService({ saved: stores.saved, papers: stores.papers });
    expect(await svc.save(full, '2501.00001', full)).toEqual({ status: 'list-full', max: MAX_SAVED_PAPERS });
  }, 60_000);
});
