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

