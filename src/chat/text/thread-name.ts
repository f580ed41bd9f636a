import type { Digest } from '../../core/digest/digest.js';
import { oneLine, truncate } from './clean.js';
import { digestHeadline } from './plain.js';

/** Discord caps a thread name at 100 characters; Slack names none, but both roots carry one. */
export const THREAD_NAME_MAX = 100;

/** The name of a digest's thread or forum post: the day and the headline. */
export function threadName(digest: Digest): string {
  const day = digest.windowEnd.toISOString().slice(0, 10);
  return truncate(oneLine(`📚 ${day} · ${digestHeadline(digest)}`), THREAD_NAME_MAX);
}
