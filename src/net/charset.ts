/**
 * Bytes to text for every body paperboy reads (HTTP responses, local files): the one place a
 * charset is chosen. Labels are resolved the WHATWG way (Node's TextDecoder): as in browsers,
 * "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, their superset. The bytes are decoded
 * by iconv-lite, because Node's own windows-1252 decoder reads 0x80-0x9F as C1 controls since
 * 20.18.3 (nodejs/node#60888: curly quotes, dashes and € lost); TextDecoder is the fallback for
 * the few WHATWG encodings iconv-lite lacks.
 *
 * Order: a byte-order mark (or UTF-16/32's NULs); then the Content-Type `charset=`; then an XML declaration's
 * `encoding=`; then UTF-8. Two real-world mislabellings are corrected rather than turned into
 * U+FFFD or mojibake: bytes that are not valid UTF-8 under a UTF-8 label (or none) are read with
 * the other label, or windows-1252 (UTF-8 with a few stray windows-1252 bytes keeps its UTF-8);
 * and valid multi-byte UTF-8 under any other label (a server default of "ISO-8859-1", a
 * declaration a template never updated) is kept as UTF-8.
 *
 * Bytes that name no charset (or only a UTF-8 they are not) and are not UTF-8 may be Chinese,
 * Japanese or Korean in a legacy multi-byte encoding: read as windows-1252 they were all
 * mojibake. chardet (ICU's detector) tells those encodings apart by their byte sequences and
 * common characters; only a confident guess of one of them is taken, since a guess between
 * single-byte encodings on a few accented letters is no better than windows-1252. Russian,
 * Ukrainian or Bulgarian in windows-1251, KOI8 or ISO-8859-5 is one single-byte exception:
 * Cyrillic words are made of non-ASCII letters alone, which gives a test that Latin text fails
 * (see cyrillicEncoding). Polish, Czech, Hungarian and Romanian in windows-1250 or ISO-8859-2
 * are the other: there chardet's language models beat its Western ones by a margin no Western
 * text reaches, and the reading must give that language's letters (see centralEuropeanEncoding).
 */
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import type { AnalyseResult } from 'chardet';
import { ParseError } from './errors.js';

export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1252". */
  charset: string;
  /** Where the choice came from. */
  from: 'bom' | 'content-type' | 'xml-declaration' | 'default' | 'fallback' | 'detected';
  /**
   * The charset a header or declaration named, when the bytes were not in it and were read
   * otherwise (BADLY_DECODED): what a run says, as feedparser's CharacterEncodingOverride does.
   */
  overridden?: string;
  /**
   * JSON no label names a charset for, whose bytes are not UTF-8 (RFC 8259 §8.1 makes JSON UTF-8)
   * and were read otherwise: as uncertain as a label overridden, and said alike (charsetNote).
   */
  notUtf8?: true;
}

/** The WHATWG encoding name for a label, or null when Node does not know it. */
export function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** `charset` parameter of a Content-Type value. */
export function contentTypeCharset(contentType: string): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return m ? m[2]! : null;
}

/** `encoding` of an XML declaration at the start of the bytes (after an optional BOM/whitespace). */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  // The declaration is ASCII in every ASCII-compatible encoding; latin1 maps bytes 1:1.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  const m = /^(?:\xEF\xBB\xBF)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1]! : null;
}

/**
 * A byte-order mark (UTF-32LE's before UTF-16LE's, which begins it), or the NULs of UTF-16 or
 * UTF-32 without one. XML and JSON begin with an ASCII character and hold no U+0000, so the
 * zero bytes among the first four tell the width and the byte order (RFC 4627 §3, XML 1.0
 * Appendix F): a feed written without its BOM or declaration (`<rss…` as .NET's Encoding.Unicode
 * writes it) was read as UTF-8 with a NUL after every letter, whatever its label said. UTF-32 is
 * no WHATWG encoding: iconv-lite reads it.
 */
export function bomEncoding(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (bytes.length < 4) return null;
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  return null;
}

