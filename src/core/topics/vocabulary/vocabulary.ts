/**
 * Recognising the field's concepts in what a person types. A topic names a concept directly
 * ("KV cache compression" contains a surface form), or describes it in everyday words
 * ("tricking models into unsafe behavior" shares its rare words with the gloss of
 * 'jailbreak'). Words are weighted by how few concepts use them, so 'unsafe' says more than
 * 'model'.
 */
import { GENERIC_WORDS, LIGHT_VERBS, contentStems, gerundStems, isFunctionWord, isStopword, nameStems, ngramSet, phraseRuns, stem, withoutFunctionWords, words } from '../text.js';
import type { Concept } from './concept.js';
import { grown } from '../stamps.js';

export type ConceptHit = { concept: Concept; strength: number; via: 'named' | 'described'; words: string[] };

export interface Vocabulary {
  readonly size: number;
  /** Concepts the text names or describes, strongest first. */
  conceptsIn(text: string): ConceptHit[];
  /** Stem sequences of a concept's surface forms (and its id). */
  formsOf(concept: Concept): string[][];
  /** Whether papers name any concept with the word (a stem): 'little' and 'tricking' only describe. */
  namesWith(stem: string): boolean;
  /**
   * Every word of the concepts' names, forms and glosses, lower case: known spellings
   * (spelling.ts). Not the everyday descriptions' words: a slip is read as the candidate the
   * papers use most, and with them 520 of 37,581 one-letter slips of vocabulary words were
   * read as another word ("tranlation" as "transition") and none newly right.
   */
  readonly lexicon: ReadonlySet<string>;
  /** The loose keys (looseKey) of the words of its descriptions and forms: what a typed word is compared with. */
  readonly keys: ReadonlySet<string>;
}

/** Nouns a concept's name may end in that say only what kind of thing it is ("multi-agent systems"). */
const GENERIC_HEADS = new Set(['model', 'models', 'system', 'systems', 'network', 'networks', 'method', 'methods', 'framework', 'frameworks'].map(stem));

/** A described concept needs this share of the text's word weight in its gloss... */
const MIN_COVERAGE = 0.5;
/** ...and two shared words, or one carrying this share. */
const ONE_WORD_COVERAGE = 0.6;
const MAX_DESCRIBED = 3;
/** Described concepts count for less than named ones: a gloss is a paraphrase, not a name. */
const DESCRIBED_FACTOR = 0.8;
/**
 * A typed word met in a gloss only as a synonym ("imitate" where the gloss says "copying")
 * carries half its weight: a synonym is one sense of the word, perhaps not the one meant.
 */
const SYNONYM_CREDIT = 0.5;
/** Words whose synonyms and weight are remembered, at most. */
const WORD_CACHE_LIMIT = 50_000;
/** Texts whose concepts are remembered, at most. */
const TEXT_CACHE_LIMIT = 2_000;

/**
 * A coarser key than the matcher's stem, for comparing everyday words with glosses only:
 * 'unsafe' and 'safety', 'behaviour' and 'behavior', 'faster' and 'fast', and the agent nouns
 * of both spellings ('generator' and 'generation', as 'teacher' and 'teaching') meet here. Too
 * coarse for evidence in papers, where 'generation' and 'generator' must stay apart.
 */
export function looseKey(stem: string): string {
  const w = looseRoot(stem);
  return EVERYDAY.get(w) ?? w;
}

/**
 * Whether the word (or stem) starts with a negating 'un-', which the loose key drops: 'unsafe'
 * meets 'safety'. 'unified', 'universal' and 'understand' have no such prefix.
 */
export const negatedByPrefix = (w: string): boolean => w.startsWith('un') && w.length >= 5 && !/^(uni(?!n)|under)/.test(w);

/** Suffixes looseRoot drops, first match first (one list, not one per call). */
const LOOSE_SUFFIXES = ['iti', 'ity', 'ty', 'ness', 'ous', 'ful', 'al', 'er', 'or', 'ing', 'ion', 'ive', 'e', 'i', 'y'];

