/**
 * Credentials never reach an error message or a log line: a configuration error quotes the value
 * it refuses, and the database and Redis addresses are named in start-up failures and outage
 * warnings. Passwords are written every way a URL allows (no user name, an unencoded / or @,
 * a query parameter), since generated passwords often hold those characters.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { redactUrl } from '../../../src/core/redact-url.js';
import { watchRedis } from '../../../src/delivery/redis-outage.js';
import { pinoLines } from '../../helpers/text-sink.js';

const SECRET = 'Pw9zSecret';

function problems(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('secrets in configuration errors', () => {
  it('never repeats a password of a refused DATABASE_URL or REDIS_URL, whatever its form', () => {
    for (const [key, value] of [
      ['REDIS_URL', `http://:${SECRET}@cache.internal:6379`],
      ['REDIS_URL', `http://user:${SECRET}@cache.internal:6379`],
      ['DATABASE_URL', `mysql://:${SECRET}@db.internal/paperboy`],
      ['DATABASE_URL', `mysql://root:ab/${SECRET}@db.internal/paperboy`],
    ] as const) {
      const message = problems({ [key]: value });
      expect(message, value).toContain(key);
      expect(message, value).not.toContain(SECRET);
    }
  });

  it('never repeats a Slack token it refuses, not even its start', () => {
    const message = problems({ SLACK_BOT_TOKEN: `xapp-1-A0-${SECRET}`, SLACK_APP_TOKEN: `xoxb-12-${SECRET}` });
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('xapp-1');
  });
});

describe('redactUrl', () => {
  it('hides the password of every URL form a database or Redis is given in', () => {
    for (const [url, host] of <Array<[string, string]>>[
      [`postgresql://bot:${SECRET}@db.internal:5432/paperboy`, 'db.internal'],
      [`redis://:${SECRET}@cache.internal:6379/0`, 'cache.internal'],
      [`postgresql://bot:ab/${SECRET}@db.internal/paperboy`, 'db.internal'],
      [`postgresql://bot:a@b${SECRET}@db.internal/paperboy`, 'db.internal'],
      // Two slashes in a generated password read as the start of the address: none of it was hidden.
      [`redis://:ab//${SECRET}@cache.internal:6379`, 'cache.internal'],
      [`postgresql://bot:x//${SECRET}@db.internal/paperboy`, 'db.internal'],
      [`postgresql://bot@db.internal/paperboy?sslmode=require&password=${SECRET}`, 'db.internal'],
      [`bot:${SECRET}@db.internal:5432/paperboy`, 'db.internal'],
    ]) {
      expect(redactUrl(url), url).not.toContain(SECRET);
      expect(redactUrl(url), url).toContain(host);
    }
    expect(redactUrl('postgresql://bot:p%40ss@db.internal:5432/paperboy?sslmode=require')).toBe('postgresql://bot:***@db.internal:5432/paperboy?sslmode=require');
    expect(redactUrl('postgresql://bot@db.internal/paperboy?sslmode=require&password=x')).toBe('postgresql://bot@db.internal/paperboy?sslmode=require&password=***');
    expect(redactUrl('redis://cache.internal:6379')).toBe('redis://cache.internal:6379');
  });

  it('is what the Redis outage warning names the server with', () => {
    const { logger, lines } = pinoLines();
    watchRedis(logger, `redis://:ab/${SECRET}@cache.internal:6379`).failed(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6379'), { code: 'ECONNREFUSED' }));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).toContain('cache.internal');
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });
});
