/**
 * A post's (or a reply file's upload's) failure as the digest report, the ledger and `paperboy channel list` say it: the
 * platform's or the network's text goes through describeError, so a terminal escape or a line
 * break in it, or a value thrown that is not an Error, never reaches a terminal raw.
 */
import { describe, expect, it } from 'vitest';
import { slackOutcome } from '../../../src/chat/slack/notifier.js';
import { discordOutcome } from '../../../src/chat/discord/notifier.js';
import { uploadReplyFile } from '../../../src/chat/slack/upload.js';
import type { WebClient } from '@slack/web-api';

const hostile = 'upstream said \u001b[31mno\u001b[0m\nat line two';

describe("a failed post's text", () => {
  it('is one clean line from Slack', () => {
    expect(slackOutcome(new Error(hostile))).toEqual({ status: 'failed', error: 'upstream said no at line two', retryable: true });
    expect(slackOutcome('socket \u001b[2Jclosed')).toEqual({ status: 'failed', error: 'socket closed', retryable: true });
  });

  it('is one clean line from Discord', () => {
    expect(discordOutcome(new Error(hostile))).toEqual({ status: 'failed', error: 'request failed: Error: upstream said no at line two', retryable: true });
    expect(discordOutcome('socket \u001b[2Jclosed')).toEqual({ status: 'failed', error: 'request failed: socket closed', retryable: true });
  });

  it("is one clean line in the chat answer saying why a reply's file could not be uploaded", async () => {
    const client = { files: { uploadV2: () => Promise.reject(new Error(hostile)) } } as unknown as WebClient;
    const file = { filename: 'saved.bib', title: 'Saved', mime: 'text/plain', content: '@article{}', audience: 'channel' as const };
    expect(await uploadReplyFile(client, file, { userId: 'U1', channelId: 'C1' })).toEqual({ status: 'failed', error: 'upstream said no at line two' });
  });
});
