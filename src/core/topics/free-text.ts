/**
 * Free-text topics in the matcher: the definition a model is compiled from (name, description,
 * stored draft, feedback marks), the compiled models cached per corpus, and the reason shown
 * to people.
 */
import type { TopicDefinition } from '../ports.js';
import { NEAR_PREFIX, docFields, phraseCounts, type Corpus } from './corpus.js';
import type { LearnedModel } from './feedback-model.js';
import type { TopicDraft } from './matcher.js';
import type { ModelScore } from './model-index.js';
import { nearForm, surfaceForm, type Field } from './paper-features.js';
import { neighboursOf } from './neighbours.js';
import { compileTopicModel, hasTopicWords, type TopicModel } from './topic-model.js';
import { contentStems, normalizeText, stem } from './text.js';
import type { Respelling } from './spelling.js';
import { truncate } from '../truncate.js';
import { listed } from '../count.js';
import { ownDescription } from './topic-service.js';
import { shippedVocabulary, type Vocabulary } from './vocabulary/index.js';

export interface FreeTextContext {
  corpus: Corpus;
  vocabulary: Vocabulary | undefined;
  useCatalog: boolean;
  learned: LearnedModel | undefined;
  draft: TopicDraft | undefined;
}

const cache = new WeakMap<Corpus, Map<string, TopicModel>>();
const CACHE_LIMIT = 20_000;

export function freeTextModel(topic: TopicDefinition, ctx: FreeTextContext): TopicModel {
  const description = ownDescription(topic);
  const expansions = [...(description ? [description] : []), ...(ctx.draft?.expansions ?? [])];
  const exclusions = ctx.draft?.exclusions ?? [];
  const up = ctx.learned?.up ?? [];
  const down = ctx.learned?.down ?? [];
  let models = cache.get(ctx.corpus);
  if (!models) cache.set(ctx.corpus, (models = new Map()));
  const cached = (key: string, make: () => TopicModel): TopicModel => {
    let model = models.get(key);
    if (!model) {
      model = make();
      if (models.size >= CACHE_LIMIT) models.clear();
      models.set(key, model);
    }
    return model;
  };
  const key = JSON.stringify([ctx.useCatalog, topic.name, expansions, exclusions, ctx.vocabulary?.size]);
  const base = cached(key, () => compileTopicModel(topic.name, ctx.corpus, ctx.vocabulary ?? shippedVocabulary({ withCatalog: ctx.useCatalog }), { expansions, exclusions }));
  if (!up.length && !down.length) return base;
  // Marks teach by example only: the same model, with the marked papers to compare others to.
  return cached(JSON.stringify([key, up.map((p) => p.arxivId), down.map((p) => p.arxivId)]), () => {
    const doc = (p: (typeof up)[number]) => ({ id: p.arxivId, ...docFields(p) });
    const neighbours = neighboursOf(up.map(doc), down.map(doc), ctx.corpus);
    return neighbours ? { ...base, neighbours } : base;
  });
}

/** A topic's words: its name, and its description when that says more. */
function topicText(topic: Pick<TopicDefinition, 'name' | 'description'>): string {
  const description = ownDescription(topic);
  return description === null ? topic.name : `${topic.name}\n${description}`;
}

export interface TopicReading {
  /** The name as its model reads it. */
  name: string;
  /** Words read as others, likely meant (spelling.ts). */
  respelled: Respelling[];
  /** Phrases the name says the topic is not ("but not autonomous driving"): they count against a paper. */
  excluded: string[];
  /** The vocabulary concepts its words (and its definition) name or describe. */
  concepts: Array<{ id: string; via: 'named' | 'described' }>;
  /** Fields it names that no stored paper mentions yet: only papers that do can match (topic-model.ts `required`). */
  unmet: string[];
}

/**
 * How a topic's words were read, from the model matching compiled (matcher.ts modelOf), so what
 * `match` and `topics show` say is what matching does. A built-in topic is read as written.
 */
export function readingOf(topic: TopicDefinition, model: TopicModel): TopicReading {
  if (topic.builtin) return { name: topic.name, respelled: [], excluded: [], concepts: [], unmet: [] };
  // The vocabulary's 'rlhf' and the catalog's 'RLHF' are one concept to a reader.
  const seen = new Set<string>();
  const concepts = model.concepts.filter((c) => !seen.has(c.id.toLowerCase()) && seen.add(c.id.toLowerCase()));
  const unmet = model.aspectWords.filter((_, a) => a < 31 && ((model.required ?? 0) >>> a) & 1).map((w) => surfaceForm(model.reading, [w], true));
  return { name: model.reading, respelled: model.respelled, excluded: model.excluded, concepts, unmet };
}

/** What to say when a topic names a field no stored paper mentions: why it matches nothing yet. */
export function unmetNote(unmet: readonly string[]): string | null {
  return unmet.length ? `No stored paper mentions ${listed(unmet.map((w) => `“${w}”`), 'or')} yet: only papers that do will match.` : null;
}

/**
 * What to say of how a topic is worded, with its matches or its subscription: that it has no
 * English word, or that it matches broadly. Null when neither.
 */
export function topicWordingNote(topic: Pick<TopicDefinition, 'name' | 'description'>): string | null {
  return foreignScriptNote(topic) ?? broadTopicNote(topic);
}

/**
 * A topic in another script ("蛋白质折叠", "машинное обучение") is a name people may choose, and an
 * English definition can make it match; without one it matches nothing, which is said rather
 * than left to an empty digest.
 */
