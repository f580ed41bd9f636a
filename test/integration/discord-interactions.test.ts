/**
 * Discord's HTTP interactions endpoint over real HTTP, started through `startChat` from
 * configuration: ed25519-signed requests in, deferred answers out to a local fake Discord REST.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startChat, type RunningChat } from '../../src/http/start-chat.js';
import { silentLogger } from '../../src/log.js';
import { discordTestKey, signedDiscordHeaders } from '../helpers/discord-sign.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { createFakeServices, paper, type FakeServices } from '../unit/chat/fake-services.js';
import { checkMessage } from '../helpers/fake-discord.js';
import { optionsOf, registered, type DefOption } from '../unit/chat/registered-command.js';

const key = discordTestKey();
let services: FakeServices;
let rest: TestServer;
let chat: RunningChat;
const patches: Array<{ path: string; body: Record<string, unknown> }> = [];
/** Answers Discord would have refused (50035 Invalid Form Body): none is expected. */
const refused: string[] = [];

// The services object is swapped per test; the chat layer holds this proxy.
const servicesProxy = new Proxy({} as FakeServices, { get: (_t, p) => Reflect.get(services, p) as unknown });

const events: string[] = [];
/** The next follow-up is answered 429, as a busy interaction webhook is. */
let limitNextPatch = false;

beforeAll(async () => {
  rest = await startHttpServer(async (req, res, url) => {
    const body = await readBody(req);
    if (req.method === 'PATCH' && limitNextPatch) {
      limitNextPatch = false;
      // As Discord: the webhook's bucket is spent; wait Retry-After.
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1', 'x-ratelimit-scope': 'user', 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '1', 'x-ratelimit-bucket': 'webhook' });
      return void res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 1, global: false }));
    }
    if (req.method === 'PATCH') {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      const bad = checkMessage(parsed);
      if (bad) {
        refused.push(`${url.pathname}: ${bad}`);
        return sendJson(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { [bad]: { _errors: [{ code: 'BASE_TYPE_INVALID' }] } } });
      }
      patches.push({ path: decodeURIComponent(url.pathname), body: parsed });
      return sendJson(res, 200, { id: '1', channel_id: '2', content: '', embeds: [], components: [] });
    }
    sendJson(res, 404, { message: 'Unknown', code: 0 });
  });
  const config = loadConfig({
    PORT: '0',
    DISCORD_PUBLIC_KEY: key.publicKeyHex,
    DISCORD_API_URL: `${rest.url}/api`,
    DISCORD_GATEWAY: 'false',
    LOG_LEVEL: 'silent',
  });
  // Apologies are logged as warnings: the order of events shows when the handler gave up.
  const logger = Object.assign(silentLogger(), { warn: (obj: unknown, msg?: string) => events.push(String(msg)) });
  chat = await startChat({ config, logger, services: servicesProxy, host: '127.0.0.1', timeoutMs: 1500, health: async () => ({ status: 'down', checks: { database: 'unreachable' } }) });
});

afterAll(async () => {
  await chat?.close();
  await rest?.close();
});

afterEach(() => {
  expect(refused.splice(0)).toEqual([]);
});

beforeEach(() => {
  services = createFakeServices([paper(1, 'Neural audio codecs at 1 kbps'), paper(2, 'Audio codecs, again')]);
  patches.length = 0;
  events.length = 0;
});

let seq = 0;
function interaction(type: number, data: object, who: { userId?: string; permissions?: string; guild?: boolean } = {}) {
  const n = ++seq;
  const user = { id: who.userId ?? '111', username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
  return {
    id: `900${n}`,
    application_id: '42',
    type,
    token: `tok${n}`,
    version: 1,
    channel_id: '555',
    ...(who.guild === false ? { user } : { guild_id: '777', member: { user, permissions: who.permissions ?? '0', roles: [] } }),
    data,
  };
}

const papers = (options: object[]) => ({ id: '1', name: 'papers', type: 1, options });

async function post(body: object, headers?: Record<string, string>) {
  const text = JSON.stringify(body);
  const res = await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: headers ?? signedDiscordHeaders(key, text), body: text });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function followUp(token: string) {
  return vi.waitFor(() => {
    const p = patches.find((x) => x.path === `/api/v10/webhooks/42/${token}/messages/@original`);
    if (!p) throw new Error('no follow-up yet');
    return p.body as { content: string; embeds: Array<{ title: string; url: string }>; components: Array<{ components: Array<{ custom_id?: string; url?: string }> }>; allowed_mentions: unknown };
  }, { timeout: 10_000, interval: 20 });
}

