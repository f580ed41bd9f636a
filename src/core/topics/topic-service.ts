/**
 * Topics as people name them: lookup by name, slug or alias with "did you mean" answers,
 * validated creation (catalog or ad-hoc free text), removal, and catalog seeding.
 */
import { truncate } from '../truncate.js';
import { checkArxivCategories } from '../papers/arxiv-categories.js';
import type { CacheStore, Clock, TopicDefinition, TopicStore } from '../ports.js';
import { builtinTopics, seedBuiltinTopics } from './builtin.js';
import { contentStems, normalizeText } from './text.js';
import { withoutAsking } from './asking.js';
import { MAX_DESCRIPTION, americanSlug, catalogSlugFor, catalogSpellings, legacySlugify, checkPhrases, checkText, checkTopicName, checkTopicText, closestNames, didYouMean, isEquivalentAlias, likelyTypos, markupProblem, sameByAcronymAs, phraseOnBothSides, slugify, topicTextProblem, topicWords } from './names.js';

/** `typos`: the topics the input is probably a misspelling of (typoNames), when it was checked for them. */
export type TopicLookup = { status: 'found'; topic: TopicDefinition } | { status: 'unknown'; input: string; suggestions: string[]; message: string; typos?: string[] };

export interface NewTopic {
  name: string;
  description?: string;
  mustPhrases?: string[];
  mustNotPhrases?: string[];
  categories?: string[];
  minUpvotes?: number | null;
}

export type AddTopicResult =
  /** `broader`: the built-in topic the text is an alias of (narrower or equal): offered, never chosen silently. */
  | { status: 'created'; topic: TopicDefinition; broader?: TopicDefinition }
  | { status: 'exists'; topic: TopicDefinition; message: string }
  | { status: 'invalid'; message: string };

export type RemoveTopicResult = { status: 'removed'; topic: TopicDefinition } | Extract<TopicLookup, { status: 'unknown' }>;

export type RestoreTopicResult = { status: 'restored' | 'present'; topic: TopicDefinition } | { status: 'not-builtin' | 'taken'; message: string };

export type TypedTopic =
  | { text: string; status: 'found'; topic: TopicDefinition }
  | { text: string; status: 'new' }
  | { text: string; status: 'typo'; suggestions: string[]; message: string };

export interface TopicService {
  list(): Promise<TopicDefinition[]>;
  /**
   * A stored topic by slug or name, or a built-in topic by a catalog alias that means the same
   * ("RAG", "MoE"). Other aliases are narrower ("KV cache compression" under "token
   * compression"): they are not the built-in topic, whatever is done with them (subscribing,
   * marks, search, unsubscribing), and come back unknown with the built-in as the first
   * suggestion.
   */
  find(nameOrSlug: string): Promise<TopicLookup>;
  add(input: NewTopic, actor: string | null): Promise<AddTopicResult>;
  /**
   * What each typed text is, before anything is written: an existing topic (or an alias that
   * means the same), a new topic to create, or a likely misspelling of an existing name, which
   * is asked about instead of created. `subscribe` and `channel add` both decide this way.
   */
  classifyTyped(texts: readonly string[]): Promise<TypedTopic[]>;
  /**
   * The built-in topic a topic of people's own words is a narrower alias of ("KV cache
   * compression" under token compression), offered to everyone who subscribes to it; null
   * for any other topic.
   */
  broaderOf(topic: TopicDefinition): Promise<TopicDefinition | null>;
  /** An existing topic by that name, or a new ad-hoc topic whose description is the text. */
  findOrCreate(text: string, actor: string | null): Promise<AddTopicResult | { status: 'found'; topic: TopicDefinition }>;
  remove(nameOrSlug: string): Promise<RemoveTopicResult>;
  /** A starter topic back from the catalog, by its name, slug or an alias that means it (a removal otherwise sticks). */
  restore(nameOrSlug: string): Promise<RestoreTopicResult>;
  seed(): Promise<{ created: string[] }>;
}

