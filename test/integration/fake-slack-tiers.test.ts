/** The fake Slack refuses what Slack refuses: a Tier 3 method past 50 calls a minute gets 429 + Retry-After. */
import { afterEach, describe, expect, it } from 'vitest';
import { SLACK_METHOD_TIERS, SLACK_POSTS_PER_CHANNEL_PER_SEC, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

let slack: FakeSlack;
afterEach(() => slack.close());

const ok = async (res: Promise<Response>) => ((await (await res).json()) as { ok: boolean }).ok;
const call = (method: string, params: Record<string, string>) =>
  fetch(`${slack.apiUrl}${method}`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });

describe('fake Slack per-method tiers', () => {
  it('answers conversations.open (Tier 3) 50 times in a minute, then 429 with a Retry-After of the window left', async () => {
    slack = await startFakeSlack({ users: ['U0001'] });
    expect(SLACK_METHOD_TIERS['conversations.open']).toBe(50);
    for (let i = 0; i < 50; i++) expect(await ok(call('conversations.open', { users: 'U0001' }))).toBe(true);
    const refused = await call('conversations.open', { users: 'U0001' });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(slack.rateLimited).toBe(1);
    // Per method: another method's quota is its own.
    expect(await ok(call('users.info', { user: 'U0001' }))).toBe(true);
  });

  it('can be turned off where a test says why', async () => {
    slack = await startFakeSlack({ users: ['U0001'], rateTiers: false });
    for (let i = 0; i < 60; i++) expect((await call('conversations.open', { users: 'U0001' })).status).toBe(200);
  });
});

describe('fake Slack chat.postMessage per channel (on by default)', () => {
  const post = (channel: string) => call('chat.postMessage', { channel, text: 'hi' });

  it('takes a short burst, then answers 429 + Retry-After + ratelimited; other channels keep theirs', async () => {
    slack = await startFakeSlack({ channels: ['C0001', 'C0002'] });
    expect(SLACK_POSTS_PER_CHANNEL_PER_SEC).toBe(1);
    for (let i = 0; i < 3; i++) expect(await ok(post('C0001'))).toBe(true);
    const refused = await post('C0001');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(slack.rateLimited).toBe(1);
    expect(await ok(post('C0002'))).toBe(true);
    expect(slack.posts.filter((p) => p.channel === 'C0001')).toHaveLength(3);
  });

  it('holds a sustained sender to one post a second once the burst is spent', async () => {
    slack = await startFakeSlack({ channels: ['C0001'] });
    for (let i = 0; i < 3; i++) expect(await ok(post('C0001'))).toBe(true);
    await new Promise((r) => setTimeout(r, 1_050));
    expect(await ok(post('C0001'))).toBe(true);
    expect((await post('C0001')).status).toBe(429);
  });

  it('can be turned off where a test says why', async () => {
    slack = await startFakeSlack({ channels: ['C0001'], perChannelPerSec: false });
    for (let i = 0; i < 10; i++) expect(await ok(post('C0001'))).toBe(true);
  });
});
