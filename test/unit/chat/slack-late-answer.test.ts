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
import { describeError } from '../../../src/core/error-text.js';
import type { Logger } from '../../../src/core/ports.js';
import { checkBlocks } from '../../helpers/fake-slack.js';

type Call = { method: string; args: Record<string, unknown> };

/**
 * A WebClient's chat methods and conversations.open as Slack answers them: `refuse` names the
 * methods that fail (or `method:channel`, for one channel only), with Slack's error.
 */
function fakeClient(refuse: Record<string, string> = {}): { client: WebClient; calls: Call[] } {
  const calls: Call[] = [];
  const method = (name: string, answer: object = {}) => async (args: Record<string, unknown>) => {
    calls.push({ method: name, args });
    const error = refuse[`${name}:${String(args.channel)}`] ?? refuse[name];
    if (error) throw Object.assign(new Error(`An API error occurred: ${error}`), { data: { ok: false, error } });
    return { ok: true, ...answer };
  };
  return {
    client: { chat: { postEphemeral: method('chat.postEphemeral'), postMessage: method('chat.postMessage') }, conversations: { open: method('conversations.open', { channel: { id: 'D0ADA' } }) } } as unknown as WebClient,
    calls,
  };
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

/** A logger that keeps each call's fields and message, by level. */
function fieldsLogger(): Logger & { entries: Array<{ level: string; fields: Record<string, unknown>; msg: string }> } {
  const entries: Array<{ level: string; fields: Record<string, unknown>; msg: string }> = [];
  const at = (level: string) => (obj: object | string, msg?: string) => void entries.push({ level, fields: typeof obj === 'string' ? {} : (obj as Record<string, unknown>), msg: typeof obj === 'string' ? obj : (msg ?? '') });
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

const twoMessages = (): SlackReplyMessage[] => [
  { response_type: 'ephemeral', text: 'Papers 1–5 of 8.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Papers 1–5 of 8.', verbatim: true } }] },
  { response_type: 'ephemeral', text: 'Papers 6–8 of 8, continued.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Papers 6–8 of 8, continued.', verbatim: true } }] },
];

