/**
 * The README says every variable is in .env.example "with its default": the value shown for a key
 * that has a default is that default (PAPERBOY_USER_AGENT showed "paperboy/0.1" while requests
 * went out as "paperboy/0.1 (+https://github.com/paperboy)"). Keys without a default show an
 * example instead, as do the lists whose default is empty.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

/** Keys whose line shows an example, not the default (their default is empty or unset). */
const EXAMPLES = new Set(['PAPERBOY_ARXIV_HOLIDAYS', 'SLACK_CHANNEL_MANAGERS']);

describe('.env.example', () => {
  it('shows each key with a default at that default', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const config = loadConfig({}) as unknown as Record<string, unknown>;
    const shown = new Map<string, string>();
    for (const m of example.matchAll(/^# ?([A-Z][A-Z0-9_]+)=(.*?)(?:\s{2,}#.*)?$/gm)) if (!shown.has(m[1]!)) shown.set(m[1]!, m[2]!.trim());
    let checked = 0;
    for (const [key, value] of shown) {
      const actual = config[key];
      if (actual === undefined || EXAMPLES.has(key)) continue;
      const text = Array.isArray(actual) ? actual.join(',') : String(actual);
      expect(value, key).toBe(text);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