/** The topic's description when it says more than its name (free text is often its own description), else null. */
export function ownDescription(topic: Pick<TopicDefinition, 'name' | 'description'>): string | null {
  return normalizeText(topic.description).trim() === normalizeText(topic.name).trim() ? null : topic.description;
}

/** A topic that is just the words someone typed: the name, described by itself, no filters. */
export function freeTextTopic(text: string, createdAt: Date, createdBy: string | null = null, slug = slugify(text)): TopicDefinition {
  return { slug, name: text, description: text, mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy, createdAt };
}

/**
 * The topics whose name the input is probably a misspelling of (likelyTypos), a starter topic's
 * also when the slip is in one of the other ways it is typed ("reinforcement learning from human
 * feedbak" for RLHF, catalogSpellings): one rule for what is asked about, everywhere.
 */
function typoNames(input: string, topics: readonly TopicDefinition[]): string[] {
  const spellings = topics.flatMap((t) => [t.name, ...(t.builtin ? catalogSpellings(t.slug) : [])].map((spelling) => ({ spelling, name: t.name })));
  const hits = new Set(likelyTypos(input, spellings.map((s) => s.spelling)));
  return [...new Set(spellings.filter((s) => hits.has(s.spelling)).map((s) => s.name))];
}

function unknown(input: string, topics: readonly TopicDefinition[]): Extract<TopicLookup, { status: 'unknown' }> {
  const typos = typoNames(input, topics);
  const suggestions = [...new Set([...typos, ...closestNames(input, topics.map((t) => t.name))])].slice(0, 3);
  const hint = didYouMean(suggestions) || ' See `topics list`.';
  return { status: 'unknown', input, suggestions, message: `No topic named "${truncate(input, 80)}".${hint}`, typos };
}

