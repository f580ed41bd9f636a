/**
 * Button custom_ids (at most 100 characters). Feedback uses the digest renderer's format,
 * `fb:<up|down>:<topic>:<arxivId>`, so digest buttons and search buttons share one handler.
 */
import type { PressedButton } from '../../commands/actions.js';

export const MAX_CUSTOM_ID = 100;

export function encodeCustomId(pressed: PressedButton): string | null {
  const id =
    pressed.kind === 'feedback'
      ? `fb:${pressed.verdict}:${pressed.topicSlug}:${pressed.arxivId}`
      : `${pressed.kind === 'subscribe' ? 'sub' : 'unsub'}:${pressed.topicSlug}`;
  return id.length <= MAX_CUSTOM_ID ? id : null;
}

export function decodeCustomId(id: string): PressedButton | null {
  const fb = /^fb:(up|down):([^:]+):(.+)$/.exec(id);
  if (fb) return { kind: 'feedback', verdict: fb[1] as 'up' | 'down', topicSlug: fb[2]!, arxivId: fb[3]! };
  const sub = /^(sub|unsub):(.+)$/.exec(id);
  if (sub) return { kind: sub[1] === 'sub' ? 'subscribe' : 'unsubscribe', topicSlug: sub[2]! };
  return null;
}
