import { describe, expect, it } from 'vitest';
import { cacheStoreDmChannels, dmResolver } from '../../../src/chat/text/dm-channel-cache.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

describe('DM channel cache', () => {
  it('opens a DM once per user across processes sharing the cache, and retries a failed open', async () => {
    const cache = cacheStoreDmChannels(createMemoryStores().cache, 'slack');
    const opened: string[] = [];
    let fail = true;
    const open = async (u: string) => {
      opened.push(u);
      if (u === 'U2' && fail) {
        fail = false;
        throw new Error('ratelimited');
      }
      return `D-${u}`;
    };
    const first = dmResolver(open, cache);
    expect(await Promise.all([first('U1'), first('U1')])).toEqual(['D-U1', 'D-U1']);
    await expect(first('U2')).rejects.toThrow('ratelimited');
    expect(await first('U2')).toBe('D-U2');
    const restarted = dmResolver(open, cache);
    expect(await restarted('U1')).toBe('D-U1');
    expect(opened).toEqual(['U1', 'U2', 'U2']);
  });
});
