/** From a frozen plan and the stored papers to the neutral digest the renderers take. */
import type { Paper } from '../papers/paper.js';
import { paperCard } from '../papers/paper-card.js';
import type { DeliveryTarget, PlannedDigest } from '../ports.js';
import type { Digest, DigestItem, DigestSection } from './digest.js';
import { windowKeyOf } from './window-key.js';
import { whoseTopics } from '../i18n/catalog.js';

export interface BuildInput {
  target: Pick<DeliveryTarget, 'id' | 'platform' | 'kind'>;
  plan: PlannedDigest;
  /** Papers by id; planned papers no longer stored are left out. */
  papers: ReadonlyMap<string, Paper>;
  /** Display names by topic slug; the slug stands in when absent. */
  topicNames: ReadonlyMap<string, string>;
  /** Summaries made for this run (stored ones are on the paper already). */
  summaries?: ReadonlyMap<string, string>;
  /** See Digest.notes. */
  notes?: readonly string[];
  /** See Digest.summariesUntranslated. */
  untranslated?: boolean;
}

export function buildDigest(input: BuildInput): Digest {
  const sections = new Map<string, DigestSection>();
  let total = 0;
  // Sections appear in the order of their best item, items in plan (rank) order.
  for (const planned of input.plan.items) {
    const paper = input.papers.get(planned.arxivId);
    if (!paper) continue;
    const topicName = input.topicNames.get(planned.topicSlug) ?? planned.topicSlug;
    const item: DigestItem = { ...paperCard(paper, input.summaries?.get(paper.arxivId)), topicSlug: planned.topicSlug, topicName, why: planned.why, score: planned.score };
    let section = sections.get(planned.topicSlug);
    if (!section) {
      section = { topicSlug: planned.topicSlug, topicName, items: [] };
      sections.set(planned.topicSlug, section);
    }
    section.items.push(item);
    total++;
  }
  return {
    targetId: input.target.id,
    platform: input.target.platform,
    windowStart: input.plan.windowStart,
    windowEnd: input.plan.windowEnd,
    windowKey: windowKeyOf(input.plan.windowEnd),
    sections: [...sections.values()],
    totalItems: total,
    whose: whoseTopics(input.target.kind),
    ...(input.notes?.length ? { notes: input.notes } : {}),
    ...(input.plan.threads ? { threads: true } : {}),
    ...(input.plan.language ? { language: input.plan.language } : {}),
    ...(input.untranslated && total > 0 ? { summariesUntranslated: true } : {}),
    ...(input.plan.moreMatched && total > 0 ? { moreMatched: input.plan.moreMatched } : {}),
  };
}