/** The bytes as UTF-8, or null when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The length of the valid UTF-8 sequence at `i` (2-4; RFC 3629's table, no overlongs or surrogates), or 0. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) return cont(1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && cont(2) ? 3 : 0;
  if (b >= 0xf0 && b <= 0xf4) return cont(1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * UTF-8 with a few bytes that are not (a "’" pasted from Word as windows-1252 byte 0x92 into a
 * UTF-8 feed): the UTF-8 read as UTF-8 and each stray byte as windows-1252. Read whole as
 * windows-1252, one such byte turned every other accented letter and quote of the feed into
 * "Ã©" and "â€œ". Null when stray bytes outnumber the sequences (a legacy text).
 */
function utf8WithStrayBytes(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  let run = 0;
  let sequences = 0;
  let strays = 0;
  for (let i = 0; i < buf.length; ) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceAt(buf, i);
    if (n > 0) {
      sequences++;
      i += n;
      continue;
    }
    strays++;
    out += buf.toString('utf8', run, i) + iconv.decode(buf.subarray(i, i + 1), 'windows-1252');
    run = ++i;
  }
  // A legacy text makes a valid sequence only now and then ("ß“" is one): its letters are strays.
  return sequences > 0 && sequences >= strays ? out + buf.toString('utf8', run) : null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** The encodings detection may choose, by chardet's names, as WHATWG labels (TextDecoder decodes them, Node having full ICU). */
const DETECTABLE: Record<string, string> = { Big5: 'big5', GB18030: 'gb18030', 'EUC-KR': 'euc-kr', 'EUC-JP': 'euc-jp', Shift_JIS: 'shift_jis' };
/**
 * chardet's confidence (0-100) needed. Its multi-byte recognisers say 10 for text with ten or
 * fewer double-byte characters, whatever the encoding, and 100 for a few sentences of real text.
 */
const MIN_CONFIDENCE = 50;
/** Bytes looked at, from the first that is not ASCII: a feed's start is markup, and a whole large feed took half a second. */
const SAMPLE_BYTES = 65_536;

let analyse: ((bytes: Uint8Array) => AnalyseResult) | undefined;

/** A confidently detected East Asian multi-byte encoding, or a Cyrillic or Central European single-byte one, as a WHATWG label, or null. */
function detectedEncoding(bytes: Uint8Array): string | null {
  const start = bytes.findIndex((b) => b >= 0x80);
  if (start < 0) return null;
  // Loaded on first use: most bodies never get here, and every command that can fetch imports this module.
  analyse ??= (createRequire(import.meta.url)('chardet') as { analyse: (bytes: Uint8Array) => AnalyseResult }).analyse;
  const sample = bytes.subarray(start, start + SAMPLE_BYTES);
  const results = analyse(sample);
  const best = results[0];
  if (best && best.confidence >= MIN_CONFIDENCE && DETECTABLE[best.name]) return DETECTABLE[best.name]!;
  return cyrillicEncoding(sample) ?? centralEuropeanEncoding(sample, results);
}

/**
 * The letters beyond ASCII of the languages chardet's ISO-8859-2 recogniser knows (Czech read
 * with Slovak's, which chardet calls Czech when it names it at all), lowercase.
 */
const CENTRAL_EUROPEAN: Record<string, string> = { pl: 'ąćęłńóśźż', cs: 'áäčďéěíĺľňóôŕřšťúůýž', hu: 'áéíóöőúüű', ro: 'ăâîşţșț' };
/**
 * Points by which chardet's Central European guess must beat its best Western one. Measured
 * (chardet 2.2.0) on two or three posts of a feed: Polish, Czech, Hungarian and Romanian win by
 * 7 to 28, while French, German, Spanish, Italian, Portuguese, Dutch and Nordic text loses by 10
 * or more. A single short Polish post can come out even, as Slovak, Croatian and Slovene do: they
 * stay windows-1252, as before.
 */
