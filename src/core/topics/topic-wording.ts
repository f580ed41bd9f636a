/**
 * How a typed topic is put, read apart from what it is about: a verb that tells its object to
 * do something ("teaching models to use tools"), one of stopping ("stopping AI systems from
 * exposing personal information"), "AI" framing a topic typed into a feed of AI papers, and a
 * head noun put first ("benchmarks for LLM agents").
 */
import { wholeWord } from '../regexp.js';
import type { Corpus } from './corpus.js';
import { GENERIC_WORDS, LIGHT_VERBS, contentStems, isStopword, stem, withoutFunctionWords, words as rawWords } from './text.js';
import type { Vocabulary } from './vocabulary/vocabulary.js';

/** A word of a topic made of common words only: any but a light verb or a number. */
export const commonWord = (s: string) => s.length > 1 && !LIGHT_VERBS.has(s) && !/^\d+$/.test(s);
/** A word that tells papers apart: not one most papers use ("model", "learning"). */
export const meaningful = (s: string) => commonWord(s) && !GENERIC_WORDS.has(s);

/**
 * Verbs that tell someone to do something: "teaching models to use tools", "enabling robots to
 * grasp". Only these: "to" also starts a noun phrase ("personalizing assistants to each user",
 * "adapting LLMs to medicine"), where the opening verb is the topic.
 */
const CAUSATIVE_VERBS = new Set(['teaching', 'training', 'enabling', 'allowing', 'encouraging', 'forcing', 'asking', 'instructing'].map(stem));

/**
 * A topic that opens with a causative verb whose object is then told to do something is about
 * that something: the verb is grammar, like a light verb. The text is returned without it.
 */
export function withoutControlVerb(text: string): string {
  const m = /^\s*([a-z]+ing)\s+(?:[\w-]+\s+){1,3}?to\s+\w/i.exec(text);
  return m && CAUSATIVE_VERBS.has(stem(m[1]!.toLowerCase())) ? text.slice(m.index + m[0].indexOf(m[1]!) + m[1]!.length) : text;
}

/**
 * The text without a verb of stopping that opens it before "X from Y-ing" ("stopping AI systems
 * from exposing personal information"): the verb says what is wanted of Y, and papers say it in
 * their own ways (they detect, defend, anonymise). Rare in abstracts, as an aspect it outweighed
 * the words of what is stopped, and papers on privacy fell under the bar of that topic. It stays
 * a word of the topic, evidence where a paper says it ("early stopping" of overthinking).
 */
