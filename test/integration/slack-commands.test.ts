/**
 * Slack end to end over real HTTP: signed slash commands, interactivity and events POSTed to the
 * Bolt receiver behind our server; answers land on a local response_url server; Bolt's
 * WebClient talks to a local fake Slack Web API.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSlackChat } from '../../src/chat/slack/app.js';
import { startHttpServer as startAppServer, type RunningHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { blockActionBody, signedSlackHeaders, slashCommandBody } from '../helpers/slack-sign.js';
import { createFakeServices, paper, type FakeServices } from '../unit/chat/fake-services.js';
import { slugify } from '../../src/core/topics/names.js';
import { checkBlocks } from '../helpers/fake-slack.js';
import { answerAt } from '../helpers/hook-answers.js';

const SECRET = 'test-signing-secret';

let services: FakeServices;
let slackApi: TestServer;
let hooks: TestServer;
let app: RunningHttpServer;
const apiCalls: Array<{ method: string; params: Record<string, string> }> = [];
const hookBodies: Array<{ path: string; body: Record<string, unknown> }> = [];
const events: string[] = [];
/** Answers Slack would have refused (invalid_blocks and the like): none is expected. */
const refused: string[] = [];

beforeAll(async () => {
  slackApi = await startHttpServer(async (req, res, url) => {
    const method = url.pathname.replace('/api/', '');
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    apiCalls.push({ method, params });
    if (req.headers.authorization !== 'Bearer xoxb-test') return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
    if (method === 'auth.test') return sendJson(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'paperboy' });
    if (method === 'users.info') {
      const id = params.user!;
      return sendJson(res, 200, { ok: true, user: { id, team_id: 'T0001', is_admin: id === 'UADMIN', is_owner: false, is_primary_owner: false, deleted: false } });
    }
    if (method === 'views.publish') return sendJson(res, 200, { ok: true, view: { id: 'V1' } });
    return sendJson(res, 200, { ok: false, error: 'unknown_method' });
  });
  hooks = await startHttpServer(async (req, res, url) => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    // As a response_url: a message Slack refuses is answered 400 with the error as text.
    const bad = !body.text && !(body.blocks as unknown[] | undefined)?.length ? 'no_text' : checkBlocks((body.blocks ?? []) as Array<Record<string, unknown>>);
    if (bad) {
      refused.push(`${url.pathname}: ${bad}`);
      res.writeHead(400, { 'content-type': 'text/plain' });
      return void res.end(bad);
    }
    hookBodies.push({ path: url.pathname, body });
    sendJson(res, 200, { ok: true });
  });
  services = createFakeServices([paper(1, 'Neural audio codecs at 1 kbps'), paper(2, 'Audio codecs, again'), paper(3, 'Diffusion for video')]);
  const chat = createSlackChat({
    config: {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: `${slackApi.url}/api/`,
      SLACK_CHANNEL_MANAGERS: ['UALLOW'],
    },
    logger: silentLogger(),
    deps: { get services() { return services; }, timeoutMs: 1500, onError: (_err, c) => events.push(`gave up on ${c.kind}`) },
  });
  app = await startAppServer({ port: 0, host: '127.0.0.1', logger: silentLogger(), slack: chat!.requestListener });
});

afterAll(async () => {
  await app?.close();
  await slackApi?.close();
  await hooks?.close();
});

afterEach(() => {
  expect(refused.splice(0)).toEqual([]);
});

beforeEach(() => {
  services = createFakeServices([paper(1, 'Neural audio codecs at 1 kbps'), paper(2, 'Audio codecs, again'), paper(3, 'Diffusion for video')]);
  hookBodies.length = 0;
  apiCalls.length = 0;
  events.length = 0;
});

let hookSeq = 0;
async function command(text: string, opts: { userId?: string; channelId?: string; headers?: Record<string, string>; ts?: number } = {}) {
  const path = `/hook/${++hookSeq}`;
  const body = slashCommandBody({ text, userId: opts.userId, channelId: opts.channelId, responseUrl: `${hooks.url}${path}` });
  const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: { ...signedSlackHeaders(SECRET, body, opts.ts), ...opts.headers }, body });
  const ackBody = await res.text();
  return { res, ackBody, path };
}

const answerOn = (path: string) => answerAt(hookBodies, path);