const CENTRAL_EUROPEAN_MARGIN = 5;
/** Letters of the language needed: a title alone is too little to go on. */
const MIN_CENTRAL_EUROPEAN_LETTERS = 10;

/**
 * windows-1250 or ISO-8859-2, when chardet's best guess is one of them for a language it names
 * by a clear margin over windows-1252, and that reading gives the language's letters; else null.
 *
 * Which of the two: bytes 0x80-0x9F are C1 controls in ISO-8859-2, and letters in windows-1250
 * (š 0x9A, ś 0x9C, ź 0x9F, Š 0x8A, Ś 0x8C, Ź 0x8F, ť 0x9D, Ť 0x8D, and the quotes and dashes
 * of windows-1252), so text with them is windows-1250, as browsers read ISO-8859-1 as
 * windows-1252 (chardet names windows-1250 then). Without them the two differ only in where
 * they put ą, ś, ź, š, ť, ž, ľ and their capitals (ISO-8859-2's ą, ś, ź, Š, Ť, Ž are ±, ¶, ¬, ©,
 * «, ® in windows-1250, and windows-1250's ą is ISO-8859-2's š), so the reading that gives more
 * of the language's letters wins; windows-1250 when they give as many.
 *
 * The reading must also give that language's letters for 3/4 of its non-ASCII letters, and at
 * least MIN_CENTRAL_EUROPEAN_LETTERS of them: bytes of another script chardet took for Polish
 * read as letters of no one alphabet. Western text (è read as č, à as ŕ) is kept out by the margin.
 */
function centralEuropeanEncoding(sample: Uint8Array, results: AnalyseResult): string | null {
  const best = results[0];
  if (!best || (best.name !== 'ISO-8859-2' && best.name !== 'windows-1250')) return null;
  const alphabet = CENTRAL_EUROPEAN[best.lang ?? ''];
  const western = results.find((r) => r.name === 'ISO-8859-1' || r.name === 'windows-1252')?.confidence ?? 0;
  if (!alphabet || best.confidence - western < CENTRAL_EUROPEAN_MARGIN) return null;
  const c1 = sample.some((b) => b >= 0x80 && b <= 0x9f);
  let chosen: string | null = null;
  let most = 0;
  for (const encoding of c1 ? ['windows-1250'] : ['windows-1250', 'iso-8859-2']) {
    let letters = 0;
    let theirs = 0;
    for (const [c] of decode(sample, encoding).matchAll(/[^\x00-\x7f]/g)) {
      if (!/\p{L}/u.test(c!)) continue;
      letters++;
      if (alphabet.includes(c!.toLowerCase())) theirs++;
    }
    if (theirs >= MIN_CENTRAL_EUROPEAN_LETTERS && theirs >= letters * 0.75 && theirs > most) [chosen, most] = [encoding, theirs];
  }
  return chosen;
}

/**
 * chardet's Cyrillic guesses, as WHATWG labels. KOI8-U is read for KOI8-R, as Firefox's detector
 * does: it only turns eight box-drawing characters no prose uses into Ukrainian and Belarusian
 * letters, which chardet (with Russian n-grams alone) calls KOI8-R too.
 */
const CYRILLIC: Record<string, string> = { 'windows-1251': 'windows-1251', 'KOI8-R': 'koi8-u', 'ISO-8859-5': 'iso-8859-5' };
/** Letters needed in Cyrillic words: a short title is too little to go on. */
const MIN_CYRILLIC_LETTERS = 20;

