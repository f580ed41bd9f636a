/**
 * Reading lists end to end from both chat platforms, on a real SQLite database and the real core:
 * signed Slack commands and button presses through Bolt, ed25519-signed Discord interactions, and
 * exports delivered the way each platform takes files — Slack's files.getUploadURLExternal →
 * upload_url → files.completeUploadExternal, Discord's multipart `payload_json` + `files[0]` on
 * the interaction webhook — to local fakes that check those wire formats.
 */
import { parse } from '@retorquere/bibtex-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { composeServices } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { startChat, type RunningChat } from '../../src/http/start-chat.js';
import { silentLogger } from '../../src/log.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';
import { discordTestKey, signedDiscordHeaders } from '../helpers/discord-sign.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';
import { blockActionBody, signedSlackHeaders, slashCommandBody } from '../helpers/slack-sign.js';
import { answerAt } from '../helpers/hook-answers.js';

const SECRET = 'reading-list-secret';
const key = discordTestKey();
const HOSTILE = 'Codecs <!channel> @everyone }\n@misc{pwn, title={x}} $\\alpha$ & 100% '.padEnd(10_000, 'x');

let db: TestDatabase;
let stores: Stores;
let slack: FakeSlack;
let discord: FakeDiscord;
let hooks: TestServer;
let chat: RunningChat;
const hookBodies: Array<{ path: string; body: Record<string, any> }> = [];

beforeAll(async () => {
  db = await withSqlite();
  stores = await db.openStores();
  const now = new Date();
  await seedBuiltinTopics(stores.topics, now);
  await stores.papers.upsertMany(
    [
      { arxivId: '2501.00001', source: 'arxiv', version: 2, title: 'A neural audio codec with residual vector quantization', abstract: 'Neural audio codec for speech at 1.5 kbps.', authors: ['Ada Lovelace', 'Kurt Gödel'], categories: ['cs.SD', 'eess.AS'], publishedAt: now },
      { arxivId: '2501.00002', source: 'arxiv', version: 1, title: 'Graph attention for molecules', abstract: 'Message passing.', authors: ['Alan Turing'], categories: ['cs.LG'], publishedAt: now },
      { arxivId: '2501.00003', source: 'arxiv', version: 4, title: HOSTILE, abstract: HOSTILE, authors: ['<@U999> Mallory'], categories: ['cs.CR'], publishedAt: now },
    ],
    now,
  );
  const services = composeServices(loadConfig({ LOG_LEVEL: 'silent', PAPERBOY_DIGEST_MAX_PAPERS: '10' }), stores, silentLogger()).commands;
  slack = await startFakeSlack({ token: 'xoxb-test', channels: ['C0001'], users: ['U0001', 'U0002', 'U0003'] });
  discord = await startFakeDiscord();
  hooks = await startHttpServer(async (req, res, url) => {
    hookBodies.push({ path: url.pathname, body: JSON.parse(await readBody(req)) as Record<string, any> });
    sendJson(res, 200, { ok: true });
  });
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_PUBLIC_KEY: key.publicKeyHex,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GATEWAY: 'false',
  });
  chat = await startChat({ config, logger: silentLogger(), services, host: '127.0.0.1', timeoutMs: 10_000, health: async () => ({ status: 'ok', checks: {} }) });
});

afterAll(async () => {
  await chat?.close();
  await slack?.close();
  await discord?.close();
  await hooks?.close();
  await db?.drop();
});

beforeEach(async () => {
  await db.exec('DELETE FROM "SavedPaper"');
  hookBodies.length = 0;
});

let seq = 0;
async function slackCommand(text: string, userId = 'U0001', channelId = 'C0001'): Promise<Record<string, any>> {
  const path = `/hook/${++seq}`;
  const body = slashCommandBody({ text, userId, channelId, responseUrl: `${hooks.url}${path}` });
  const res = await fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
  expect(res.status).toBe(200);
  // Answers that need no database (help, bad input) come in the ack itself.
  const ack = await res.text();
  return ack ? (JSON.parse(ack) as Record<string, any>) : answerOn(path);
}

