/**
 * `paperboy channel add` on a channel paperboy cannot post in says so at once, in the platform's
 * terms, with the check chat commands use at `channel subscribe` (a private Slack channel it was
 * not invited to; a Discord channel its role may not see or write in), and adds the channel all
 * the same. A platform not configured, or a check that fails or is slow, adds it silently.
 * Over the local fake Slack and Discord APIs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { askChannelAccess } from '../../src/cli/post-access.js';
import { parseTargetId } from '../../src/core/targets/target-id.js';
import { runCli } from '../helpers/cli-run.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { FULL_SCOPES, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { closedPort, sendJson, startHttpServer } from '../helpers/http-server.js';

const OPEN = '100000000000000001';
const HIDDEN = '100000000000000002';
const NO_EMBEDS = '100000000000000003';
const NO_THREADS = '100000000000000004';

let db: TestDatabase;
let stores: Stores;
let slack: FakeSlack;
let slackNoPublic: FakeSlack;
let discord: FakeDiscord;

beforeAll(async () => {
  db = await withTestDatabase();
  stores = await db.openStores();
  slack = await startFakeSlack({ channels: ['C0MEMBER', 'C0PUBLIC'], notMember: ['C0PUBLIC'], rateTiers: false, botName: 'lab-digest' });
  slackNoPublic = await startFakeSlack({ channels: ['C0PUBLIC'], notMember: ['C0PUBLIC'], scopes: FULL_SCOPES.filter((s) => s !== 'chat:write.public'), rateTiers: false, botName: 'lab-digest' });
  discord = await startFakeDiscord({
    channels: [OPEN, HIDDEN, NO_EMBEDS, NO_THREADS],
    denied: { [HIDDEN]: PermissionFlagsBits.ViewChannel, [NO_EMBEDS]: PermissionFlagsBits.EmbedLinks, [NO_THREADS]: PermissionFlagsBits.CreatePublicThreads },
  });
});
afterAll(async () => {
  await Promise.all([slack.close(), slackNoPublic.close(), discord.close()]);
  await db.drop();
});

const slackEnv = (api: FakeSlack | string) => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: typeof api === 'string' ? api : api.apiUrl });
const discordEnv = () => ({ DISCORD_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: discord.apiUrl });
const run = (env: Record<string, string>, ...argv: string[]) => runCli({ config: loadConfig({ DATABASE_URL: db.url, ...env }), openStores: async () => stores }, argv);

// The app's name in this workspace (auth.test), not ours: it may be installed under another.
const INVITE = /warning: paperboy cannot post the digest in slack:(C0\w+) yet \(it is not in this channel.*\/invite @lab-digest/s;

describe('channel add on Slack', () => {
  it('a private channel paperboy was not invited to (channel_not_found) is added with a warning to /invite it', async () => {
    const r = await run(slackEnv(slack), 'channel', 'add', 'slack:C0PRIVATE', '--topic', 'asr');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Added slack:C0PRIVATE');
    expect(r.err).toMatch(INVITE);
    expect(r.err).toContain('Slack: channel_not_found');
    expect(await stores.targets.get('slack:C0PRIVATE')).not.toBeNull();
  });

  it('a public channel it is not in is said only without chat:write.public; a channel it is in never', async () => {
    expect((await run(slackEnv(slack), 'channel', 'add', 'slack:C0PUBLIC')).err).toBe('');
    const refused = await run(slackEnv(slackNoPublic), 'channel', 'add', 'slack:C0PUBLIC');
    expect(refused.code).toBe(0);
    expect(refused.err).toMatch(INVITE);
    expect(refused.err).toContain('not_in_channel');
    expect((await run(slackEnv(slack), 'channel', 'add', 'slack:C0MEMBER')).err).toBe('');
  });

  it('without Slack configured, with Slack out of reach, or for a DM, the channel is added silently; a check Slack rate-limited is said as such', async () => {
    const calls = () => slack.calls.get('conversations.history') ?? 0;
    const before = calls();
    const unconfigured = await run({}, 'channel', 'add', 'slack:C0QUIET1');
    expect([unconfigured.code, unconfigured.err]).toEqual([0, '']);
    const dm = await run(slackEnv(slack), 'channel', 'add', 'slack:U0PERSON');
    expect([dm.code, dm.err]).toEqual([0, '']);
    expect(calls()).toBe(before);
    const unreachable = await run(slackEnv(`http://127.0.0.1:${await closedPort()}/api/`), 'channel', 'add', 'slack:C0QUIET2');
    expect([unreachable.code, unreachable.err]).toEqual([0, '']);
    slack.fail('conversations.history', [{ kind: 'error', error: 'ratelimited' }]);
    const limited = await run(slackEnv(slack), 'channel', 'add', 'slack:C0QUIET3');
    expect(limited.code).toBe(0);
    expect(limited.err).toBe('paperboy channel add: note: could not check whether paperboy can post the digest in slack:C0QUIET3: Slack limited how often it may be asked; try again in a minute. If this is a private channel paperboy is not in, invite it with /invite @lab-digest (or the channel details → Integrations → Add apps).\n');
    for (const id of ['slack:C0QUIET1', 'slack:U0PERSON', 'slack:C0QUIET2', 'slack:C0QUIET3']) expect(await stores.targets.get(id), id).not.toBeNull();
  });

  it('a platform slower than the wait is not waited for: nothing is claimed', async () => {
    const slow = await startFakeSlack({ channels: [], latencyMs: 2_000, rateTiers: false });
    try {
      const target = parseTargetId('slack:C0PRIVATE');
      if (!target.ok) throw new Error(target.error);
      expect(await askChannelAccess(slackEnv(slow), target.value, 50).answer()).toEqual({ status: 'unknown' });
    } finally {
      await slow.close();
    }
  });
});

describe('channel add on Discord', () => {
  it('names the permissions paperboy lacks in the channel, in the words of its settings, and adds it', async () => {
    const hidden = await run(discordEnv(), 'channel', 'add', `discord:${HIDDEN}`);
    expect(hidden.code).toBe(0);
    expect(hidden.err).toContain(`warning: paperboy cannot post the digest in discord:${HIDDEN} yet (it lacks View Channel here; Discord: Missing Access)`);
    expect(hidden.err).toContain("Give the bot's role (named after it) View Channel, Send Messages and Embed Links in this channel");
    const noEmbeds = await run(discordEnv(), 'channel', 'add', `discord:${NO_EMBEDS}`);
    expect(noEmbeds.err).toContain('(it lacks Embed Links here; Discord: Missing Permissions)');
    for (const id of [HIDDEN, NO_EMBEDS]) expect(await stores.targets.get(`discord:${id}`)).not.toBeNull();
  });

  it('a threaded digest needs the thread permissions too; a channel that has them all is added silently', async () => {
    expect((await run(discordEnv(), 'channel', 'add', `discord:${NO_THREADS}`)).err).toBe('');
    expect((await run(discordEnv(), 'channel', 'add', `discord:${NO_THREADS}`, '--threads')).err).toContain('(it lacks Create Public Threads here; Discord: Missing Permissions)');
    expect((await run(discordEnv(), 'channel', 'add', `discord:${OPEN}`, '--threads')).err).toBe('');
    // Without Discord configured nothing is asked.
    expect((await run({}, 'channel', 'add', `discord:${HIDDEN}`)).err).toBe('');
  });
});

describe('channel add that fails before the answer is needed', () => {
  it.each([
    ['slack:C0HANGING', (api: string) => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: `${api}/api/` })],
    [`discord:${OPEN}`, (api: string) => ({ DISCORD_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: `${api}/api` })],
  ])('%s: an unknown topic ends the process without waiting on a platform that has not answered', async (address, platformEnv) => {
    // Answers within the CLI's 5 s bound: a CLI still holding the request stays up until it does.
    let answered = false;
    const platform = await startHttpServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 4_000));
      answered = true;
      sendJson(res, 200, address.startsWith('slack:') ? { ok: true, messages: [] } : { id: OPEN, type: 0 });
    });
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-access-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'channel', 'add', address, '--topic', 'no such topic at all'], {
        cwd: process.cwd(),
        env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, ...platformEnv(platform.url) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(err).toContain(`nothing changed for ${address}`);
      expect(code).toBe(1);
      expect(answered).toBe(false);
    } finally {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
