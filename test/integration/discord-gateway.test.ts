/**
 * The gateway path: real discord.js interaction classes built from raw API data, with a Client
 * whose REST points at a local fake Discord. Proves the gateway feeds the same handlers and
 * answers with deferReply/editReply/respond on the wire.
 */
import { Client, type Interaction } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleGatewayInteraction } from '../../src/chat/discord/client.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { createFakeServices, paper, type FakeServices } from '../unit/chat/fake-services.js';
import { gatewayInteractions, rawInteraction } from '../helpers/discord-gateway.js';

let rest: TestServer;
let client: Client;
let services: FakeServices;
const calls: Array<{ method: string; path: string; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  rest = await startHttpServer(async (req, res, url) => {
    const text = await readBody(req);
    calls.push({ method: req.method!, path: decodeURIComponent(url.pathname), body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
    if (url.pathname.endsWith('/callback')) {
      res.writeHead(204);
      res.end();
      return;
    }
    sendJson(res, 200, { id: '1', channel_id: '555', content: '', embeds: [], components: [], type: 0, author: { id: '42', username: 'paperboy', discriminator: '0', avatar: null }, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false });
  });
  client = new Client({ intents: [], rest: { api: `${rest.url}/api` } });
});

afterAll(async () => {
  await client.destroy();
  await rest.close();
});

beforeEach(() => {
  services = createFakeServices([paper(1, 'Neural audio codecs at 1 kbps')]);
  calls.length = 0;
});

// `client` is made in beforeAll; the constructors read it when a test runs.
const chatInput = (d: unknown) => gatewayInteractions(client).chatInput(d);
const autocomplete = (d: unknown) => gatewayInteractions(client).autocomplete(d);
const button = (d: unknown) => gatewayInteractions(client).button(d);

const papers = (options: object[]) => ({ id: '1', name: 'papers', type: 1, options });
const deps = () => ({ services, timeoutMs: 2000 });

describe('Discord gateway handlers with real discord.js interactions', () => {
  it('defers a search ephemerally and edits in the answer', async () => {
    const d = rawInteraction(2, papers([{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'audio codecs' }] }]));
    await handleGatewayInteraction(chatInput(d) as Interaction, deps());
    expect(calls[0]).toMatchObject({ method: 'POST', path: `/api/v10/interactions/${d.id}/${d.token}/callback`, body: { type: 5, data: { flags: 64 } } });
    const edit = calls.find((c) => c.method === 'PATCH')!;
    expect(edit.path).toBe(`/api/v10/webhooks/42/${d.token}/messages/@original`);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect((edit.body.embeds as Array<{ title: string }>)[0]!.title).toBe('Neural audio codecs at 1 kbps');
    const ids = (edit.body.components as Array<{ components: Array<{ custom_id?: string }> }>).flatMap((r) => r.components).map((c) => c.custom_id);
    expect(ids).toContain('fb:up:audio-codecs:2501.10001');
  });

  it('reads the channel group and enforces Manage Channels from member permissions', async () => {
    const sched = (perm: string) =>
      rawInteraction(2, papers([{ type: 2, name: 'channel', options: [{ type: 1, name: 'schedule', options: [{ type: 3, name: 'time', value: '07:15' }, { type: 5, name: 'weekdays', value: true }] }] }]), perm);
    await handleGatewayInteraction(chatInput(sched('0')) as Interaction, deps());
    expect(String(calls.find((c) => c.method === 'PATCH')!.body.content)).toContain('Only people');
    expect(services.writes).toEqual([]);
    calls.length = 0;
    await handleGatewayInteraction(chatInput(sched(String(1n << 4n))) as Interaction, deps());
    expect(services.writes).toEqual(['schedule discord:555 07:15 UTC true']);
    expect(String(calls.find((c) => c.method === 'PATCH')!.body.content)).not.toContain('cannot post');
  });

  it("says when the bot's own permissions in the channel (app_permissions) would keep the digest out", async () => {
    const viewOnly = String(1n << 10n);
    const d = rawInteraction(2, papers([{ type: 2, name: 'channel', options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'audio codecs' }] }] }]), String(1n << 4n), viewOnly);
    await handleGatewayInteraction(chatInput(d) as Interaction, deps());
    expect(String(calls.find((c) => c.method === 'PATCH')!.body.content)).toContain('cannot post the digest in this channel yet (it lacks Send Messages, Embed Links here; Discord: Missing Permissions)');
  });

  it('reads every option the command defines: a weekly schedule and an author to follow', async () => {
    const weekly = rawInteraction(2, papers([{ type: 2, name: 'channel', options: [{ type: 1, name: 'schedule', options: [{ type: 3, name: 'time', value: '08:30' }, { type: 3, name: 'weekly', value: 'monday' }] }] }]), String(1n << 4n));
    await handleGatewayInteraction(chatInput(weekly) as Interaction, deps());
    expect(services.schedules.get('discord:555')).toMatchObject({ time: '08:30', weeklyOn: 1 });
    calls.length = 0;
    const follow = rawInteraction(2, papers([{ type: 2, name: 'follow', options: [{ type: 1, name: 'author', options: [{ type: 3, name: 'name', value: 'Ada Lovelace' }] }] }]));
    await handleGatewayInteraction(chatInput(follow) as Interaction, deps());
    const answered = calls.map((c) => String((c.body.content ?? (c.body.data as { content?: string } | undefined)?.content) ?? '')).join('\n');
    expect(answered).not.toBe('');
    // Without the `name` option the command reads as "follow author" with no one to follow.
    expect(answered).not.toContain('Which author');
  });

  it('answers help immediately without deferring', async () => {
    await handleGatewayInteraction(chatInput(rawInteraction(2, papers([{ type: 1, name: 'help' }]))) as Interaction, deps());
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
  });

  it('autocompletes topics, for unsubscribe among those the caller follows', async () => {
    const focused = (sub: string) => rawInteraction(4, papers([{ type: 1, name: sub, options: [{ type: 3, name: 'topic', value: 'spec', focused: true }] }]));
    await handleGatewayInteraction(autocomplete(focused('subscribe')) as Interaction, deps());
    expect(calls[0]!.body).toEqual({ type: 8, data: { choices: [{ name: 'speculative decoding', value: 'speculative-decoding' }] } });
    await handleGatewayInteraction(autocomplete(focused('unsubscribe')) as Interaction, deps());
    expect(calls[1]!.body).toEqual({ type: 8, data: { choices: [] } });
    const caller = (focused('unsubscribe') as { member: { user: { id: string } } }).member.user.id;
    services.subs.set(`discord:${caller}`, new Set(['speculative-decoding']));
    await handleGatewayInteraction(autocomplete(focused('unsubscribe')) as Interaction, deps());
    expect(calls[2]!.body).toEqual({ type: 8, data: { choices: [{ name: 'speculative decoding', value: 'speculative-decoding' }] } });
  });

  it('handles a feedback button for the presser', async () => {
    const d = {
      ...rawInteraction(3, { custom_id: 'fb:up:audio-codecs:2501.10001', component_type: 2 }),
      message: { id: '9', channel_id: '555', content: '', embeds: [], components: [], type: 0, author: { id: '42', username: 'paperboy', discriminator: '0', avatar: null }, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], pinned: false, flags: 0 },
    };
    await handleGatewayInteraction(button(d) as Interaction, deps());
    await vi.waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true), { timeout: 10_000 });
    expect(services.feedback).toEqual([{ topicSlug: 'audio-codecs', arxivId: '2501.10001', actor: 'discord:111', verdict: 'up' }]);
  });
});