async function slackPress(action: { action_id: string; value?: string }, userId = 'U0001'): Promise<Record<string, any>> {
  const path = `/hook/${++seq}`;
  const body = blockActionBody({
    type: 'block_actions',
    user: { id: userId },
    team: { id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    channel: { id: 'C0001' },
    container: { type: 'message', message_ts: '1.2', channel_id: 'C0001', is_ephemeral: true },
    response_url: `${hooks.url}${path}`,
    actions: [{ type: 'button', block_id: 'act', action_ts: '1.3', ...action }],
  });
  const res = await fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
  expect(res.status).toBe(200);
  return answerOn(path);
}

function answerOn(path: string): Promise<Record<string, any>> {
  return answerAt(hookBodies, path, 15_000);
}

const slackButtons = (answer: Record<string, any>) =>
  (answer.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value?: string }> }>).filter((b) => b.type === 'actions').flatMap((b) => b.elements!);

function parseBib(bytes: Buffer) {
  const lib = parse(bytes.toString('utf8'), { sentenceCase: false, caseProtection: false });
  expect(lib.errors).toEqual([]);
  return lib.entries;
}

describe('reading lists from Slack', () => {
  it('a search shows 🔖 Save beside 👍/👎; pressing it saves the paper to the presser’s list, answered privately', async () => {
    const search = await slackCommand('search neural audio codec');
    const save = slackButtons(search).find((b) => b.action_id === 'paper_save' && b.value === 'user|2501.00001');
    expect(save).toBeDefined();
    const answer = await slackPress(save!, 'U0002');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.text)).toContain('Saved');
    expect(await stores.saved.list('slack:U0002', 10)).toMatchObject([{ arxivId: '2501.00001', savedBy: 'slack:U0002' }]);
    expect(await stores.saved.count('slack:U0001')).toBe(0);
  });

  it('/papers saved lists newest first with Remove; the Remove button takes it off', async () => {
    await slackCommand('saved add 2501.00002');
    await slackCommand('saved add arXiv:2501.00001v2');
    const list = await slackCommand('saved');
    const text = JSON.stringify(list.blocks);
    expect(text.indexOf('A neural audio codec')).toBeLessThan(text.indexOf('Graph attention'));
    const remove = slackButtons(list).find((b) => b.action_id === 'paper_unsave' && b.value === 'user|2501.00002|1')!;
    expect(remove).toBeDefined();
    // The list is redrawn in place, without the paper.
    const after = await slackPress(remove);
    expect(after).toMatchObject({ replace_original: true });
    expect(String(after.text)).toContain('Removed 2501.00002');
    expect(JSON.stringify(after.blocks)).not.toContain('Graph attention');
    expect((await stores.saved.list('slack:U0001', 10)).map((r) => r.arxivId)).toEqual(['2501.00001']);
  });

  it('/papers saved export uploads a BibTeX file to the caller’s DM through the external upload flow', async () => {
    await slackCommand('saved add 2501.00001');
    await slackCommand('saved add 2501.00003');
    const before = slack.uploads.length;
    const answer = await slackCommand('saved export', 'U0001');
    expect(String(answer.text)).toContain('direct messages');
    const upload = slack.uploads.at(-1)!;
    expect(slack.uploads.length).toBe(before + 1);
    expect(upload).toMatchObject({ filename: 'reading-list.bib', channel: 'D0001' });
    const entries = parseBib(upload.bytes);
    expect(entries.map((e) => e.key).sort()).toEqual(['arXiv:2501.00001', 'arXiv:2501.00003']);
    const codec = entries.find((e) => e.key === 'arXiv:2501.00001')!;
    expect(codec.fields).toMatchObject({ eprint: '2501.00001', archiveprefix: 'arXiv', primaryclass: 'cs.SD', version: '2' });
    // The hostile title comes back as its own text (cut to the export's limit), one entry, no
    // forged one; its math stays TeX ($\\alpha$), which a parser reads as LaTeX prints it.
    const hostile = entries.find((e) => e.key === 'arXiv:2501.00003')!;
    expect(hostile.fields.title!.startsWith('Codecs <!channel> @everyone } @misc{pwn, title={x}} α & 100%')).toBe(true);
    expect(upload.bytes.toString()).toContain('$\\alpha$ \\& 100\\%');
  });

  it('a channel list takes additions from anyone in the channel; removal is for the saver (or a manager); export goes to the channel', async () => {
    expect(String((await slackCommand('saved channel add 2501.00002', 'U0002')).text)).toContain("this channel's reading list");
    expect(String((await slackCommand('saved channel add 2501.00001', 'U0003')).text)).toContain('Saved');
    const list = await slackCommand('saved channel', 'U0001');
    expect(JSON.stringify(list.blocks)).toContain('Graph attention');
    expect(String((await slackCommand('saved channel remove 2501.00002', 'U0003')).text)).toContain("can't");
    expect(await stores.saved.count('slack:C0001')).toBe(2);
    await slackCommand('saved channel export ris', 'U0001');
    const upload = slack.uploads.at(-1)!;
    expect(upload).toMatchObject({ filename: 'channel-reading-list.ris', channel: 'C0001' });
    expect(upload.bytes.toString('utf8').match(/^TY {2}- /gm)).toHaveLength(2);
  });

  it('Save pressed on App Home saves and republishes Home with the paper on “Your reading list”', async () => {
    const view = await pressOnHome('paper_save', 'user|2501.00002');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Your reading list');
    const elements = (view.blocks as Array<{ elements?: Array<{ action_id: string; value?: string }> }>).flatMap((b) => b.elements ?? []);
    expect(elements).toContainEqual(expect.objectContaining({ action_id: 'paper_unsave', value: 'user|2501.00002|1' }));
    expect(await stores.saved.list('slack:U0003', 10)).toMatchObject([{ arxivId: '2501.00002' }]);
  });

  it('App Home’s reading list pages with its own buttons, and a Remove there keeps its page', async () => {
    const now = new Date();
    await stores.papers.upsertMany(
      [4, 5, 6].map((n) => ({ arxivId: `2501.0000${n}`, source: 'arxiv', version: 1, title: `Home paging paper ${n}`, abstract: 'x', authors: ['Ada Lovelace'], categories: ['cs.LG'], publishedAt: now })),
      now,
    );
    // Six saved, the oldest first: 00001 … 00006; newest first, page 2 of 2 holds 00002 and 00001.
    for (let n = 1; n <= 6; n++) await stores.saved.add({ listId: 'slack:U0003', arxivId: `2501.0000${n}`, savedBy: 'slack:U0003', savedAt: new Date(Date.UTC(2026, 0, 1, 0, n)) });
    const removes = (view: { blocks: unknown[] }) => (view.blocks as Array<{ elements?: Array<{ action_id: string; value?: string }> }>).flatMap((b) => b.elements ?? []).filter((e) => e.action_id === 'paper_unsave').map((e) => e.value);
    const second = await pressOnHome('list_page:saved:2', 'saved|2|');
    expect(JSON.stringify(second.blocks)).toContain('Your reading list: 6 papers, newest first (page 2 of 2)');
    expect(JSON.stringify(second.blocks)).toContain('Your subscriptions');
    expect(removes(second)).toEqual(['user|2501.00002|2', 'user|2501.00001|2']);
    const after = await pressOnHome('paper_unsave', 'user|2501.00002|2');
    const text = JSON.stringify(after.blocks);
    expect(text).toContain('Removed 2501.00002');
    expect(text).toContain('(page 2 of 2)');
    expect(removes(after)).toEqual(['user|2501.00001|2']);
    // The page emptied: Home shows the page before, now the last.
    const emptied = await pressOnHome('paper_unsave', 'user|2501.00001|2');
    expect(JSON.stringify(emptied.blocks)).toContain('Your reading list: 4 papers, newest first');
    expect(removes(emptied)).toEqual(['user|2501.00006|1', 'user|2501.00005|1', 'user|2501.00004|1', 'user|2501.00003|1']);
  });

  it('turning one of Home’s lists keeps the page the other was on, and a press on anything else keeps both', async () => {
    const now = new Date();
    await stores.papers.upsertMany([4, 5, 6].map((n) => ({ arxivId: `2501.0000${n}`, source: 'arxiv', version: 1, title: `Home paging paper ${n}`, abstract: 'x', authors: ['Ada Lovelace'], categories: ['cs.LG'], publishedAt: now })), now);
    for (let n = 1; n <= 6; n++) await stores.saved.add({ listId: 'slack:U0003', arxivId: `2501.0000${n}`, savedBy: 'slack:U0003', savedAt: new Date(Date.UTC(2026, 0, 1, 0, n)) });
    // 30 subscriptions: two pages of them on Home.
    for (let i = 0; i < 30; i++) {
      const slug = `home-pages-${String(i).padStart(2, '0')}`;
      await stores.topics.add({ slug, name: `Home pages ${i}`, description: 'x', mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: now });
      await stores.subscriptions.add({ subscriber: 'slack:U0003', kind: 'user', topicSlug: slug, minScore: null, maxPapers: null, createdBy: 'slack:U0003', createdAt: now });
    }
    try {
      const subs2 = await pressOnHome('list_page:subscriptions:2', 'subscriptions|2|');
      expect(JSON.stringify(subs2.blocks)).toMatch(/You follow \d+ topics \(page 2 of 2\)/);
      const both = await pressOnHome('list_page:saved:2', 'saved|2|', subs2.private_metadata);
      expect(JSON.stringify(both.blocks)).toMatch(/You follow \d+ topics \(page 2 of 2\)/);
      expect(JSON.stringify(both.blocks)).toContain('newest first (page 2 of 2)');
      const removed = await pressOnHome('paper_unsave', 'user|2501.00002|2', both.private_metadata);
      expect(JSON.stringify(removed.blocks)).toMatch(/You follow \d+ topics \(page 2 of 2\)/);
      // A mark on a paper not stored: answered, and nothing kept that a later test would meet.
      const thanked = await pressOnHome('feedback_down', 'audio-codecs|2501.99999', removed.private_metadata);
      expect(JSON.stringify(thanked.blocks)).toContain('the feedback was not kept');
      expect(JSON.stringify(thanked.blocks)).toMatch(/You follow \d+ topics \(page 2 of 2\)/);
      expect(JSON.stringify(thanked.blocks)).toContain('newest first (page 2 of 2)');
    } finally {
      await db.exec(`DELETE FROM "Subscription" WHERE "subscriber" = 'slack:U0003' AND "topicSlug" LIKE 'home-pages-%'`);
    }
  });

  it('a press on App Home shows its answer at the top of Home: thanks for a 👍, and why a mark on a paper gone since was not kept', async () => {
    const press = async (action_id: string, value: string) => JSON.stringify((await pressOnHome(action_id, value)).blocks);
    const thanks = await press('feedback_up', 'audio-codecs|2501.00001');
    expect(thanks).toContain('will rank papers like this higher');
    expect(thanks.indexOf('will rank papers')).toBeLessThan(thanks.indexOf('Your subscriptions'));
    expect(await press('feedback_down', 'audio-codecs|2501.99999')).toContain('the feedback was not kept');
  });

  it('a person\'s exports open their DM once (conversations.open is Tier 3: 50 a minute for the workspace)', async () => {
    await slackCommand('saved add 2501.00001', 'U0002');
    const opened = () => slack.calls.get('conversations.open') ?? 0;
    const before = opened();
    const uploads = slack.uploads.length;
    for (let i = 0; i < 3; i++) expect(String((await slackCommand('saved export', 'U0002')).text)).toContain('direct messages');
    expect(slack.uploads.slice(uploads).map((u) => u.channel)).toEqual(['D0002', 'D0002', 'D0002']);
    expect(opened() - before).toBe(1);
  });

  it('a channel export where paperboy is not in the channel says to invite it (not the files:write scope), and keeps the list', async () => {
    // A public channel the bot was never added to, and a private one that hides itself from apps not in it.
    slack.addChannel('C0OUT', false);
    for (const [channel, refusal] of [['C0OUT', 'not_in_channel'], ['C0HIDDEN', 'channel_not_found']] as const) {
      expect(String((await slackCommand('saved channel add 2501.00001', 'U0001', channel)).text)).toContain('Saved');
      const before = slack.uploads.length;
      const text = String((await slackCommand('saved channel export', 'U0001', channel)).text);
      expect(text).toContain('channel-reading-list.bib');
      expect(text).toContain(`paperboy is not in this channel (Slack: ${refusal})`);
      expect(text).toContain('Invite it with /invite @paperboy');
      expect(text).toContain('then export again');
      expect(text).not.toContain('files:write');
      expect(slack.uploads.length).toBe(before);
      expect(await stores.saved.count(`slack:${channel}`)).toBe(1);
    }
  });

  it('bad ids and an empty export are answered, with nothing uploaded', async () => {
    expect(String((await slackCommand('saved add not-a-paper')).text)).toContain('is not an arXiv id');
    const before = slack.uploads.length;
    expect(String((await slackCommand('saved export')).text)).toContain('empty');
    expect(slack.uploads.length).toBe(before);
  });
});