describe('Discord HTTP interactions', () => {
  it('answers PING with PONG and refuses bad signatures with 401', async () => {
    expect(await post({ type: 1 })).toEqual({ status: 200, json: { type: 1 } });
    const body = JSON.stringify(interaction(2, papers([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'audio codecs' }] }])));
    const headers = signedDiscordHeaders(key, body);
    const tampered = await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers, body: body.replace('audio', 'video') });
    expect(tampered.status).toBe(401);
    const otherKey = signedDiscordHeaders(discordTestKey(), body);
    expect((await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: otherKey, body })).status).toBe(401);
    expect((await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', body })).status).toBe(401);
    // A signed interaction sent after them is answered; the rejected ones left nothing beside it.
    const good = interaction(2, papers([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'speculative decoding' }] }]));
    expect((await post(good)).status).toBe(200);
    await followUp(good.token);
    expect(services.writes).toEqual(['subscribe discord:111 speculative-decoding']);
    expect(patches.map((p) => p.path)).toEqual([`/api/v10/webhooks/42/${good.token}/messages/@original`]);
  });

  it('defers a search, then edits in papers with buttons and no pings', async () => {
    const i = interaction(2, papers([{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'audio codecs' }] }]));
    expect(await post(i)).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
    const msg = await followUp(i.token);
    expect(msg.embeds[0]).toMatchObject({ title: '1. Neural audio codecs at 1 kbps', url: 'https://arxiv.org/abs/2501.10001' });
    const buttons = msg.components.flatMap((r) => r.components);
    expect(buttons.map((b) => b.custom_id ?? b.url)).toEqual(
      expect.arrayContaining(['https://arxiv.org/abs/2501.10001', 'https://arxiv.org/pdf/2501.10001', 'fb:up:audio-codecs:2501.10001', 'fb:down:audio-codecs:2501.10001', 'sub:audio-codecs']),
    );
    expect(msg.allowed_mentions).toEqual({ parse: [] });
  });

  it('a hostile paper title reaches the embed escaped: no @everyone, role mention or masked link (issue 13)', async () => {
    services = createFakeServices([paper(1, 'Audio @everyone <@&123> [x](https://evil.example) **codecs**')]);
    const i = interaction(2, papers([{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'audio' }] }]));
    await post(i);
    const msg = await followUp(i.token);
    const title = msg.embeds[0]!.title;
    expect(title).toContain('codecs');
    expect(title).not.toMatch(/@everyone|<@&|(?<!\\)\[x(?<!\\)\]\(/);
    expect(msg.allowed_mentions).toEqual({ parse: [] });
  });

  it('subscribing to free text answers with the new topic and its best matches, each with 👍/👎 on that topic', async () => {
    const i = interaction(2, papers([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'low bitrate neural codecs' }] }]));
    expect(await post(i)).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
    const msg = await followUp(i.token);
    expect(JSON.stringify(msg)).toContain('low bitrate neural codecs');
    expect(msg.embeds.map((e) => e.title)).toContain('1. Neural audio codecs at 1 kbps');
    const ids = msg.components.flatMap((r) => r.components).map((b) => b.custom_id);
    expect(ids).toEqual(expect.arrayContaining(['fb:up:low-bitrate-neural-codecs:2501.10001', 'fb:down:low-bitrate-neural-codecs:2501.10001']));
    expect(services.writes).toEqual(['subscribe discord:111 low-bitrate-neural-codecs']);
  });

  it('a feed paper in the preview of a topic with a long name keeps its 👍/👎: the topic goes by a short reference that a press resolves', async () => {
    const fromFeed = { ...paper(3, 'Neural codecs for long context inference, from a feed'), arxivId: `feed:${'ab'.repeat(20)}` };
    services = createFakeServices([fromFeed]);
    const name = 'neural codecs and token compression for long context large language model inference';
    const slug = name.replace(/ /g, '-');
    const i = interaction(2, papers([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: name }] }]));
    await post(i);
    const ids = (await followUp(i.token)).components.flatMap((r) => r.components).map((b) => b.custom_id ?? '');
    const up = ids.find((id) => id.startsWith('fb:up:'));
    expect(`fb:up:${slug}:${fromFeed.arxivId}`.length).toBeGreaterThan(100);
    expect(up).toMatch(/^fb:up:#[\w-]+:feed:/);
    expect(up!.length).toBeLessThanOrEqual(100);
    const press = interaction(3, { custom_id: up, component_type: 2 }, { userId: '222' });
    await post(press);
    const thanks = await followUp(press.token);
    expect(thanks.content).toContain('higher');
    expect(services.feedback).toEqual([{ topicSlug: slug, arxivId: fromFeed.arxivId, actor: 'discord:222', verdict: 'up' }]);
    // The thanks carries an Undo, under the same short reference, that takes the mark back.
    const undo = thanks.components.flatMap((r) => r.components);
    expect(undo).toEqual([expect.objectContaining({ type: 2, label: 'Undo', custom_id: up!.replace(/^fb:up:/, 'fb:clear:') })]);
    const again = interaction(3, { custom_id: undo[0]!.custom_id, component_type: 2 }, { userId: '222' });
    await post(again);
    expect((await followUp(again.token)).content).toContain('Your 👍 on this paper is taken back');
    expect(services.feedback).toEqual([]);
  });

  it('defers a search before the core has answered', async () => {
    services.mode = 'hang';
    const i = interaction(2, papers([{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'audio codecs' }] }]));
    expect(await post(i)).toEqual({ status: 200, json: { type: 5, data: { flags: 64 } } });
    events.push('deferred');
    expect((await followUp(i.token)).content).toContain("can't reach its database");
    // The deferral did not wait for the stuck core: the handler gave up on it only afterwards.
    expect(events).toEqual(['deferred', 'chat: answered with an apology']);
  });

  it('answers help and bad input inline, ephemeral', async () => {
    const help = await post(interaction(2, papers([{ type: 1, name: 'help' }])));
    expect(help.json).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    // In Discord's own syntax (as shown: without the escapes that keep it from being markdown).
    // Its parts are embeds, each with a description's room (help-limits.test.ts).
    const data = help.json.data as { content: string; embeds: Array<{ description?: string }> };
    const shown = [data.content, ...data.embeds.map((e) => e.description ?? '')].join('\n').replace(/\u200b|\\/g, '');
    expect(shown).toContain('/papers saved add paper:<arXiv id> [where:mine|channel]');
    expect(shown).toContain('/papers channel schedule time:<HH:MM>');
    expect(shown).not.toContain('/papers saved [channel]');
    const long = await post(interaction(2, papers([{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'q'.repeat(10_000) }] }])));
    expect(String((long.json.data as { content: string }).content)).toContain('The query is too long (10000 characters, at most 500).');
  });

  it('autocompletes topic names', async () => {
    const res = await post(interaction(4, papers([{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'aud', focused: true }] }])));
    expect(res.json).toEqual({ type: 8, data: { choices: [{ name: 'audio codecs', value: 'audio-codecs' }] } });
  });

  it('autocompletes unsubscribe with the topics the caller (or the channel) follows, not every topic', async () => {
    const unsubscribe = (value: string, group?: string) => {
      const leaf = { type: 1, name: 'unsubscribe', options: [{ type: 3, name: 'topic', value, focused: true }] };
      return post(interaction(4, papers([group ? { type: 2, name: group, options: [leaf] } : leaf]), { userId: '333' }));
    };
    expect((await unsubscribe('')).json).toEqual({ type: 8, data: { choices: [] } });
    services.subs.set('discord:333', new Set(['speculative-decoding']));
    services.subs.set('discord:555', new Set(['audio-codecs']));
    expect((await unsubscribe('')).json).toEqual({ type: 8, data: { choices: [{ name: 'speculative decoding', value: 'speculative-decoding' }] } });
    expect((await unsubscribe('aud')).json).toEqual({ type: 8, data: { choices: [] } });
    expect((await unsubscribe('aud', 'channel')).json).toEqual({ type: 8, data: { choices: [{ name: 'audio codecs', value: 'audio-codecs' }] } });
  });

  it('records button feedback for the presser', async () => {
    const i = interaction(3, { custom_id: 'fb:down:audio-codecs:2501.10001', component_type: 2 }, { userId: '222' });
    expect((await post(i)).json).toEqual({ type: 5, data: { flags: 64 } });
    expect((await followUp(i.token)).content).toContain('lower');
    expect(services.feedback).toEqual([{ topicSlug: 'audio-codecs', arxivId: '2501.10001', actor: 'discord:222', verdict: 'down' }]);
  });

  it('lets only members with Manage Channels change the channel', async () => {
    const sub = papers([{ type: 2, name: 'channel', options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'audio-codecs' }] }] }]);
    const denied = interaction(2, sub, { permissions: String(1n << 11n) });
    await post(denied);
    expect((await followUp(denied.token)).content).toContain('Only people who may manage');
    const dm = interaction(2, sub, { guild: false });
    await post(dm);
    expect((await followUp(dm.token)).content).toContain('direct message');
    expect(services.writes).toEqual([]);
    const allowed = interaction(2, sub, { permissions: String(1n << 4n) });
    await post(allowed);
    expect((await followUp(allowed.token)).content).toContain('This channel will get');
    expect(services.writes).toEqual(['subscribe discord:555 audio-codecs']);
  });

  it('neutralises hostile text in every argument', async () => {
    const hostile = '@everyone <@123> <@&456> **bold** [x](https://evil.example) שלום 🎧';
    for (const [name, opt] of [['subscribe', 'topic'], ['search', 'query'], ['unsubscribe', 'topic']] as const) {
      const i = interaction(2, papers([{ type: 1, name, options: [{ type: 3, name: opt, value: hostile }] }]));
      await post(i);
      const msg = await followUp(i.token);
      expect(msg.allowed_mentions).toEqual({ parse: [] });
      expect(msg.content).not.toMatch(/@everyone|<@123>|<@&456>|\*\*bold\*\*|\[x\]\(/);
    }
    // The schedule's zone is echoed back when it isn't one; managers' input is no safer.
    const sched = interaction(
      2,
      papers([{ type: 2, name: 'channel', options: [{ type: 1, name: 'schedule', options: [{ type: 3, name: 'time', value: '09:00' }, { type: 3, name: 'timezone', value: '@everyone' }] }] }]),
      { permissions: String(1n << 4n) },
    );
    const inline = (await post(sched)).json as { type: number; data: { content: string } };
    expect(inline.type).toBe(4);
    expect(inline.data.content).toContain('is not an IANA time zone');
    expect(inline.data.content).not.toMatch(/@everyone/);
    // Subscribing to the hostile text made it a topic of its own (plain text, echoed neutralised
    // above), which the unsubscribe then removed.
    expect(services.writes.map((w) => w.split(' ')[0])).toEqual(['subscribe', 'unsubscribe']);
  });

  it('/papers schedule and /papers channel schedule sent alone answer with the schedule as it stands, as on Slack', async () => {
    // Discord's UI will not send a command whose required option is empty: the time must be optional.
    for (const path of [['schedule'], ['channel', 'schedule']]) expect(optionsOf(registered(path) as DefOption).filter((o) => o.required).map((o) => o.name), path.join(' ')).toEqual([]);
    const mine = interaction(2, papers([{ type: 1, name: 'schedule' }]));
    await post(mine);
    expect((await followUp(mine.token)).content).toContain('You have no digest yet');
    services.schedules.set('discord:555', { time: '07:45', timeZone: 'Europe/Berlin', weekdaysOnly: true, weeklyOn: null });
    // Anyone in the channel may ask; no Manage Channels needed to read it.
    const channel = interaction(2, papers([{ type: 2, name: 'channel', options: [{ type: 1, name: 'schedule' }] }]));
    await post(channel);
    expect((await followUp(channel.token)).content).toMatch(/This channel's digest comes at 07:45 Europe\/Berlin/);
    expect(services.writes).toEqual([]);
  });

  it('a follow-up Discord rate limits (429) is sent again after Retry-After: the answer still comes', async () => {
    limitNextPatch = true;
    const i = interaction(2, papers([{ type: 1, name: 'subscriptions' }]));
    await post(i);
    expect((await followUp(i.token)).content).toBeTruthy();
    expect(limitNextPatch).toBe(false);
  });

  it('apologises when the database is down', async () => {
    services.mode = 'throw';
    const i = interaction(2, papers([{ type: 1, name: 'subscriptions' }]));
    await post(i);
    expect((await followUp(i.token)).content).toContain("can't reach its database");
  });

  it('serves the pluggable health check on the same server', async () => {
    const res = await fetch(`${chat.http!.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'down', checks: { database: 'unreachable' } });
  });
});
