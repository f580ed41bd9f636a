import { describe, expect, it } from 'vitest';
import { unreachableReason } from '../../../src/net/unreachable.js';
import { closedPort } from '../../helpers/http-server.js';

async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

describe('unreachableReason', () => {
  it('names a refused connection however deep fetch wraps it', async () => {
    const port = await closedPort();
    const err = await thrown(() => fetch(`http://127.0.0.1:${port}/api/chat.postMessage`, { method: 'POST' }));
    expect(unreachableReason(err)).toBe(`connection refused by 127.0.0.1:${port}`);
    // Wrapped again, as the Slack web client does (WebAPIRequestError.original).
    expect(unreachableReason(Object.assign(new Error('A request error occurred: fetch failed'), { original: err }))).toBe(`connection refused by 127.0.0.1:${port}`);
  });

  it('names a host that does not resolve', async () => {
    const err = await thrown(() => fetch('http://no-such-host.invalid/api/'));
    expect(unreachableReason(err)).toMatch(/^host no-such-host\.invalid (not found|could not be looked up)/);
  });

  it('is null for failures after a connection was made (a timeout, a dropped answer), which may follow a post that landed', () => {
    expect(unreachableReason(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeNull();
    expect(unreachableReason(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBeNull();
    expect(unreachableReason(new Error('HTTP 500'))).toBeNull();
    expect(unreachableReason(undefined)).toBeNull();
  });
});
