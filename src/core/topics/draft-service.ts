/**
 * A topic's definition beyond its name: phrases that count for it (expansions) and against it
 * (exclusions). Drafted once by an LLM when one is configured and the topic is created, or
 * written by a person; stored, shown by `topics show`, and read by the matcher for free-text
 * topics. Without an LLM nothing is drafted and matching works from the name alone.
 */
import type { CacheStore, Logger, TopicDefinition, TopicDrafter } from '../ports.js';
import type { TopicDraft } from './matcher.js';
import { DRAFT_NAMESPACE } from './draft-namespace.js';
import { checkPhrase, checkPhrases, MAX_PHRASES, phraseOnBothSides, samePhrase } from './names.js';
import { truncate } from '../truncate.js';
import { ownDescription } from './topic-service.js';

export interface StoredDraft extends TopicDraft {
  source: 'llm' | 'edited';
  /** The model that drafted it, for `topics show`. */
  model: string | null;
  updatedAt: string;
}

export type DraftEdit = { status: 'saved'; draft: StoredDraft } | { status: 'invalid'; message: string };

export interface DraftService {
  /** The model drafts come from; null when no LLM is configured. */
  readonly model: string | null;
  /** Stored drafts of these topics (topics without one are absent). */
  get(slugs: readonly string[]): Promise<Map<string, StoredDraft>>;
  /** Drafts the topic once with the LLM, if one is configured and no draft is stored; never throws. */
  ensure(topic: TopicDefinition): Promise<StoredDraft | null>;
  /** A person's definition replaces the stored one (empty lists clear it). */
  edit(slug: string, draft: TopicDraft): Promise<DraftEdit>;
}

/** An LLM's phrases: the bad ones are left out (and counted), the first MAX_PHRASES of the rest kept. */
function draftedPhrases(list: readonly unknown[], what: string): { value: string[]; dropped: number } {
  const good = list.filter((raw) => checkPhrase(raw, what).ok);
  const cleaned = checkPhrases(good.slice(0, MAX_PHRASES), what);
  return { value: cleaned.ok ? cleaned.value : [], dropped: list.length - good.length };
}

export function createDraftService(deps: { cache: CacheStore; drafter?: TopicDrafter; logger?: Logger; now?: () => Date }): DraftService {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const read = async (slugs: readonly string[]) => {
    const raw = await deps.cache.getMany(DRAFT_NAMESPACE, slugs);
    const out = new Map<string, StoredDraft>();
    for (const [slug, json] of raw) {
      try {
        out.set(slug, JSON.parse(json) as StoredDraft);
      } catch {
        deps.logger?.warn({ slug }, 'stored topic draft is not JSON; ignored');
      }
    }
    return out;
  };
  const save = async (slug: string, draft: StoredDraft) => {
    await deps.cache.putMany(DRAFT_NAMESPACE, [[slug, JSON.stringify(draft)]]);
    return draft;
  };

  return {
    model: deps.drafter?.model ?? null,
    get: read,
    async ensure(topic) {
      if (!deps.drafter || topic.builtin) return null;
      const existing = (await read([topic.slug])).get(topic.slug);
      if (existing) return existing;
      try {
        const description = ownDescription(topic);
        const drafted = await deps.drafter.draft(description === null ? topic.name : `${topic.name}: ${description}`);
        if (!drafted) return null;
        const expansions = draftedPhrases(drafted.expansions, 'Expansion');
        const exclusions = draftedPhrases(drafted.exclusions, 'Exclusion');
        // A phrase the model put on both sides is left out of both, as a person's is refused.
        const contradicted = exclusions.value.filter((x) => phraseOnBothSides(expansions.value, [x]));
        const oneSided = (p: string) => !contradicted.some((x) => samePhrase(x, p));
        expansions.value = expansions.value.filter(oneSided);
        exclusions.value = exclusions.value.filter(oneSided);
        const dropped = expansions.dropped + exclusions.dropped + contradicted.length;
        if (dropped) deps.logger?.warn({ slug: topic.slug, dropped }, 'topic draft: phrases too long, empty, with mentions or on both sides were left out');
        if (!expansions.value.length && !exclusions.value.length) return null;
        return await save(topic.slug, { expansions: expansions.value, exclusions: exclusions.value, source: 'llm', model: deps.drafter.model, updatedAt: now() });
      } catch (err) {
        deps.logger?.warn({ slug: topic.slug, error: String(err) }, 'topic draft failed; the topic matches from its words alone');
        return null;
      }
    },
    async edit(slug, draft) {
      const expansions = checkPhrases(draft.expansions, 'Expansion');
      if (!expansions.ok) return { status: 'invalid', message: expansions.error };
      const exclusions = checkPhrases(draft.exclusions, 'Exclusion');
      if (!exclusions.ok) return { status: 'invalid', message: exclusions.error };
      const both = phraseOnBothSides(expansions.value, exclusions.value);
      if (both) return { status: 'invalid', message: `"${truncate(both, 40)}" is given both for and against the topic: keep it on one side` };
      const saved = await save(slug, { expansions: expansions.value, exclusions: exclusions.value, source: 'edited', model: null, updatedAt: now() });
      return { status: 'saved', draft: saved };
    },
  };
}
