/**
 * What a person asks for, without how they asked: used where typed text becomes a topic (its
 * name, and the words it is matched on).
 */
import { GENERIC_WORDS, contentStems } from './text.js';

/**
 * How people ask in chat, around what they ask for: "I want to follow world models", "anything
 * on RAG", "anything related to agents", "new research on multi-agent systems", "latest
 * diffusion work", "world models papers", "world models please". Read as words of the topic,
 * "anything", "latest" or "follow" became aspects every match had to cover, and most such
 * topics matched nothing. A leading preposition goes only
 * after such words ("in-context learning" keeps its "in"), and 'research' only before one
 * ("deep research agents" keeps it).
 */
const ASKING = /^\s*(?:please\s+)?(?:(?:i|we)\s+(?:want|would\s+like|'d\s+like|wanna|need)\s+(?:to\s+)?(?:follow|track|see|read|get|know\s+about|keep\s+up\s+with|hear\s+about)?|(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:interested\s+in|into)|(?:show|send|give|find|get)\s+me|keep\s+me\s+(?:posted|updated)\s+(?:on|about)|what'?s\s+new\s+(?:in|on|with)|(?:follow|track)(?=\s+(?:anything|everything|all|the|latest|new|recent|papers?|work|research)\b))\s*/i;
const WHICH = /^\s*(?:(anything|everything|something|all|any|the\s+latest|latest|newest|recent)\s+)?(?:(?:new|current)\s+(?=(?:papers?|work|research|articles?|studies|advances|progress|developments|results)\b))?(?:(papers?|work|research|articles?|studies|stuff|things|advances|progress|developments|news|updates?|results)\s+)?(?:(on|about|regarding|around|into|in|(?:related|relating)\s+to|to\s+do\s+with)\b\s*)?/i;
const TRAILING = /\s+(?:papers?|work|stuff|articles?|studies|news|updates?)\s*[.!?]*\s*$/i;
/** Courtesy after the request: "world models please", "RAG (thanks!)" (after spaces are collapsed). */
const COURTESY = /[ ,]+\(? ?(?:please|pls|plz|thanks|thank you|thx)[ .!?)]*$/i;

export function withoutAsking(text: string): string {
  // One space between words first: the patterns then meet no runs of spaces to try every split of.
  let rest = text.replace(/\s+/g, ' ').replace(ASKING, ' ');
  const which = WHICH.exec(rest);
  // A preposition or 'research' goes only with the words that make it part of the request.
  if (which && (which[1] || (which[2] && which[3]))) rest = rest.slice(which[0].length);
  rest = rest.replace(COURTESY, ' ').replace(TRAILING, ' ');
  return contentStems(rest).some((s) => s.length > 1 && !GENERIC_WORDS.has(s)) ? rest.replace(/\s+/g, ' ').trim() : text;
}

/**
 * What a topic says it is not: "robotics but not autonomous driving", "agents excluding GUI
 * agents", "video generation, not talking avatars", "LLMs (not chatbots)", and an aside between
 * commas ("sparse, not dense, retrieval", where what follows it is still the topic). Read as
 * words of the topic, the excluded ones counted for it ("robotics but not autonomous driving"
 * matched the driving papers first).
 * Not "without" or "no": they ask for a property papers state by naming what they do without
 * ("zero-shot, no fine-tuning", "reasoning without chain-of-thought"), so counting it against
 * them would drop the papers asked for. Not "not only", "not just", "not limited to": those
 * widen a topic.
 */
const NOT = String.raw`not(?!\s+(?:only|just|merely|simply|necessarily|limited|restricted|exclusively|least|yet)\b)`;
const NEGATED_ASIDE = new RegExp(String.raw`\(\s*(?:but\s+)?(?:${NOT}|excluding|except(?:\s+for)?)\s+([^()]+)\)|,\s*(?:but\s+)?${NOT}\s+([^,;()]+),`, 'gi');
const NEGATED_TAIL = new RegExp(String.raw`(?:\s*,\s*(?:but\s+)?${NOT}|\s+(?:but|and)\s+${NOT}|,?\s+(?:excluding|except(?:\s+for)?|other\s+than|apart\s+from|not\s+including|leaving\s+out))\s+(.+)$`, 'i');
const ARTICLE = /^(?:any|the|a|an|all)\s+/i;

/** The text without what it says it is not, and those phrases ("autonomous driving", "GUI agents"). */
export function withoutNegated(text: string): { text: string; excluded: string[] } {
  const negated: string[] = [];
  // One space between words first: the patterns then meet no runs of spaces to try every split of.
  // An aside keeps what follows it: "sparse, not dense, retrieval" is sparse retrieval.
  let rest = text.replace(/\s+/g, ' ').replace(NEGATED_ASIDE, (_m, inParens: string | undefined, betweenCommas: string | undefined) => (negated.push(inParens ?? betweenCommas!), ' '));
  const tail = NEGATED_TAIL.exec(rest);
  if (tail) {
    negated.push(tail[1]!);
    rest = rest.slice(0, tail.index);
  }
  const excluded = negated
    .flatMap((what) => what.split(/\s*(?:[,;]|\bor\b|\band\b|\bnor\b)\s*/i))
    .map((p) => p.replace(/[.!?]+$/, '').trim().replace(ARTICLE, ''))
    // A phrase cut short where a long name was truncated ("autonomous dr…") names nothing.
    .filter((p) => contentStems(p).length > 0 && !p.endsWith('…'));
  // Nothing of the topic left ("not sure"), or nothing it is not: the text as it was.
  if (!excluded.length || !contentStems(rest).some((s) => s.length > 1 && !GENERIC_WORDS.has(s))) return { text, excluded: [] };
  return { text: rest.replace(/\s+/g, ' ').trim(), excluded };
}

/** What a person is told: "Counted against it: “autonomous driving”." */
export function exclusionNote(excluded: readonly string[]): string | null {
  return excluded.length ? `Counted against it: ${excluded.map((e) => `“${e}”`).join(', ')}.` : null;
}
