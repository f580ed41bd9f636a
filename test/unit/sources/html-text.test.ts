/** HTML snippets to text with a real entity decoder (issue 12, case 7) and markup detection (case 5). */
import { describe, expect, it } from 'vitest';
import { holdsClosingMarkup, holdsMarkup, htmlToText } from '../../../src/sources/html-text.js';

describe('htmlToText', () => {
  it('decodes every HTML entity, not only six', () => {
    expect(htmlToText('K&ouml;ln &bdquo;Zitat&ldquo;&nbsp;&ndash; &euro;5 &hellip; &szlig; &eacute; &rsquo; &thinsp;')).toBe('Köln „Zitat“\u00a0– €5 … ß é ’ \u2009');
    expect(htmlToText('&#8222;x&#8220; &#x2013; &amp;lt;')).toBe('„x“ – &lt;');
  });

  it('drops comments, scripts, and namespace prefixes on tags', () => {
    expect(htmlToText('<!-- a > b --><xhtml:p>One</xhtml:p><xhtml:p>two</xhtml:p><script>x<y</script>').replace(/\s+/g, ' ').trim()).toBe('One two');
  });

  // A whole HTML document in a description (Facebook Instant Articles feeds; rss-parser's
  // test/input/instant-article.rss): its <head> (title, meta, styles) is nothing a reader sees.
  it('drops a document\'s <head>, and only the head, even when the head is never closed', () => {
    const doc = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Head title</title><link rel="canonical" href="https://ex.org/1"></head><body><p>Body text.</p></body></html>';
    expect(htmlToText(doc).replace(/\s+/g, ' ').trim()).toBe('Body text.');
    expect(htmlToText('<html><head><meta charset="utf-8"><body><p>Body text.</p></body></html>').replace(/\s+/g, ' ').trim()).toBe('Body text.');
    // Many unclosed heads hide nothing.
    expect(htmlToText(`${'<head>kept '.repeat(3)}<p>Body</p>`).replace(/\s+/g, ' ').trim()).toBe('kept kept kept Body');
  });

  it('keeps a lone < as text', () => {
    expect(htmlToText('x < y and a<3')).toBe('x < y and a<3');
  });
});

describe('holdsClosingMarkup', () => {
  it('takes only a closing tag for markup in text that is plain by its format (arXiv listings)', () => {
    expect(holdsClosingMarkup('Models emit a <br> token between rows.')).toBe(false);
    expect(holdsClosingMarkup('Filtering <img src=x onerror=alert(1)> payloads')).toBe(false);
    expect(holdsClosingMarkup('<p>An old listing</p>')).toBe(true);
  });
});

describe('holdsMarkup', () => {
  it('spots HTML left after one decoding pass', () => {
    expect(holdsMarkup('<div><p>Text</p></div>')).toBe(true);
    expect(holdsMarkup('see <a href="x">here</a>')).toBe(true);
    expect(holdsMarkup('x < y, <said> the team')).toBe(false);
  });

  it('takes a tag the text talks about for text: "HTML <table> parsing", "the <s> token"', () => {
    expect(holdsMarkup('Tokens like <s> and <video>: a study of HTML <table> parsing')).toBe(false);
    expect(holdsMarkup('Use the <p> tag here.')).toBe(false);
  });

  it('but a line break, a tag closing itself or carrying attributes, or a leading block tag is markup', () => {
    for (const s of ['line one<br/>line two', 'a <br> b', '<img src="x.png"> caption', '<p>Para one<p>Para two', 'see <a href="x">here']) expect(holdsMarkup(s), s).toBe(true);
  });
});

describe('angle brackets that are not HTML', () => {
  it('keeps "<T>" and "<PAD>" written in escaped text, drops real and custom elements', () => {
    expect(htmlToText('Generics with &lt;T&gt; and <PAD> tokens, <b>bold</b>, <x-embed src=1></x-embed>done')).toBe('Generics with <T> and <PAD> tokens, bold, done');
  });
});

describe('hostile input', () => {
  it('stays linear on runs of "<" with and without a closing ">"', () => {
    const started = Date.now();
    expect(htmlToText('<'.repeat(1_000_000))).toHaveLength(1_000_000);
    // The last '<a>' is a tag: 3 characters fewer.
    expect(htmlToText(`${'<a'.repeat(200_000)}>`)).toHaveLength(399_998);
    expect(htmlToText('<script>'.repeat(100_000))).toBe('');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