describe('deliverElsewhere: a private answer Slack will not show in the channel', () => {
  for (const refusal of ['user_not_in_channel', 'channel_not_found']) {
    it(`goes to the person's DM, saying which command it answers (chat.postEphemeral: ${refusal})`, async () => {
      const { client, calls } = fakeClient({ 'chat.postEphemeral': refusal });
      const opened: string[] = [];
      const openDm = async (user: string) => {
        opened.push(user);
        return 'D0ADA';
      };
      await deliverElsewhere(client, to, { command: 'subscribe audio codecs' }, [message('ephemeral')], silentLogger(), openDm);
      expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral', 'chat.postMessage']);
      // The app's own DM resolver (which remembers DMs), not a conversations.open of its own.
      expect(opened).toEqual(['U0ADA']);
      const dm = calls[1]!.args as { channel: string; text: string; blocks: Array<{ type: string; elements?: Array<{ text: string }> }> };
      expect(dm.channel).toBe('D0ADA');
      expect(dm.blocks[0]!.type).toBe('context');
      expect(dm.blocks[0]!.elements![0]!.text).toContain('`/papers subscribe audio codecs`');
      expect(dm.blocks[0]!.elements![0]!.text).toContain('<#C0001>');
      expect(dm.blocks.slice(1)).toEqual(message('ephemeral').blocks);
      expect(dm.text).toContain('/papers subscribe audio codecs');
      expect(dm.text).toContain('The channel now gets audio codecs.');
      expect(checkBlocks(dm.blocks as Array<Record<string, unknown>>)).toBeNull();
    });
  }

  it('opens the DM by conversations.open when the caller has no resolver', async () => {
    const { client, calls } = fakeClient({ 'chat.postEphemeral': 'user_not_in_channel' });
    await deliverElsewhere(client, to, { button: 'Subscribe' }, [message('ephemeral')], silentLogger());
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral', 'conversations.open', 'chat.postMessage']);
    expect(calls[1]!.args).toMatchObject({ users: 'U0ADA' });
    expect(JSON.stringify(calls[2]!.args.blocks)).toContain('“Subscribe”');
  });

  it('a long answer goes on in the DM once the channel refused it, named once, each message once', async () => {
    const { client, calls } = fakeClient({ 'chat.postEphemeral': 'user_not_in_channel' });
    await deliverElsewhere(client, to, { command: 'digest' }, twoMessages(), silentLogger(), async () => 'D0ADA');
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral', 'chat.postMessage', 'chat.postMessage']);
    expect(JSON.stringify(calls[1]!.args.blocks)).toContain('`/papers digest`');
    expect(calls[2]!.args).toMatchObject({ channel: 'D0ADA', text: 'Papers 6–8 of 8, continued.' });
    expect(calls[2]!.args.blocks).toEqual(twoMessages()[1]!.blocks);
  });

  it('a channel answer the bot may not post, nor show privately there, reaches the DM with both notes', async () => {
    const { client, calls } = fakeClient({ 'chat.postMessage:C0001': 'not_in_channel', 'chat.postEphemeral': 'channel_not_found' });
    await deliverElsewhere(client, to, { command: 'channel subscribe audio codecs' }, [message('in_channel')], silentLogger(), async () => 'D0ADA');
    expect(calls.map((c) => `${c.method}:${String(c.args.channel)}`)).toEqual(['chat.postMessage:C0001', 'chat.postEphemeral:C0001', 'chat.postMessage:D0ADA']);
    const text = JSON.stringify(calls[2]!.args.blocks);
    expect(text).toContain('`/papers channel subscribe audio codecs`');
    expect(text).toMatch(/meant for the channel/);
  });

  it('a full message keeps its 50 blocks: the note comes as a message of its own before it', async () => {
    const { client, calls } = fakeClient({ 'chat.postEphemeral': 'user_not_in_channel' });
    const full: SlackReplyMessage = { response_type: 'ephemeral', text: 'fifty', blocks: Array.from({ length: 50 }, () => ({ type: 'divider' }) as SlackReplyMessage['blocks'][number]) };
    await deliverElsewhere(client, to, { command: 'digest' }, [full], silentLogger(), async () => 'D0ADA');
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral', 'chat.postMessage', 'chat.postMessage']);
    expect(String(calls[1]!.args.text)).toContain('/papers digest');
    expect(calls[2]!.args.blocks).toEqual(full.blocks);
  });

  it('a refusal that is not about the channel (rate limited) is not sent again elsewhere, and the loss is logged on one line', async () => {
    const { client, calls } = fakeClient({ 'chat.postEphemeral': 'ratelimited' });
    const logger = fieldsLogger();
    await deliverElsewhere(client, to, { command: 'subscribe audio codecs' }, [message('ephemeral')], logger, async () => 'D0ADA');
    expect(calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
    const lost = logger.entries.find((e) => e.level === 'error')!;
    expect(lost.msg).toMatch(/an answer was lost/);
    expect(lost.fields).toMatchObject({ err: 'An API error occurred: ratelimited', user: 'U0ADA', command: 'subscribe audio codecs' });
  });

  it('when the DM fails too, the loss is logged with both reasons, each as describeError gives it', async () => {
    const { client } = fakeClient({ 'chat.postEphemeral': 'user_not_in_channel' });
    const logger = fieldsLogger();
    // An error whose message carries a terminal escape and a second line, as a proxy's answer may.
    const openDm = async () => {
      throw new Error('conversations.open failed:\n\u001b[31muser_not_found');
    };
    await deliverElsewhere(client, to, { command: 'subscribe audio codecs' }, [message('ephemeral')], logger, openDm);
    const lost = logger.entries.find((e) => e.level === 'error')!;
    expect(lost.msg).toMatch(/an answer was lost/);
    expect(lost.fields.err).toBe('An API error occurred: user_not_in_channel');
    expect(lost.fields.dm).toBe(describeError(new Error('conversations.open failed:\n\u001b[31muser_not_found')));
    expect(String(lost.fields.dm)).not.toMatch(/[\u0000-\u001f]/);
  });

  it('a long answer in the DM waits out chat.postMessage\'s per-channel limit (a short Retry-After) rather than losing its last parts', async () => {
    const calls: Call[] = [];
    let posted = 0;
    const waits: number[] = [];
    // As Slack answers the 4th post in a second to one channel (a burst of 3): 429, Retry-After 1.
    const client = {
      chat: {
        postEphemeral: async (args: Record<string, unknown>) => {
          calls.push({ method: 'chat.postEphemeral', args });
          throw Object.assign(new Error('An API error occurred: user_not_in_channel'), { data: { ok: false, error: 'user_not_in_channel' } });
        },
        postMessage: async (args: Record<string, unknown>) => {
          calls.push({ method: 'chat.postMessage', args });
          if (++posted === 4) throw Object.assign(new Error('A rate limit was exceeded (url: chat.postMessage, retry-after: 1)'), { code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
          return { ok: true };
        },
      },
    } as unknown as WebClient;
    const four: SlackReplyMessage[] = [1, 2, 3, 4].map((n) => ({ response_type: 'ephemeral', text: `part ${n}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `part ${n}`, verbatim: true } }] }));
    const logger = fieldsLogger();
    await deliverElsewhere(client, to, { command: 'digest' }, four, logger, async () => 'D0ADA', async (ms) => void waits.push(ms));
    const dm = calls.filter((c) => c.method === 'chat.postMessage').map((c) => String(c.args.text).split('\n').at(-1));
    expect(dm).toEqual(['part 1', 'part 2', 'part 3', 'part 4', 'part 4']);
    expect(waits).toEqual([1000]);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });
});

