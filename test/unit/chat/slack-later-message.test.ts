/**
 * The message that follows an answer once a check it went without speaks (later-message.ts):
 * on the response_url while it has uses, else privately in the channel; nothing when there is
 * nothing to tell. The harness test (slack-slow-post-access-chat) has the response_url path.
 */
import { describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { ephemeral } from '../../../src/chat/commands/reply.js';
import { sendLater } from '../../../src/chat/slack/later-message.js';
import type { SlackContext } from '../../../src/chat/slack/context.js';
import { silentLogger } from '../../../src/log.js';

function route(usesLeft: number) {
  const posted: object[] = [];
  const calls: Array<{ method: string; args: Record<string, unknown> }> = [];
  const client = { chat: { postEphemeral: async (args: Record<string, unknown>) => (calls.push({ method: 'chat.postEphemeral', args }), { ok: true }) } } as unknown as WebClient;
  const respond = async (m: object) => {
    posted.push(m);
  };
  return { posted, calls, route: { respond, usesLeft, expiresAt: Date.now() + 60_000, client, to: { user: 'U0ADA', channel: 'C0001' }, typed: 'channel subscribe `audio` codecs' } };
}

const ctx = { logger: silentLogger() } as unknown as SlackContext;
const refusal = ephemeral('⚠️ paperboy cannot post the digest in this channel yet (it is not in this channel).');

describe('sendLater', () => {
  it('goes on the response_url while it has a use left, led by the command it answers', async () => {
    const r = route(2);
    await sendLater(Promise.resolve(refusal), r.route, ctx);
    expect(r.calls).toEqual([]);
    expect(r.posted).toHaveLength(1);
    const text = JSON.stringify(r.posted[0]);
    // The command's own backticks as look-alikes: the code span stays whole.
    expect(text).toContain('About `/papers channel subscribe ˋaudioˋ codecs`:');
    expect(text).toContain('paperboy cannot post the digest in this channel yet');
  });

  it('when the answer used the response_url up, privately in the channel instead', async () => {
    const r = route(0);
    await sendLater(Promise.resolve(refusal), r.route, ctx);
    expect(r.posted).toEqual([]);
    expect(r.calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(r.calls[0]!.args).toMatchObject({ channel: 'C0001', user: 'U0ADA' });
    expect(String(r.calls[0]!.args.text)).toContain('paperboy cannot post the digest');
  });

  it('nothing to tell, nothing sent', async () => {
    const r = route(2);
    await sendLater(Promise.resolve(null), r.route, ctx);
    expect(r.posted).toEqual([]);
    expect(r.calls).toEqual([]);
  });
});
