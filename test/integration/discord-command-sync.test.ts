/**
 * The service brings /papers up to date with Discord at start: it reads the registered commands
 * (GET /applications/{id}/commands, or a guild's with DISCORD_GUILD_ID) and POSTs /papers only
 * when it is missing or its definition differs; a failure only warns. Before, a changed
 * definition reached servers only when someone ran `npm run discord:register`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { papersCommand } from '../../src/chat/discord/commands/definition.js';
import { syncCommands } from '../../src/chat/discord/register-commands.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { startService } from '../../src/service.js';
import { withSqlite, type TestDatabase } from '../helpers/db.js';
import { readBody, sendJson, startHttpServer, type TestServer } from '../helpers/http-server.js';

// Command JSON walked by key in both directions: typing every level would only restate Discord.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/**
 * Discord's application-command routes over one in-memory list per scope. Answers as Discord
 * does: every command with the fields Discord adds (id, application_id, version, permissions,
 * contexts, localizations) and without the options' `required`/`autocomplete` that are false.
 */
async function startCommandsApi(opts: { failWith?: number } = {}) {
  const lists = new Map<string, Json[]>();
  const calls: string[] = [];
  let version = 1;
  const asDiscordAnswers = (c: Json, scope: string): Json => {
    const option = (o: Json): Json => {
      const { required, autocomplete, ...rest } = o;
      return { ...rest, ...(required ? { required } : {}), ...(autocomplete ? { autocomplete } : {}), name_localizations: null, description_localizations: null, ...(o.options ? { options: o.options.map(option) } : {}) };
    };
    return {
      id: String(1_000 + (lists.get(scope)?.indexOf(c) ?? 0)),
      application_id: '42',
      version: String(version),
      default_member_permissions: null,
      type: c.type ?? 1,
      name: c.name,
      name_localizations: null,
      description: c.description,
      description_localizations: null,
      dm_permission: true,
      contexts: null,
      integration_types: [0],
      nsfw: false,
      ...(scope.startsWith('guild') ? { guild_id: scope.slice('guild:'.length) } : {}),
      ...(c.options ? { options: c.options.map(option) } : {}),
    };
  };
  const server: TestServer = await startHttpServer(async (req, res, url) => {
    const m = /^\/api\/v10\/applications\/42(?:\/guilds\/(\d+))?\/commands$/.exec(url.pathname);
    calls.push(`${req.method} ${url.pathname}`);
    if (req.headers.authorization !== 'Bot bot-token') return sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
    if (!m) return sendJson(res, 404, { message: 'Unknown route', code: 0 });
    if (opts.failWith) return sendJson(res, opts.failWith, { message: 'Internal Server Error', code: 0 });
    const scope = m[1] ? `guild:${m[1]}` : 'global';
    // PUT replaces the scope's whole list; POST creates one command, or overwrites the one of its name.
    if (req.method === 'PUT') {
      version++;
      lists.set(scope, JSON.parse(await readBody(req)) as Json[]);
    }
    if (req.method === 'POST') {
      version++;
      const command = JSON.parse(await readBody(req)) as Json;
      const before = lists.get(scope) ?? [];
      const others = before.filter((c) => c.name !== command.name);
      lists.set(scope, [...others, command]);
      return sendJson(res, others.length === before.length ? 201 : 200, asDiscordAnswers(command, scope));
    }
    return sendJson(res, 200, (lists.get(scope) ?? []).map((c) => asDiscordAnswers(c, scope)));
  });
  return { server, calls, lists, apiUrl: `${server.url}/api` };
}

const register = (apiUrl: string, guildId?: string) => ({ token: 'bot-token', applicationId: '42', apiUrl, ...(guildId ? { guildId } : {}) });

