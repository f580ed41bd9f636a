/**
 * A charset label the bytes are not (issue: U+FFFD given silently). feedparser tries the declared
 * encodings and, when the bytes do not decode under them, reads on with another and says it
 * (CharacterEncodingOverride); browsers read undecodable UTF-8 as windows-1252 the same way.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/net/charset.js';
import { ParseError } from '../../../src/net/errors.js';

const cp1252 = (s: string) => iconv.encode(s, 'windows-1252');
const doc = '<rss version="2.0"><channel><item><title>Café – naïve “quoted” Größe, élève, señor</title></item></channel></rss>';

describe('a known charset that is wrong for the bytes', () => {
  it('windows-1252 bytes under charset=shift_jis (or euc-kr, or a declaration) are read as windows-1252, and say the label was overridden', () => {
    for (const [bytes, type, label] of [
      [cp1252(doc), 'application/rss+xml; charset=shift_jis', 'shift_jis'],
      [cp1252(doc), 'text/xml; charset=euc-kr', 'euc-kr'],
      [cp1252(`<?xml version="1.0" encoding="Shift_JIS"?>${doc}`), 'text/xml', 'shift_jis'],
      // A UTF-8 header the bytes are not, over a declaration they are not either.
      [cp1252(`<?xml version="1.0" encoding="Shift_JIS"?>${doc}`), 'text/xml; charset=utf-8', 'shift_jis'],
    ] as const) {
      const out = decodeBody(bytes, type);
      expect(out.text, type).not.toMatch(/\uFFFD/);
      expect(out.text).toContain('Café – naïve “quoted” Größe, élève, señor');
      expect(out).toMatchObject({ charset: 'windows-1252', from: 'fallback', overridden: label });
    }
  });

  it('windows-1252 bytes under an explicit UTF-8 label (header or declaration) say so too; unlabelled, or UTF-8 with a stray byte, they do not', () => {
    for (const [bytes, type] of [
      [cp1252(doc), 'application/rss+xml; charset=utf-8'],
      [cp1252(`<?xml version="1.0" encoding="UTF-8"?>${doc}`), 'text/xml'],
      [cp1252('{"title":"Café – naïve “quoted” Größe, élève, señor"}'), 'application/json; charset=UTF-8'],
    ] as const) {
      const out = decodeBody(bytes, type);
      expect(out.text, type).toContain('Café – naïve “quoted” Größe, élève, señor');
      expect(out, type).toMatchObject({ charset: 'windows-1252', overridden: 'utf-8' });
    }
    expect(decodeBody(cp1252(doc), 'text/xml').overridden).toBeUndefined();
    const stray = Buffer.concat([Buffer.from('<t>Größe, élève, señor '), Buffer.from([0x92]), Buffer.from('s</t>')]);
    expect(decodeBody(stray, 'text/xml; charset=utf-8')).toMatchObject({ text: '<t>Größe, élève, señor ’s</t>', charset: 'utf-8' });
    expect(decodeBody(stray, 'text/xml; charset=utf-8').overridden).toBeUndefined();
  });

  it('JSON with no label in bytes that are not UTF-8 (RFC 8259 §8.1 makes it UTF-8) is read as windows-1252 and said; an unlabelled feed is not', () => {
    const json = '{"title":"Café – naïve “quoted” Größe, élève, señor"}';
    for (const type of ['application/json', 'application/feed+json', '']) {
      const out = decodeBody(cp1252(json), type);
      expect(out, type).toMatchObject({ text: json, charset: 'windows-1252', notUtf8: true });
      expect(out.overridden, type).toBeUndefined();
    }
    expect(decodeBody(cp1252(`[${json}]`), '')).toMatchObject({ notUtf8: true });
    expect(decodeBody(Buffer.from(json), 'application/json').notUtf8).toBeUndefined();
    expect(decodeBody(cp1252(doc), '').notUtf8).toBeUndefined();
    expect(decodeBody(cp1252(json), 'application/json; charset=windows-1252').notUtf8).toBeUndefined();
  });

  it('real Shift_JIS and EUC-KR text, and windows-1252 under its own label, under its label is kept, one stray byte or not', () => {
    const jp = '<t>自然言語処理の新しい手法について、大規模な実験を行いました。</t>';
    expect(decodeBody(iconv.encode(jp, 'shift_jis'), 'text/xml; charset=shift_jis')).toMatchObject({ text: jp, charset: 'shift_jis', from: 'content-type' });
    const stray = Buffer.concat([iconv.encode(jp, 'shift_jis'), Buffer.from([0xa0])]);
    expect(decodeBody(stray, 'text/xml; charset=shift_jis')).toMatchObject({ charset: 'shift_jis', from: 'content-type' });
    expect(decodeBody(iconv.encode('<t>한국어 텍스트입니다</t>', 'euc-kr'), 'text/xml; charset=euc-kr').text).toBe('<t>한국어 텍스트입니다</t>');
    expect(decodeBody(cp1252(doc), 'text/xml; charset=windows-1252')).toMatchObject({ from: 'content-type' });
    expect(decodeBody(cp1252(doc), 'text/xml; charset=windows-1252').overridden).toBeUndefined();
  });

  it('EBCDIC (XML 1.0 Appendix F: 4C 6F A7 94) is said to be an encoding paperboy cannot read, not "text that is not XML"', () => {
    // '<?xml version="1.0"?>' in EBCDIC code page 037.
    const ebcdic = Buffer.from([0x4c, 0x6f, 0xa7, 0x94, 0x93, 0x40, 0xa5, 0x85, 0x99, 0xa2, 0x89, 0x96, 0x95, 0x7e, 0x7f, 0xf1, 0x4b, 0xf0, 0x7f, 0x6f, 0x6e]);
    expect(() => decodeBody(ebcdic, 'text/xml')).toThrow(ParseError);
    expect(() => decodeBody(ebcdic)).toThrow(/EBCDIC/);
  });
});
