/**
 * Where an answer goes when its response_url will not take it: an ephemeral one to the person
 * (chat.postEphemeral), one meant for the whole channel to the channel (chat.postMessage), and
 * that one to the person with a note when the bot may not post in the channel. Today every answer
 * is ephemeral; this keeps a channel answer from quietly turning private once one exists.
 */
import { describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { deliverElsewhere } from '../../../src/chat/slack/late-answer.js';
import { silentLogger } from '../../../src/log.js';
import type { SlackReplyMessage } from '../../../src/chat/slack/commands/render-reply.js';

type Call = { method: string; args: Record<string, unknown> };

/** A WebClient's chat methods as Slack answers them: `refuse` names the methods that fail, with Slack's error. */
function fakeClient(refuse: Record<string, string> = {}): { client: WebClient; calls: Call[] } {
  const calls: Call[] = [];
  const method = (name: string) => async (args: Record<string, unknown>) => {
    calls.push({ method: name, args });
    if (refuse[name]) throw Object.assign(new Error(`An API error occurred: ${refuse[name]}`), { data: { ok: false, error: refuse[name] } });
    return { ok: true };
  };
  return { client: { chat: { postEphemeral: method('chat.postEphemeral'), postMessage: method('chat.postMessage') } } as unknown as WebClient, calls };
}

const message = (response_type: SlackReplyMessage['response_type']): SlackReplyMessage => ({ response_type, text: 'The channel now gets audio codecs.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'The channel now gets audio codecs.', verbatim: true } }] });
const to = { user: 'U0ADA', channel: 'C0001' };

describe('deliverElsewhere', () => {
  it('an ephemeral answer goes to the person alone', async () => {
    const { client, calls } = fakeClient();
    await deliverElsewhere(client, to, { command: 'subscribe audio codecs' }, [message('ephemeral')], silentLogger());
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    expect(calls[0]!.args).toMatchObject({ channel: 'C0001', user: 'U0ADA' });
  });

  it('an answer meant for the channel goes to the channel, not privately', async () => {
    const { client, calls } = fakeClient();
    await deliverElsewhere(client, to, { command: 'channel subscribe audio codecs' }, [message('in_channel')], silentLogger());
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(calls[0]!.args).toMatchObject({ channel: 'C0001', text: 'The channel now gets audio codecs.' });
  });

  it('when the bot may not post there, the person gets it privately with a note saying so', async () => {
    const { client, calls } = fakeClient({ 'chat.postMessage': 'not_in_channel' });
    await deliverElsewhere(client, to, { command: 'channel subscribe audio codecs' }, [message('in_channel')], silentLogger());
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postEphemeral']);
    const blocks = calls[1]!.args.blocks as Array<{ type: string; elements?: Array<{ text: string }> }>;
    expect(blocks[0]!.type).toBe('context');
    expect(blocks[0]!.elements![0]!.text).toMatch(/meant for the channel.*only you/i);
    expect(blocks.slice(1)).toEqual(message('in_channel').blocks);
  });
});