/**
 * windows-1251, KOI8-U or ISO-8859-5, when the sample is Cyrillic text beyond doubt; else null.
 *
 * chardet only proposes: its best guess, on the sample with every ASCII byte blanked, since a
 * feed's markup is English-like n-grams that outscore the text's and no Cyrillic code page differs
 * from ASCII there. Its confidence is no measure here: it counts the text's trigrams among the 64
 * commonest of Russian, so Serbian or Belarusian prose scores 25 where Russian scores 35-70, and
 * French scores 98 as KOI8-R (its lone "é" is "И", a common one-letter Russian word).
 *
 * What decides is how the text reads with the proposal. Cyrillic letters make whole words, whereas
 * the accented letters of Latin scripts (French, German, Polish, Czech) sit mostly one at a time among
 * ASCII ones, and the bytes of other scripts read as Cyrillic give symbols as often as letters.
 * So at least MIN_CYRILLIC_LETTERS letters, and 3/4 of the non-ASCII characters, must be in words
 * of two or more Cyrillic letters, and those words must have the case of prose: lowercase,
 * Capitalised or ALL CAPS, most letters lowercase. CJK bytes read as Cyrillic can be letters
 * enough (hanja in EUC-KR are), but with cases mixed mid-word; and the code pages put the cases in
 * different places (windows-1251 and KOI8 in opposite halves), so a wrong one of them reads
 * "оБУЧЕНИЕ" or all capitals, should chardet, which scores them near zero on Cyrillic text, err.
 */
function cyrillicEncoding(sample: Uint8Array): string | null {
  const best = analyse!(sample.map((b) => (b < 0x80 ? 0x20 : b)))[0];
  const encoding = best ? CYRILLIC[best.name] : undefined;
  if (!encoding) return null;
  const text = decode(sample, encoding);
  let nonAscii = 0;
  for (const c of text) if (c.charCodeAt(0) >= 0x80) nonAscii++;
  let letters = 0;
  let lower = 0;
  for (const [word] of text.matchAll(/[\u0400-\u04ff]{2,}/g)) {
    if (!/^(?:\p{Lu}?\p{Ll}+|\p{Lu}+)$/u.test(word)) continue;
    letters += word.length;
    lower += word.replace(/\P{Ll}/gu, '').length;
  }
  return letters >= MIN_CYRILLIC_LETTERS && letters >= nonAscii * 0.75 && lower * 2 > letters ? encoding : null;
}

function decode(bytes: Uint8Array, charset: string): string {
  if (iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
  return new TextDecoder(charset).decode(bytes);
}

/**
 * XML 1.0 Appendix F: "<?xm" in EBCDIC, IBM mainframes' encoding, which neither WHATWG nor
 * iconv-lite decode. Read as windows-1252 it was "Lo§”…", a "text that is not XML" error.
 */
const EBCDIC_XML = [0x4c, 0x6f, 0xa7, 0x94];

/**
 * Share of a text's non-ASCII characters that may be U+FFFD (each a byte sequence the charset
 * has no character for) before the charset is taken to be wrong for the bytes. windows-1252
 * under a Shift_JIS or EUC-KR label makes one of most accented letters; a real Shift_JIS text
 * with a stray byte or two, a few among its hundreds of characters.
 */
const BADLY_DECODED = 0.1;

function badlyDecoded(text: string): boolean {
  let nonAscii = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replaced++;
  }
  return replaced > 0 && replaced >= nonAscii * BADLY_DECODED;
}

/**
 * Bytes no label names (or only a UTF-8 they are not): UTF-8, UTF-8 with stray windows-1252
 * bytes, a confidently detected legacy encoding, else windows-1252 (browsers' default).
 */
function unlabelled(bytes: Uint8Array): { text: string; charset: string; from: 'fallback' | 'detected' } {
  const mixed = utf8WithStrayBytes(bytes);
  if (mixed !== null) return { text: mixed, charset: 'utf-8', from: 'fallback' };
  const detected = detectedEncoding(bytes);
  if (detected) return { text: new TextDecoder(detected).decode(bytes), charset: detected, from: 'detected' };
  return { text: decode(bytes, 'windows-1252'), charset: 'windows-1252', from: 'fallback' };
}

/**
 * What a run says of a body whose label was overridden (DecodedBody.overridden), or of JSON with
 * no label that was not UTF-8 (`named` null, DecodedBody.notUtf8): the text may still be wrong somewhere.
 */
export function overrideNote(named: string | null, read: string): string {
  return named === null ? `its bytes are not UTF-8: read as ${read}` : `its bytes are not in the ${named} it is labelled with: read as ${read}`;
}

