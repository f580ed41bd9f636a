import { describe, expect, it } from 'vitest';
import { parseQuery, searchTerms } from '../../../src/core/search/query-parser.js';

describe('query parser', () => {
  it('keeps a word of a script whose vowels are combining marks whole', () => {
    // Split at the vowel signs, 'हिन्दी' was three single letters and refused as too short.
    const r = parseQuery('हिन्दी कोड "เครื่อง ภาษาไทย"');
    expect(r.ok && r.query.terms).toEqual(['हिन्दी', 'कोड']);
    expect(r.ok && r.query.phrases).toEqual(['เครื่อง ภาษาไทย']);
  });

  it('splits words, quoted phrases and filters', () => {
    const r = parseQuery('speech "neural audio codec" author:"Jane Doe" by:smith since:2026-01-31 category:cs.SD cat:eess.AS');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.terms).toEqual(['speech']);
    expect(r.query.phrases).toEqual(['neural audio codec']);
    expect(r.query.authors).toEqual(['jane doe', 'smith']);
    expect(r.query.categories).toEqual(['cs.sd', 'eess.as']);
    expect(r.query.since?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  it('reads -word and NOT word as words to leave out, never as words to find; alone they are refused', () => {
    const r = parseQuery('decoding -diffusion NOT video-based not');
    expect(r.ok && r.query).toMatchObject({ terms: ['decoding', 'not'], without: ['diffusion', 'video-based'] });
    // A hyphen inside a word or a lone dash is no exclusion.
    expect(parseQuery('multi-agent - systems').ok && (parseQuery('multi-agent - systems') as { ok: true; query: { without?: string[] } }).query.without).toBeUndefined();
    const alone = parseQuery('-diffusion');
    expect(alone).toEqual({ ok: false, error: 'Say what to search for as well as what to leave out, e.g. "decoding -diffusion"' });
    expect(parseQuery('author:smith -diffusion').ok).toBe(true);
  });

  it('keeps unknown key:value text as words and a one-word quote as a term', () => {
    const r = parseQuery('ratio:2 "mamba"');
    expect(r.ok && r.query.terms).toEqual(['ratio', '2', 'mamba']);
  });

  it('reads a bare "or" as any of the words, never as a word; between filters it is refused', () => {
    const any = parseQuery('diffusion OR video or audio');
    expect(any.ok && any.query).toMatchObject({ terms: ['diffusion', 'video', 'audio'], any: true });
    for (const q of ['or diffusion', 'diffusion or']) {
      const r = parseQuery(q);
      expect(r.ok && r.query.terms, q).toEqual(['diffusion']);
      expect(r.ok && r.query.any, q).toBeUndefined();
    }
    const quoted = parseQuery('"or" gate');
    expect(quoted.ok && quoted.query.terms).toEqual(['or', 'gate']);
    const filters = parseQuery('author:doe or author:smith');
    expect(filters.ok).toBe(false);
    expect(!filters.ok && filters.error).toContain('"or" joins words');
  });

  it('reads typographic double quotes as quotes, as phones and macOS type them; an apostrophe stays a letter', () => {
    const r = parseQuery('“kv cache” eviction author:„Ada Lovelace“ Lovelace’s');
    expect(r.ok && r.query.phrases).toEqual(['kv cache']);
    expect(r.ok && r.query.authors).toEqual(['ada lovelace']);
    expect(r.ok && r.query.terms).toContain('eviction');
    expect(r.ok && r.query.phrases.concat(r.query.terms).join(' ')).not.toMatch(/[“”„"]/);
  });

  it('accepts a filter-only query and an unterminated quote', () => {
    expect(parseQuery('author:hinton').ok).toBe(true);
    const r = parseQuery('"kv cache');
    expect(r.ok && r.query.phrases).toEqual(['kv cache']);
  });

  it('reads a filter\'s unterminated quote to the end, as a phrase\'s: the filter is never dropped or split', () => {
    // `author:"` matched every paper, and `author:"Jian Chen` looked for "jian and the word chen.
    const r = parseQuery('author:"Jian Chen');
    expect(r.ok && r.query).toMatchObject({ authors: ['jian chen'], terms: [] });
    for (const key of ['author', 'category', 'since']) {
      const bare = parseQuery(`decoding ${key}:"`);
      expect(bare.ok, key).toBe(false);
      if (!bare.ok) expect(bare.error).toMatch(new RegExp(`^${key}: needs a value`));
    }
  });

  it('takes typographic double quotes (a phone keyboard\'s, a pasted document\'s) as quotes', () => {
    const r = parseQuery('author:“Jane Doe” „neural audio codec“ speech');
    expect(r.ok && r.query).toMatchObject({ authors: ['jane doe'], phrases: ['neural audio codec'], terms: ['speech'] });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(5000), /too long/],
    ['bad\u0000query', /control/],
    ['since:2026-02-31', /since: "2026-02-31" is not a real calendar day/],
    ['since:yesterday', /since: "yesterday" is not a date in the form YYYY-MM-DD/],
    // Read whole, as every day option is (parseDayOption): cut to 40 characters first, the
    // day followed far off by more text passed as the day alone.
    [`since:"2026-01-31${' '.repeat(30)}and later"`, /since: ".*" is not a date in the form YYYY-MM-DD/],
    ['!!! ???', /no words/],
    ['author:', /author: needs a value/],
    ['audio codec author:', /author: needs a value/],
    ['author: hinton', /author: needs a value right after the colon/],
    ['author:""', /author: needs a value/],
    ['by:', /by: needs a value/],
    ['category:', /category: needs a value/],
    ['CAT:', /cat: needs a value/],
    ['since:', /since: needs a value/],
    ['category:cs.CLL', /^category: "cs\.CLL" is not an arXiv category .*did you mean cs\.CL\?$/],
    ['speech cat:xyz', /^cat: "xyz" is not an arXiv category/],
  ])('rejects %j with a clear message', (q, msg) => {
    const r = parseQuery(q);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });

  it('refuses a query of words every paper says ("a", "the of"), and keeps them beside a real word or a filter', () => {
    for (const q of ['a', 'The', 'the of']) {
      const r = parseQuery(q);
      expect(r.ok, q).toBe(false);
      if (!r.ok) expect(r.error).toContain('in nearly every paper');
    }
    for (const q of ['a diffusion', 'the author:smith', '"state of the art"', 'GPT-4']) expect(parseQuery(q).ok, q).toBe(true);
  });

  it('says a lone letter is too short, not that it is in nearly every paper ("x", "a or b")', () => {
    const error = (q: string) => {
      const r = parseQuery(q);
      return r.ok ? null : r.error;
    };
    expect(error('x')).toBe('"x" is a single character, too short to search for: give a word that tells papers apart');
    expect(error('a or b')).toBe('"a" is in nearly every paper and "b" is a single character, too short to search for: give a word that tells papers apart');
  });

  it('leaves a lone letter out beside other words, as a common word is ("quantum x", "title:x"); a quoted one or a hyphenated word\'s is kept', () => {
    const terms = (q: string) => {
      const r = parseQuery(q);
      return r.ok ? searchTerms(r.query) : null;
    };
    expect(terms('quantum x')).toEqual(['quantum']);
    expect(terms('title:x')).toEqual(['title']);
    expect(terms('zzzq x')).toEqual(['zzzq']);
    expect(terms('quantum "x"')).toEqual(['quantum', 'x']);
    expect(terms('x-ray imaging')).toEqual(['x-ray', 'imaging']);
    expect(terms('gpt 4')).toEqual(['gpt', '4']);
  });

  it('reads a category as arXiv spells it, or an archive for all of its categories', () => {
    for (const [q, want] of [['category:CS.cl', ['cs.cl']], ['cat:math', ['math']], ['cat:eess.AS cat:cs', ['eess.as', 'cs']]] as const) {
      const r = parseQuery(q);
      expect(r.ok && r.query.categories, q).toEqual(want);
    }
  });

  it('handles hostile text without throwing', () => {
    for (const q of ['<!channel> @everyone', '<@U123> *bold* `code`', 'مرحبا 🔥 语音', 'author:']) {
      expect(() => parseQuery(q)).not.toThrow();
    }
  });
});