/** U0003 presses a button on Slack's App Home; the view Home is published with next. */
/** `privateMetadata`: the pressed Home's, as Slack sends it back with a press on it. */
async function pressOnHome(action_id: string, value: string, privateMetadata?: string) {
  const body = blockActionBody({
    type: 'block_actions',
    user: { id: 'U0003' },
    team: { id: 'T0001' },
    api_app_id: 'A0001',
    token: 'x',
    container: { type: 'view', view_id: 'V1' },
    view: { id: 'V1', type: 'home', blocks: [], ...(privateMetadata !== undefined ? { private_metadata: privateMetadata } : {}) },
    actions: [{ type: 'button', block_id: 'act', action_ts: '1.3', action_id, value }],
  });
  const before = slack.views.length;
  const res = await fetch(`${chat.http!.url}/slack/events`, { method: 'POST', headers: signedSlackHeaders(SECRET, body), body });
  expect(res.status).toBe(200);
  return vi.waitFor(() => {
    const v = slack.views.slice(before).find((x) => x.user === 'U0003');
    if (!v) throw new Error('not yet');
    return v;
  }, { timeout: 15_000, interval: 20 });
}

let dseq = 0;
function interaction(type: number, data: object, userId = '200000000000000001') {
  const n = ++dseq;
  const user = { id: userId, username: 'ada', discriminator: '0', global_name: 'Ada', avatar: null };
  return { id: `800${n}`, application_id: '42', type, token: `rtok${n}`, version: 1, channel_id: '555', guild_id: '777', member: { user, permissions: '0', roles: [] }, data };
}

