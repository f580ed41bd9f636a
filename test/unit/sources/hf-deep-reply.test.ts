/** A Hugging Face reply that is not a list of daily papers fails that day (issue 12, case 10). */
import { describe, expect, it } from 'vitest';
import { createHfDailyPapersSource, mapHfPage } from '../../../src/sources/hf-daily-papers.js';
import type { HttpClient } from '../../../src/net/http.js';

function serving(text: string): HttpClient {
  return {
    async getText(url) {
      return { url, status: 200, contentType: 'application/json', text };
    },
    async getJson() {
      throw new Error('unused');
    },
  };
}

describe('Hugging Face replies of the wrong shape', () => {
  it('a reply nested a million levels deep fails the day with the reason', async () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const source = createHfDailyPapersSource({ baseUrl: 'http://hf.test/api', http: serving(deep) });
    const [unit] = source.units({ from: '2026-11-27', to: '2026-11-27' });
    await expect(source.fetchUnit(unit!)).rejects.toThrow(/JSON nested more than 64 levels deep \(at least 1000000\)/);
  });

  it('an array none of whose items is a daily-papers item is not an empty day', () => {
    expect(() => mapHfPage([[[[]]]], 'u')).toThrow(/none of its 1 item\(s\) is one \(item 0: not a daily-papers item/);
    expect(mapHfPage([], 'u').papers).toEqual([]);
  });
});
