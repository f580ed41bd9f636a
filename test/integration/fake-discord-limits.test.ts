/**
 * The fake Discord holds the bot to Discord's own limits, not to what paperboy happens to do: an
 * interaction's initial response within 3 s of the interaction (its id is a snowflake that says
 * when) and only one of them; a channel's posts past its rate announced with the X-RateLimit-*
 * headers a client reads to wait, on the answers before the 429 as on the 429 itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_GLOBAL_PER_SEC, DISCORD_MESSAGE_BUCKET, startFakeDiscord, snowflakeTime, type FakeDiscord } from '../helpers/fake-discord.js';

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

/** An interaction id made `agoMs` ago, as Discord makes them. */
const interactionId = (agoMs: number) => String((BigInt(Date.now() - agoMs) - 1420070400000n) << 22n);

const callback = (id: string, token: string) =>
  fetch(`${discord!.apiUrl}/v10/interactions/${id}/${token}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 5, data: { flags: 64 } }) });

describe('the fake Discord\'s interaction deadline', () => {
  it('takes one initial response within 3 s, refuses a second (40060) and a late one (10062)', async () => {
    discord = await startFakeDiscord();
    const fresh = interactionId(100);
    expect(Math.abs(snowflakeTime(fresh) - (Date.now() - 100))).toBeLessThan(50);
    expect((await callback(fresh, 'tok-a')).status).toBe(204);
    const again = await callback(fresh, 'tok-a');
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: number }).code).toBe(40060);
    const late = await callback(interactionId(3500), 'tok-b');
    expect(late.status).toBe(404);
    expect(((await late.json()) as { code: number }).code).toBe(10062);
    expect(discord.interactionCallbacks.map((c) => c.token)).toEqual(['tok-a']);
    expect(discord.lateCallbacks).toHaveLength(1);
  });
});

describe('the fake Discord\'s per-channel rate', () => {
  it('announces the bucket on every post and on the 429, with a wait within the second', async () => {
    // The per-second model alone: the default 5-per-5-s bucket would announce its own headers.
    discord = await startFakeDiscord({ perChannelPerSec: 2, messageBucket: false });
    const post = () => fetch(`${discord!.apiUrl}/v10/channels/100000000000000001/messages`, { method: 'POST', headers: { authorization: 'Bot discord-test-token', 'content-type': 'application/json' }, body: JSON.stringify({ content: 'hi' }) });
    const first = await post();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await post()).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-ratelimit-bucket')).toBeTruthy();
    const resetAfter = Number(refused.headers.get('x-ratelimit-reset-after'));
    const body = (await refused.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    expect(resetAfter).toBeCloseTo(body.retry_after, 2);
  });
});

describe('the fake Discord\'s default limits', () => {
  const CH = '100000000000000001';
  const post = (channel = CH) => fetch(`${discord!.apiUrl}/v10/channels/${channel}/messages`, { method: 'POST', headers: { authorization: 'Bot discord-test-token', 'content-type': 'application/json' }, body: JSON.stringify({ content: 'hi' }) });

  it('holds a channel to 5 posts per 5 s, announced in X-RateLimit-* and refused with retry_after', async () => {
    discord = await startFakeDiscord({ channels: [CH, '100000000000000002'] });
    expect(DISCORD_MESSAGE_BUCKET).toEqual({ limit: 5, windowMs: 5_000 });
    for (let i = 0; i < 5; i++) {
      const res = await post();
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
      expect(res.headers.get('x-ratelimit-bucket')).toBeTruthy();
    }
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
    const body = (await refused.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(4);
    expect(body.retry_after).toBeLessThanOrEqual(5);
    // Another channel has its own bucket.
    expect((await post('100000000000000002')).status).toBe(200);
    expect(discord.posts).toHaveLength(6);
  });

  it('holds the bot to 50 requests a second across routes, the one past them refused as global', async () => {
    discord = await startFakeDiscord();
    expect(DISCORD_GLOBAL_PER_SEC).toBe(50);
    const get = () => fetch(`${discord!.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot discord-test-token' } });
    // Bursts of 60 until one lands within one of Discord's one-second windows (a loaded machine may spread one).
    let refused: Response | undefined;
    for (let i = 0; i < 10 && !refused; i++) refused = (await Promise.all(Array.from({ length: 60 }, get))).find((r) => r.status === 429);
    expect(refused).toBeDefined();
    expect(refused!.headers.get('x-ratelimit-global')).toBe('true');
    expect(refused!.headers.get('x-ratelimit-scope')).toBe('global');
    const body = (await refused!.json()) as { global: boolean; retry_after: number };
    expect(body.global).toBe(true);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    expect(discord.globalRateLimited).toBeGreaterThan(0);
  });

  it('can be turned off where a test says why', async () => {
    discord = await startFakeDiscord({ messageBucket: false, globalPerSec: false });
    for (let i = 0; i < 8; i++) expect((await post()).status).toBe(200);
  });
});