/** `cache` remembers which catalog topics were seeded, so removing a built-in topic sticks. */
export function createTopicService(deps: { topics: TopicStore; cache?: CacheStore; clock?: Clock }): TopicService {
  const now = () => deps.clock?.now() ?? new Date();

  async function find(input: string): Promise<TopicLookup> {
    // Its words: an emoji in it is none (names.ts, checkTopicText).
    const checked = checkTopicText(input, 'Topic name', MAX_DESCRIPTION);
    if (!checked.ok) return { status: 'unknown', input: truncate(String(input), 80), suggestions: [], message: checked.error };
    let all: TopicDefinition[] | undefined;
    const listAll = async () => (all ??= await deps.topics.list());
    let byAlias: TopicDefinition | undefined;
    // The text as typed, then what it asks for ("anything on RAG" is RAG), then that without a
    // closing 'research' ("speculative decoding research"). That last one only finds a built-in
    // topic or a name of two words or more: with one word before it, 'research' may make the
    // subject ("deep research", "market research"), and asking.ts keeps it in the names it makes.
    // Last, without a closing generic head noun ("MoE models", "RLHF methods"), a built-in topic only.
    const asked = withoutAsking(checked.value);
    const subject = asked.replace(/\s+research\s*[.!?]*\s*$/i, '');
    const headless = asked.replace(/\s+(?:models?|methods|approaches|techniques)\s*[.!?]*\s*$/i, '');
    const texts = new Set([checked.value, asked, ...(subject !== asked && contentStems(subject).length ? [subject] : []), ...(headless !== asked && contentStems(headless).length ? [headless] : [])]);
    for (const text of texts) {
      const loose = (text === subject && subject !== asked && !/\S\s+\S/.test(subject)) || (text === headless && headless !== asked);
      const found = (topic: TopicDefinition): TopicLookup | null => (loose && !topic.builtin ? null : { status: 'found', topic });
      const slug = slugify(text);
      const lower = text.toLowerCase();
      // Slugs stored by earlier releases: one ending in '-' is found as typed, and one made
      // when signs and marks were all '-' ('C++ compilers' as 'c-compilers') by that rule.
      const ended = lower !== slug && /^[\p{L}\p{N}-]+-$/u.test(lower) ? lower : null;
      // Under the old rule 'C# compilers' and 'C compilers' would find 'C++ compilers' too: a
      // topic stored so is only the one typed when its name reads the same under today's.
      const older = legacySlugify(text);
      const stored = async (key: string) => {
        const t = await deps.topics.get(key);
        const legacy = t && !t.builtin && t.slug === legacySlugify(t.name) && t.slug !== slugify(t.name);
        return t && (!legacy || slugify(t.name) === slug) ? t : null;
      };
      const direct = slug ? ((await stored(slug)) ?? (ended ? await deps.topics.get(ended) : null) ?? (older && older !== slug ? await stored(older) : null)) : null;
      const hit = direct && found(direct);
      if (hit) return hit;
      // The name in the other spelling ("reward modeling" for a stored "reward modelling") is the same topic, not a slip to ask about.
      const spelt = americanSlug(slug);
      // A name stored with an emoji by earlier releases ("🚀 agents", ":rocket: agents" as 'rocket-agents') by the words it shows.
      const byName = (await listAll()).find((t) => t.name.toLowerCase() === lower || topicWords(t.name).toLowerCase() === lower) ?? (slug ? (await listAll()).find((t) => americanSlug(slugify(t.name)) === spelt) : undefined);
      const named = byName && found(byName);
      if (named) return named;
      const alias = catalogSlugFor(text);
      const aliased = alias ? (await listAll()).find((t) => t.slug === alias) : undefined;
      if (aliased && isEquivalentAlias(text)) return { status: 'found', topic: aliased };
      byAlias ??= aliased;
    }
    // A topic of someone's own typed with the acronym the text spells out, or the other way round.
    const sameAsTyped = sameByAcronymAs(checked.value);
    const spelled = (await listAll()).find((t) => !t.builtin && sameAsTyped(t.name));
    if (spelled) return { status: 'found', topic: spelled };
    const miss = unknown(checked.value, await listAll());
    // The built-in topic the alias belongs to is the first suggestion.
    if (byAlias) miss.suggestions = [byAlias.name, ...miss.suggestions.filter((n) => n !== byAlias.name)].slice(0, 3);
    return miss;
  }

  /** A topic is named for what was asked: "I want to follow world models" makes "world models". */
  function add(input: NewTopic, actor: string | null): Promise<AddTopicResult> {
    return create({ ...input, name: typeof input.name === 'string' ? withoutAsking(input.name) : input.name }, actor);
  }

  /** `input.name` is what was asked already (stripping twice could take a word of the topic). */
  async function create(input: NewTopic, actor: string | null): Promise<AddTopicResult> {
    const name = checkTopicName(input.name);
    if (!name.ok) return { status: 'invalid', message: name.error };
    const description = input.description === undefined ? { ok: true as const, value: name.value } : checkText(input.description, 'Description', MAX_DESCRIPTION);
    if (!description.ok) return { status: 'invalid', message: description.error };
    const must = checkPhrases(input.mustPhrases, 'Must');
    if (!must.ok) return { status: 'invalid', message: must.error };
    const mustNot = checkPhrases(input.mustNotPhrases, 'Must-not');
    if (!mustNot.ok) return { status: 'invalid', message: mustNot.error };
    const both = phraseOnBothSides(must.value, mustNot.value);
    // A paper would have to contain the phrase and not contain it: nothing could ever match.
    if (both) return { status: 'invalid', message: `"${truncate(both, 40)}" is given both as a must and a must-not phrase: no paper could match; keep it on one side` };
    // Checked against arXiv's taxonomy and kept as arXiv spells it: the matcher compares it
    // with the papers' categories, and a category that does not exist matches nothing.
    const categories = checkArxivCategories(input.categories ?? []);
    if (!categories.ok) return { status: 'invalid', message: categories.error };
    const minUpvotes = input.minUpvotes ?? null;
    if (minUpvotes !== null && (!Number.isInteger(minUpvotes) || minUpvotes < 0)) {
      return { status: 'invalid', message: 'Minimum upvotes must be a whole number >= 0' };
    }
    // The description is matched on too: a link or mention in it is refused as in the name.
    const problem = topicTextProblem(name.value) ?? (description.value === name.value ? null : markupProblem(description.value, 'A topic description'));
    if (problem) return { status: 'invalid', message: problem };
    const existing = await find(name.value);
    if (existing.status === 'found') {
      return { status: 'exists', topic: existing.topic, message: `Topic "${existing.topic.name}" already exists.` };
    }
    // A slug find() passed over is held by a topic of another name stored under an earlier
    // rule ('c-compilers' by "C++ compilers" when "C compilers" is made): the next free one.
    const base = slugify(name.value);
    let slug = base;
    for (let n = 2; (await deps.topics.get(slug)) !== null && n < 100; n++) slug = `${base.slice(0, 76)}-${n}`;
    const topic: TopicDefinition = {
      slug,
      name: name.value,
      description: description.value,
      mustPhrases: must.value,
      mustNotPhrases: mustNot.value,
      categories: categories.categories,
      minUpvotes,
      builtin: false,
      createdBy: actor,
      createdAt: now(),
    };
    const outcome = await deps.topics.add(topic);
    if (outcome === 'exists') {
      const taken = (await deps.topics.get(slug))!;
      return { status: 'exists', topic: taken, message: `Topic "${taken.name}" already exists.` };
    }
    const broader = await broaderOf(topic);
    return broader ? { status: 'created', topic, broader } : { status: 'created', topic };
  }

  async function broaderOf(topic: TopicDefinition): Promise<TopicDefinition | null> {
    if (topic.builtin) return null;
    const aliasOf = catalogSlugFor(topic.name);
    return aliasOf && aliasOf !== topic.slug ? await deps.topics.get(aliasOf) : null;
  }

  return {
    list: () => deps.topics.list(),
    find,
    add,
    broaderOf,
    async classifyTyped(texts) {
      const out: TypedTopic[] = [];
      // Every topic, read once and only when some text is not a topic's.
      let all: TopicDefinition[] | undefined;
      for (const text of texts) {
        const r = await find(text);
        if (r.status === 'found') {
          out.push({ text, status: 'found', topic: r.topic });
          continue;
        }
        // find() checked it for slips already, unless it refused the text.
        const typos = r.typos ?? typoNames(text, (all ??= await deps.topics.list()));
        out.push(
          typos.length
            ? { text, status: 'typo', suggestions: typos, message: `No topic named "${truncate(text, 80)}".${didYouMean(typos)}` }
            : { text, status: 'new' },
        );
      }
      return out;
    },
    async findOrCreate(text, actor) {
      const found = await find(text);
      if (found.status === 'found') return found;
      // The one check of a typed topic: text too long for a name is refused, not cut into one no one could type again.
      const checked = checkTopicName(text);
      if (!checked.ok) return { status: 'invalid', message: checked.error };
      // Named and described by what was asked for, without how it was asked.
      const asked = withoutAsking(checked.value);
      return create({ name: asked, description: asked }, actor);
    },
    async remove(input) {
      const found = await find(input);
      if (found.status !== 'found') return found;
      await deps.topics.remove(found.topic.slug);
      return { status: 'removed', topic: found.topic };
    },
    async restore(input) {
      const starters = builtinTopics(now());
      const slug = starters.some((t) => t.slug === input) ? input : catalogSlugFor(input);
      const topic = starters.find((t) => t.slug === slug && (t.slug === input || slugify(t.name) === slugify(input) || isEquivalentAlias(input)));
      if (!topic) return { status: 'not-builtin', message: `"${truncate(input, 80)}" is not a starter topic; \`paperboy topics list\` shows the topics there are.` };
      const stored = await deps.topics.get(topic.slug);
      // A topic of someone's own made under the starter's name since it was removed holds its slug.
      if (stored && !stored.builtin) return { status: 'taken', message: `a topic of your own, "${truncate(stored.name, 80)}", holds the name of the starter topic "${topic.name}" now; remove it first (\`paperboy topics remove ${stored.slug}\`), then restore` };
      if (stored) return { status: 'present', topic: stored };
      await deps.topics.add(topic);
      return { status: 'restored', topic };
    },
    seed: () => seedBuiltinTopics(deps.topics, now(), deps.cache),
  };
}
