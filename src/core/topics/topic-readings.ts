/**
 * How a typed topic's wording splits into what a paper must speak to: the alternatives a list
 * offers (readings) and the parts joined by a preposition. Both are bit masks over the topic's
 * aspect words (topic-model.ts), which coordination in query-scorer.ts reads.
 */
import { maskOf } from './query-scorer.js';
import { LIST_SPLIT, contentStems, stem, words } from './text.js';
import { meaningful } from './topic-wording.js';

/** The aspects of the topic a run of stems is evidence for. */
export function aspectsOf(stems: readonly string[], aspectWords: readonly string[]): number[] {
  return stems.map((s) => aspectWords.indexOf(s)).filter((i) => i >= 0);
}

/** Words that join a topic's subject to what it is for, with, in or about. */
const JOINERS = 'for|with|in|into|on|via|using|through|under|across|as|from';
/**
 * Where a topic splits into parts. Unlike READING_JOINER it also splits at a joining word inside
 * a hyphenated one ("learning on-device"): sharing READING_JOINER's guard here moved the
 * paraphrases as researchers name them from 0.625 to 0.623 (bench:match), so the two stay apart.
 */
const PART_SPLIT = new RegExp(`\\b(?:${JOINERS})\\b`, 'i');
/** What comes before a list up to its last joining word is shared by every item: "robots that | grasp and sort parcels". */
const LIST_HEAD = new RegExp(`^.*\\b(?:that|which|who|${JOINERS})\\b`, 'i');

/**
 * How a topic that lists alternatives reads, as sets of its aspect words: "human motion
 * generation and avatar animation" asks for either, "image and video editing" for image
 * editing or video editing ("A and B C" lends C to A), "speech recognition and synthesis" for
 * speech recognition or speech synthesis ("X Y and Z" lends X to Z), and a parenthesis names
 * the topic again ("retrieval-augmented generation (RAG)") unless it lists things: "encoders
 * (text, multimodal)" gives examples, which a paper need not name and which alone are no topic.
 * Words before the list up to a joining word go with every item ("robots that grasp and sort
 * parcels" reads as robots that grasp parcels or robots that sort parcels), and a list after the
 * last joining word is a choice for each item of one before it. Undefined for a topic that is
 * one phrase, or that asks for both items.
 */
export function topicReadings(text: string, aspectWords: readonly string[]): number[] | undefined {
  const content = (seg: string) => contentStems(seg).filter(meaningful);
  const inner = [...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1]!);
  const lists = inner.filter((a) => LIST_SPLIT.test(a));
  const asides = inner.filter((a) => !lists.includes(a)).map(content).filter((s) => s.length);
  const examples = lists.some((a) => content(a).length > 0);
  const plain = text.replace(/\([^()]*\)/g, ' ');
  // A list in the part after the last joining word is a choice of its own, for every item of a
  // list before it: "hallucination and factuality in LLMs and VLMs" is hallucination or
  // factuality, in LLMs or in VLMs, never "VLMs" alone.
  const joiners = [...plain.matchAll(READING_JOINER)];
  const at = joiners.length ? joiners[joiners.length - 1]!.index! : -1;
  const before = at > 0 ? plain.slice(0, at) : '';
  const after = at > 0 ? plain.slice(at).replace(READING_JOINER, ' ') : '';
  let readings = listReadings(plain, content);
  if (at > 0 && LIST_SPLIT.test(after) && LIST_SPLIT.test(before)) {
    const subjects = listReadings(before, content);
    const contexts = listReadings(after, content);
    if (subjects.length * contexts.length <= MAX_READINGS) readings = subjects.flatMap((s) => contexts.map((c) => [...s, ...c]));
  }
  if (readings.length + asides.length <= 1 && !examples) return undefined;
  const masks = [...readings, ...asides]
    .map((words) => maskOf(aspectsOf(words, aspectWords)))
    .filter((m) => m !== 0);
  return masks.length > 1 || (examples && masks.length === 1) ? [...new Set(masks)] : undefined;
}

/** A joining word as a whole word: the "in" of "in-context learning" joins nothing. */
const READING_JOINER = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${JOINERS})(?![\\p{L}\\p{N}-])`, 'giu');
/** A topic that lists more alternatives than this is read as one phrase. */
const MAX_READINGS = 16;

/** The ways a text reads as a list: its items, each with the words the list lends it; [] when it has no content word. */
function listReadings(part: string, content: (seg: string) => string[]): string[][] {
  const listAt = part.search(LIST_SPLIT);
  const head = listAt > 0 ? (LIST_HEAD.exec(part.slice(0, listAt))?.[0] ?? '') : '';
  const whole = content(part);
  // "Both A and B" asks for the two together.
  if (/^\s*both\b/i.test(part.slice(head.length))) return whole.length ? [whole] : [];
  const headWords = content(head);
  const segments = part.slice(head.length).split(LIST_SPLIT).map(content).filter((s) => s.length);
  const last = segments.length - 1;
  let items: string[][];
  if (segments.length >= 2 && segments.slice(0, last).every((s) => s.length === 1) && segments[last]!.length >= 2) {
    const shared = segments[last]!.slice(1);
    items = [...segments.slice(0, last).map((s) => [...s, ...shared]), segments[last]!];
  } else if (segments.length >= 2 && segments[0]!.length >= 2 && segments.slice(1).every((s) => s.length === 1)) {
    const shared = segments[0]!.slice(0, -1);
    items = [segments[0]!, ...segments.slice(1).map((s) => [...shared, ...s])];
  } else {
    items = segments;
  }
  return items.map((r) => [...headWords, ...r]);
}

/**
 * The parts of a topic joined by a preposition ("speech recognition | low-resource languages"),
 * each as a bit mask of its aspect words, less `loose` (aspects a paper need not say). Undefined
 * unless at least two parts have such words.
 */
export function topicParts(text: string, aspectWords: readonly string[], loose = 0): number[] | undefined {
  const masks = text
    .split(PART_SPLIT)
    .map((part) => maskOf(aspectsOf(contentStems(part), aspectWords)) & ~loose)
    .filter((m) => m !== 0);
  return masks.length > 1 ? masks : undefined;
}

/**
 * The parts of a compound one of whose words is an abbreviation ("LLM reasoning", "VLM
 * attacks"): the abbreviation names what the rest is in or done to, as the preposition of
 * "reasoning in LLMs" says, so it is a part of its own and the rest the other. Read as one
 * phrase, a paper on LLMs alone covered more than half of "LLM reasoning" and the papers that
 * never reason raised its bar: it matched 22 of the 384 real papers where "reasoning in LLMs"
 * matches 43. Undefined unless exactly one typed word is an abbreviation (`isAbbreviation`, of
 * its stem) and the rest has words a paper must say.
 */
export function abbreviationParts(text: string, aspectWords: readonly string[], isAbbreviation: (stem: string) => boolean, loose = 0): number[] | undefined {
  if (aspectWords.length < 2) return undefined;
  const typed = new Set(words(text).map(stem));
  const short = aspectWords.map((w, i) => (typed.has(w) && isAbbreviation(w) ? i : -1)).filter((i) => i >= 0);
  if (short.length !== 1) return undefined;
  const abbreviation = maskOf(short) & ~loose;
  const rest = maskOf(aspectWords.map((_, i) => i).filter((i) => i !== short[0])) & ~loose;
  return abbreviation && rest ? [abbreviation, rest] : undefined;
}
