/**
 * The database's full-text query searches the words the in-memory index does (searchTerms):
 * "of" or "the" beside a telling word is no word a paper must have, in either engine.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery, searchTerms, type ParsedQuery } from '../../../src/core/search/query-parser.js';
import { fts5Match, pgTsQuery } from '../../../src/store/prisma-archive-search.js';
import { archiveWordGroups } from '../../../src/core/search/acronym-aliases.js';

const q = (raw: string): ParsedQuery => {
  const r = parseQuery(raw);
  if (!r.ok) throw new Error(r.error);
  return r.query;
};
// The words as the core hands them to the store (merge-archive.ts).
const ask = (raw: string, match: 'all' | 'any' = 'all') => ({ query: q(raw), words: searchTerms(q(raw)), before: new Date('2026-11-01'), match, limit: 10 });

describe('archive query words', () => {
  it('leaves out common words beside telling ones', () => {
    expect(fts5Match(ask('benchmark of the codec')).match).toBe('"benchmark"* AND "codec"*');
    expect(pgTsQuery(ask('benchmark of the codec', 'any')).match).toBe('(benchmark:* | codec:*)');
    // Inside a hyphenated word as well: "the"* is also "then" and "theory".
    expect(fts5Match(ask('state-of-the-art codec')).match).toBe('"state"* AND "art"* AND "codec"*');
  });

  it('keeps them when nothing else is searched, or when quoted on their own', () => {
    expect(fts5Match(ask('the author:smith')).match).toBe('"the"*');
    expect(fts5Match(ask('"or" speculative')).match).toBe('"or"* AND "speculative"*');
  });

  it('searches an abbreviation or a long form as either, as groups of alternatives', () => {
    const pairs = new Map([['kv', ['key valu']], ['key valu', ['kv']]]);
    expect(archiveWordGroups(['kv', 'cache'], pairs)).toEqual([[['kv'], ['key', 'valu']], [['cache']]]);
    expect(archiveWordGroups(['key-value', 'cache'], pairs)).toEqual([[['key', 'value'], ['kv']], [['cache']]]);
    const groups = archiveWordGroups(['kv', 'cache'], pairs);
    expect(fts5Match({ ...ask('kv cache'), groups }).match).toBe('("kv"* OR ("key"* AND "valu"*)) AND "cache"*');
    expect(pgTsQuery({ ...ask('kv cache', 'any'), groups }).match).toBe('((kv:* | (key:* & valu:*)) | cache:*)');
  });

  it('asks FTS5 for the words folded as its index holds them, PostgreSQL for them as typed (it folds them itself)', () => {
    // Accents off Latin letters only: the Cyrillic breve and Devanagari vowel signs stay.
    expect(fts5Match(ask('Café Müller "naïve bayes"')).match).toBe('"cafe"* AND "muller"* AND "naive bayes"');
    // One spelling each (it was both, folded and typed): decomposed text composed as stored text is.
    expect(pgTsQuery(ask('Café MU\u0308LLER "naïve bayes"')).match).toBe('café:* & müller:* & (naïve <-> bayes)');
    expect(pgTsQuery(ask('Сергей हिन्दी')).match).toBe('сергей:* & हिन्दी:*');
  });
});
