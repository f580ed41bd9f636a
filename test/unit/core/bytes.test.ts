import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/core/bytes.js';
import { BodyTooLargeError } from '../../../src/net/errors.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/net/http.js';

describe('formatBytes', () => {
  it('says a limit as people read it, not as a byte count', () => {
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MB');
    expect(formatBytes(10.5 * 1024 * 1024)).toBe('10.5 MB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3,072 GB');
  });

  it('is what the feed size limit says', () => {
    expect(new BodyTooLargeError('https://x.example/feed.xml', DEFAULT_MAX_BODY_BYTES).message).toBe('response from https://x.example/feed.xml is larger than 50 MB');
  });
});
