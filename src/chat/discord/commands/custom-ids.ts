/**
 * Button custom_ids, the one encoder for digests and replies (at most DISCORD_LIMITS.customId
 * characters): `fb:<up|down|clear>:<topic>:<arxivId>`, `sub:<topic>` (`sub:<topic>:<instead>` when it replaces
 * a subscription), `unsub:<topic>`, and reading-list
 * `save:<u|c>:<arxivId>`, `unsave:<u|c>:<arxivId>` (u: the presser's list, c: the channel's;
 * `unsave:<u|c>:<page>:<arxivId>` from a list's page, which it redraws), a list's page
 * `pg:<s|t|c|r|rc>:<page>:<words>` (subscriptions, topics, channel list, your reading list, the
 * channel's; words may be empty); a feedback id
 * too long with its topic's slug names the topic by `#<hash>` (topicRef), and so does a subscribe id
 * the subscription it replaces. Digest buttons
 * and reply buttons therefore share one handler.
 */
import { createHash } from 'node:crypto';
import type { PressedButton } from '../../commands/actions.js';
import { DISCORD_LIMITS } from '../render-limits.js';

/**
 * A topic named by a hash of its slug, for 👍/👎 ids too long with the slug itself (an 80-character
 * slug and a 45-character feed paper id do not fit in 100). The handler looks the slug up among
 * the topics (resolveTopicRef); 60 bits make a clash between two topics' hashes implausible.
 */
const TOPIC_REF = '#';

export function topicRef(slug: string): string {
  return TOPIC_REF + createHash('sha256').update(slug).digest('base64url').slice(0, 10);
}

/** The slug a `#ref` stands for among the topics' slugs (read only then); any other text is a slug already. Null when no topic has the ref. */
export async function resolveTopicRef(topicSlug: string, slugs: () => Promise<readonly string[]>): Promise<string | null> {
  if (!topicSlug.startsWith(TOPIC_REF)) return topicSlug;
  return (await slugs()).find((s) => topicRef(s) === topicSlug) ?? null;
}

const PAGED = { subscriptions: 's', topics: 't', 'channel-list': 'c', saved: 'r', 'channel-saved': 'rc' } as const;
const PAGED_LIST = { s: 'subscriptions', t: 'topics', c: 'channel-list', r: 'saved', rc: 'channel-saved' } as const;

function idOf(pressed: PressedButton): string {
  switch (pressed.kind) {
    case 'feedback':
      return `fb:${pressed.verdict}:${pressed.topicSlug}:${pressed.arxivId}`;
    case 'subscribe':
      // A slug holds no ':' (slugify keeps letters, digits and '-'), so the two split back apart.
      return pressed.instead ? `sub:${pressed.topicSlug}:${pressed.instead}` : `sub:${pressed.topicSlug}`;
    case 'unsubscribe':
      return `unsub:${pressed.topicSlug}`;
    case 'save':
    case 'unsave':
      // An id holds no ':' but a feed paper's (`feed:<hash>`), which never starts with digits: the page splits off.
      return `${pressed.kind}:${pressed.list === 'user' ? 'u' : 'c'}:${pressed.kind === 'unsave' && pressed.page !== undefined ? `${pressed.page}:` : ''}${pressed.arxivId}`;
    case 'page':
      return `pg:${PAGED[pressed.list]}:${pressed.page}:${pressed.filter ?? ''}`;
  }
}

export function encodeCustomId(pressed: PressedButton): string | null {
  const id = idOf(pressed);
  if (id.length <= DISCORD_LIMITS.customId) return id;
  const short = pressed.kind === 'feedback' ? idOf({ ...pressed, topicSlug: topicRef(pressed.topicSlug) }) : pressed.kind === 'subscribe' && pressed.instead ? idOf({ ...pressed, instead: topicRef(pressed.instead) }) : null;
  return short !== null && short.length <= DISCORD_LIMITS.customId ? short : null;
}

export function decodeCustomId(id: string): PressedButton | null {
  const page = /^pg:(s|t|c|r|rc):(\d{1,4}):(.*)$/.exec(id);
  if (page) return { kind: 'page', list: PAGED_LIST[page[1] as keyof typeof PAGED_LIST], page: Number(page[2]), ...(page[3] ? { filter: page[3] } : {}) };
  const removeOnPage = /^unsave:([uc]):(\d{1,4}):(.+)$/.exec(id);
  if (removeOnPage) return { kind: 'unsave', list: removeOnPage[1] === 'u' ? 'user' : 'channel', page: Number(removeOnPage[2]), arxivId: removeOnPage[3]! };
  const fb = /^fb:(up|down|clear):([^:]+):(.+)$/.exec(id);
  if (fb) return { kind: 'feedback', verdict: fb[1] as 'up' | 'down' | 'clear', topicSlug: fb[2]!, arxivId: fb[3]! };
  const save = /^(save|unsave):([uc]):(.+)$/.exec(id);
  if (save) return { kind: save[1] as 'save' | 'unsave', list: save[2] === 'u' ? 'user' : 'channel', arxivId: save[3]! };
  const swap = /^sub:([^:]+):(.+)$/.exec(id);
  if (swap) return { kind: 'subscribe', topicSlug: swap[1]!, instead: swap[2]! };
  const sub = /^(sub|unsub):(.+)$/.exec(id);
  if (sub) return { kind: sub[1] === 'sub' ? 'subscribe' : 'unsubscribe', topicSlug: sub[2]! };
  return null;
}