async function discordPost(body: object) {
  const text = JSON.stringify(body);
  const res = await fetch(`${chat.http!.url}/discord/interactions`, { method: 'POST', headers: signedDiscordHeaders(key, text), body: text });
  return (await res.json()) as Record<string, unknown>;
}

function webhook(token: string) {
  return vi.waitFor(
    () => {
      const m = discord.webhookMessages.find((x) => x.token === token);
      if (!m) throw new Error('no follow-up yet');
      return m;
    },
    { timeout: 15_000, interval: 20 },
  );
}

const saved = (sub: string, options: object[] = []) => ({ id: '1', name: 'papers', type: 1, options: [{ type: 2, name: 'saved', options: [{ type: 1, name: sub, options }] }] });

describe('reading lists from Discord', () => {
  it('a Save button press saves to the presser’s list and answers ephemerally', async () => {
    const i = interaction(3, { custom_id: 'save:u:2501.00001', component_type: 2 });
    expect(await discordPost(i)).toEqual({ type: 5, data: { flags: 64 } });
    expect((await webhook(i.token)).body.content).toContain('Saved');
    expect(await stores.saved.list('discord:200000000000000001', 10)).toMatchObject([{ arxivId: '2501.00001' }]);
  });

  it('search results carry the Save button in a row of at most five', async () => {
    const i = interaction(2, { id: '1', name: 'papers', type: 1, options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: 'neural audio codec' }] }] });
    await discordPost(i);
    const msg = await webhook(i.token);
    const rows = msg.body.components as Array<{ components: Array<{ custom_id?: string }> }>;
    expect(rows.flatMap((r) => r.components.map((c) => c.custom_id))).toContain('save:u:2501.00001');
    for (const r of rows) expect(r.components.length).toBeLessThanOrEqual(5);
  });

  it('an empty channel list tells how to add to it in Discord’s syntax', async () => {
    const i = interaction(2, saved('list', [{ type: 3, name: 'where', value: 'channel' }]));
    await discordPost(i);
    const shown = String((await webhook(i.token)).body.content).replace(/\u200b|\\/g, '');
    expect(shown).toContain("This channel's reading list is empty");
    expect(shown).toContain('/papers saved add paper:<arXiv id> where:channel');
    expect(shown).not.toContain('/papers saved channel add');
  });

  it('/papers saved export attaches the BibTeX file to the interaction response as multipart', async () => {
    await stores.saved.add({ listId: 'discord:200000000000000001', arxivId: '2501.00003', savedBy: 'discord:200000000000000001', savedAt: new Date() });
    const i = interaction(2, saved('export'));
    await discordPost(i);
    const msg = await webhook(i.token);
    expect(msg.kind).toBe('edit-original');
    expect(msg.body.attachments).toEqual([{ id: 0, filename: 'reading-list.bib' }]);
    expect(msg.files).toHaveLength(1);
    expect(msg.files[0]).toMatchObject({ field: 'files[0]', filename: 'reading-list.bib' });
    expect(parseBib(msg.files[0]!.data).map((e) => e.fields.eprint)).toEqual(['2501.00003']);
    expect(msg.body.allowed_mentions).toEqual({ parse: [] });
  });
});