function foreignScriptNote(topic: Pick<TopicDefinition, 'name' | 'description'>): string | null {
  if (/[a-z]/.test(normalizeText(topicText(topic)))) return null;
  return `“${truncate(topic.name, 60)}” has no English word, and papers are matched on their English titles and abstracts: it matches nothing until it is said in English. Subscribe to it in English words instead, or give it an English definition.`;
}

/**
 * Said with a topic's matches when every word of it is one most papers use ("deep learning",
 * "benchmarks") and the vocabulary names no concept in it: it then matches on those words, the
 * papers that say them most, which is broad. Null for any other topic.
 */
function broadTopicNote(topic: Pick<TopicDefinition, 'name' | 'description'>): string | null {
  const text = topicText(topic);
  if (hasTopicWords(text) || shippedVocabulary().conceptsIn(text).length > 0) return null;
  const name = truncate(topic.name, 60);
  return `Every word of “${name}” is one most papers use, so it matches broadly: the papers that say it most. Say what about it for sharper matches, e.g. “${name} for medical images”.`;
}

const SOURCE_NOTE: Record<string, string> = { concept: 'as', acronym: 'as', feedback: 'like marked papers', expansion: 'from its definition', topic: '' };

/** Whether the title or abstract has the stems as a phrase. */
function said(texts: Record<Field, string>, stems: readonly string[]): boolean {
  const counts = phraseCounts({ title: contentStems(texts.title), body: contentStems(texts.abstract) }, stems);
  return counts[0] + counts[1] > 0;
}

/** Groups a reason quotes at most, and of them words the corpus related to the topic (pseudo-relevance feedback). */
const REASON_GROUPS = 5;
const REASON_RELATED = 2;

/** Whether a clause is evidence for the topic itself (its words, a concept or acronym it names, its definition), not a word its best papers also use. */
const speaksToTopic = (c: TopicModel['clauses'][number]) => c.source !== 'expansion' || c.aspects.length > 0;

/**
 * "title: 'jailbreak attacks'; abstract: 'red-teaming' (as jailbreak); related words: 'harmful'".
 * The topic's own evidence comes first, by field and strongest first; words the corpus merely
 * related to it ('average', 'benefit', 'open') say little to a reader, so at most two follow,
 * apart.
 */
export function freeTextReason(model: TopicModel, scored: ModelScore, texts: Record<Field, string>): string {
  const titleStems = contentStems(texts.title);
  const positive = [...scored.values].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const ranked = [...positive.filter(([ci]) => speaksToTopic(model.clauses[ci]!)), ...positive.filter(([ci]) => !speaksToTopic(model.clauses[ci]!))];
  const byField = new Map<Field, string[]>();
  const related: string[] = [];
  const seenGroups = new Set<number>();
  const told = new Set<Respelling>();
  for (const [ci] of ranked) {
    const c = model.clauses[ci]!;
    if (seenGroups.has(c.group) || seenGroups.size >= REASON_GROUPS) continue;
    const direct = speaksToTopic(c);
    if (!direct && related.length >= REASON_RELATED) break;
    seenGroups.add(c.group);
    const near = c.key.startsWith(NEAR_PREFIX) ? (c.key.slice(NEAR_PREFIX.length).split('|') as [string, string]) : null;
    // A paper that defines an acronym is matched with it spelled out (corpus.ts spellOut): the
    // words it wrote are then the topic's own, as the label keeps them ("LLM inference").
    const stems = c.source === 'acronym' && !said(texts, c.stems) && said(texts, contentStems(c.label)) ? contentStems(c.label) : c.stems;
    const inTitle = near ? nearForm(texts.title, ...near) !== null : phraseCounts({ title: titleStems, body: [] }, stems)[0] > 0;
    const field: Field = inTitle ? 'title' : 'abstract';
    const words = (near ? (nearForm(texts[field], ...near) ?? near.join(' … ')) : surfaceForm(texts[field], stems, true)).toLowerCase();
    if (!direct) {
      related.push(`'${words}'`);
      continue;
    }
    const note = SOURCE_NOTE[c.source];
    // A word of the topic read as another (spelling.ts) says, once, what it was typed as.
    const typed = c.source === 'topic' ? model.respelled.filter((r) => !told.has(r) && r.read.split(' ').some((w) => c.stems.includes(stem(w)))) : [];
    for (const r of typed) told.add(r);
    const sourceLabel = c.source === 'concept' || c.source === 'acronym' ? (c.label.toLowerCase() !== words ? ` (${note} ${c.label})` : '') : note ? ` (${note})` : '';
    const label = typed.length ? ` (for ${typed.map((r) => `“${r.typed}”`).join(', ')})` : sourceLabel;
    byField.set(field, [...(byField.get(field) ?? []), `'${words}'${label}`]);
  }
  const against = [...scored.values].filter(([, v]) => v < 0).map(([ci]) => `'${model.clauses[ci]!.label}'`).slice(0, 2);
  const parts = (['title', 'abstract'] as const).filter((f) => byField.has(f)).map((f) => `${f}: ${byField.get(f)!.join(', ')}`);
  if (related.length) parts.push(`related words: ${related.join(', ')}`);
  if (against.length) parts.push(`against: ${against.join(', ')}`);
  return parts.length ? parts.join('; ') : 'no evidence';
}
