/**
 * Whether a body read whole (a saved file, or a feed fetched over HTTP) can be parsed in the heap
 * left. Past the heap's limit V8 ends the process with no word of which file or feed, or why: a
 * CLI ingest is left unfinished, the service (and the bot with it) stops.
 */
import { isAscii } from 'node:buffer';
import { getHeapStatistics } from 'node:v8';
import { formatBytes } from '../core/bytes.js';
import { bomEncoding, decodeBody } from '../net/charset.js';

/** A feed or arXiv listing rather than JSON: XML starts with `<` (after a BOM or blank lines). */
export const XML_BODY = /^[\uFEFF\s]*</;

/** Bytes a format is told by: past a BOM and leading blank lines. */
export const HEAD_BYTES = 4096;

/** A body's first bytes as latin1 text (one character a byte), a UTF-8 BOM left out. */
export const headText = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');

/**
 * Heap taken while a body read whole is parsed, per byte of it, and for a feed per tag besides
 * (what its items' elements and objects take whatever their text: a feed of short entries takes
 * more a byte than one with abstracts). Fitted, with a margin, to the largest files that parsed
 * under a 256 MB heap (`npm run bench:heap-room`, docs/benchmarks.md). One character past ASCII,
 * a name's 'ü' or a title's en dash, makes the decoded text, and what is parsed out of it, two
 * bytes a character; character references (`&#8211;`) in ASCII bytes do so only for the strings
 * that hold them.
 */
export const HEAP_PER_BYTE = { feed: { ascii: 4, wide: 7.5 }, json: { ascii: 3.3, wide: 4.7 } } as const;
export const HEAP_PER_TAG = 200;
/**
 * What a byte of a feed's CDATA sections takes, as a share of another byte's. Escaped text
 * (`&lt;p&gt;…`) is decoded into a copy; CDATA is read as written. Measured on the same items
 * (docs/benchmarks.md), bytes of heap a byte: RDF 5.1-5.4 with its title and abstract in CDATA,
 * 6.6-6.9 escaped; RSS 6.0-6.3 and 7.8-8.2, and all ASCII 4.2-4.5 and 5.0-5.2. At 0.6 a CDATA
 * RSS feed keeps the escaped one's margin (the guard's need 1.10-1.18 of the heap left for the
 * largest that parsed, 1.16-1.24 for the smallest that ran out), and the RDF feed a wider one.
 * The root element is no such measure: RDF written escaped (arXiv's listings before 2024) takes
 * more than RSS in CDATA, and RDF items of RSS's shape would take what RSS's do.
 */
export const HEAP_CDATA_SHARE = 0.6;

const LT = 0x3c;
const CDATA_OPEN = Buffer.from('<![CDATA[');
const CDATA_CLOSE = Buffer.from(']]>');

/**
 * `<` in a body: its tags, and any in CDATA sections or comments (HTML in CDATA), counted too, to
 * the safe side; and the bytes of its CDATA sections, markers included. A section left open counts
 * as none (how a feed read in spite of its XML is read past it is not known).
 */
function tagsIn(bytes: Uint8Array): { tags: number; cdata: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let tags = 0;
  let cdata = 0;
  let inCdataUntil = 0;
  for (let at = buf.indexOf(LT); at >= 0; at = buf.indexOf(LT, at + 1)) {
    tags++;
    if (at < inCdataUntil || buf[at + 1] !== 0x21 || !buf.subarray(at, at + CDATA_OPEN.length).equals(CDATA_OPEN)) continue;
    const close = buf.indexOf(CDATA_CLOSE, at + CDATA_OPEN.length);
    inCdataUntil = close < 0 ? Number.POSITIVE_INFINITY : close + CDATA_CLOSE.length;
    if (close >= 0) cdata += inCdataUntil - at;
  }
  return { tags, cdata };
}

const hasBom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * Heap a body of `size` bytes starting with `head` takes to parse whole. `whole`: all of it, when
 * read; of a body still arriving, only the least it takes (ASCII, no tags) is known.
 */
function heapToParse(head: Uint8Array, size: number, whole: Uint8Array | null): { feed: boolean; need: number } {
  // Not the decoded text (that is what is guarded), so the UTF-8 BOM is left out by hand; only
  // UTF-16 and UTF-32, whose first byte need not be '<', have their first characters decoded.
  const twoOrFour = /^utf-(?:16|32)/.test(bomEncoding(head) ?? '');
  const feed = XML_BODY.test(twoOrFour ? decodeBody(head.subarray(0, 256)).text : headText(head));
  const text = whole && hasBom(whole) ? whole.subarray(3) : whole;
  const width = text === null || isAscii(text) ? 'ascii' : 'wide';
  const perByte = HEAP_PER_BYTE[feed ? 'feed' : 'json'][width];
  if (!feed || !text) return { feed, need: size * perByte };
  const { tags, cdata } = tagsIn(text);
  return { feed, need: (size - cdata * (1 - HEAP_CDATA_SHARE)) * perByte + tags * HEAP_PER_TAG };
}

/** Heap a body read whole takes to parse (tests size their heap left by it). */
export const heapToParseWhole = (bytes: Uint8Array): number => heapToParse(bytes, bytes.byteLength, bytes).need;

/** Bytes the heap can still grow by: V8's limit less what is in use. */
const v8HeapLeft = (): number => {
  const h = getHeapStatistics();
  return h.heap_size_limit - h.used_heap_size;
};

/**
 * Why a body of `size` bytes starting with `head` (bytes, not yet decoded: they are outside the
 * heap, the text and what it parses to are not) cannot be parsed whole in `heapLeft` bytes, or
 * null when it can. `whole`: as heapToParse's. `fetched`: it came over HTTP, so the way out is not
 * a smaller file but a smaller feed or more heap.
 */
function tooBigToParse(head: Uint8Array, size: number, whole: Uint8Array | null, heapLeft: number, fetched: boolean): string | null {
  const { feed, need } = heapToParse(head, size, whole);
  if (need <= heapLeft) return null;
  const what = fetched ? (feed ? 'a feed' : 'a JSON body') : feed ? 'a saved feed' : 'a JSON file (not JSONL)';
  const wayOut = fetched ? 'ask the feed for fewer entries a page if it can, or' : 'split it into smaller files, write it as JSONL (streamed, no size limit), or';
  return `${what} of ${formatBytes(size)}${whole ? '' : ' (or more)'} is parsed whole, which takes ${whole ? 'about' : 'at least'} ${formatBytes(need)} of memory, and this process has ${formatBytes(Math.max(0, heapLeft))} left: ${wayOut} give Node more heap (NODE_OPTIONS=--max-old-space-size=<MB>)`;
}

/** What a source that parses a body whole is told of the heap. */
export interface HeapRoom {
  /** Bytes the heap can still grow by (default: V8's limit less what is in use); tests pass a figure. */
  heapLeft?: () => number;
}

/**
 * Why a body (a saved file, or `fetched` over HTTP) is not to be parsed whole in the heap left, or
 * null. `size`, when `bytes` are only the first of it: all of it (HttpRequest.refuseBody).
 */
export function bodyRefusal(room: HeapRoom, fetched: boolean): (bytes: Uint8Array, size?: number) => string | null {
  return (bytes, size = bytes.byteLength) => tooBigToParse(bytes, size, size > bytes.byteLength ? null : bytes, (room.heapLeft ?? v8HeapLeft)(), fetched);
}
