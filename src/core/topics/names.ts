/** Topic names: slugs, validation, and "did you mean" suggestions. */
import { createHash } from 'node:crypto';
import { CATALOG } from './catalog.js';
import type { TopicStore } from './ports.js';
import { tooLongText, truncate } from '../truncate.js';
import { editDistance, typoLimit, withinTypo } from '../edit-distance.js';
import { GENERIC_WORDS, americanWord, isStopword, stem } from './text.js';
import { withoutNegated } from './asking.js';
import { hasMatchableWords } from './topic-model.js';
import { hasControl } from '../controls.js';
import { straightDoubleQuotes } from '../quotes.js';
import { foldDiacritics } from '../diacritics.js';
import { withoutEmoji } from '../emoji.js';

/** Every topic's name by slug: how lists and reasons show the topics people named. */
export async function topicNamesBySlug(store: Pick<TopicStore, 'list'>): Promise<Map<string, string>> {
  return new Map((await store.list()).map((t) => [t.slug, t.name]));
}

export const MAX_TOPIC_NAME = 120;
export const MAX_DESCRIPTION = 2_000;

export type NameCheck = { ok: true; value: string } | { ok: false; error: string };

// Characters that show nothing (zero-width space, word joiner, BOM, soft hyphen, invisible
// operators, direction marks), pasted from web pages and chat: a name keeps what it shows, so
// "zero\u200Bwidth" is stored, found and slugged as the "zerowidth" people see. Joiners (ZWJ,
// ZWNJ) stay: emoji sequences and scripts such as Persian are spelt with them.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u2060-\u2064\uFEFF]/g;

/**
 * Backticks (and the fullwidth one) mark code in Slack and Discord, and nothing in a name: a name
 * typed as `kv cache` (as chat users write a term) or holding one showed as code in every answer
 * that named it, as no other markup in a name did. Dropped, the name is the words, slugged and
 * found as before (slugs never held them).
 */
