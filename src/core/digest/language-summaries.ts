/**
 * Summaries for digests in another language than English: one call per language over the
 * union of the papers its digests carry (like the shared English ones), the translated text
 * laid over the shared summary, and whether the digest must say its summaries are untranslated.
 */
import type { Paper } from '../papers/paper.js';
import { baseLanguage } from '../i18n/language-tag.js';
import type { PaperSummaries } from './channel.js';
import type { PlannedDigest } from '../ports.js';

export interface JobSummaries {
  summaries: ReadonlyMap<string, string>;
  /** The plan asks for a language the summaries are not in. */
  untranslated: boolean;
}

/** A plan's language when it is not English (null: English, the shared summaries as they are). */
export function foreignLanguage(plan: Pick<PlannedDigest, 'language'>): string | null {
  return plan.language && baseLanguage(plan.language) !== 'en' ? plan.language : null;
}

export async function summariesByLanguage(
  plans: readonly PlannedDigest[],
  papers: ReadonlyMap<string, Paper>,
  shared: ReadonlyMap<string, string>,
  service: PaperSummaries,
  dryRun: boolean,
): Promise<(plan: PlannedDigest) => JobSummaries> {
  const byLanguage = new Map<string, Set<string>>();
  for (const plan of plans) {
    const lang = foreignLanguage(plan);
    if (!lang) continue;
    const ids = byLanguage.get(lang) ?? new Set<string>();
    for (const i of plan.items) ids.add(i.arxivId);
    byLanguage.set(lang, ids);
  }
  const made = new Map<string, { translated: boolean; summaries: Map<string, string> }>();
  for (const [lang, ids] of byLanguage) {
    const list = [...ids].map((id) => papers.get(id)).filter((p): p is Paper => p !== undefined);
    // A dry run calls nothing out: it shows the shared summaries and says so.
    made.set(lang, !dryRun && service.ensureIn && list.length ? await service.ensureIn(list, lang) : { translated: false, summaries: new Map() });
  }
  return (plan) => {
    const lang = foreignLanguage(plan);
    const own = lang ? made.get(lang) : undefined;
    if (!lang || !own) return { summaries: shared, untranslated: false };
    const merged = new Map(shared);
    for (const [id, text] of own.summaries) merged.set(id, text);
    const missing = plan.items.some((i) => !own.summaries.has(i.arxivId));
    return { summaries: merged, untranslated: !own.translated || missing };
  };
}
