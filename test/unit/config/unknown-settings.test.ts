/**
 * A setting paperboy does not read (the service and the CLI log these at start:
 * test/integration/service-start-config.test.ts) is a silent no-op: `SLACK_TOKEN=xoxb-…` in .env left Slack
 * off with no word about why, and `PAPERBOY_DIGEST_TIME=08:00` left digests at 09:00.
 */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { reportUnknownSettings, unknownSettings } from '../../../src/config.js';

describe('settings paperboy does not read', () => {
  it('names a misspelt or misnamed key with the setting it looks like', () => {
    expect(unknownSettings({ SLACK_TOKEN: 'xoxb-1' })).toEqual(['SLACK_TOKEN is not a paperboy setting and is ignored: did you mean SLACK_APP_TOKEN or SLACK_BOT_TOKEN?']);
    expect(unknownSettings({ DISCORD_BOT_TOKEN: 't' })).toEqual(['DISCORD_BOT_TOKEN is not a paperboy setting and is ignored: did you mean DISCORD_TOKEN?']);
    expect(unknownSettings({ DISCORD_CLIENT_ID: '1' })).toEqual(['DISCORD_CLIENT_ID is not a paperboy setting and is ignored: did you mean DISCORD_APPLICATION_ID?']);
    expect(unknownSettings({ DISCORD_APP_ID: '1' })).toEqual(['DISCORD_APP_ID is not a paperboy setting and is ignored: did you mean DISCORD_APPLICATION_ID?']);
    expect(unknownSettings({ DISCORD_SERVER_ID: '1' })).toEqual(['DISCORD_SERVER_ID is not a paperboy setting and is ignored: did you mean DISCORD_GUILD_ID?']);
    // One letter from SLACK_APP_TOKEN, but older Slack guides' name for the bot token.
    expect(unknownSettings({ SLACK_API_TOKEN: 'xoxb-1' })).toEqual(['SLACK_API_TOKEN is not a paperboy setting and is ignored: did you mean SLACK_BOT_TOKEN?']);
    expect(unknownSettings({ PAPERBOY_DIGEST_TIME: '08:00' })).toEqual(['PAPERBOY_DIGEST_TIME is not a paperboy setting and is ignored: did you mean PAPERBOY_DIGEST_DEFAULT_TIME?']);
    expect(unknownSettings({ PAPERBOY_DIGEST_CORN: '0 * * * *' })).toEqual(['PAPERBOY_DIGEST_CORN is not a paperboy setting and is ignored: did you mean PAPERBOY_DIGEST_CRON?']);
    expect(unknownSettings({ OPENAI_KEY: 'sk-1' })).toEqual(['OPENAI_KEY is not a paperboy setting and is ignored: did you mean OPENAI_API_KEY?']);
  });

  it("names any other PAPERBOY_ key (paperboy's own prefix), and leaves other programs' keys alone", () => {
    expect(unknownSettings({ PAPERBOY_COLOUR: 'blue' })).toEqual(['PAPERBOY_COLOUR is not a paperboy setting and is ignored (see .env.example)']);
    // Known keys, the test and benchmark switches, and keys of other programs that share a prefix.
    const quiet = { SLACK_BOT_TOKEN: 'x', PAPERBOY_TEST_DATABASE: 'postgresql', PAPERBOY_EAGER_SRC: 'x', PAPERBOY_MIGRATION_PG_URL: 'x', SLACK_WEBHOOK_URL: 'x', OPENAI_ORG_ID: 'x', PATH: '/bin', HOME: '/root' };
    expect(unknownSettings(quiet)).toEqual([]);
  });

  it("leaves alone other tools' keys a word away from a setting that names another thing", () => {
    // CI notifiers' SLACK_CHANNEL is no channel manager, and a webhook's or a user's token no bot token.
    const others = { SLACK_CHANNEL: '#ci', DISCORD_WEBHOOK_TOKEN: 'x', DISCORD_USER_TOKEN: 'x', OPENAI_API_KEY_PATH: '/run/key', DISCORD_GLOBAL_RPS: '45' };
    expect(unknownSettings(others)).toEqual([]);
    // A word that only says which kind of the same thing is still a slip: the id, the bot's token.
    expect(unknownSettings({ DISCORD_GUILD: '1' })).toEqual(['DISCORD_GUILD is not a paperboy setting and is ignored: did you mean DISCORD_GUILD_ID?']);
  });

  // The service, the CLI and discord:register said these three ways; now one function, to a logger or a stream.
  it('are said one way: a warning on a logger, a `paperboy:` line on a stream', () => {
    const env = { DISCORD_CLIENT_ID: '42', HOME: '/root' };
    const warned: string[] = [];
    reportUnknownSettings({ warn: (line: string) => void warned.push(line) }, env);
    expect(warned).toEqual(['DISCORD_CLIENT_ID is not a paperboy setting and is ignored: did you mean DISCORD_APPLICATION_ID?']);
    const stream = new PassThrough();
    reportUnknownSettings(stream, env);
    expect(String(stream.read())).toBe(`paperboy: ${warned[0]}\n`);
  });
});
