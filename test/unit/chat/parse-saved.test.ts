/** `/papers saved …` parsed the same from Slack text and Discord options. */
import { describe, expect, it } from 'vitest';
import { parseCommandOptions, parseCommandText } from '../../../src/chat/commands/parse.js';
import { usageText } from '../../../src/chat/commands/hints.js';
import { decodeCustomId, encodeCustomId } from '../../../src/chat/discord/commands/custom-ids.js';

describe('parse /papers saved', () => {
  it('lists, adds, removes and exports, for you or the channel', () => {
    expect(parseCommandText('saved')).toEqual({ status: 'ok', command: { kind: 'saved', list: 'user' } });
    expect(parseCommandText('saved channel')).toEqual({ status: 'ok', command: { kind: 'saved', list: 'channel' } });
    expect(parseCommandText('saved add https://arxiv.org/abs/2501.00001v3')).toEqual({ status: 'ok', command: { kind: 'saved-add', list: 'user', arxivId: '2501.00001' } });
    expect(parseCommandText('saved channel remove arXiv:hep-th/9901001')).toEqual({ status: 'ok', command: { kind: 'saved-remove', list: 'channel', arxivId: 'hep-th/9901001' } });
    expect(parseCommandText('saved export')).toEqual({ status: 'ok', command: { kind: 'saved-export', list: 'user', format: 'bibtex' } });
    expect(parseCommandText('saved channel export CSL-JSON')).toEqual({ status: 'ok', command: { kind: 'saved-export', list: 'channel', format: 'csl-json' } });
  });

  it('a page, typed as for the other lists', () => {
    expect(parseCommandText('saved page 3')).toEqual({ status: 'ok', command: { kind: 'saved', list: 'user', page: 3 } });
    expect(parseCommandText('saved channel list page 2')).toEqual({ status: 'ok', command: { kind: 'saved', list: 'channel', page: 2 } });
    expect(parseCommandText('saved page 0')).toEqual({ status: 'ok', command: { kind: 'saved', list: 'user', page: 1 } });
    for (const text of ['saved page', 'saved page two', 'saved page 2 diffusion']) expect(parseCommandText(text).status, text).toBe('invalid');
  });

  it('answers bad ids, formats and words with usage, never a command', () => {
    for (const text of ['saved add', 'saved add <!channel>', 'saved export endnote', 'saved frobnicate', 'saved remove 12345']) {
      const r = parseCommandText(text);
      expect(r.status, text).toBe('invalid');
      if (r.status === 'invalid') expect(usageText(r.usage, 'slack')).toContain('/papers saved');
    }
  });

  it('Discord options give the same commands', () => {
    expect(parseCommandOptions('saved', 'list', {})).toEqual(parseCommandText('saved'));
    expect(parseCommandOptions('saved', 'list', { where: 'channel' })).toEqual(parseCommandText('saved channel'));
    expect(parseCommandOptions('saved', 'add', { paper: '2501.00001', where: 'mine' })).toEqual(parseCommandText('saved add 2501.00001'));
    expect(parseCommandOptions('saved', 'export', { format: 'ris', where: 'channel' })).toEqual(parseCommandText('saved channel export ris'));
  });

  it('Save / Remove custom_ids round-trip within Discord’s 100 characters', () => {
    for (const pressed of [
      { kind: 'save', list: 'user', arxivId: '2501.00001' },
      { kind: 'unsave', list: 'channel', arxivId: 'hep-th/9901001' },
      { kind: 'save', list: 'user', arxivId: 'feed:0123456789abcdef0123456789abcdef01234567' },
      // A Remove on a list's page carries the page, even beside a feed paper's id (which has a ':').
      { kind: 'unsave', list: 'user', arxivId: 'feed:0123456789abcdef0123456789abcdef01234567', page: 250 },
      { kind: 'unsave', list: 'channel', arxivId: '2501.00001', page: 3 },
      { kind: 'page', list: 'saved', page: 2 },
      { kind: 'page', list: 'channel-saved', page: 250 },
    ] as const) {
      const id = encodeCustomId(pressed)!;
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toEqual(pressed);
    }
  });
});