describe('Slack /papers over the signed HTTP path', () => {
  it('acks a search and answers on response_url with papers and buttons', async () => {
    const { res, path } = await command('search audio codecs');
    expect(res.status).toBe(200);
    const answer = await answerOn(path);
    expect(answer.response_type).toBe('ephemeral');
    const blocks = answer.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string; url?: string }> }>;
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections.some((t) => t.includes('<https://arxiv.org/abs/2501.10001|Neural audio codecs at 1 kbps>'))).toBe(true);
    const actions = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!);
    expect(actions.map((a) => a.action_id)).toEqual(expect.arrayContaining(['paper_open', 'paper_pdf', 'feedback_up', 'feedback_down', 'topic_subscribe:audio-codecs']));
    expect(actions.find((a) => a.action_id === 'feedback_up')!.value).toBe('audio-codecs|2501.10001');
  });

  it('subscribing to free text answers with the new topic and its best matches, each with 👍/👎 on that topic', async () => {
    const { res, path } = await command('subscribe low bitrate neural codecs');
    expect(res.status).toBe(200);
    const answer = await answerOn(path);
    expect(JSON.stringify(answer)).toContain('low bitrate neural codecs');
    const blocks = answer.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string }> }>;
    expect(blocks.filter((b) => b.type === 'section').some((b) => b.text!.text.includes('Neural audio codecs at 1 kbps'))).toBe(true);
    const actions = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements!);
    expect(actions.find((a) => a.action_id === 'feedback_up')!.value).toBe('low-bitrate-neural-codecs|2501.10001');
    expect(services.writes).toEqual(['subscribe slack:U0001 low-bitrate-neural-codecs']);
  });

  it('reads text as Slack sends it, with &, < and > escaped: "R&amp;D agents" is the topic "R&D agents"', async () => {
    const { path } = await command('subscribe R&amp;D agents &lt;3');
    const answer = JSON.stringify(await answerOn(path));
    expect(services.writes).toEqual([`subscribe slack:U0001 ${slugify('R&D agents <3')}`]);
    // Echoed back escaped once, as typed.
    expect(answer).toContain('R&amp;D agents &lt;3');
    expect(answer).not.toContain('&amp;amp;');
  });

  it('acks a search before the core has answered (Slack allows 3 s)', async () => {
    services.mode = 'hang';
    const { res, ackBody, path } = await command('search audio codecs');
    events.push('ack');
    expect(res.status).toBe(200);
    expect(ackBody).toBe('');
    expect(String((await answerOn(path)).text)).toContain("can't reach its database");
    // The ack did not wait for the stuck core: the handler gave up on it only afterwards.
    expect(events).toEqual(['ack', 'gave up on search']);
  });

  it('answers bad input in the ack itself, with no database work', async () => {
    const { res, ackBody } = await command(`search ${'x'.repeat(10_000)}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(ackBody).text).toContain('The query is too long (10000 characters, at most 500).');
    const help = await command('frobnicate');
    expect(JSON.parse(help.ackBody).text).toContain('/papers search');
    expect(services.searches).toEqual([]);
  });

  it('rejects a bad signature and a stale timestamp with 401 and does nothing', async () => {
    const bad = await command('subscribe audio codecs', { headers: { 'x-slack-signature': 'v0=' + '0'.repeat(64) } });
    expect(bad.res.status).toBe(401);
    const stale = await command('subscribe audio codecs', { ts: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.res.status).toBe(401);
    // A signed command sent after them is answered; the rejected ones left nothing beside it.
    const good = await command('subscribe speculative decoding');
    await answerOn(good.path);
    expect(services.writes).toEqual(['subscribe slack:U0001 speculative-decoding']);
    expect(hookBodies.map((h) => h.path)).toEqual([good.path]);
  });

  it('lets admins and allow-listed users manage the channel, and nobody else', async () => {
    const denied = await command('channel subscribe audio codecs', { userId: 'UPLEB' });
    expect(String((await answerOn(denied.path)).text)).toContain('Only people who may manage');
    expect(apiCalls.some((c) => c.method === 'users.info' && c.params.user === 'UPLEB')).toBe(true);
    expect(services.writes).toEqual([]);

    const admin = await command('channel subscribe audio codecs', { userId: 'UADMIN' });
    expect(String((await answerOn(admin.path)).text)).toContain('This channel will get');
    const listed = await command('channel schedule 08:30 Europe/Berlin weekdays', { userId: 'UALLOW' });
    expect(String((await answerOn(listed.path)).text)).toContain('08:30 Europe/Berlin on weekdays');
    expect(apiCalls.some((c) => c.method === 'users.info' && c.params.user === 'UALLOW')).toBe(false);
    expect(services.writes).toEqual(['subscribe slack:C0001 audio-codecs', 'schedule slack:C0001 08:30 Europe/Berlin true']);
  });

  it('escapes hostile text echoed back, in every argument', async () => {
    const hostile = '<!channel> @everyone <@U123> <https://evil.example|click> *bold* שלום 🎧';
    for (const text of [`subscribe ${hostile}`, `search ${hostile}`, `channel unsubscribe ${hostile}`]) {
      const { path } = await command(text, { userId: 'UADMIN' });
      const answer = JSON.stringify(await answerOn(path));
      expect(answer).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
    }
    const { path } = await command(`subscribe ${hostile}`);
    expect(JSON.stringify(await answerOn(path))).toContain('&lt;!channel&gt;');
  });

  it('apologises through response_url when the database is down', async () => {
    services.mode = 'hang';
    const { res, path } = await command('subscriptions');
    expect(res.status).toBe(200);
    expect(String((await answerOn(path)).text)).toContain("can't reach its database");
  });

  it('records feedback from a button for the presser only, and answers privately', async () => {
    const payload = {
      type: 'block_actions',
      user: { id: 'U0002', username: 'bob', team_id: 'T0001' },
      api_app_id: 'A0001',
      token: 'x',
      team: { id: 'T0001', domain: 'example' },
      channel: { id: 'C0001', name: 'general' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0001', is_ephemeral: false },
      trigger_id: '1.2.3',
      response_url: `${hooks.url}/hook/button`,
      actions: [{ type: 'button', action_id: 'feedback_up', block_id: 'b1', value: 'audio-codecs|2501.10001', action_ts: '1.3', text: { type: 'plain_text', text: '👍' } }],
    };
    const body = blockActionBody(payload);
    const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
    expect(res.status).toBe(200);
    const answer = await answerOn('/hook/button');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(services.feedback).toEqual([{ topicSlug: 'audio-codecs', arxivId: '2501.10001', actor: 'slack:U0002', verdict: 'up' }]);
    // A mis-click is taken back from the thanks itself.
    const undo = (answer.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>).flatMap((b) => b.elements ?? []);
    expect(undo).toEqual([expect.objectContaining({ action_id: 'feedback_clear', value: 'audio-codecs|2501.10001', text: expect.objectContaining({ text: 'Undo' }) })]);
    const press = blockActionBody({ ...payload, response_url: `${hooks.url}/hook/undo`, actions: [{ type: 'button', action_id: 'feedback_clear', block_id: 'b2', value: 'audio-codecs|2501.10001', action_ts: '1.4', text: { type: 'plain_text', text: 'Undo' } }] });
    expect((await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, press), body: press })).status).toBe(200);
    expect(String((await answerOn('/hook/undo')).text)).toContain('Your 👍 on this paper is taken back');
    expect(services.feedback).toEqual([]);
  });

  it("an unsubscribe button changes only the presser's subscriptions", async () => {
    services.subs.set('slack:U0001', new Set(['audio-codecs']));
    services.subs.set('slack:U0002', new Set(['audio-codecs']));
    const body = blockActionBody({
      type: 'block_actions',
      user: { id: 'U0002' },
      team: { id: 'T0001' },
      api_app_id: 'A0001',
      token: 'x',
      channel: { id: 'C0001' },
      response_url: `${hooks.url}/hook/unsub`,
      actions: [{ type: 'button', action_id: 'topic_unsubscribe:audio-codecs', value: 'audio-codecs', action_ts: '1' }],
    });
    await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
    await answerOn('/hook/unsub');
    expect([...services.subs.get('slack:U0001')!]).toEqual(['audio-codecs']);
    expect([...services.subs.get('slack:U0002')!]).toEqual([]);
  });

  it('a page button on App Home turns the page of Home\'s own list, not a second list above it', async () => {
    const subs = Array.from({ length: 30 }, (_, i) => ({ topic: { slug: `topic-${i}`, name: `Topic ${i}`, description: `Topic ${i}` }, createdAt: new Date(0) }));
    const info = services.channelInfo;
    services.channelInfo = async (who) => (who === 'slack:U0005' ? { subscriptions: subs, schedule: null } : info(who));
    try {
      const body = blockActionBody({
        type: 'block_actions',
        user: { id: 'U0005' },
        team: { id: 'T0001' },
        api_app_id: 'A0001',
        token: 'x',
        view: { id: 'V1', type: 'home' },
        actions: [{ type: 'button', action_id: 'list_page:subscriptions:2', value: 'subscriptions|2|', action_ts: '1' }],
      });
      expect((await fetch(`${app.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body })).status).toBe(200);
      const publish = await vi.waitFor(() => {
        const call = apiCalls.find((c) => c.method === 'views.publish' && c.params.user_id === 'U0005');
        if (!call) throw new Error('not yet');
        return call;
      }, { timeout: 10_000, interval: 20 });
      const view = JSON.parse(publish.params.view!) as { blocks: Array<{ type: string; text?: { text: string } }> };
      const text = view.blocks.map((b) => b.text?.text ?? '').join('\n');
      expect(text.match(/You follow 30 topics/g)).toHaveLength(1);
      expect(text).toContain('You follow 30 topics (page 2 of 2)');
      expect(text).toContain('• Topic 20\n');
    } finally {
      services.channelInfo = info;
    }
  });

  it('publishes App Home with subscriptions and the digest', async () => {
    services.subs.set('slack:U0003', new Set(['audio-codecs']));
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: 'Ev1',
      event_time: 1,
      event: { type: 'app_home_opened', user: 'U0003', channel: 'D0003', tab: 'home', event_ts: '1.0' },
    });
    const res = await fetch(`${app.url}/slack/events`, { method: 'POST', headers: { ...signedSlackHeaders(SECRET, body), 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    const publish = await vi.waitFor(() => {
      const call = apiCalls.find((c) => c.method === 'views.publish');
      if (!call) throw new Error('not yet');
      return call;
    }, { timeout: 10_000, interval: 20 });
    expect(publish.params.user_id).toBe('U0003');
    const view = JSON.parse(publish.params.view!) as { type: string; blocks: Array<{ elements?: Array<{ action_id: string }> }> };
    expect(view.type).toBe('home');
    const ids = view.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(ids).toContain('topic_unsubscribe:audio-codecs');
    expect(ids).toContain('feedback_down');
  });
});
