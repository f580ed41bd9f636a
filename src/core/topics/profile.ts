/**
 * A topic profile: the weighted evidence phrases the matcher looks for, compiled from a
 * TopicDefinition — the curated catalog entry for built-in topics, or an expansion of the
 * name and description (plus any catalog concepts they mention) for ad-hoc topics.
 */
import type { TopicDefinition } from '../ports.js';
import { CATALOG, type TopicSpec } from './catalog.js';
import { GENERIC_WORDS, contentStems, ngramSet } from './text.js';

export type SignalTier = 'strong' | 'related' | 'weak' | 'negative';

export interface Signal {
  /** As a person wrote it; shown in explanations. */
  phrase: string;
  stems: string[];
  weight: number;
  tier: SignalTier;
}

export interface TopicProfile {
  slug: string;
  signals: Signal[];
  /** Groups of phrases (space-joined stems); each group needs one present or the score is damped. */
  contexts: string[][];
}

export const TIER_WEIGHTS: Record<SignalTier, number> = {
  strong: 3.5,
  related: 1.2,
  weak: 0.4,
  negative: -3,
};

const bySlug = new Map(CATALOG.map((s) => [s.slug, s]));

export function catalogSpec(slug: string): TopicSpec | undefined {
  return bySlug.get(slug);
}

function signal(phrase: string, tier: SignalTier, weight = TIER_WEIGHTS[tier]): Signal | null {
  const stems = contentStems(phrase).slice(0, 4);
  return stems.length === 0 ? null : { phrase, stems, weight, tier };
}

function fromSpec(spec: TopicSpec, scale = 1): Signal[] {
  const out: Signal[] = [];
  const tiers: Array<[readonly string[], SignalTier]> = [
    [[spec.name, ...spec.aliases, ...spec.strong], 'strong'],
    [spec.related, 'related'],
    [spec.weak, 'weak'],
    [spec.negative, 'negative'],
  ];
  for (const [phrases, tier] of tiers) {
    for (const p of phrases) {
      const s = signal(p, tier, TIER_WEIGHTS[tier] * (tier === 'negative' ? 1 : scale));
      if (s) out.push(s);
    }
  }
  return out;
}

function contextsOf(spec: TopicSpec): string[][] {
  return spec.contexts.map((group) => group.map((t) => contentStems(t).join(' ')).filter((k) => k !== ''));
}

/** Catalog concepts whose name or an alias appears in the text (ad-hoc topics reuse them). */
export function conceptsMentioned(text: string): TopicSpec[] {
  const grams = ngramSet(contentStems(text));
  return CATALOG.filter((spec) =>
    [spec.name, ...spec.aliases].some((n) => {
      const key = contentStems(n).join(' ');
      return key !== '' && grams.has(key);
    }),
  );
}

/** Signals taken from free text: quoted phrases and the name are strong, content bigrams related, rare words weak. */
function fromFreeText(name: string, description: string): Signal[] {
  const out: Signal[] = [];
  const strong = signal(name, 'strong');
  if (strong) out.push(strong);
  for (const m of description.matchAll(/"([^"]{2,80})"/g)) {
    const s = signal(m[1]!, 'strong');
    if (s) out.push(s);
  }
  const seen = new Set(out.map((s) => s.stems.join(' ')));
  for (const text of [name, description]) {
    const stems = contentStems(text).filter((s) => !GENERIC_WORDS.has(s));
    for (let i = 0; i < stems.length; i++) {
      const uni = stems[i]!;
      if (uni.length > 2 && !seen.has(uni)) {
        seen.add(uni);
        out.push({ phrase: uni, stems: [uni], weight: text === name ? 1.2 : TIER_WEIGHTS.weak, tier: text === name ? 'related' : 'weak' });
      }
      const next = stems[i + 1];
      if (next !== undefined) {
        const key = `${uni} ${next}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ phrase: key, stems: [uni, next], weight: TIER_WEIGHTS.related, tier: 'related' });
        }
      }
    }
  }
  return out;
}

const cache = new Map<string, TopicProfile>();
const CACHE_LIMIT = 5_000;

/** Build (or reuse) the profile the matcher uses for a topic; callers get their own copy to extend. */
export function buildProfile(topic: TopicDefinition, opts: { useCatalog?: boolean } = {}): TopicProfile {
  const useCatalog = opts.useCatalog ?? true;
  const key = `${useCatalog}\u0000${topic.slug}\u0000${topic.name}\u0000${topic.description}`;
  let profile = cache.get(key);
  if (!profile) {
    profile = compileProfile(topic, useCatalog);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, profile);
  }
  return { slug: profile.slug, signals: [...profile.signals], contexts: profile.contexts };
}

function compileProfile(topic: TopicDefinition, useCatalog: boolean): TopicProfile {
  const spec = useCatalog ? bySlug.get(topic.slug) : undefined;
  if (spec) return { slug: topic.slug, signals: dedupe(fromSpec(spec)), contexts: contextsOf(spec) };

  const named = useCatalog ? conceptsMentioned(topic.name) : [];
  const described = (useCatalog ? conceptsMentioned(topic.description) : []).filter((s) => !named.includes(s));
  const signals = [
    ...fromFreeText(topic.name, topic.description),
    ...named.flatMap((s) => fromSpec(s)),
    // A concept only mentioned in the description widens the topic but counts for less.
    ...described.flatMap((s) => fromSpec(s, 0.6)),
  ];
  const contexts = named.length === 1 ? contextsOf(named[0]!) : [];
  // "RAG for code": the words beyond the concept's name narrow it, so one of them must appear.
  const qualifier = qualifierStems(topic.name, named);
  if (qualifier.length) contexts.push(qualifier);
  return { slug: topic.slug, signals: dedupe(signals), contexts };
}

/** Content words of the name not part of a mentioned concept's name or aliases. */
function qualifierStems(name: string, named: readonly TopicSpec[]): string[] {
  if (named.length === 0) return [];
  const covered = new Set(named.flatMap((spec) => [spec.name, ...spec.aliases].flatMap((n) => contentStems(n))));
  return [...new Set(contentStems(name))].filter((w) => !covered.has(w) && !GENERIC_WORDS.has(w) && w.length > 1);
}

/** Keep the strongest signal per stem sequence. */
function dedupe(signals: Signal[]): Signal[] {
  const best = new Map<string, Signal>();
  for (const s of signals) {
    const key = s.stems.join(' ');
    const prev = best.get(key);
    if (!prev || Math.abs(s.weight) > Math.abs(prev.weight)) best.set(key, s);
  }
  return [...best.values()];
}