/** The note a decoded body calls for (overrideNote), null when its reading is what its bytes and label say. */
export function charsetNote(d: DecodedBody): string | null {
  return d.overridden ? overrideNote(d.overridden, d.charset) : d.notUtf8 ? overrideNote(null, d.charset) : null;
}

/** JSON by its type or its first character (a saved file has no type): the one format whose bytes must be UTF-8 without a label. */
const isJson = (bytes: Uint8Array, contentType: string) => /\bjson\b/i.test(contentType) || /^[\t\n\r ]*[[{]/.test(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));

/** Decode a body; the result never depends on a guess when the bytes or the headers say. */
export function decodeBody(bytes: Uint8Array, contentType = ''): DecodedBody {
  if (EBCDIC_XML.every((b, i) => bytes[i] === b)) {
    throw new ParseError('the body is in EBCDIC (its first bytes are EBCDIC for "<?xml"), an encoding paperboy cannot read; ask for it in UTF-8', null);
  }
  const bom = bomEncoding(bytes);
  // TextDecoder drops a BOM of its own encoding.
  if (bom) return { text: decode(bytes, bom), charset: bom, from: 'bom' };
  // UTF-16 labels on bytes without a BOM whose declaration we could read as ASCII are wrong by
  // construction; "replacement" (ISO-2022-KR and the like) would decode everything to U+FFFD.
  const usable = (label: string | null): string | null => {
    const c = label ? encodingName(label) : null;
    return c && !c.startsWith('utf-16') && c !== 'replacement' ? c : null;
  };
  const h = usable(contentTypeCharset(contentType));
  const d = usable(xmlDeclaredEncoding(bytes));
  const first = h ?? d;
  if (!first || first === 'utf-8') {
    const text = strictUtf8(bytes);
    if (text !== null) return { text, charset: 'utf-8', from: h ? 'content-type' : d ? 'xml-declaration' : 'default' };
    const other = [h, d].find((c) => c && c !== 'utf-8');
    if (other) return labelled(bytes, other, other === h ? 'content-type' : 'xml-declaration');
    // A UTF-8 label the bytes are not is as wrong as any other (said, as it is of them); UTF-8
    // with a stray windows-1252 byte or two is still UTF-8, and no label is nothing to contradict.
    // XML with neither label is another matter: pre-XML feeds were written in the site's charset.
    const read = unlabelled(bytes);
    if (read.charset === 'utf-8') return read;
    return first === 'utf-8' ? { ...read, overridden: 'utf-8' } : isJson(bytes, contentType) ? { ...read, notUtf8: true } : read;
  }
  // Multi-byte UTF-8 under another label: a server-wide "charset=ISO-8859-1" over a document
  // that declares UTF-8, or a template's `encoding="ISO-8859-1"` kept after its content became
  // UTF-8. Text in a legacy charset is never valid UTF-8 once it has a non-ASCII character or two
  // ("é" alone is one byte no UTF-8 sequence takes), so bytes that are can only be UTF-8, and read
  // with the label they became "CafÃ©" and "â€œ".
  if (hasNonAscii(bytes)) {
    const text = strictUtf8(bytes);
    if (text !== null) return { text, charset: 'utf-8', from: d === 'utf-8' ? 'xml-declaration' : 'fallback' };
  }
  return labelled(bytes, first, first === h ? 'content-type' : 'xml-declaration');
}

/**
 * The bytes in the charset a header or declaration names; when they are not in it (windows-1252
 * under a Shift_JIS label), read as if unlabelled and said, rather than kept as a text of U+FFFD.
 */
function labelled(bytes: Uint8Array, charset: string, from: 'content-type' | 'xml-declaration'): DecodedBody {
  const text = decode(bytes, charset);
  if (badlyDecoded(text)) {
    const other = unlabelled(bytes);
    if (!badlyDecoded(other.text)) return { ...other, overridden: charset };
  }
  return { text, charset, from };
}
