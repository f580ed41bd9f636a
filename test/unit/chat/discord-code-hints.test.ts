/**
 * The bot's command hints with optional parts (`[weekly:<day>]`) or choices (`True|False`) are
 * code on Discord as on Slack: escaped, they showed their backticks and backslashes instead.
 */
import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../../src/chat/text/discord-escape.js';

describe('inline code on Discord', () => {
  it('keeps a hint with brackets and a choice as code', () => {
    const hint = '`/papers schedule time:<HH:MM> [weekly:<day>] [timezone:<IANA time zone>] [weekdays:True|False]`';
    expect(escapeDiscord(`To change it: ${hint}`)).toBe(`To change it: ${hint}`);
    expect(escapeDiscord('`/papers channel threads on:True|False`')).toBe('`/papers channel threads on:True|False`');
  });

  it('still escapes a span that could read as a link or a spoiler where code is not rendered', () => {
    expect(escapeDiscord('`[click](https://evil.example)`')).not.toContain('`[click](');
    expect(escapeDiscord('`||hidden||`')).not.toContain('`||hidden||`');
    expect(escapeDiscord('`a\\b`')).not.toBe('`a\\b`');
  });
});