function looseRoot(stem: string): string {
  // (Most words have no 'our': neither pattern can match them.)
  let w = stem.includes('our') ? stem.replace(/our$/, 'or').replace(/our(?=[a-z])/, 'or') : stem;
  if (negatedByPrefix(w)) w = w.slice(2);
  // Two rounds: 'safety' -> 'safe' -> 'saf'.
  let inflected = false;
  // 'formally' is 'formal' first: the '-al' rule then decides, as for 'formal' (no 'form').
  if (w.endsWith('ally') && w.length >= 7) w = w.slice(0, -2);
  for (let round = 0; round < 2; round++) {
    const suffix = LOOSE_SUFFIXES.find((x) => w.endsWith(x) && w.length - x.length >= (x === 'al' ? 5 : 3));
    if (suffix) w = w.slice(0, -suffix.length);
    if (round === 0) inflected = suffix === 'er' || suffix === 'ing';
  }
  // 'bigger' and 'big', 'running' and 'run', as Porter's step 1b undoubles after -er/-ing only
  // and keeps three letters ('carry' is no 'car', 'inner' no 'in').
  if (inflected && w.length >= 4 && /([b-df-hj-kmnp-rtv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * Everyday words people use for the same thing when they describe what they want: a gloss says
 * "faster", a person types "speeding up" or "accelerating". Each group reads as its first word.
 * General English, not any topic's words; kept to groups whose words papers do not also use
 * for something else ('small', 'compact' and 'lightweight' as one group cost a validation
 * topic on model size 0.14 F1: papers name compact models, not smaller ones).
 */
const EVERYDAY_GROUPS = ['fast speed speeding quick quicker rapid accelerate accelerating speedup', 'trick fool deceive'];
const EVERYDAY = new Map<string, string>();
for (const group of EVERYDAY_GROUPS) {
  const [head, ...rest] = group.split(' ').map((w) => looseRoot(stem(w)));
  for (const w of rest) if (w !== head) EVERYDAY.set(w, head!);
}

interface Entry {
  concept: Concept;
  forms: string[][];
  /** Words of its names and surface forms (loose keys), not of its gloss. */
  formWords: Set<string>;
  /** Words of its canonical name (loose keys). */
  idWords: Set<string>;
}

/**
 * One way of describing a concept: its gloss, or one of the everyday ways people type it
 * (`says`). A typed topic is compared with each on its own, so words of different
 * descriptions do not add up to a fit no description has.
 */
interface Description {
  entry: number;
  /** Its words and the concept's form words (loose keys). */
  words: Set<string>;
  /** Adjacent word pairs (wordPairs). */
  pairs: Set<string>;
  /** The gloss, rather than one of the everyday ways of typing the concept. */
  gloss: boolean;
}

/**
 * Adjacent pairs of a text's words (loose keys) with a content word among them and no stopword
 * or generic word: "makes things up" gives 'mak thing'. A text that says a gloss's words in the
 * gloss's order says what the gloss says, where sharing the words alone is chance; a pair with
 * a stopword or a generic word ('thing up', 'ai model') is a turn of phrase many glosses share
 * ("look things up", "AI models").
 */
function wordPairs(text: string): Set<string> {
  const out = new Set<string>();
  // The text may be several readings of a topic, a line each: no pair spans two.
  for (const line of text.split('\n')) for (const pair of linePairs(line)) out.add(pair);
  return out;
}

function linePairs(text: string): Set<string> {
  const seq = words(text).map((w) => {
    const s = stem(w);
    const stop = isStopword(w) || isFunctionWord(w) || GENERIC_WORDS.has(s);
    return { key: looseKey(s), stop, content: !stop && !LIGHT_VERBS.has(s) };
  });
  const out = new Set<string>();
  for (let i = 0; i + 1 < seq.length; i++) {
    const [a, b] = [seq[i]!, seq[i + 1]!];
    if ((a.content || b.content) && !a.stop && !b.stop) out.add(`${a.key} ${b.key}`);
  }
  return out;
}

/**
 * `synonyms` (loose key -> loose keys, wordnet.ts) lets a typed word meet a gloss that says it
 * in other words.
 */
export function createVocabulary(concepts: readonly Concept[], synonyms: ReadonlyMap<string, readonly string[]> = new Map()): Vocabulary {
  const entries: Entry[] = [];
  const descriptions: Description[] = [];
  const byForm = new Map<string, number[]>();
  /** Descriptions by their words (loose keys). */
  const byWord = new Map<string, number[]>();
  /** How many concepts use a word in any description or form: its df. */
  const conceptsWith = new Map<string, number>();
  for (const concept of concepts) {
    const forms = [concept.id, ...concept.forms].map((f) => contentStems(f).slice(0, 4)).filter((s) => s.length > 0);
    const unique = [...new Map(forms.map((s) => [s.join(' '), s])).values()];
    // The forms' keys once per concept, not once per description (a concept has up to dozens).
    const formKeys = unique.flat().filter((w) => !GENERIC_WORDS.has(w)).map(looseKey);
    const keysOf = (text: string) => [...contentStems(text).filter((w) => !GENERIC_WORDS.has(w)).map(looseKey), ...formKeys];
    const e = entries.length;
    entries.push({ concept, forms: unique, formWords: new Set(formKeys), idWords: new Set(contentStems(concept.id).map(looseKey)) });
    const used = new Set<string>();
    for (const [i, text] of [concept.gloss, ...(concept.says ?? [])].entries()) {
      const d = descriptions.length;
      const words = new Set(keysOf(text));
      descriptions.push({ entry: e, words, pairs: wordPairs(text), gloss: i === 0 });
      for (const w of words) {
        const list = byWord.get(w) ?? [];
        list.push(d);
        byWord.set(w, list);
        used.add(w);
      }
    }
    for (const w of used) conceptsWith.set(w, (conceptsWith.get(w) ?? 0) + 1);
    const names = [concept.id, ...(concept.names ?? concept.forms)].map((f) => nameStems(f).slice(0, 4)).filter((s) => s.length > 0);
    for (const key of new Set(names.map((s) => s.join(' ')))) {
      const list = byForm.get(key) ?? [];
      list.push(e);
      byForm.set(key, list);
    }
  }
  // A name ending in a generic noun is also said without it, when what is left is two words or
  // more that name nothing else: "multi-agent" for multi-agent systems. Typed so, the topic named
  // nothing, and concepts that only mention it ("multi-agent LLM systems" in LLM agents' gloss,
  // "cooperative multi-agent" of MARL) were read as what it described: every LLM-agent paper then
  // spoke to "multi-agent" (52 of 384 papers matched it, 10 "multi-agent systems"). Only as
  // typed: "reasoning in large language models" is no "large reasoning" (large reasoning models).
  const headless = new Map<string, number[]>();
  for (const [key, list] of byForm) {
    const stems = key.split(' ');
    if (stems.length < 3 || !GENERIC_HEADS.has(stems[stems.length - 1]!)) continue;
    const rest = stems.slice(0, -1).join(' ');
    if (byForm.has(rest)) continue;
    headless.set(rest, [...new Set([...(headless.get(rest) ?? []), ...list])]);
  }
  const formWords = new Set(entries.flatMap((e) => [...e.formWords]));
  const firstForms = new Map<Concept, string[][]>();
  for (const e of entries) if (!firstForms.has(e.concept)) firstForms.set(e.concept, e.forms);
  const lexicon = new Set(concepts.flatMap((c) => words([c.id, ...c.forms, ...(c.names ?? []), c.gloss].join(' '))));
  const n = Math.max(entries.length, 1);
  /** The word and those of its synonyms some concept uses (memoised: thousands of topics ask for the same words). */
  const alternativesOf = new Map<string, string[]>();
  const alternatives = (w: string): string[] => {
    let alt = alternativesOf.get(w);
    if (!alt) {
      // Bounded: a long-running service reads every word anyone types.
      if (alternativesOf.size >= WORD_CACHE_LIMIT) alternativesOf.clear();
      alternativesOf.set(w, (alt = [w, ...(synonyms.get(w) ?? []).filter((s) => byWord.has(s))]));
    }
    return alt;
  };
  /**
   * How many concepts a word can meet: a word no concept uses itself is as rare as its
   * synonyms together are.
   */
  const users = (w: string) => conceptsWith.get(w) ?? new Set(alternatives(w).flatMap((s) => (byWord.get(s) ?? []).map((d) => descriptions[d]!.entry))).size;
  const weights = new Map<string, number>();
  const weight = (w: string) => {
    let x = weights.get(w);
    if (x === undefined) {
      if (weights.size >= WORD_CACHE_LIMIT) weights.clear();
      weights.set(w, (x = Math.log(1 + n / (users(w) || 0.5))));
    }
    return x;
  };

  // conceptsIn's fit of each description to the text: stamped per call (`fitStamp`) and per
  // word (`metStamp`); the words each description shares are chained in `node*`, in order.
  const fitStamp = new Int32Array(descriptions.length);
  const metStamp = new Int32Array(descriptions.length);
  const fitCovered = new Float64Array(descriptions.length);
  const fitExact = new Int32Array(descriptions.length);
  const fitCount = new Int32Array(descriptions.length);
  const fitHead = new Int32Array(descriptions.length);
  const fitTail = new Int32Array(descriptions.length);
  const explainStamp = new Int32Array(descriptions.length);
  const explains = new Int32Array(descriptions.length);
  let fitEpoch = 0;
  let metEpoch = 0;
  const nodeWord: string[] = [];
  let nodeNext = new Int32Array(256);
  let nodeCount = 0;
  const nextFitEpoch = (): number => {
    if (fitEpoch >= 0x3fffffff || metEpoch >= 0x3fffffff) {
      fitEpoch = metEpoch = 0;
      fitStamp.fill(0);
      metStamp.fill(0);
      explainStamp.fill(0);
    }
    return ++fitEpoch;
  };
  const pushShared = (d: number, w: string): void => {
    if (nodeCount === nodeNext.length) {
      nodeNext = grown(nodeNext);
    }
    const node = nodeCount++;
    nodeWord[node] = w;
    nodeNext[node] = -1;
    if (fitHead[d] === -1) fitHead[d] = node;
    else nodeNext[fitTail[d]!] = node;
    fitTail[d] = node;
    fitCount[d]!++;
  };
  const sharedOf = (d: number): string[] => {
    const out: string[] = [];
    for (let node = fitHead[d]!; node !== -1; node = nodeNext[node]!) out.push(nodeWord[node]!);
    return out;
  };

  return withTextsRemembered({
    size: entries.length,
    lexicon,
    keys: new Set(byWord.keys()),
    // The first entry of the concept, as a scan finds it.
    formsOf: (concept) => firstForms.get(concept) ?? [],
    namesWith: (stem) => formWords.has(looseKey(stem)),
    conceptsIn(text) {
      // A name is looked for within each listed phrase: "image and video editing" names video
      // editing, not image-to-video generation.
      const grams = new Set(phraseRuns(text, nameStems, (s) => s !== 'to' && !GENERIC_WORDS.has(s)).flatMap((run) => [...ngramSet(run)]));
      // "editing images" names image editing, "compressing LLMs" LLM compression.
      const gerunds = gerundStems(text);
      const typedGrams = new Set(grams);
      for (const g of [...grams]) {
        const [a, b, more] = g.split(' ');
        if (b !== undefined && more === undefined && gerunds.has(a!)) grams.add(`${b} ${a}`);
      }
      const hits = new Map<number, ConceptHit>();
      const named = new Set<string>();
      for (const g of grams) {
        for (const e of byForm.get(g) ?? (typedGrams.has(g) ? headless.get(g) : undefined) ?? []) {
          // A single generic word ("model") names nothing.
          if (!g.includes(' ') && GENERIC_WORDS.has(g)) continue;
          const said = g.split(' ').filter((w) => w !== 'to');
          hits.set(e, { concept: entries[e]!.concept, strength: 1, via: 'named', words: said });
          for (const w of said) named.add(w);
        }
      }
      // A description must explain something the names do not ("making image and video
      // generators faster" names video generation; 'faster' is left to describe), and is
      // judged on the whole text, so a gloss about speed in general loses to one about
      // faster image and video generation.
      const content = contentStems(withoutFunctionWords(text)).filter((s) => !GENERIC_WORDS.has(s) && !LIGHT_VERBS.has(s) && s.length > 1);
      const residual = new Set(content.filter((s) => !named.has(s)).map(looseKey));
      const asked = [...new Set(content.map(looseKey))];
      const total = asked.reduce((s, w) => s + weight(w), 0);
      if (total > 0 && residual.size > 0) {
        const described: Array<ConceptHit & { entry: number; named: number; phrased: number }> = [];
        const order = (a: (typeof described)[number], b: (typeof described)[number]) => b.strength - a.strength || b.phrased - a.phrased || b.named - a.named;
        const textPairs = wordPairs(text);
        // Each description's share of the text's words, from the words' postings: the word itself
        // earns its weight, a synonym of it SYNONYM_CREDIT of it.
        // (In arrays by description, reused across calls: common words are in hundreds of descriptions.)
        const epoch = nextFitEpoch();
        // The descriptions sharing a word the names left unexplained, each once (stamped).
        let explainCount = 0;
        const askedSet = new Set(asked);
        nodeCount = 0;
        for (const w of asked) {
          const [own, ...others] = alternatives(w);
          const met = ++metEpoch;
          const wordWeight = weight(w);
          const explaining = residual.has(w);
          const meet = (i: number, share: number) => {
            if (metStamp[i] === met) return;
            metStamp[i] = met;
            if (fitStamp[i] !== epoch) {
              fitStamp[i] = epoch;
              fitCovered[i] = 0;
              fitExact[i] = 0;
              fitCount[i] = 0;
              fitHead[i] = -1;
            }
            fitCovered[i]! += wordWeight * share;
            pushShared(i, w);
            if (share === 1) fitExact[i]!++;
            if (explaining && explainStamp[i] !== epoch) {
              explainStamp[i] = epoch;
              explains[explainCount++] = i;
            }
          };
          for (const i of byWord.get(own!) ?? []) meet(i, 1);
          // A synonym that is itself one of the text's words is credited as that word already
          // ("think" and "reasoning" typed together: 'reason' counts once).
          for (const s of others) if (!askedSet.has(s)) for (const i of byWord.get(s)!) meet(i, SYNONYM_CREDIT);
        }
        // Only concepts that share a word the names left unexplained can be described; a
        // concept is described as well as its best-fitting description describes it.
        const best = new Map<number, (typeof described)[number]>();
        for (const d of explains.subarray(0, explainCount).sort()) {
          const i = descriptions[d]!.entry;
          if (hits.has(i)) continue;
          const e = entries[i]!;
          const covered = fitCovered[d]!;
          const exact = fitExact[d]!;
          const count = fitCount[d]!;
          const coverage = covered / total;
          // One shared word describes a concept only if its names say it: "music" is not about
          // recommender systems because their gloss mentions songs and music. Synonyms only
          // help a concept that shares a word itself: "sorting parcels" is no topic modelling
          // because 'sort' and 'parcel' have senses that its gloss's 'kinds' and 'topics' share.
          // An everyday way of typing a concept says the problem in its own words ("bringing a new
          // drug to market takes a decade"): one word in common with a topic is chance.
          if (!descriptions[d]!.gloss && exact < 2) continue;
          if (exact >= 1 && coverage >= MIN_COVERAGE && (count >= 2 || (coverage >= ONE_WORD_COVERAGE && e.formWords.has(nodeWord[fitHead[d]!]!)))) {
            const shared = sharedOf(d);
            const named = shared.filter((w) => e.idWords.has(w)).length / shared.length;
            let phrased = 0;
            for (const pair of textPairs) if (descriptions[d]!.pairs.has(pair)) phrased++;
            const hit = { concept: e.concept, strength: coverage * DESCRIBED_FACTOR, via: 'described' as const, words: shared, entry: i, named, phrased };
            const before = best.get(i);
            if (!before || order(hit, before) < 0) best.set(i, hit);
          }
        }
        described.push(...best.values());
        // Of concepts the text fits as well, those whose gloss says its words in its order come
        // first ("models that make things up": hallucination, whose gloss says "makes things
        // up", among many glosses that say "AI" and "things"), then those whose name says its
        // words ("use tools" describes tool use before agent safety, whose gloss mentions tools). Concepts
        // that fit it no better than the first one left out are not described by it in
        // particular: which of them came first would be the vocabulary's order ("speech" alone
        // described syntactic parsing, one of many concepts whose gloss says it).
        described.sort(order);
        const firstLeftOut = described[MAX_DESCRIBED];
        for (const d of described.slice(0, MAX_DESCRIBED)) {
          if (firstLeftOut && order(d, firstLeftOut) >= 0) break;
          const { entry, named: _, phrased: __, ...h } = d;
          hits.set(entry, h);
        }
      }
      return [...hits.values()].sort((a, b) => b.strength - a.strength);
    },
  });
}

/**
 * The vocabulary with conceptsIn's answers kept per text: a topic's text is read twice as it
 * compiles (topic-wording.ts withNamingLongForms, then topic-model.ts with the same text when no
 * long form changed it), and an acronym's long form once per topic that types the acronym. A
 * vocabulary reads a text one way, so the answer is the same. Bounded: a long-running service
 * reads every text anyone types.
 */
function withTextsRemembered(vocabulary: Vocabulary): Vocabulary {
  const scan = vocabulary.conceptsIn;
  const read = new Map<string, ConceptHit[]>();
  return {
    ...vocabulary,
    conceptsIn(text) {
      let hits = read.get(text);
      if (!hits) {
        if (read.size >= TEXT_CACHE_LIMIT) read.clear();
        read.set(text, (hits = scan(text)));
      }
      // A list of its own per call; the hits themselves are shared, and read only.
      return hits.slice();
    },
  };
}
