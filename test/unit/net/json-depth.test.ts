/** Deeply nested JSON replies fail with a reason (issue 12, case 10). */
import { describe, expect, it } from 'vitest';
import { decodeJson, jsonDepthOver, MAX_JSON_DEPTH } from '../../../src/net/http.js';
import { ParseError } from '../../../src/net/errors.js';

const reply = (text: string) => ({ url: 'http://hf/api/daily_papers?date=2026-11-27', status: 200, contentType: 'application/json', text });

describe('JSON nesting depth', () => {
  it('refuses a reply nested a million levels deep, saying so', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(() => decodeJson(reply(deep), 'http://hf/x')).toThrow(ParseError);
    expect(() => decodeJson(reply(deep), 'http://hf/x')).toThrow(`JSON nested more than ${MAX_JSON_DEPTH} levels deep (at least 1000000)`);
  });

  it('counts only structure, not brackets inside strings', () => {
    expect(jsonDepthOver(JSON.stringify([{ paper: { title: '[[[[{{{{ \\" ]]]' } }]), 4)).toBeNull();
    expect(jsonDepthOver('[[[[[1]]]]]', 4)).toBe(5);
    expect(decodeJson(reply('[{"paper":{"id":"2611.00001","authors":[{"name":"A"}]}}]'), 'u')).toHaveLength(1);
  });
});
