/** What the digest job needs per platform: a pure renderer and a notifier. */
import type { Paper } from '../papers/paper.js';
import type { DeliveryTarget, Notifier, RenderedPart } from '../ports.js';
import type { Digest } from './digest.js';

export interface DigestChannel {
  readonly notifier: Notifier;
  /** Pure: the same digest always gives the same parts (resume relies on it). */
  render(digest: Digest): RenderedPart[];
  /** Least time between two posts to the same conversation (Slack: ~1 message/s/channel). */
  readonly minIntervalMs: number;
}

export type DigestChannels = Partial<Record<DeliveryTarget['platform'], DigestChannel>>;

/** Makes the one shared summary of each paper that lacks one (computed once, stored). */
export interface PaperSummaries {
  ensure(papers: readonly Paper[]): Promise<Map<string, string>>;
  /** A summary to show without storing anything or calling out (dry runs). */
  preview?(paper: Paper): string;
}

/**
 * The address a notifier posts to. Channel targets post to their id; Discord DMs need the
 * notifier to open a DM channel first, and a Discord user id looks like a channel id, so DM
 * targets are addressed as `discord:user:<id>` (Slack user ids are recognisable: `slack:U…`).
 */
export function addressOf(target: Pick<DeliveryTarget, 'id' | 'platform' | 'kind'>): string {
  if (target.platform === 'discord' && target.kind === 'user') {
    const bare = target.id.replace(/^discord:(user:)?/, '');
    return `discord:user:${bare}`;
  }
  return target.id;
}
