/**
 * A local file whose whole text is one JSON object, told apart from JSONL (one object a line).
 * Exports and data sets wrap their papers (`{"topics": …, "papers": [...]}`): such an object is
 * read from its `papers` key. Any other object is refused naming its keys and which of them hold
 * arrays, so the fix is plain; read line by line it gave "3285 malformed JSONL line(s)".
 */
import { ParseError } from '../net/errors.js';
import { isRecord, type JsonRecord } from './read-json.js';
import { listed } from '../core/count.js';

/** The key an object holding papers keeps them under. */
const PAPERS_KEY = 'papers';

/** Keys of a paper record itself (file.ts mapFileRecord): an object with one is a record, not a wrapper. */
const RECORD_KEYS = ['title', 'paper', 'id', 'arxivId', 'arxiv_id'];

/** Keys quoted in a message; the rest are counted. */
const QUOTED_KEYS = 10;

/**
 * Whether text that starts with `{` may be one JSON object rather than JSONL: its first line is
 * not a whole object (a pretty-printed object), or it has only one line. `whole`: the text is the
 * whole file, not just its head (a head with one line may be the start of a long line).
 */
export function mayBeOneObject(text: string, whole: boolean): boolean {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('{')) return false;
  const nl = t.indexOf('\n');
  if (nl < 0) return !whole || t.endsWith('}');
  return !t.slice(0, nl).trim().endsWith('}');
}

function quoteKeys(keys: string[]): string {
  const quoted = keys.slice(0, QUOTED_KEYS).map((k) => `"${k}"`);
  const more = keys.length > QUOTED_KEYS ? ` and ${keys.length - QUOTED_KEYS} more` : '';
  return more ? `${quoted.join(', ')}${more}` : listed(quoted, 'and');
}

/** Why an object is no papers: its keys, and which hold arrays (where the papers likely are). */
function notPapers(obj: JsonRecord): ParseError {
  const keys = Object.keys(obj);
  const arrays = keys.filter((k) => Array.isArray(obj[k]));
  const has = keys.length ? `its top-level keys are ${quoteKeys(keys)}; ${arrays.length ? `${quoteKeys(arrays)} ${arrays.length === 1 ? 'holds an array' : 'hold arrays'}` : 'none holds an array'}` : 'it has no keys';
  return new ParseError(`the file is one JSON object, not papers: ${has}. Give the papers as a JSON array, as JSONL (one record a line), or as an object's "${PAPERS_KEY}" array`, null);
}

/**
 * The records of a file that is one JSON object, each with where it is for messages; null when
 * the text is not one (JSONL, whose lines file.ts reads) or is a paper record on its only line
 * (a JSONL file of one line). A pretty-printed paper record is that one record.
 */
export function objectRecords(body: string): Array<[where: string, value: unknown]> | null {
  if (!mayBeOneObject(body, true)) return null;
  const oneLine = !body.trim().includes('\n');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    // One line that does not parse is a malformed JSONL line, said as such by the line reader.
    if (oneLine) return null;
    throw new ParseError(`malformed or truncated JSON object: ${(err as Error).message}`, null, err);
  }
  if (!isRecord(value)) return null;
  const papers = value[PAPERS_KEY];
  if (Array.isArray(papers)) return papers.map((p, i) => [`${PAPERS_KEY}[${i}]`, p]);
  if (RECORD_KEYS.some((k) => k in value)) return oneLine ? null : [['the object', value]];
  throw notPapers(value);
}
