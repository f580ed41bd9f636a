/**
 * The neutral digest: what a target receives, before any platform shapes it. Renderers turn
 * it into Block Kit, Discord embeds or plain text; nothing here knows a platform.
 */
import type { PaperCard } from '../papers/paper-card.js';
import type { DeliveryTarget } from '../ports.js';
import type { Whose } from '../i18n/catalog.js';

/** A paper card (`summary` is the shared one-line summary) with why it is in this digest. */
export interface DigestItem extends PaperCard {
  topicSlug: string;
  topicName: string;
  /** Why it matched, in words (matched phrases, category). */
  why: string;
  score: number;
}

export interface DigestSection {
  topicSlug: string;
  topicName: string;
  items: DigestItem[];
}

export interface Digest {
  targetId: string;
  platform: DeliveryTarget['platform'];
  windowStart: Date | null;
  windowEnd: Date;
  /** Ledger key of this digest: the window end as an ISO instant. */
  windowKey: string;
  /** Grouped by topic, best section first; a paper appears in exactly one section. */
  sections: DigestSection[];
  totalItems: number;
  /**
   * For an empty digest, what explains it besides "nothing new" (a failed ingest, papers that
   * arrived after the window), one sentence each. Made when the digest is planned.
   */
  notes?: readonly string[];
  /** Render as a header plus one reply per paper in its thread (frozen in the plan). */
  threads?: boolean;
  /** Canonical BCP 47 tag of the digest's own words (frozen in the plan); absent: English. */
  language?: string;
  /** Summaries are in the papers' own language, not `language` (no LLM to write them): said once per digest. */
  summariesUntranslated?: boolean;
  /** Papers that matched but did not fit the target's max papers (frozen in the plan): said once per digest. */
  moreMatched?: number;
  /** Whose topics the digest's words speak of: a channel's, a person's own, the console's. */
  whose: Whose;
}

export function digestItems(digest: Digest): DigestItem[] {
  return digest.sections.flatMap((s) => s.items);
}

