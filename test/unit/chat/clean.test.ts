import { describe, expect, it } from 'vitest';
import { oneLine, stripControls, titleOf } from '../../../src/chat/text/clean.js';
import { cleanText } from '../../../src/core/papers/normalize.js';

// An Arabic title where the right-to-left mark keeps "2024:" beside the word it belongs to.
const RTL_TITLE = 'نتائج 2024\u200F: دراسة';

describe('chat text is cleaned as ingest cleans it', () => {
  it('keeps the implicit bidi marks (LRM, RLM, ALM) right-to-left text needs, and drops the overrides', () => {
    expect(titleOf(RTL_TITLE, '2501.00001')).toBe(RTL_TITLE);
    expect(oneLine('a\u200Eb\u061Cc')).toBe('a\u200Eb\u061Cc');
    expect(oneLine('evil\u202Etxt.exe\u2066x\u2069')).toBe('eviltxt.exex');
  });

  it('reads a line as cleanText does: one cleaning from ingest to a message', () => {
    for (const s of [RTL_TITLE, ' a\r\n b\t\u0000c\u001b[31m ', '\u0085x\u200Ey', 'ש\u200F1 \u202B2']) {
      expect(oneLine(s)).toBe(cleanText(s));
    }
  });

  it('keeps the lines of multi-line text, CR and CRLF as newlines, marks kept and controls gone', () => {
    expect(stripControls('one\r\ntwo\rthree\u200F\u0007\u202E')).toBe('one\ntwo\nthree\u200F');
  });

  it('labels a title that shows nothing (bidi marks, zero-width spaces) with the arXiv id', () => {
    for (const t of ['\u200E\u200F', '\u200B', ' \u00AD\u2060 ', '\u202E\u0000']) expect(titleOf(t, '2501.00001')).toBe('2501.00001');
  });
});
