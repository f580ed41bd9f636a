import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, configWarnings, loadConfig, unknownSettings } from '../../../src/config.js';

describe('loadConfig', () => {
  it('runs with no configuration at all on the embedded defaults', () => {
    const cfg = loadConfig({});
    expect(cfg.DATABASE_URL).toBe('file:./data/paperboy.db');
    expect(cfg.SLACK_BOT_TOKEN).toBeUndefined();
    expect(cfg.PAPERBOY_INGEST_SOURCES).toEqual(['hf']);
    expect(cfg.PORT).toBe(3000);
  });

  it('the cron defaults, which are not checked at load (so node-cron loads only when a cron key is set), are valid', () => {
    const cfg = loadConfig({});
    for (const expression of [cfg.PAPERBOY_INGEST_CRON, cfg.PAPERBOY_DIGEST_CRON]) expect(cron.validateDetailed(expression)).toMatchObject({ valid: true });
    // A set value is still checked, with the same message.
    expect(() => loadConfig({ PAPERBOY_INGEST_CRON: '0 * * *' })).toThrow(/PAPERBOY_INGEST_CRON: "0 \* \* \*" is not a cron expression/);
  });

  it('keeps local files beside a SQLite database unless PAPERBOY_DATA_DIR says where', () => {
    // A folder that exists: one named by hand must (below).
    const srv = mkdtempSync(join(tmpdir(), 'paperboy-srv-'));
    expect(loadConfig({}).PAPERBOY_DATA_DIR).toBe('./data');
    expect(loadConfig({ DATABASE_URL: `file:${srv}/big.db` }).PAPERBOY_DATA_DIR).toBe(srv);
    expect(loadConfig({ DATABASE_URL: 'file:big.db?connection_limit=1' }).PAPERBOY_DATA_DIR).toBe('.');
    expect(loadConfig({ DATABASE_URL: `file:${srv}/big.db`, PAPERBOY_DATA_DIR: '/var/cache/pb' }).PAPERBOY_DATA_DIR).toBe('/var/cache/pb');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/paperboy' }).PAPERBOY_DATA_DIR).toBe('./data');
  });

  it('refuses a DATABASE_URL given by hand whose folder does not exist, naming it, rather than making it and an empty database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'file:/nonexistent/dir/x.db' })).toThrow(
      'DATABASE_URL: /nonexistent/dir/x.db: the folder /nonexistent/dir does not exist (create it, or correct the path; only the default database\'s folder, ./data, is created for you)',
    );
    // A new file in a folder that exists is how a new database is made; PostgreSQL is not a path.
    const folder = mkdtempSync(join(tmpdir(), 'paperboy-new-'));
    expect(loadConfig({ DATABASE_URL: `file:${folder}/new.db` }).DATABASE_URL).toBe(`file:${folder}/new.db`);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/paperboy' }).DATABASE_URL).toBe('postgresql://db/paperboy');
  });

  it('refuses a DATABASE_URL that names no file (file:) or a folder (file:/tmp), saying which, as a configuration error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'file:' })).toThrow('DATABASE_URL: "file:" names no file: the path after file: is missing (file:./data/paperboy.db)');
    expect(() => loadConfig({ DATABASE_URL: 'file:?connection_limit=1' })).toThrow(/the path after file: is missing/);
    const folder = mkdtempSync(join(tmpdir(), 'paperboy-folder-'));
    expect(() => loadConfig({ DATABASE_URL: `file:${folder}` })).toThrow(`DATABASE_URL: ${folder} is a folder, not a database file (name a file in it: file:${join(folder, 'paperboy.db')})`);
  });

  it("checks PAPERBOY_ARXIV_CATEGORIES against arXiv's taxonomy and keeps arXiv's spelling", () => {
    expect(loadConfig({ PAPERBOY_ARXIV_CATEGORIES: 'CS.cl, eess.as,math' }).PAPERBOY_ARXIV_CATEGORIES).toEqual(['cs.CL', 'eess.AS', 'math']);
    expect(() => loadConfig({ PAPERBOY_ARXIV_CATEGORIES: 'cs.CL,cs.CLL' })).toThrow(/PAPERBOY_ARXIV_CATEGORIES: "cs\.CLL" is not an arXiv category .*did you mean cs\.CL\?/);
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://, an ingest source a schedule cannot run and a holiday that is no date, naming each', () => {
    // Each was accepted: ioredis then failed to connect for ever ("connect ENOENT //127.0.0.1:6379"),
    // every ingest warned the source was skipped, and the "holiday" matched no day.
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ REDIS_URL: 'http://127.0.0.1:6379' })).toEqual(['REDIS_URL: "http://127.0.0.1:6379": must be redis://host:port (or rediss:// for TLS), optionally with /db']);
    expect(problems({ REDIS_URL: 'localhost:6379' })).toEqual(['REDIS_URL: "localhost:6379": must be redis://host:port (or rediss:// for TLS), optionally with /db']);
    expect(problems({ PAPERBOY_INGEST_SOURCES: 'hf,hff,file' })).toEqual(['PAPERBOY_INGEST_SOURCES: "hff", "file": a schedule runs hf, arxiv and rss (feed and file are read with paperboy ingest)']);
    expect(problems({ PAPERBOY_ARXIV_HOLIDAYS: '2026-11-26,2026-13-45,2026-02-30' })).toEqual(['PAPERBOY_ARXIV_HOLIDAYS: "2026-13-45", "2026-02-30": not a date; dates as YYYY-MM-DD, comma-separated']);
    const ok = loadConfig({ REDIS_URL: 'rediss://user:pw@cache:6380/2', PAPERBOY_INGEST_SOURCES: 'hf, arxiv,rss', PAPERBOY_ARXIV_HOLIDAYS: '2028-02-29' });
    expect([ok.REDIS_URL, ok.PAPERBOY_INGEST_SOURCES, ok.PAPERBOY_ARXIV_HOLIDAYS]).toEqual(['rediss://user:pw@cache:6380/2', ['hf', 'arxiv', 'rss'], ['2028-02-29']]);
  });

  it('names every bad key at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PAPERBOY_INGEST_TZ: 'Mars/Base', LOG_LEVEL: 'loud' });
      expect.unreachable('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const key of ['PORT', 'DATABASE_URL', 'PAPERBOY_INGEST_TZ', 'LOG_LEVEL']) expect(problems).toContain(key);
    }
  });

  it('reports settings that need each other together with every other problem, in plain words', () => {
    try {
      loadConfig({ PORT: 'eighty', SLACK_SIGNING_SECRET: 'abc', LOG_LEVEL: 'loud', PAPERBOY_DIGEST_MAX_PAPERS: '500', DATABASE_URL: 'mysql://u:hunter2@h/db', DISCORD_SHARDS: 'many' });
      expect.unreachable('should have thrown');
    } catch (err) {
      const problems = (err as ConfigError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          'PORT: "eighty" is not a number',
          'SLACK_SIGNING_SECRET: needs SLACK_BOT_TOKEN (xoxb-...)',
          'LOG_LEVEL: "loud" is not one of fatal, error, warn, info, debug, trace, silent',
          'PAPERBOY_DIGEST_MAX_PAPERS: "500" is above the maximum, 100',
          'DISCORD_SHARDS: "many" is not "auto" or a whole number from 1',
        ]),
      );
      const text = problems.join('\n');
      expect(text).toContain('DATABASE_URL: must start with file:');
      expect(text).not.toContain('hunter2');
      expect(text).not.toMatch(/NaN|expected number|Invalid input/);
    }
  });

  it('rejects a Discord public key that is not 64 hex characters', () => {
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'not-a-key' })).toThrow(/DISCORD_PUBLIC_KEY: .*64 hex characters/);
    expect(loadConfig({ DISCORD_PUBLIC_KEY: 'a'.repeat(64) }).DISCORD_PUBLIC_KEY).toBe('a'.repeat(64));
  });

  it('warns about a platform configured in part', () => {
    expect(configWarnings(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toEqual([expect.stringMatching(/^Slack: SLACK_BOT_TOKEN without .*\/papers is not answered$/)]);
    expect(configWarnings(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toEqual([]);
    expect(configWarnings(loadConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '1', DISCORD_GATEWAY: 'false' }))).toHaveLength(1);
    expect(configWarnings(loadConfig({}))).toEqual([]);
  });

  it('treats empty strings as unset for optional secrets', () => {
    expect(loadConfig({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: '' }).OPENAI_API_KEY).toBeUndefined();
  });

  it('reads a key left empty (KEY= in a .env file) as its default; a list left empty is empty, DATABASE_URL left empty an error', () => {
    const defaults = loadConfig({});
    const lists = ['PAPERBOY_ARXIV_CATEGORIES', 'PAPERBOY_INGEST_SOURCES', 'PAPERBOY_ARXIV_HOLIDAYS', 'SLACK_CHANNEL_MANAGERS'];
    for (const k of lists) expect(Array.isArray(defaults[k as keyof typeof defaults]), k).toBe(true);
    const empty = Object.fromEntries(Object.keys(configSchema.shape).filter((k) => k !== 'DATABASE_URL').map((k) => [k, '']));
    expect(loadConfig(empty)).toEqual({ ...defaults, ...Object.fromEntries(lists.map((k) => [k, []])) });
    const x = mkdtempSync(join(tmpdir(), 'paperboy-x-'));
    const blank = loadConfig({ PORT: ' ', PAPERBOY_HTTP: '', DISCORD_GATEWAY: '', LOG_LEVEL: '', DATABASE_URL: `file:${x}/paperboy.db`, PAPERBOY_DATA_DIR: '' });
    expect(blank).toMatchObject({ PORT: 3000, PAPERBOY_HTTP: true, DISCORD_GATEWAY: true, LOG_LEVEL: 'info', PAPERBOY_DATA_DIR: x });
    // No scheduled ingest, as before.
    expect(loadConfig({ PAPERBOY_INGEST_SOURCES: '' }).PAPERBOY_INGEST_SOURCES).toEqual([]);
    expect(() => loadConfig({ DATABASE_URL: ' ' })).toThrow(/DATABASE_URL: must start with file:/);
  });

  it('rejects settings that cannot work together', () => {
    expect(() => loadConfig({ PAPERBOY_EMBEDDINGS: 'true' })).toThrow(/OPENAI_API_KEY/);
  });

  it('refuses a Slack token of the wrong kind, naming the setting it belongs in', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xapp-1-A1-2-abc', SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN: an app-level token, which goes in SLACK_APP_TOKEN; SLACK_BOT_TOKEN is the bot token \(xoxb-/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toThrow(/SLACK_APP_TOKEN: a bot token, which goes in SLACK_BOT_TOKEN; SLACK_APP_TOKEN is the app-level token \(xapp-/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-1-user', SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN: not a Slack bot token; SLACK_BOT_TOKEN is the bot token/);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: a Slack token, not the signing secret/);
    // A rotating bot token (xoxe.xoxb-) is a bot token too.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxe.xoxb-1-abc', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }).SLACK_APP_TOKEN).toBe('xapp-1-A1-2-abc');
  });

  it('refuses the Discord portal\'s values in each other\'s place, naming the setting', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: '123456789012345678', DISCORD_APPLICATION_ID: '123456789012345678' })).toThrow(/DISCORD_TOKEN: the application id, not the bot token/);
    expect(() => loadConfig({ DISCORD_TOKEN: 'a'.repeat(64), DISCORD_APPLICATION_ID: '1' })).toThrow(/DISCORD_TOKEN: the public key, not the bot token/);
    expect(() => loadConfig({ DISCORD_TOKEN: 'MTIz.Gx.abc', DISCORD_APPLICATION_ID: 'MTIz.Gx.abc' })).toThrow(/DISCORD_APPLICATION_ID: not an application id/);
    expect(loadConfig({ DISCORD_TOKEN: 'MTIz.Gx.abc', DISCORD_APPLICATION_ID: '123456789012345678' }).DISCORD_APPLICATION_ID).toBe('123456789012345678');
  });

  it('refuses a postgresql:// DATABASE_URL the driver cannot read, and takes the socket and encoded forms', () => {
    for (const url of ['postgresql://u:p@127.0.0.1:badport/x', 'postgresql://u:ab/cd@db/paperboy', 'postgres://u:a#b@db/paperboy']) {
      expect(() => loadConfig({ DATABASE_URL: url }), url).toThrow(/DATABASE_URL: .*is not a URL PostgreSQL's driver can read/);
    }
    for (const url of ['postgresql://u:ab%2Fcd@db:5432/paperboy', 'postgresql:///paperboy?host=/var/run/postgresql', 'postgresql://u@/paperboy?host=/tmp', 'postgresql://u:a b@db/paperboy']) {
      expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL, url).toBe(url);
    }
  });

  it('spells a time zone as IANA writes it, as chat and the CLI store one', () => {
    const c = loadConfig({ PAPERBOY_DIGEST_DEFAULT_TZ: 'europe/berlin', PAPERBOY_INGEST_TZ: 'utc' });
    expect([c.PAPERBOY_DIGEST_DEFAULT_TZ, c.PAPERBOY_INGEST_TZ]).toEqual(['Europe/Berlin', 'UTC']);
  });

  it('names PAPERBOY_ variables that are no setting, with the setting a misspelt one is probably for', () => {
    expect(unknownSettings({ PAPERBOY_DIGEST_CRONN: '5 * * * *', PAPERBOY_LOG_LEVEL: 'debug', PAPERBOY_DIGEST_CRON: '* * * * *', HOME: '/root' })).toEqual([
      'PAPERBOY_DIGEST_CRONN is not a paperboy setting and is ignored: did you mean PAPERBOY_DIGEST_CRON?',
      'PAPERBOY_LOG_LEVEL is not a paperboy setting and is ignored: did you mean LOG_LEVEL?',
    ]);
    // Other variables only when a typo away from a setting: the environment holds many others.
    expect(unknownSettings({ SLACK_BOT_TOKN: 'xoxb-1', DATABASE_URI: 'file:x.db', PATH: '/bin', HOME: '/root', TERM: 'xterm', HOSTNAME: 'vm', NODE_OPTIONS: '' })).toEqual([
      'DATABASE_URI is not a paperboy setting and is ignored: did you mean DATABASE_URL?',
      'SLACK_BOT_TOKN is not a paperboy setting and is ignored: did you mean SLACK_BOT_TOKEN?',
    ]);
    // The tests', benchmarks' and migration script's own variables are no mistake.
    expect(unknownSettings({ PAPERBOY_TEST_REQUIRE_SERVICES: '1', PAPERBOY_EAGER_SRC: 'x', PAPERBOY_MIGRATION_PG_URL: 'x' })).toEqual([]);
  });

  it('documents every key in .env.example', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const key of Object.keys(configSchema.shape)) expect(example, key).toContain(`${key}=`);
  });
});
