/** Choosing a body's charset (issue 12, case 3): bytes, Content-Type, XML declaration, mislabels. */
import { describe, expect, it } from 'vitest';
import { contentTypeCharset, decodeBody, xmlDeclaredEncoding } from '../../../src/net/charset.js';
import { createHttpClient } from '../../../src/net/http.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const cp1252 = (s: string) => Buffer.from(s.replace(/[“”€–…’]/g, (c) => String.fromCharCode({ '“': 0x93, '”': 0x94, '€': 0x80, '–': 0x96, '…': 0x85, '’': 0x92 }[c]!)), 'latin1');

describe('decodeBody', () => {
  it('reads the XML declaration: ISO-8859-1 bytes', () => {
    const bytes = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe, élève</t>');
    expect(decodeBody(bytes, 'application/rss+xml')).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe, élève</t>', charset: 'windows-1252', from: 'xml-declaration' });
  });

  it('reads the Content-Type: Windows-1252 bytes 0x80-0x9F as quotes, dashes and €', () => {
    const out = decodeBody(cp1252('<t>“quoted” – €5… it’s</t>'), 'text/xml; charset="windows-1252"');
    expect(out).toMatchObject({ text: '<t>“quoted” – €5… it’s</t>', from: 'content-type' });
  });

  it('an "ISO-8859-1" label means windows-1252, as in browsers', () => {
    expect(decodeBody(cp1252('“x”'), 'text/xml; charset=iso-8859-1').text).toBe('“x”');
  });

  it('strips a BOM and believes it', () => {
    expect(decodeBody(Buffer.from('\uFEFF<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>', 'utf8'))).toMatchObject({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><t>é</t>', from: 'bom' });
    expect(decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>ü</t>', 'utf16le')])).text).toBe('<t>ü</t>');
    // UTF-16 without a BOM, recognised by its '<?' (XML 1.0 Appendix F).
    expect(decodeBody(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><t>ü</t>', 'utf16le'))).toMatchObject({ text: '<?xml version="1.0" encoding="UTF-16"?><t>ü</t>', charset: 'utf-16le' });
  });

  it('bytes that are not UTF-8 under a UTF-8 label are not turned into U+FFFD', () => {
    expect(decodeBody(latin1('<t>Größe</t>'), 'application/xml; charset=utf-8')).toMatchObject({ text: '<t>Größe</t>', charset: 'windows-1252', from: 'fallback' });
    expect(decodeBody(latin1('<?xml version="1.0" encoding="iso-8859-15"?><t>Größe</t>'), 'text/xml; charset=UTF-8')).toMatchObject({ charset: 'iso-8859-15', from: 'xml-declaration' });
  });

  it('UTF-8 with a stray windows-1252 byte (a quote pasted from Word) keeps its UTF-8; a legacy text stays legacy', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><t>Café – “quotes” and it', 'utf8'), Buffer.from([0x92]), Buffer.from('s</t>')]);
    expect(decodeBody(bytes)).toMatchObject({ text: '<?xml version="1.0" encoding="UTF-8"?><t>Café – “quotes” and it’s</t>', charset: 'utf-8' });
    expect(decodeBody(bytes, 'application/rss+xml; charset=utf-8').text).toBe('<?xml version="1.0" encoding="UTF-8"?><t>Café – “quotes” and it’s</t>');
    // German windows-1252 where "ß“" happens to be a valid UTF-8 pair: its other letters say what it is.
    expect(decodeBody(cp1252('<t>„Das ist groß“ – sagt der Bäcker, Grüße</t>'.replace('„', '\x84')))).toMatchObject({ text: '<t>„Das ist groß“ – sagt der Bäcker, Grüße</t>', charset: 'windows-1252' });
  });

  it('a server-wide ISO-8859-1 default over a document that declares and is UTF-8 stays UTF-8', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><t>Größe</t>', 'utf8');
    expect(decodeBody(bytes, 'text/xml; charset=ISO-8859-1')).toMatchObject({ text: '<?xml version="1.0" encoding="UTF-8"?><t>Größe</t>', charset: 'utf-8' });
  });

  it('multi-byte UTF-8 under a declaration or header that names a legacy charset stays UTF-8, not "CafÃ©"', () => {
    // A template's encoding="ISO-8859-1" (or windows-1252) kept after the site's text became UTF-8.
    const text = '<?xml version="1.0" encoding="ISO-8859-1"?><t>Café – “quotes” naïve</t>';
    expect(decodeBody(Buffer.from(text, 'utf8'))).toMatchObject({ text, charset: 'utf-8' });
    expect(decodeBody(Buffer.from('<t>Größe “x”</t>', 'utf8'), 'text/xml; charset=windows-1252')).toMatchObject({ text: '<t>Größe “x”</t>', charset: 'utf-8' });
    // Legacy bytes under the same labels are read with them.
    expect(decodeBody(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe</t>')).text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><t>Größe</t>');
    expect(decodeBody(cp1252('<t>“€”</t>'), 'text/xml; charset=windows-1252').text).toBe('<t>“€”</t>');
  });

  it('UTF-8 by default; unknown labels are ignored', () => {
    expect(decodeBody(Buffer.from('{"t":"ü"}'), 'application/json')).toEqual({ text: '{"t":"ü"}', charset: 'utf-8', from: 'default' });
    expect(decodeBody(Buffer.from('<t>ü</t>'), 'text/xml; charset=x-nonsense').text).toBe('<t>ü</t>');
  });

  it('parses labels', () => {
    expect(contentTypeCharset('text/xml;charset=ISO-8859-1')).toBe('ISO-8859-1');
    expect(contentTypeCharset('application/rss+xml')).toBeNull();
    expect(xmlDeclaredEncoding(Buffer.from("\n<?xml version='1.0' encoding='Windows-1252' ?>"))).toBe('Windows-1252');
    expect(xmlDeclaredEncoding(Buffer.from('<rss encoding="x">'))).toBeNull();
  });
});

describe('the HTTP client decodes with the charset', () => {
  it('returns text decoded from the Content-Type, and the final address after redirects', async () => {
    const client = createHttpClient({
      timeoutMs: 1000,
      retries: 0,
      userAgent: 't',
      fetch: (async () => {
        const res = new Response(cp1252('<t>“€”</t>'), { status: 200, headers: { 'content-type': 'text/xml; charset=windows-1252' } });
        Object.defineProperty(res, 'url', { value: 'https://example.org/final.xml' });
        return res;
      }) as unknown as typeof fetch,
    });
    expect(await client.getText('https://example.org/feed')).toMatchObject({ text: '<t>“€”</t>', url: 'https://example.org/final.xml' });
  });
});
