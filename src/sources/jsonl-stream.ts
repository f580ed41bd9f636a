/**
 * A JSONL file read as a stream, so ingesting it takes memory for one batch, not for the file:
 * 100,000 papers held whole cost ~800 MB of buffer, text and inputs. The file is read up to three
 * times (hash for the unchanged-input skip, check every record, then hand out papers), each
 * pass in chunks; a bad record still fails the whole file before anything is written.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { PaperInput } from '../core/papers/paper.js';
import { ParseError, SourceError } from '../net/errors.js';

/** Positions quoted in an error message (the counts are exact). */
const MAX_REPORTED = 5;

/** The file is not UTF-8: the caller reads it whole, where the charset fallbacks live. */
export class NotUtf8Error extends Error {}

export type MapRecord = (value: unknown) => { kind: 'paper'; input: PaperInput } | { kind: 'skipped'; reason: string } | { kind: 'invalid'; reason: string };

/** Hash as raw-digest.ts does for one part (`<length>:` then the bytes), fed chunk by chunk. */
function partHash(size: number): Hash {
  return createHash('sha256').update(`${size}:`);
}

/** The file's lines with their 1-based numbers, hashing the bytes as they pass. */
async function* lines(path: string, hash: Hash, signal?: AbortSignal): AsyncGenerator<{ n: number; line: string }> {
  // fatal: a stray non-UTF-8 byte means a legacy charset, which decodeBody handles on the whole file.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let n = 0;
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error(`${path}: not UTF-8`);
    }
  };
  for await (const chunk of createReadStream(path, { signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    carry += decode(chunk);
    let start = 0;
    for (let end = carry.indexOf('\n'); end >= 0; end = carry.indexOf('\n', start)) {
      yield { n: ++n, line: carry.slice(start, end) };
      start = end + 1;
    }
    carry = carry.slice(start);
  }
  carry += decode();
  if (carry !== '') yield { n: ++n, line: carry };
}

/** The raw-digest.ts digest of the file, read in chunks. */
export async function digestFile(path: string, size: number, signal?: AbortSignal): Promise<string> {
  const hash = partHash(size);
  for await (const chunk of createReadStream(path, { signal }) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * A file with a malformed line or an invalid record fails whole, with how many and the first few
 * (of `malformed` and `invalid`, the positions and why): as parseFileBody and checkJsonlFile say it.
 */
export function throwBadRecords(malformedCount: number, malformed: readonly string[], invalidCount: number, invalid: readonly string[]): void {
  if (malformedCount > 0) throw new ParseError(`${malformedCount} malformed JSONL line(s): ${malformed.slice(0, MAX_REPORTED).join('; ')}`, null);
  if (invalidCount > 0) throw new ParseError(`${invalidCount} invalid record(s): ${invalid.slice(0, MAX_REPORTED).join('; ')}`, null);
}

function changed(): SourceError {
  return new SourceError(`the file changed while it was being read; run the ingest again`, null, true);
}

/**
 * Check every line of the file (the same messages as parseFileBody); on success, the papers as
 * a stream that reads the file once more. `digest` is what the caller hashed earlier: a file
 * that changes in between fails rather than writing a mix.
 */
export async function checkJsonlFile(
  path: string,
  size: number,
  digest: string,
  map: MapRecord,
  signal?: AbortSignal,
  onSkipped?: (reasons: string[]) => void,
): Promise<AsyncIterable<PaperInput>> {
  const malformed: string[] = [];
  const invalid: string[] = [];
  const skipped: string[] = [];
  let malformedCount = 0;
  let invalidCount = 0;
  const hash = partHash(size);
  for await (const { n, line } of lines(path, hash, signal)) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      if (malformedCount++ < MAX_REPORTED) malformed.push(`line ${n}: ${(err as Error).message}`);
      continue;
    }
    const out = map(value);
    if (out.kind === 'invalid' && invalidCount++ < MAX_REPORTED) invalid.push(`line ${n}: ${out.reason}`);
    else if (out.kind === 'skipped') skipped.push(out.reason);
  }
  if (hash.digest('hex') !== digest) throw changed();
  throwBadRecords(malformedCount, malformed, invalidCount, invalid);
  if (skipped.length > 0) onSkipped?.(skipped);
  return streamPapers(path, size, digest, map, signal);
}

async function* streamPapers(path: string, size: number, digest: string, map: MapRecord, signal?: AbortSignal): AsyncGenerator<PaperInput> {
  const hash = partHash(size);
  for await (const { line } of lines(path, hash, signal)) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw changed();
    }
    const out = map(value);
    if (out.kind === 'paper') yield out.input;
    else if (out.kind === 'invalid') throw changed();
  }
  // Batches already written were valid papers of this file; the rest is not written.
  if (hash.digest('hex') !== digest) throw changed();
}
