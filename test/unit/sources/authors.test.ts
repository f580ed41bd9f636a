/** Author lists split the way each format means them (issue 12, case 6). */
import { describe, expect, it } from 'vitest';
import { fromTexAccents } from '../../../src/core/papers/tex.js';
import { namesFromElements, namesInList, rssAuthorName, splitNameList } from '../../../src/sources/authors.js';

describe('splitNameList', () => {
  it.each([
    ['Krogman, N.', ['Krogman, N.']],
    ['Krogman, Naomi', ['Krogman, Naomi']],
    ['Doe, J., Smith, A. and Lee, K.', ['Doe, J.', 'Smith, A.', 'Lee, K.']],
    ['Krogman, N.; Smith, J.-P.', ['Krogman, N.', 'Smith, J.-P.']],
    ['Müller, Á., Li, X', ['Müller, Á.', 'Li, X']],
    ['Jane Doe, John Smith, Li Wei', ['Jane Doe', 'John Smith', 'Li Wei']],
    ['A One, B Two and C Three', ['A One', 'B Two', 'C Three']],
    ['Jane Doe & John Smith', ['Jane Doe', 'John Smith']],
    ['Martin King, Jr., Jane Doe', ['Martin King, Jr.', 'Jane Doe']],
    ['Jane Doe, Prabhat, Li Wei', ['Jane Doe', 'Prabhat', 'Li Wei']],
  ])('%s', (list, names) => {
    expect(splitNameList(list)).toEqual(names);
  });
});

describe('names from elements', () => {
  it('several elements are one author each; one element may list everyone', () => {
    expect(namesFromElements(['Krogman, N.', 'Beckley, T. M.'])).toEqual(['Krogman, N.', 'Beckley, T. M.']);
    expect(namesFromElements(['Jane Doe, John Smith'])).toEqual(['Jane Doe', 'John Smith']);
    expect(namesFromElements(['Se&aacute;n O&#8217;Brien'])).toEqual(['Seán O’Brien']);
    expect(namesFromElements(['<a href="https://arxiv.org/a/doe_j_1">Jane Doe</a>, <a href="https://arxiv.org/a/li_w_1">Li Wei</a>'])).toEqual(['Jane Doe', 'Li Wei']);
  });

  it('RSS <author> is an e-mail address with the name in parentheses', () => {
    expect(rssAuthorName('jane@example.org (Jane Doe)')).toBe('Jane Doe');
    expect(rssAuthorName('Jane Doe <jane@example.org>')).toBe('Jane Doe');
    expect(rssAuthorName('noreply@example.org')).toBe('');
  });
});

describe('TeX accents in names (arXiv metadata)', () => {
  it('reads the accent commands and letters arXiv metadata writes', () => {
    const cases: Array<[string, string]> = [
      ["C. Bal\\'azs", 'C. Balázs'],
      ['Kurt G{\\"o}del', 'Kurt Gödel'],
      ['{\\L}ukasz Kaiser', 'Łukasz Kaiser'],
      ['Paul Erd\\H{o}s', 'Paul Erdős'],
      ['Fran\\c{c}ois and Fran\\c cois', 'François and François'],
      ["{\\'E}mile Dvo\\v{r}\\'ak", 'Émile Dvořák'],
      ["Mar\\'{\\i}a", 'María'],
      ['Stra\\ss e', 'Straße'],
    ];
    for (const [tex, name] of cases) expect(fromTexAccents(tex), tex).toBe(name);
    // Text without TeX is left exactly as it is, braces included.
    expect(fromTexAccents('{Weird} Name')).toBe('{Weird} Name');
  });
});

describe('"et al." in a credit line', () => {
  it('names the people before it and the collaboration after it; one element each keeps the rest', () => {
    expect(namesInList('R. Aaij et al. (LHCb Collaboration)')).toEqual(['R. Aaij', 'LHCb Collaboration']);
    expect(namesInList('A. Smith, B. Jones, et al.')).toEqual(['A. Smith', 'B. Jones']);
    expect(namesFromElements(['G. Aad et al. (ATLAS Collaboration)', 'Jane Doe'])).toEqual(['G. Aad', 'ATLAS Collaboration', 'Jane Doe']);
    // A name that only contains the letters is a name.
    expect(namesInList('Petal Metal, Ann Etalon')).toEqual(['Petal Metal', 'Ann Etalon']);
  });
});

describe('an affiliation in parentheses after a name', () => {
  it('is no part of the name, whatever commas and "and"s it holds', () => {
    expect(namesInList('Jane Doe (MIT)')).toEqual(['Jane Doe']);
    expect(namesInList('J. Doe (University of X, Country)')).toEqual(['J. Doe']);
    expect(namesInList('Jane Doe (MIT), John Roe (Dept. of Physics and Astronomy, Y) and Li Wei')).toEqual(['Jane Doe', 'John Roe', 'Li Wei']);
    expect(namesInList('Jane Doe (MIT; Harvard); John Roe')).toEqual(['Jane Doe', 'John Roe']);
    // An inverted name keeps its initials.
    expect(namesInList('Smith, J. (MIT), Lee, K. (KAIST)')).toEqual(['Smith, J.', 'Lee, K.']);
    expect(namesInList('Krogman, Naomi (University of Alberta)')).toEqual(['Krogman, Naomi']);
    // Two one-word names each with an affiliation are two people, not one inverted name.
    expect(namesInList('Sukarno (ITB), Hatta (UI)')).toEqual(['Sukarno', 'Hatta']);
    // One element each.
    expect(namesFromElements(['Jane Doe (MIT)', 'John Roe (University of X, Country)'])).toEqual(['Jane Doe', 'John Roe']);
    // RSS <author>: the name before an e-mail address in parentheses.
    expect(namesFromElements([rssAuthorName('Jane Doe (jane@example.org)')])).toEqual(['Jane Doe']);
  });

  it('arXiv\'s numbered affiliations, listed after the last name, go too', () => {
    expect(splitNameList('A. Author (1), B. Author (1 and 2) ((1) MIT, (2) Stanford University)')).toEqual(['A. Author', 'B. Author']);
  });

  it('leaves "et al. (Collaboration)", a bracket inside a name, a name that is only a bracket, and an unclosed one', () => {
    expect(namesInList('R. Aaij et al. (LHCb Collaboration)')).toEqual(['R. Aaij', 'LHCb Collaboration']);
    expect(namesInList('Jane (Janie) Doe, (Anonymous)')).toEqual(['Jane (Janie) Doe', '(Anonymous)']);
    expect(namesInList('Jane Doe (MIT, John Roe')).toEqual(['Jane Doe (MIT', 'John Roe']);
  });

  it('hostile names: brackets nested thousands deep, and the characters brackets are hidden behind, are text that throws nothing', () => {
    // Each level was one call deeper when shown again: 3,000 levels overflowed the stack and the whole feed failed.
    const deep = `${'('.repeat(3000)}x${')'.repeat(3000)}`;
    expect(namesInList(`Ann Lee, ${deep}`)[0]).toBe('Ann Lee');
    expect(namesInList(`Ann Lee, ${deep}`).join('')).toContain('x');
    // Private-use characters typed in a name were read as a hidden group: a throw, or another name's bracket in this one.
    expect(namesInList('Ann \uE0007\uE001 Lee')).toEqual(['Ann \uE0007\uE001 Lee']);
    expect(namesInList('Jane (x) \uE0000\uE001 Doe, Bob (MIT)')).toEqual(['Jane (x) \uE0000\uE001 Doe', 'Bob (MIT)']);
  });
});