describe('syncCommands against Discord application-command routes', () => {
  let api: Awaited<ReturnType<typeof startCommandsApi>>;
  beforeEach(async () => (api = await startCommandsApi()));
  afterEach(() => api.server.close());

  it('registers /papers when missing, leaves it when unchanged, re-registers it when a nested option changed', async () => {
    expect(await syncCommands(register(api.apiUrl))).toMatchObject({ status: 'registered', scope: 'global', reason: 'missing' });
    expect(api.lists.get('global')).toEqual([papersCommand()]);

    // What Discord answers has ids, a version, defaults and no `required: false`: no change.
    api.calls.length = 0;
    expect(await syncCommands(register(api.apiUrl))).toEqual({ status: 'unchanged' });
    expect(api.calls).toEqual(['GET /api/v10/applications/42/commands']);

    // The definition of last session: one subcommand's option described otherwise, one option not there.
    const old = papersCommand() as Json;
    const channel = old.options.find((o: Json) => o.name === 'channel');
    channel.options.find((o: Json) => o.name === 'threads').options[0].description = 'Threads on or off';
    const schedule = old.options.find((o: Json) => o.name === 'schedule');
    schedule.options = schedule.options.filter((o: Json) => o.name !== 'weekly');
    api.lists.set('global', [old]);
    api.calls.length = 0;
    expect(await syncCommands(register(api.apiUrl))).toMatchObject({ status: 'registered', reason: 'changed' });
    expect(api.calls).toEqual(['GET /api/v10/applications/42/commands', 'POST /api/v10/applications/42/commands']);
    expect(api.lists.get('global')).toEqual([papersCommand()]);

    // An option Discord still has that papersCommand() no longer sets is a change too.
    const extra = papersCommand() as Json;
    extra.options[0].options[0].min_length = 3;
    api.lists.set('global', [extra]);
    expect(await syncCommands(register(api.apiUrl))).toMatchObject({ status: 'registered', reason: 'changed' });
  });

  it("leaves the application's other commands as they are", async () => {
    const other = { type: 1, name: 'weather', description: 'Another bot feature on the same application' };
    api.lists.set('global', [other]);
    expect(await syncCommands(register(api.apiUrl))).toMatchObject({ reason: 'missing' });
    expect(api.lists.get('global')).toEqual([other, papersCommand()]);
    const changed = papersCommand() as Json;
    changed.description = 'An older description';
    api.lists.set('global', [changed, other]);
    expect(await syncCommands(register(api.apiUrl))).toMatchObject({ reason: 'changed' });
    expect(api.lists.get('global')).toEqual([other, papersCommand()]);
  });

  it("uses the guild's commands with a guild id", async () => {
    expect(await syncCommands(register(api.apiUrl, '777'))).toMatchObject({ scope: 'guild', reason: 'missing' });
    expect(await syncCommands(register(api.apiUrl, '777'))).toEqual({ status: 'unchanged' });
    expect(api.calls).toEqual(['GET /api/v10/applications/42/guilds/777/commands', 'POST /api/v10/applications/42/guilds/777/commands', 'GET /api/v10/applications/42/guilds/777/commands']);
    expect(api.lists.has('global')).toBe(false);
  });
});

function recording(): { logger: Logger; lines: Array<{ level: string; fields: Json; msg: string }> } {
  const lines: Array<{ level: string; fields: Json; msg: string }> = [];
  const at = (level: string) => (fields: Json | string, msg?: string) => void lines.push({ level, fields: typeof fields === 'string' ? {} : fields, msg: msg ?? String(fields) });
  return { lines, logger: { ...silentLogger(), info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as unknown as Logger };
}

describe('the service started with Discord', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await withSqlite()));
  afterEach(() => db.drop());

  const env = (apiUrl: string, extra: Record<string, string> = {}) =>
    loadConfig({
      DATABASE_URL: db.url,
      PAPERBOY_DATA_DIR: mkdtempSync(join(tmpdir(), 'paperboy-discord-sync-')),
      PORT: '0',
      LOG_LEVEL: 'silent',
      PAPERBOY_INGEST_SOURCES: '',
      DISCORD_TOKEN: 'bot-token',
      DISCORD_APPLICATION_ID: '42',
      DISCORD_GATEWAY: 'false',
      DISCORD_API_URL: apiUrl,
      ...extra,
    });

  it('re-registers a /papers whose definition changed, with one info line', async () => {
    const api = await startCommandsApi();
    const old = papersCommand() as Json;
    old.description = 'Research papers';
    api.lists.set('guild:777', [old]);
    const { logger, lines } = recording();
    const service = await startService(env(api.apiUrl, { DISCORD_GUILD_ID: '777' }), logger, { stdout: new PassThrough() });
    try {
      await vi.waitFor(() => expect(api.lists.get('guild:777')).toEqual([papersCommand()]), { timeout: 10_000, interval: 50 });
      await vi.waitFor(() => expect(lines.filter((l) => l.msg.includes('/papers')).map((l) => [l.level, l.msg])).toEqual([['info', 're-registered /papers: definition changed']]));
      expect(api.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/v10/applications/42/guilds/777/commands']);
    } finally {
      await service.stop('test');
      await api.server.close();
    }
  }, 30_000);

  it('only warns when Discord fails, and keeps running', async () => {
    const api = await startCommandsApi({ failWith: 500 });
    const { logger, lines } = recording();
    const service = await startService(env(api.apiUrl, { DISCORD_API_URL: api.apiUrl }), logger, { stdout: new PassThrough() });
    try {
      await vi.waitFor(() => expect(lines.some((l) => l.level === 'warn' && l.msg.startsWith('could not check or register /papers with Discord'))).toBe(true), { timeout: 30_000, interval: 100 });
      const health = await fetch(`http://127.0.0.1:${service.chat.http!.port}/healthz`);
      expect(health.status).toBe(200);
      expect(api.calls.every((c) => c.startsWith('GET'))).toBe(true);
    } finally {
      await service.stop('test');
      await api.server.close();
    }
  }, 45_000);

  it('asks Discord nothing with DISCORD_REGISTER_COMMANDS=false', async () => {
    const api = await startCommandsApi();
    const service = await startService(env(api.apiUrl, { DISCORD_REGISTER_COMMANDS: 'false' }), silentLogger(), { stdout: new PassThrough() });
    try {
      // Long enough for a start-up sync to have asked.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(api.calls.filter((c) => c.includes('/commands'))).toEqual([]);
    } finally {
      await service.stop('test');
      await api.server.close();
    }
  }, 30_000);
});
