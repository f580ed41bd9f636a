/** Which response_url refusals are tried again: Bolt's RespondError and ours both carry `statusCode`. */
import { describe, expect, it } from 'vitest';
import { RespondError } from '@slack/bolt';
import { ResponseUrlError, respondWithRetry, responder } from '../../../src/chat/slack/respond.js';
import { silentLogger } from '../../../src/log.js';

/** A respond that refuses with `errors` in turn, then takes the message; counts the calls. */
function refusing(errors: Error[]) {
  const calls: unknown[] = [];
  return {
    calls,
    respond: async (message: unknown) => {
      calls.push(message);
      const err = errors.shift();
      if (err) throw err;
    },
  };
}

describe('respondWithRetry', () => {
  it('does not try an expired or used-up response_url (4xx) again', async () => {
    for (const err of [new ResponseUrlError(404, null), new RespondError('Failed to respond to the response_url: 410 Gone', 410)]) {
      const r = refusing([err, err, err]);
      expect(await respondWithRetry(r.respond, { text: 'x' }, silentLogger(), 'test', [0, 0])).toBe(false);
      expect(r.calls).toHaveLength(1);
    }
  });

  it('tries a 5xx, a 429 and a dropped connection again', async () => {
    const r = refusing([new ResponseUrlError(503, null), new ResponseUrlError(429, 1), new TypeError('fetch failed')]);
    expect(await respondWithRetry(r.respond, { text: 'x' }, silentLogger(), 'test', [0, 0, 0])).toBe(true);
    expect(r.calls).toHaveLength(4);
  });

  it('gives up on a response_url that never answers, and tries it again as a dropped connection', async () => {
    let calls = 0;
    // A server that takes the request and never answers: only the abort ends the wait.
    const silent = ((_url: string, init: RequestInit) => {
      calls++;
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }) as unknown as typeof fetch;
    expect(await respondWithRetry(responder('http://127.0.0.1:9/hook', silent, 20), { text: 'x' }, silentLogger(), 'test', [0, 0])).toBe(false);
    expect(calls).toBe(3);
  });

  it("reads a 429's Retry-After as every HTTP client here does: seconds or an HTTP date", async () => {
    const refusal = async (retryAfter: string) => {
      const answer = (async () => new Response('slow down', { status: 429, headers: { 'retry-after': retryAfter } })) as unknown as typeof fetch;
      return responder('http://127.0.0.1:9/hook', answer)({ text: 'x' }).catch((e: unknown) => e);
    };
    expect(((await refusal('7')) as ResponseUrlError).retryAfterMs).toBe(7000);
    // An HTTP date two minutes on: the wait is the time until then (to the second the header says).
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 120_000).toUTCString();
    const ms = ((await refusal(at)) as ResponseUrlError).retryAfterMs;
    expect(ms).toBeGreaterThan(110_000);
    expect(ms).toBeLessThanOrEqual(120_000);
    expect(((await refusal('soon')) as ResponseUrlError).retryAfterMs).toBeNull();
  });

  it('waits out a Retry-After longer than 30 s in full while the response_url still lives, and tries again once', async () => {
    const waits: number[] = [];
    let clock = 1_000_000;
    const timing = { now: () => clock, expiresAt: clock + 30 * 60_000, sleep: async (ms: number) => void (waits.push(ms), (clock += ms)) };
    const r = refusing([new ResponseUrlError(429, 120_000)]);
    expect(await respondWithRetry(r.respond, { text: 'x' }, silentLogger(), 'test', [0, 0], timing)).toBe(true);
    // Capped at 30 s, the retry came inside the wait Slack asked for, and was refused again.
    expect(waits).toEqual([120_000]);
    expect(r.calls).toHaveLength(2);
  });

  it('does not begin a wait that ends past the response_url\'s life: the answer goes another way at once', async () => {
    const waits: number[] = [];
    const clock = 1_000_000;
    const timing = { now: () => clock, expiresAt: clock + 60_000, sleep: async (ms: number) => void waits.push(ms) };
    const r = refusing([new ResponseUrlError(429, 3_600_000), new ResponseUrlError(429, 3_600_000), new ResponseUrlError(429, 3_600_000)]);
    expect(await respondWithRetry(r.respond, { text: 'x' }, silentLogger(), 'test', [0, 0], timing)).toBe(false);
    expect(waits).toEqual([]);
    expect(r.calls).toHaveLength(1);
  });
});
