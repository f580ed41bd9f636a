/**
 * Bytes to text for every body paperboy reads (HTTP responses, local files): the one place a
 * charset is chosen. Labels are resolved the WHATWG way (Node's TextDecoder): as in browsers,
 * "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, their superset. The bytes are decoded
 * by iconv-lite, because Node's own windows-1252 decoder reads 0x80-0x9F as C1 controls since
 * 20.18.3 (nodejs/node#60888: curly quotes, dashes and € lost); TextDecoder is the fallback for
 * the few WHATWG encodings iconv-lite lacks.
 *
 * Order: a byte-order mark; then the Content-Type `charset=`; then an XML declaration's
 * `encoding=`; then UTF-8. Two real-world mislabellings are corrected rather than turned into
 * U+FFFD or mojibake: bytes that are not valid UTF-8 under a UTF-8 label (or none) are read with
 * the other label, or windows-1252; and valid multi-byte UTF-8 under any other label (a server
 * default of "ISO-8859-1", a declaration a template never updated) is kept as UTF-8.
 */
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used, e.g. "utf-8", "windows-1252". */
  charset: string;
  /** Where the choice came from. */
  from: 'bom' | 'content-type' | 'xml-declaration' | 'default' | 'fallback';
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

/** A byte-order mark, or UTF-16 `<?` without one (XML 1.0 Appendix F). */
function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
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

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function decode(bytes: Uint8Array, charset: string): string {
  if (iconv.encodingExists(charset)) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
  return new TextDecoder(charset).decode(bytes);
}

/** Decode a body; the result never depends on a guess when the bytes or the headers say. */
export function decodeBody(bytes: Uint8Array, contentType = ''): DecodedBody {
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
    if (other) return { text: decode(bytes, other), charset: other, from: other === h ? 'content-type' : 'xml-declaration' };
    return { text: decode(bytes, 'windows-1252'), charset: 'windows-1252', from: 'fallback' };
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
  return { text: decode(bytes, first), charset: first, from: first === h ? 'content-type' : 'xml-declaration' };
}
