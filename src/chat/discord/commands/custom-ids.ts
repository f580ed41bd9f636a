/**
 * Button custom_ids, the one encoder for digests and replies (at most DISCORD_LIMITS.customId
 * characters): `fb:<up|down>:<topic>:<arxivId>`, `sub:<topic>`, `unsub:<topic>`, and reading-list
 * `save:<u|c>:<arxivId>`, `unsave:<u|c>:<arxivId>` (u: the presser's list, c: the channel's). Digest buttons
 * and reply buttons therefore share one handler.
 */
import type { PressedButton } from '../../commands/actions.js';
import { DISCORD_LIMITS } from '../render-limits.js';

function idOf(pressed: PressedButton): string {
  switch (pressed.kind) {
    case 'feedback':
      return `fb:${pressed.verdict}:${pressed.topicSlug}:${pressed.arxivId}`;
    case 'subscribe':
    case 'unsubscribe':
      return `${pressed.kind === 'subscribe' ? 'sub' : 'unsub'}:${pressed.topicSlug}`;
    case 'save':
    case 'unsave':
      return `${pressed.kind}:${pressed.list === 'user' ? 'u' : 'c'}:${pressed.arxivId}`;
  }
}

export function encodeCustomId(pressed: PressedButton): string | null {
  const id = idOf(pressed);
  return id.length <= DISCORD_LIMITS.customId ? id : null;
}

export function decodeCustomId(id: string): PressedButton | null {
  const fb = /^fb:(up|down):([^:]+):(.+)$/.exec(id);
  if (fb) return { kind: 'feedback', verdict: fb[1] as 'up' | 'down', topicSlug: fb[2]!, arxivId: fb[3]! };
  const save = /^(save|unsave):([uc]):(.+)$/.exec(id);
  if (save) return { kind: save[1] as 'save' | 'unsave', list: save[2] === 'u' ? 'user' : 'channel', arxivId: save[3]! };
  const sub = /^(sub|unsub):(.+)$/.exec(id);
  if (sub) return { kind: sub[1] === 'sub' ? 'subscribe' : 'unsubscribe', topicSlug: sub[2]! };
  return null;
}
