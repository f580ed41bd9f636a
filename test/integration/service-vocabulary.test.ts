/**
 * A service with a chat platform builds the shipped vocabulary before chat listens: built on
 * the first topic someone typed, it held the thread that answers every command for a second or
 * two (another user's command, a Discord autocomplete that Discord drops after 3 s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { vocabularyBuilt } from '../../src/core/topics/vocabulary/index.js';
import { silentLogger } from '../../src/log.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-service-vocabulary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('builds the shipped vocabulary at start when Slack is configured, before any command', async () => {
  expect(vocabularyBuilt()).toBe(false);
  const service = await startService(
    loadConfig({
      DATABASE_URL: `file:${join(dir, 'paperboy.db')}`,
      PAPERBOY_DATA_DIR: dir,
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'secret',
      // Nothing is fetched or posted: the start-up ingest and Slack's checks fail fast, unawaited.
      PAPERBOY_HF_API_URL: 'http://127.0.0.1:9/api',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    }),
    silentLogger(),
  );
  try {
    expect(vocabularyBuilt()).toBe(true);
  } finally {
    await service.stop('test');
  }
}, 60_000);
