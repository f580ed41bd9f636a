/**
 * Whether a body read whole (a saved file, or a feed fetched over HTTP) can be parsed in the heap
 * left. Past the heap's limit V8 ends the process with no word of which file or feed, or why: a
 * CLI ingest is left unfinished, the service (and the bot with it) stops.
 */
import { getHeapStatistics } from 'node:v8';
import { formatBytes } from '../core/bytes.js';

/** A feed or arXiv listing rather than JSON: XML starts with `<` (after a BOM or blank lines). */
export const XML_BODY = /^[\uFEFF\s]*</;

/** Bytes a format is told by: past a BOM and leading blank lines. */
export const HEAD_BYTES = 4096;

/** A body's first bytes as latin1 text (one character a byte), a UTF-8 BOM left out. */
export const headText = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');

/**
 * Heap taken while a body read whole is parsed, per byte of it, measured at 20,000 to 100,000
 * synthetic papers: an RSS or Atom feed 11–12 (the text as UTF-16 and the parsed document), a
 * JSON array about 3.
 */
export const HEAP_PER_BYTE = { feed: 12, json: 3 };

/** Bytes the heap can still grow by: V8's limit less what is in use. */
const v8HeapLeft = (): number => {
  const h = getHeapStatistics();
  return h.heap_size_limit - h.used_heap_size;
};

/**
 * Why a body of `size` bytes starting with `head` (bytes, not yet decoded: they are outside the
 * heap, the text and what it parses to are not) cannot be parsed whole in `heapLeft` bytes, or
 * null when it can. `fetched`: it came over HTTP, so the way out is not a smaller file but a
 * smaller feed or more heap.
 */
function tooBigToParse(head: Uint8Array, size: number, heapLeft: number, fetched: boolean): string | null {
  // Not the decoded text (that is what is guarded), so the UTF-8 BOM is left out by hand.
  const feed = XML_BODY.test(headText(head));
  const need = size * HEAP_PER_BYTE[feed ? 'feed' : 'json'];
  if (need <= heapLeft) return null;
  const what = fetched ? (feed ? 'a feed' : 'a JSON body') : feed ? 'a saved feed' : 'a JSON file (not JSONL)';
  const wayOut = fetched ? 'ask the feed for fewer entries a page if it can, or' : 'split it into smaller files, write it as JSONL (streamed, no size limit), or';
  return `${what} of ${formatBytes(size)}${size > head.byteLength && fetched ? ' (or more)' : ''} is parsed whole, which takes about ${formatBytes(need)} of memory, and this process has ${formatBytes(Math.max(0, heapLeft))} left: ${wayOut} give Node more heap (NODE_OPTIONS=--max-old-space-size=<MB>)`;
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
  return (bytes, size = bytes.byteLength) => tooBigToParse(bytes, size, (room.heapLeft ?? v8HeapLeft)(), fetched);
}