export const CODE_MARKS = /[`\uFF40]/g;

/**
 * Quotes around the whole of a text, its double quotes straightened (quotes.ts) ('"A" and "B"' is
 * two quoted words, not one quote).
 */
const QUOTED = /^["'‘’]([^"]+)["'‘’]$/s;

/** A single quote that is no apostrophe: not between two letters or digits ("'speech' and 'music'"). */
const LONE_SINGLE_QUOTE = /(?<![\p{L}\p{N}])['‘’]|['‘’](?![\p{L}\p{N}])/u;

/** The text inside quotes around all of it; null when it is not quoted so. */
export function quotedText(text: string): string | null {
  // The inside holds no double quote, straight or typographic: straightening leaves it as typed.
  const inner = QUOTED.exec(straightDoubleQuotes(text))?.[1];
  if (inner === undefined) return null;
  // In single quotes, one inside that is no apostrophe ("Hopfield’s") closes a quote of its own.
  return /^['‘’]/.test(text) && LONE_SINGLE_QUOTE.test(inner) ? null : inner;
}

/**
 * Validate a user-supplied name (topic name or query-like text). Quotes around all of it are
 * no part of it: a shell, a document or a phone keyboard leaves them (`--topic '"RLHF"'`), and
 * a topic made with them could not be named again without them.
 */
export function checkText(raw: unknown, what: string, max: number): NameCheck {
  if (typeof raw !== 'string') return { ok: false, error: `${what} must be text` };
  // Control characters and bidi overrides make names render differently from what was typed.
  if (hasControl(raw)) return { ok: false, error: `${what} contains control characters` };
  const cleaned = raw.normalize('NFC').replace(INVISIBLE, '').replace(CODE_MARKS, '').replace(/\s+/g, ' ').trim();
  const value = (quotedText(cleaned) ?? cleaned).trim();
  if (value === '') return { ok: false, error: `${what} is empty` };
  if (value.length > max) return { ok: false, error: tooLongText(what, value, max) };
  return { ok: true, value };
}

/**
 * A topic as someone typed it, wherever it comes in (subscribe, unsubscribe, channel add, topics,
 * match, feedback), in chat or on the command line: one check, so a name one command takes is a
 * name the others find again.
 */
export function checkTopicName(raw: unknown): NameCheck {
  return checkTopicText(raw, 'Topic name', MAX_TOPIC_NAME);
}

/**
 * checkText for text that names or is a topic: its words, without its emoji (emoji.ts). An emoji
 * is no word to match papers on, nor part of the name: ":rocket: agents" and "🚀 agents" are the
 * topic "agents". Its length is the text's as typed, which is what the person can count.
 */
export function checkTopicText(raw: unknown, what: string, max: number): NameCheck {
  const checked = checkText(raw, what, max);
  if (!checked.ok) return checked;
  const value = topicWords(checked.value);
  if (value === '') return { ok: false, error: `${what} needs at least one letter or digit: an emoji alone names no topic` };
  return { ok: true, value };
}

/** A checked topic text (or a stored topic's name) without its emoji: the words it is found by. */
export function topicWords(text: string): string {
  const words = withoutEmoji(text);
  // Quotes were around the words only ('"🚀 agents"' is '"agents"' now).
  return (quotedText(words) ?? words).trim();
}

/** Slack and Discord mentions of people, roles and channels, and their pings for everyone. */
const MENTION = /<[@#!][^>]*>|(?<![\w.])@(?:everyone|here)(?![\w-])/i;

/** Slack's markup for a link, with its label when it has one. */
const SLACK_LINK = /<(?:https?|mailto|ftp):[^|>\s]*(?:\|([^>]*))?>/i;

/** A Markdown link, with its label, or a bare web address. */
const MARKDOWN_OR_URL = /\[([^\]]*)\]\(\s*(?:https?:|www\.)[^)]*\)|(?:https?:\/\/|www\.)\S+/i;

/**
 * HTML's tags, pasted from a page or typed to format ("<b>audio</b> codecs"): slugged and matched
 * as words they made 'b-audio-b-codecs'. Only elements' names count, or a tag with a quoted
 * attribute, so "a <-> b", "x < y", "<3" and the tokens papers write so ("<think>", "<image>",
 * "List<T>") stay text. Media elements are left out: "<video> tokens" means the video token.
 */
const HTML_TAG = new RegExp(
  String.raw`</?(?:a|abbr|b|big|blockquote|body|br|center|code|del|div|em|embed|font|form|h[1-6]|head|hr|html|i|iframe|img|input|ins|kbd|li|link|marquee|meta|object|ol|p|pre|q|script|small|span|strike|strong|style|sub|sup|svg|table|td|th|tr|tt|u|ul)(?:\s[^<>]*)?/?>` +
    String.raw`|<[a-z][\w-]*\s[^<>]*=\s*["'][^<>]*>`,
  'i',
);

/** Whether the text mentions someone or pings a channel: no topic name or definition phrase should. */
export function hasMention(text: string): boolean {
  return MENTION.test(text);
}

/**
 * Why a topic's text could never be a topic (null when it can): the one check a new topic and
 * `match`'s free text share, so text `match` accepts is text `subscribe` takes.
 */
export function topicTextProblem(value: string): string | null {
  if (!slugify(value)) return 'Topic name needs at least one letter or digit';
  const markup = markupProblem(value, 'A topic name');
  if (markup) return markup;
  // Papers are matched on a topic's content words: "the", "of and", a single letter ("x") or a
  // bare number could never match one (the matcher's own rule, topic-model.ts).
  if (!hasMatchableWords(value)) return `"${truncate(value, 40)}" has no word papers could be matched on (single letters, bare numbers, words like "the", "of", "get", and "papers" or "latest" alone are not matched: name a subject)`;
  return null;
}

/**
 * Why text that is matched on (a topic's name or description) cannot be taken as typed, or null:
 * a mention, a link whose address would be matched as words, or HTML tags.
 */
export function markupProblem(value: string, what: string): string | null {
  // Topics are shared: one named after a person or a ping ("<@U123>", "@everyone") is a slip of the keyboard.
  if (hasMention(value)) return `${what} cannot contain a mention (<@…>, <#…>, <!…>, @everyone, @here)`;
  // Slack's link markup ("<https://…|speculative decoding>"), pasted: read as markup, its words were lost.
  // A web address or a Markdown link ("[paper](https://…)") would be matched on 'https' and its path's words.
  const link = SLACK_LINK.exec(value) ?? MARKDOWN_OR_URL.exec(value);
  if (link) return `${what} cannot contain a link (${truncate(link[0], 40)}): type the words${link[1] ? ` (“${truncate(link[1], 40)}”)` : ''} instead`;
  const tag = HTML_TAG.exec(value);
  if (tag) return `${what} cannot contain HTML markup (${truncate(tag[0], 40)}): type the words instead`;
  return null;
}

/** Most phrases one list of a topic's definition holds (must, must-not, expansions, exclusions). */
export const MAX_PHRASES = 20;

/** One phrase as a person or an LLM gave it: trimmed, bounded, no control characters, no mention. */
export function checkPhrase(raw: unknown, what: string): NameCheck {
  const c = checkText(raw, `${what} phrase`, MAX_TOPIC_NAME);
  if (c.ok && hasMention(c.value)) return { ok: false, error: `${what} phrase "${truncate(c.value, 40)}" cannot contain a mention` };
  return c;
}

/**
 * A list of phrases for a topic's definition, the one check every way in uses: each phrase
 * checked, the same phrase in other letter case once, at most MAX_PHRASES (more is refused,
 * not cut, so nothing typed is silently lost); one bad phrase refuses the list, saying why.
 */
export function checkPhrases(list: unknown, what: string): { ok: true; value: string[] } | { ok: false; error: string } {
  if (list === undefined) return { ok: true, value: [] };
  if (!Array.isArray(list)) return { ok: false, error: `${what}: a list of phrases is expected` };
  const out: string[] = [];
  for (const raw of list) {
    const c = checkPhrase(raw, what);
    if (!c.ok) return c;
    if (!out.some((p) => samePhrase(p, c.value))) out.push(c.value);
  }
  if (out.length > MAX_PHRASES) return { ok: false, error: `${what}: at most ${MAX_PHRASES} phrases (got ${out.length})` };
  return { ok: true, value: out };
}

/** Whether two checked phrases are one phrase for a definition: letter case aside. */
export function samePhrase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The first phrase of `against` that is in `against` and `for` alike (checked lists, as
 * checkPhrases gives them), or null: a phrase that counts for a topic and against it at once
 * says nothing, and which side wins would be the matcher's accident, not what was meant.
 */
export function phraseOnBothSides(forPhrases: readonly string[], against: readonly string[]): string | null {
  return against.find((a) => forPhrases.some((f) => samePhrase(f, a))) ?? null;
}

/** Longest slug: a Slack or Discord button's id carries one within its 100 characters (255 on Slack). */
const SLUG_MAX = 80;

/**
 * 'Audio Codecs!' -> 'audio-codecs'. Accents of Latin letters go ('Café' is 'cafe'); the marks
 * other scripts spell with stay (Devanagari vowel signs, kana voicing, Cyrillic 'й': 'कोड' is
 * not 'किड', 'мой' not 'мои'), and the signs that tell languages apart are spelt out ('C++' ->
 * 'c-plus-plus', 'C#' -> 'c-sharp', '.NET' -> 'dot-net'), so different names do not share a slug.
 */
export function slugify(name: string): string {
  const full = foldDiacritics(name)
    .replace(/(?<=[\p{L}\p{N}+])\+/gu, ' plus ')
    .replace(/(?<=\p{L})#/gu, ' sharp ')
    .replace(/(?<![\p{L}\p{N}.])\.(?=\p{L})/gu, ' dot ')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
  if (full.length <= SLUG_MAX) return full;
  // Cut alone, every name of the same first 80 characters had one slug: "… in biology" and "…
  // in physics" were one topic, and unsubscribing from one left the other. The cut keeps a
  // short hash of the whole. Topics stored under the bare cut are found by legacySlugify.
  const tag = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${cutSlug(full, SLUG_MAX - tag.length - 1)}-${tag}`;
}

function cutSlug(slug: string, max: number): string {
  const cut = slug.slice(0, max);
  // At a word's end where one is near, so the slug still reads as the name ('…-for-long', not '…-for-long-d').
  const end = slug.charAt(max) === '-' ? max : cut.lastIndexOf('-');
  return (
    (end > max / 2 ? cut.slice(0, end) : cut)
      // Cut inside a letter beyond the Basic Multilingual Plane ('𠀋'), half a surrogate pair was
      // left: no text at all, which PostgreSQL refuses to store.
      .replace(/[\uD800-\uDBFF]$/, '')
      // Cut at a separator, a slug ended in '-', which slugifying it again (a lookup by slug) took off.
      .replace(/-+$/, '')
  );
}

/**
 * The slug releases before 2026-12-05 gave a name: every sign and combining mark a '-', so
 * 'C++', 'C#' and 'C' shared one. Topics stored under it are still found by it (topic-service).
 * Its fold is its own on purpose (accents off every script, not foldDiacritics'): a stored slug
 * is only found again by the rule that made it.
 */
export function legacySlugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

/**
 * The built-in topic a name or alias refers to ('RAG' -> retrieval-augmented-generation), letter
 * case, punctuation, spacing and a plural 's' aside ("Mixtures-of-Experts"). A slip of the
 * keyboard is not a form of it ("mixture of expers"): that is asked about (classifyTyped).
 */
export function catalogSlugFor(name: string): string | undefined {
  for (const slug of namings(name).map(americanSlug)) {
    const spec = catalogKeys().get(slug) ?? catalogKeys().get(withoutPlural(slug));
    if (spec) return spec.slug;
  }
  return undefined;
}

/**
 * A slug with each word spelt as in American English ('image-tokenisers' -> 'image-tokenizers',
 * 'reward-modelling' -> 'reward-modeling'): a name typed in British spelling is the same name.
 * Typed so, "image tokenisers" was asked about as a slip of "image tokenizers" and "image
 * tokenisation" made a topic of its own beside the built-in one.
 */
export function americanSlug(slug: string): string {
  return slug.split('-').map(americanWord).join('-');
}

/**
 * A slug with each word's plural 's' dropped ('mixtures-of-experts' -> 'mixture-of-expert'), so
 * a name and its inflections are one name. Words of four letters or more, not ending in -ss,
 * -us or -is ("loss", "corpus", "analysis" are no plurals).
 */
function withoutPlural(slug: string): string {
  return slug
    .split('-')
    .map((w) => (w.length > 3 && /[^sui]s$/.test(w) ? w.slice(0, -1) : w))
    .join('-');
}

let keys: Map<string, (typeof CATALOG)[number]> | undefined;
/**
 * Each catalog topic by its slug, its name's and its aliases' slugs, and those without their
 * plurals (withoutPlural): a name is tried in many forms.
 */
function catalogKeys(): Map<string, (typeof CATALOG)[number]> {
  if (!keys) {
    keys = new Map();
    const forms = (spec: (typeof CATALOG)[number]) => [spec.slug, slugify(spec.name), ...spec.aliases.map(slugify)].map(americanSlug);
    for (const spec of CATALOG) for (const key of forms(spec)) if (!keys.has(key)) keys.set(key, spec);
    for (const spec of CATALOG) for (const key of forms(spec).map(withoutPlural)) if (!keys.has(key)) keys.set(key, spec);
  }
  return keys;
}

/**
 * Acronyms the catalog's names and aliases use without spelling them out anywhere ("LLM
 * agents"), with the words they stand for. The others it spells out itself (spelledOut).
 */
const LONG_FORMS: Readonly<Record<string, string>> = { llm: 'large language model' };

let longForms: Map<string, Set<string>> | undefined;
/**
 * For each acronym of the catalog, the words it stands for (slugs, plurals dropped): "moe" is
 * "mixture-of-expert", read off a topic whose name or aliases give both ("mixture of experts",
 * "MoE"), or from LONG_FORMS. Other words with those initials are not the acronym: "mixture of
 * expers" is a slip to ask about, "mixture of everything" a topic of its own.
 */
function spelledOut(): Map<string, Set<string>> {
  if (!longForms) {
    const out = new Map<string, Set<string>>();
    const add = (acronym: string, long: string) => {
      const key = acronym.replace(/s$/, '');
      out.set(key, (out.get(key) ?? new Set()).add(withoutPlural(long)));
    };
    for (const spec of CATALOG) {
      const forms = [slugify(spec.name), ...spec.aliases.map(slugify)];
      for (const short of forms) if (!short.includes('-')) for (const long of forms) if (long !== short && abbreviates(short, long)) add(short, long);
    }
    for (const [acronym, long] of Object.entries(LONG_FORMS)) add(acronym, slugify(long));
    longForms = out;
  }
  return longForms;
}

/**
 * What a starter topic is typed as besides its name, for telling a slip in it from new words:
 * its aliases that mean the topic itself and are words, not an acronym ("reinforcement learning
 * from human feedback" for RLHF), and its name and those with an acronym spelled out ("large
 * language model agents"). Bare acronyms are left out: one letter off one is another acronym
 * ("GAN" is no slip of "GNN").
 */
export function catalogSpellings(slug: string): string[] {
  const spec = CATALOG.find((s) => s.slug === slug);
  if (!spec) return [];
  const out = new Set<string>();
  for (const form of [slugify(spec.name), ...spec.aliases.filter(isEquivalentAlias).map(slugify)]) {
    out.add(form);
    const words = form.split('-');
    words.forEach((w, i) => {
      for (const long of spelledOut().get(w.replace(/s$/, '')) ?? []) out.add([...words.slice(0, i), long, ...words.slice(i + 1)].join('-'));
    });
  }
  return [...out].filter((f) => f.includes('-'));
}

/**
 * An alias that means the same as the catalog topic's name: its acronym ("RAG", "MoE"), the
 * long form its name abbreviates ("reinforcement learning from human feedback" for "RLHF"), or
 * a spelling of it. Other aliases ("KV cache compression" under "token compression") are
 * narrower or neighbouring ideas.
 */
export function isEquivalentAlias(text: string): boolean {
  return namings(text).some(equivalentSlug);
}

function equivalentSlug(slug: string): boolean {
  const key = withoutPlural(americanSlug(slug));
  const spec = CATALOG.find((s) => [s.name, ...s.aliases].some((a) => withoutPlural(americanSlug(slugify(a))) === key));
  if (!spec) return false;
  const name = slugify(spec.name);
  if (key === withoutPlural(americanSlug(name))) return true;
  return abbreviates(slug, name) || abbreviates(name, slug);
}

const SMALL_WORDS: ReadonlySet<string> = new Set(['of', 'from', 'for', 'the', 'and', 'with', 'to', 'in']);

/** Words a field writes short for its long form's: "graph neural nets" are graph neural networks. */
const SHORT_WORDS: Readonly<Record<string, string>> = { net: 'network' };
/** A slug without its small words, its short words written out ('reinforcement-learning-human-feedback'). */
const contentWords = (slug: string) =>
  slug
    .split('-')
    .filter((w) => !SMALL_WORDS.has(w))
    .map((w) => SHORT_WORDS[w] ?? w)
    .join('-');

/**
 * The slugs a typed text names a catalog topic by: the text itself; a name written with its
 * acronym beside it ("mixture of experts (MoE)", "RAG (retrieval-augmented generation)", "large
 * language model (LLM) agents") by either form; and a run of its words spelled out where the
 * catalog writes their initials ("large language model agents" is "LLM agents"). Only an
 * acronym whose letters are the words' own initials counts, so "mixture of experts (routing)"
 * stays a topic of its own; and an acronym the catalog spells out stands only for those words
 * (spelledOut), so "mixture of expers" is no MoE.
 */
function namings(text: string): string[] {
  const out = new Set([slugify(text)]);
  for (const m of text.matchAll(/\(([^()]+)\)/g)) {
    const inside = slugify(m[1]!);
    const before = slugify(text.slice(0, m.index)).split('-');
    const after = slugify(text.slice(m.index! + m[0].length));
    // The words the acronym stands for end right before it: "large language model (LLM)".
    for (let k = 1; k <= before.length; k++) {
      const spelled = before.slice(before.length - k).join('-');
      if (!inside || !(abbreviates(inside, spelled) || abbreviates(spelled, inside))) continue;
      const head = before.slice(0, before.length - k);
      out.add([...head, spelled, after].filter(Boolean).join('-'));
      out.add([...head, inside, after].filter(Boolean).join('-'));
    }
  }
  for (const slug of [...out]) {
    const words = slug.split('-');
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 2; j <= words.length; j++) {
        const run = words.slice(i, j);
        if (SMALL_WORDS.has(run[0]!) || SMALL_WORDS.has(run[run.length - 1]!)) continue;
        for (const initials of new Set([run.map((w) => w[0]).join(''), run.filter((w) => !SMALL_WORDS.has(w)).map((w) => w[0]).join('')])) {
          // An acronym the catalog knows stands for its own words only ("mixture of expers" is not
          // MoE); its small words aside, as its initials are ("… with human feedback" is RLHF).
          const known = spelledOut().get(initials);
          const typed = contentWords(withoutPlural(run.join('-')));
          if (known && ![...known].some((long) => contentWords(long) === typed)) continue;
          out.add([...words.slice(0, i), initials, ...words.slice(j)].join('-'));
        }
      }
    }
  }
  return [...out];
}

/**
 * Whether two typed topics are one idea written with and without an acronym ("KV cache
 * compression", "key value cache compression"): one text's words spelled by their initials give
 * the other, and a word of the field stays beside the acronym in both. A bare acronym ("SR") or
 * one beside only common words ("SR models") is not enough: acronyms mean different things in
 * different subfields (speech recognition, super-resolution), so those stay topics of their own.
 * The typed side is worked out once: `find` asks this of every topic of one's own.
 */
export function sameByAcronymAs(text: string): (other: string) => boolean {
  const slug = slugify(text);
  const words = slug.split('-');
  const wordSet = new Set(words);
  const forms = new Set(namings(text));
  const fieldWords = new Set(words.filter((w) => w.length > 2 && !SMALL_WORDS.has(w) && !isStopword(w) && !GENERIC_WORDS.has(stem(w))));
  return (other) => {
    const otherSlug = slugify(other);
    if (!slug || !otherSlug || otherSlug === slug) return false;
    const otherWords = otherSlug.split('-');
    // The cheap test first: a word of the field in both.
    if (!otherWords.some((w) => fieldWords.has(w))) return false;
    // An acronym may be plural where its long form is ("GNNs for molecules").
    const singular = (short: string[], long: ReadonlySet<string>) => short.map((w) => (long.has(w) ? w : w.replace(/(?<=..)s$/, ''))).join('-');
    // Initials stand for two words or more: the spelled-out side is the longer one.
    if (otherWords.length < words.length) return forms.has(otherSlug) || forms.has(singular(otherWords, wordSet));
    if (otherWords.length === words.length) return false;
    const otherForms = new Set(namings(other));
    return otherForms.has(slug) || otherForms.has(singular(words, new Set(otherWords)));
  };
}

/** Whether `short` (a slug) is the initials of `long`'s words, with or without its small words. */
function abbreviates(short: string, long: string): boolean {
  const words = long.split('-');
  const initials = words.map((w) => w[0]).join('');
  const content = words.filter((w) => !SMALL_WORDS.has(w)).map((w) => w[0]).join('');
  const compact = short.replace(/-/g, '').replace(/s$/, '');
  return words.length > 1 && (compact === initials || compact === content);
}

/**
 * Whether the input asks for something else than a name a few letters away: a small word
 * swapped for another ("diffusion models, not video" beside "… for video"). A slip in a small
 * word ("form" for "from") is still a slip.
 */
function swapsSmallWord(target: string, slug: string): boolean {
  const wa = target.split('-');
  const wb = slug.split('-');
  return wa.length === wb.length && wa.some((w, i) => w !== wb[i] && isStopword(w) && isStopword(wb[i]!) && !withinTypo(w, wb[i]!));
}

/**
 * Names the input is probably a misspelling of ("speculative decodng"): a couple of edits
 * apart, not merely sharing a word. Free text that is only near a name is a new topic.
 */
export function likelyTypos(input: string, names: readonly string[]): string[] {
  // A text that says what it is not ("LLMs, not for code generation") is no slip of a name.
  if (withoutNegated(input).excluded.length > 0) return [];
  const target = slugify(input);
  return names.filter((name) => {
    const slug = slugify(name);
    return withinTypo(target, slug) && !swapsSmallWord(target, slug);
  });
}

/** The "did you mean" sentence for suggested names, with its leading space; empty when there are none. */
export function didYouMean(names: readonly string[]): string {
  return names.length ? ` Did you mean ${names.map((n) => `"${n}"`).join(', ')}?` : '';
}

/**
 * Up to `n` names close to the input: near in edit distance (relative to length) or sharing
 * a word. Far-off names are left out: a wrong suggestion is worse than none.
 */
export function closestNames(input: string, names: readonly string[], n = 3): string[] {
  const target = slugify(input);
  // Words most topics share ("models", "learning") make no name close: "stopping reasoning models
  // from overthinking" is nothing like "diffusion models for video".
  const targetWords = new Set(target.split('-').filter((w) => w.length > 2 && !isStopword(w) && !GENERIC_WORDS.has(stem(w))));
  const scored = names.map((name) => {
    const slug = slugify(name);
    const shared = slug.split('-').filter((w) => targetWords.has(w)).length;
    const edits = editDistance(target, slug);
    const distance = edits / Math.max(target.length, slug.length, 1);
    // The one typo rule (edit-distance.ts, withinTypo), so a name offered here is one `subscribe`
    // would take as meant; from the distance already counted (it is never under the length difference).
    const typo = edits <= typoLimit(target, slug);
    return { name, distance, shared, typo, close: distance <= 0.4 || typo };
  });
  // A name a typo away is what was meant: names that merely share a word ("models") are noise beside it.
  const typos = scored.filter((c) => c.typo);
  return (typos.length ? typos : scored)
    .filter((c) => c.close || c.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.distance - b.distance)
    .slice(0, n)
    .map((c) => c.name);
}
