/**
 * Button custom_ids, the one encoder for digests and replies (at most DISCORD_LIMITS.customId
 * characters): `fb:<up|down>:<topic>:<arxivId>`, `sub:<topic>`, `unsub:<topic>`. Digest buttons
 * and reply buttons therefore share one handler.
 */
import type { PressedButton } from '../../commands/actions.js';
import { DISCORD_LIMITS } from '../render-limits.js';

export function encodeCustomId(pressed: PressedButton): string | null {
  const id =
    pressed.kind === 'feedback'
      ? `fb:${pressed.verdict}:${pressed.topicSlug}:${pressed.arxivId}`
      : `${pressed.kind === 'subscribe' ? 'sub' : 'unsub'}:${pressed.topicSlug}`;
  return id.length <= DISCORD_LIMITS.customId ? id : null;
}

export function decodeCustomId(id: string): PressedButton | null {
  const fb = /^fb:(up|down):([^:]+):(.+)$/.exec(id);
  if (fb) return { kind: 'feedback', verdict: fb[1] as 'up' | 'down', topicSlug: fb[2]!, arxivId: fb[3]! };
  const sub = /^(sub|unsub):(.+)$/.exec(id);
  if (sub) return { kind: sub[1] === 'sub' ? 'subscribe' : 'unsubscribe', topicSlug: sub[2]! };
  return null;
}
