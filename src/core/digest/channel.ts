/** What the digest job needs per platform: a pure renderer and a notifier. */
import type { Paper } from '../papers/paper.js';
import type { DeliveryTarget, Notifier, RenderedPart } from '../ports.js';
import { formatAddress, parseAddress } from '../targets/target-id.js';
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
  /**
   * Summaries written in `language` (a BCP 47 tag, not English), made once per paper and
   * language and kept; `translated: false` when nothing can write them (no LLM configured):
   * the digest then shows the shared summaries and says so.
   */
  ensureIn?(papers: readonly Paper[], language: string): Promise<{ translated: boolean; summaries: Map<string, string> }>;
}

/**
 * The address a notifier posts to (target-id.ts `Address`): channel targets post to their id;
 * a DM target's address says it is a user, for the notifier to open a DM channel first.
 */
export function addressOf(target: Pick<DeliveryTarget, 'id' | 'platform' | 'kind'>): string {
  const parsed = target.platform === 'console' ? null : parseAddress(target.id);
  return parsed ? formatAddress({ ...parsed, dm: target.kind === 'user' }) : target.id;
}
