import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('runs with no configuration at all on the embedded defaults', () => {
    const cfg = loadConfig({});
    expect(cfg.DATABASE_URL).toBe('file:./data/paperboy.db');
    expect(cfg.SLACK_BOT_TOKEN).toBeUndefined();
    expect(cfg.PAPERBOY_INGEST_SOURCES).toEqual(['hf']);
    expect(cfg.PORT).toBe(3000);
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

  it('treats empty strings as unset for optional secrets', () => {
    expect(loadConfig({ OPENAI_API_KEY: '  ', OPENAI_BASE_URL: '' }).OPENAI_API_KEY).toBeUndefined();
  });

  it('rejects settings that cannot work together', () => {
    expect(() => loadConfig({ PAPERBOY_EMBEDDINGS: 'true' })).toThrow(/OPENAI_API_KEY/);
  });

  it('documents every key in .env.example', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const key of Object.keys(configSchema.shape)) expect(example, key).toContain(`${key}=`);
  });
});