export function withoutPreventiveVerb(text: string): string {
  const p = /^\s*([a-z]+ing)\s+(?:[\w'’-]+\s+){1,4}?from\s+\w+ing\b/i.exec(text);
  return p && PREVENTIVE_VERBS.has(stem(p[1]!.toLowerCase())) ? text.slice(p.index + p[0].indexOf(p[1]!) + p[1]!.length) : text;
}

/** "stopping AI systems from exposing personal information": the topic is what is stopped, however papers stop it. */
const PREVENTIVE_VERBS = new Set(['stopping', 'preventing', 'keeping', 'blocking', 'discouraging', 'deterring', 'protecting', 'shielding', 'saving'].map(stem));

/**
 * "AI" frames a topic typed into a feed of AI papers ("AI that writes software", "AI for
 * languages with little data"): what follows is the subject. Kept as an aspect, it made the
 * topic's best first-pass papers those that say "artificial intelligence" most, and how often
 * that happened depended on the rest of the corpus. It stays when it is all there is, and
 * where it is part of a word ("AI-generated").
 */
const FRAMING = /(?<![\w-])(?:ai|a\.i\.|artificial intelligence)(?![\w-])/gi;

/**
 * "-based" between two words of a topic ("LLM-based agents", "transformer-based models") says
 * the one is built on the other: papers say "LLM agents" as often, and as an aspect of its own
 * "based", in a third of all abstracts, ranked the papers that say "based on" highest.
 * "-style" says the same of a method ("GRPO-style post-training"), and "style" is a subject of
 * its own elsewhere ("style transfer").
 */
const BUILT_ON = /(?<=[\p{L}\p{N}])(?:[-\u2010\u2011 ]based|[-\u2010\u2011]style)(?=\s+[\p{L}\p{N}])/giu;

export function withoutFraming(text: string): string {
  const rest = text.replace(BUILT_ON, '').replace(FRAMING, ' ');
  // Common words are a subject too ("benchmarks for evaluating AI models" is about benchmarks):
  // kept beside them, "AI" was the one word that told papers apart, and the topic matched the
  // papers that say "artificial intelligence" most. Words for what is delivered ("AI news") are none.
  return contentStems(withoutFunctionWords(rest)).some((s) => commonWord(s) && !WHAT_IS_DELIVERED.has(s)) ? rest : text;
}

/**
 * Words for what paperboy delivers, not for a subject: "papers pls", "latest papers" or "new
 * research" alone matched the papers that happen to say "paper" or "latest" most. Beside words
 * of a subject they are read as usual.
 */
export const WHAT_IS_DELIVERED = new Set(['paper', 'papers', 'research', 'work', 'works', 'study', 'studies', 'article', 'articles', 'preprint', 'preprints', 'arxiv', 'latest', 'new', 'newest', 'recent', 'publication', 'publications', 'news', 'update', 'updates', 'stuff', 'thing', 'things', 'topic', 'topics'].map(stem));

/**
 * "benchmarks for LLM agents" is what "LLM agent benchmarks" says, "attacks on VLMs" what "VLM
 * attacks" says: a head noun with a for/on phrase after it, read as the compound papers write.
 * Not "of": "theory of mind" and "chain of thought" are names, not "mind theory". Null when the
 * text is not of that shape, or the phrase after the head is more than a plain noun phrase.
 */
export function headFirst(text: string): string | null {
  const m = /^\s*([\w-]+)\s+(?:for|on)\s+((?:(?!\b(?:for|of|on|in|with|and|or|the)\b)[^,;:()])+?)\s*$/i.exec(text);
  // One head word ("benchmarks", "attacks"); a longer head ("synthetic data for …") has no one compound.
  if (!m || contentStems(m[1]!).length !== 1 || contentStems(m[2]!).length === 0 || contentStems(m[2]!).length > 3) return null;
  return `${m[2]} ${m[1]}`;
}

/**
 * The text with each abbreviation it types that names no concept ("RL") written out as the
 * papers define it, where that names one ("reinforcement learning"), and those long forms' stems
 * by the abbreviation's stem. Typed alone, "RL" named nothing, and concepts with 'RL' in a form
 * ("RL with verifiable rewards", "exploration in LLM RL") were read as what it described: their
 * papers set its bar, and "RL" matched 13 of the papers "reinforcement learning" matched 41 of.
 * An abbreviation that names a concept itself ("ASR") is left as typed.
 */
export function withNamingLongForms(text: string, corpus: Corpus, vocabulary: Vocabulary): { text: string; longForms: Map<string, string[]> } {
  const longForms = new Map<string, string[]>();
  const named = new Set(vocabulary.conceptsIn(text).flatMap((h) => (h.via === 'named' ? h.words : [])));
  let out = text;
  for (const typed of new Set(rawWords(text))) {
    const short = stem(typed);
    if (short.includes(' ') || named.has(short) || !meaningful(short)) continue;
    for (const long of corpus.acronyms.get(short) ?? []) {
      const stems = long.split(' ');
      const said = stems.filter((s) => !GENERIC_WORDS.has(s));
      // Its long form must name a concept in full: "attack success rate" naming 'attack' is no reading of ASR.
      if (!vocabulary.conceptsIn(long).some((h) => h.via === 'named' && said.every((s) => h.words.includes(s)))) continue;
      longForms.set(short, stems);
      out = out.replace(wholeWord(typed, 'gi'), long);
      break;
    }
  }
  return { text: out, longForms };
}

/**
 * A topic that is one abbreviation alone ("LLMs", "VLM") written out as the papers define it,
 * where that long form names the concept the abbreviation names (or, naming none, a concept in
 * full), in the concept's own spelling; otherwise the text as typed. Typed alone, the
 * abbreviation and its long form were one group of evidence, while the long form typed made a
 * group of each word and pair; the concept's narrower forms ("GPT-4", "Llama") then outweighed
 * the papers that say LLM, the bar stood over most of them, and "LLMs" matched 8 of the 384
 * real papers "large language models" matches 26 of. Beside other words it stays as typed:
 * written out there ("LLMs for recommendation"), its words outweighed the rest of the topic.
 */
export function abbreviationSpelledOut(text: string, corpus: Corpus, vocabulary: Vocabulary): string {
  const typed = rawWords(text).filter((w) => !isStopword(w));
  if (typed.length !== 1) return text;
  const short = stem(typed[0]!);
  if (!meaningful(short)) return text;
  const own = new Set(vocabulary.conceptsIn(typed[0]!).flatMap((h) => (h.via === 'named' ? [h.concept] : [])));
  for (const long of corpus.acronyms.get(short) ?? []) {
    const said = long.split(' ').filter((s) => !GENERIC_WORDS.has(s));
    const named = vocabulary.conceptsIn(long).filter((h) => h.via === 'named' && said.every((s) => h.words.includes(s)) && (!own.size || own.has(h.concept)));
    const spelling = named.flatMap((h) => h.concept.forms).find((f) => contentStems(f).join(' ') === long);
    if (spelling) return text.replace(wholeWord(typed[0]!, 'i'), spelling);
  }
  return text;
}

/**
 * The text with each pair of typed words the papers write as one word ("multi-modal", "multi
 * lingual") written so: the topic's aspect is then the word papers say. Read as two, 'multi' was
 * an aspect of its own that every "multi-turn" or "multi-step" paper spoke to, and "multi-modal
 * reasoning" matched 18 of the 384 real papers where "multimodal reasoning" matches 29. A pair
 * the papers write apart at least as often ("pre-training", "multi-agent") stays two words.
 */
export function joinedAsPapersWrite(text: string, corpus: Corpus): string {
  // Words at odd indexes, what separates them at even ones.
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  for (let i = 1; i + 2 < parts.length; i += 2) {
    const [a, b] = [parts[i]!.toLowerCase(), parts[i + 2]!.toLowerCase()];
    if (!/^(?:[-\u2010\u2011]| +)$/.test(parts[i + 1]!) || isStopword(a) || isStopword(b)) continue;
    const joined = corpus.df(stem(a + b));
    if (joined > 0 && joined > corpus.df(`${stem(a)} ${stem(b)}`)) {
      parts.splice(i, 3, parts[i]! + parts[i + 2]!);
      // The joined word may join the next one too.
      i -= 2;
    }
  }
  return parts.join('');
}
