import type { Digest } from '../../core/digest/digest.js';
import { oneLine, truncate } from './clean.js';
import { digestHeadline } from './plain.js';
import { dayOf } from '../../core/papers/ingest-dates.js';

/** Discord caps a thread name at 100 characters; Slack names none, but both roots carry one. */
export const THREAD_NAME_MAX = 100;

/** The name of a digest's thread or forum post: the day and the headline. */
export function threadName(digest: Digest): string {
  const day = dayOf(digest.windowEnd);
  return truncate(oneLine(`📚 ${day} · ${digestHeadline(digest)}`), THREAD_NAME_MAX);
}
