import { describe, expect, it } from 'vitest';
import { parseCommandOptions, parseCommandText } from '../../../src/chat/commands/parse.js';
import { usageText } from '../../../src/chat/commands/hints.js';
import type { ParseOutcome } from '../../../src/chat/commands/command.js';

/** The usage line of an invalid outcome as Slack shows it. */
const slackUsage = (r: ParseOutcome) => (r.status === 'invalid' ? usageText(r.usage, 'slack') : null);

describe('parsing /papers follow and unfollow', () => {
  it('takes the author quoted or not, curly quotes included', () => {
    expect(parseCommandText('follow author "Ada Lovelace"')).toEqual({ status: 'ok', command: { kind: 'follow-author', author: 'Ada Lovelace' } });
    expect(parseCommandText('Follow Author  José   García')).toEqual({ status: 'ok', command: { kind: 'follow-author', author: 'José García' } });
    expect(parseCommandText('unfollow author “Lovelace, Ada”')).toEqual({ status: 'ok', command: { kind: 'unfollow-author', author: 'Lovelace, Ada' } });
    // As a topic's quotes are read (names.ts quotedText): a German keyboard's „…“ too.
    expect(parseCommandText('follow author „Ada Lovelace“')).toEqual({ status: 'ok', command: { kind: 'follow-author', author: 'Ada Lovelace' } });
  });

  it('lists with `follow list` or a bare `follow`', () => {
    expect(parseCommandText('follow list')).toEqual({ status: 'ok', command: { kind: 'follow-list' } });
    expect(parseCommandText('follow')).toEqual({ status: 'ok', command: { kind: 'follow-list' } });
  });

  it('answers a missing name or the missing word "author" with the usage', () => {
    expect(slackUsage(parseCommandText('follow author ""'))).toContain('/papers follow author');
    // Typographic quotes alone, the reversed ‟ of core/quotes.ts too, are no name either.
    expect(slackUsage(parseCommandText('follow author ‟”'))).toContain('/papers follow author');
    expect(parseCommandText('follow Ada Lovelace')).toMatchObject({ status: 'invalid', message: expect.stringContaining('follow author "<name>"') });
    expect(slackUsage(parseCommandText('unfollow'))).toBe('/papers unfollow author "<name>"');
  });

  it("builds the same commands from Discord's subcommand groups", () => {
    expect(parseCommandOptions('follow', 'author', { name: 'A. Lovelace' })).toEqual({ status: 'ok', command: { kind: 'follow-author', author: 'A. Lovelace' } });
    expect(parseCommandOptions('follow', 'list', {})).toEqual({ status: 'ok', command: { kind: 'follow-list' } });
    expect(parseCommandOptions('unfollow', 'author', { name: 'Ada Lovelace' })).toEqual({ status: 'ok', command: { kind: 'unfollow-author', author: 'Ada Lovelace' } });
  });
});
