/** arXiv's category taxonomy: what `--category` and PAPERBOY_ARXIV_CATEGORIES accept. */
import { describe, expect, it } from 'vitest';
import { ARXIV_CATEGORIES, checkArxivCategories, checkArxivCategory, inArxivCategory, isArxivArchive } from '../../../src/core/papers/arxiv-categories.js';

describe('checkArxivCategory', () => {
  it('accepts every category and archive in any case, spelt as arXiv spells it', () => {
    expect(checkArxivCategory('CS.cl')).toEqual({ ok: true, category: 'cs.CL' });
    expect(checkArxivCategory(' eess.as ')).toEqual({ ok: true, category: 'eess.AS' });
    expect(checkArxivCategory('COND-MAT.STR-EL')).toEqual({ ok: true, category: 'cond-mat.str-el' });
    expect(checkArxivCategory('Quant-Ph')).toEqual({ ok: true, category: 'quant-ph' });
    expect(checkArxivCategory('Math')).toEqual({ ok: true, category: 'math' });
    for (const c of ['cs.AI', 'cs.SY', 'math.ST', 'stat.ML', 'econ.TH', 'q-bio.NC', 'q-fin.TR', 'physics.optics', 'astro-ph.CO', 'nlin.SI', 'hep-th', 'gr-qc', 'nucl-ex', 'math-ph']) {
      expect(checkArxivCategory(c), c).toEqual({ ok: true, category: c });
    }
    expect(ARXIV_CATEGORIES.filter((c) => c.startsWith('cs.'))).toHaveLength(40);
    expect(ARXIV_CATEGORIES).toHaveLength(155);
  });

  it('refuses names that are no category, suggesting the near misses', () => {
    expect(checkArxivCategory('cs.CLL')).toEqual({ ok: false, error: '"cs.CLL" is not an arXiv category (like cs.CL, or an archive like cs); did you mean cs.CL?' });
    expect(checkArxivCategory('quantph')).toMatchObject({ ok: false, error: expect.stringMatching(/did you mean quant-ph\?$/) });
    // The subject class in the archive that has it, rather than every class a letter away (cs.CL, cs.MA …).
    expect(checkArxivCategory('cs.ML')).toMatchObject({ ok: false, error: expect.stringMatching(/did you mean stat\.ML\?$/) });
    expect(checkArxivCategory('cs.C')).toMatchObject({ ok: false, error: expect.stringMatching(/did you mean cs\.CC, cs\.CE or cs\.CG\?$/) });
    for (const bad of ['bogus', 'foo', 'cs.XX', 'cs.XYZ', 'cmp-lg', '']) {
      expect(checkArxivCategory(bad), bad).toMatchObject({ ok: false, error: expect.stringMatching(/is not an arXiv category .*; see https:\/\/arxiv\.org\/category_taxonomy$/) });
    }
    expect(checkArxivCategories(['cs.cl', 'CS.CL', 'math'])).toEqual({ ok: true, categories: ['cs.CL', 'math'] });
    expect(checkArxivCategories(['cs.CL', 'cs.XYZ'])).toMatchObject({ ok: false, error: expect.stringContaining('"cs.XYZ"') });
  });

  it('an archive holds its categories; a category is not an archive', () => {
    expect(isArxivArchive('cs')).toBe(true);
    expect(isArxivArchive('hep-th')).toBe(false);
    expect(isArxivArchive('cs.CL')).toBe(false);
    expect(inArxivCategory('cs.CL', 'cs')).toBe(true);
    expect(inArxivCategory('cs.CL', 'cs.cl')).toBe(true);
    expect(inArxivCategory('cs.CL', 'cs.CV')).toBe(false);
    expect(inArxivCategory('math-ph', 'math')).toBe(false);
    expect(inArxivCategory('astro-ph', 'astro-ph')).toBe(true);
  });
});
