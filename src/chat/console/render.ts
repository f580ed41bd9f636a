/** Console parts: the plain-text digest, one part. */
import { dedupeKeyOf } from '../../core/digest/dedupe-key.js';
import type { Digest } from '../../core/digest/digest.js';
import type { RenderedPart } from '../../core/ports.js';
import { renderDigestText } from '../text/plain.js';

export function renderConsoleParts(digest: Digest): RenderedPart[] {
  const text = renderDigestText(digest);
  return [{ part: 1, totalParts: 1, text, payload: text, dedupeKey: dedupeKeyOf(digest.targetId, digest.windowKey, 1) }];
}
