/** A reply's file on Discord: attached when Discord will take it, explained when it would not. */
import { describe, expect, it } from 'vitest';
import { ephemeral, type Reply } from '../../../src/chat/commands/reply.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { DISCORD_LIMITS } from '../../../src/chat/discord/render-limits.js';

const withFile = (content: string): Reply => ({
  ...ephemeral('BibTeX for your reading list: 2 papers (reading-list.bib).'),
  file: { filename: 'reading-list.bib', title: 'Reading list', mime: 'application/x-bibtex', content, audience: 'private' },
});

describe('renderDiscordReply with a file', () => {
  it('attaches the file as bytes, outside the JSON body', () => {
    const msg = renderDiscordReply(withFile('@misc{arXiv:2501.00001,\n  eprint = {2501.00001}\n}\n'));
    expect(msg.files).toEqual([{ name: 'reading-list.bib', contentType: 'application/x-bibtex', data: Buffer.from('@misc{arXiv:2501.00001,\n  eprint = {2501.00001}\n}\n') }]);
    expect(msg.content).toContain('2 papers');
  });

  it('a file over Discord’s 10 MiB is not sent, and the reply says why and what to do', () => {
    const msg = renderDiscordReply(withFile('x'.repeat(DISCORD_LIMITS.attachmentBytes + 1)));
    expect(msg.files).toBeUndefined();
    // One byte over rounds to the limit itself: no "10 MB, more than the 10 MB".
    expect(msg.content).toContain('reading-list.bib is just over the 10 MB Discord takes');
    expect(msg.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(renderDiscordReply(withFile('x'.repeat(12 * 1024 * 1024))).content).toContain('reading-list.bib is 12 MB, more than the 10 MB Discord takes');
  });
});
