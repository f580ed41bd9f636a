/**
 * Plain text from the HTML snippets feeds put in descriptions (`<p>`, `<a>`, MathML, entities).
 * A small scanner rather than a regex over markup: it drops tags, keeps their text, skips
 * comments and the content of <script>/<style>, of a document's <head> and of a formula's
 * source annotation. Entities are decoded by the `entities` package (the full HTML5 table, as
 * browsers read them, including `&nbsp;`, `&ouml;`, `&bdquo;`).
 */
import { decodeHTML } from 'entities/decode';

const BLOCK = new Set([
  'p', 'br', 'hr', 'div', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'section', 'article', 'figure', 'figcaption', 'table', 'ul', 'ol',
]);

/**
 * Element names read as markup; anything else in angle brackets ("<T>", "<PAD> tokens", "<said>")
 * is text that was escaped on purpose. Custom elements (`<x-embed>`) count as markup too.
 */
const ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body br button canvas caption center cite ' +
    'code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form ' +
    'frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark ' +
    'marquee math menu meta meter nav nobr noscript object ol optgroup option output p param picture pre progress q rp rt ruby s ' +
    'samp script section select small source span strike strong style sub summary sup svg table tbody td template textarea tfoot ' +
    'th thead time title tr track tt u ul var video wbr ' +
    // MathML, as blogs and journals put formulas into feeds (`<math><msup><mi>e</mi>…`).
    'maction annotation annotation-xml menclose merror mfenced mfrac mi mmultiscripts mn mo mover mpadded mphantom ' +
    'mprescripts mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder munderover semantics'
  ).split(' '),
);

/**
 * Elements whose content is not text a reader sees: scripts, styles, and a formula's source kept
 * beside it (MathML `<annotation encoding="application/x-tex">e^{kt}</annotation>`).
 */
const HIDDEN = new Set(['script', 'style', 'annotation', 'annotation-xml', 'head']);
/**
 * Hidden only up to a closing tag it has: HTML lets a document's `<head>` go unclosed, and the
 * body after it is what a reader sees.
 */
const HIDDEN_WHEN_CLOSED = new Set(['head']);

const isElementName = (name: string) => ELEMENTS.has(name) || /^[a-z][a-z\d]*-[a-z\d-]*$/.test(name);

const MARKUP_NAMES = 'p|div|br|hr|a|img|span|b|i|u|em|strong|small|sup|sub|ul|ol|li|h[1-6]|blockquote|pre|code|table|tr|td|th|figure|figcaption|section|article|font|center';
/**
 * A document's markup, not a tag a text talks about: a closing tag (`</p>`), a tag closing
 * itself (`<br/>`) or carrying attributes (`<a href=…>`), a line break (`<br>`), or a block tag
 * the text starts with (`<p>Para…`).
 */
const DOCUMENT_MARKUP = new RegExp(`</(?:${MARKUP_NAMES})\\s*>|<(?:${MARKUP_NAMES})(?:\\s+[a-z-]+\\s*=[^<>]*|\\s*)/>|<(?:${MARKUP_NAMES})\\s+[a-z-]+\\s*=[^<>]*>|<br\\s*>|^\\s*<(?:p|div)>`, 'i');
const CLOSING_MARKUP = new RegExp(`</(?:${MARKUP_NAMES})\\s*>`, 'i');

/**
 * Does text read as plain still hold an HTML document's markup (HTML escaped twice)? A lone
 * `<table>` or `<s>` is more often the text's subject ("parsing HTML <table> tags", "the <s>
 * token") than markup, and stripping it cut words out of titles.
 */
export function holdsMarkup(s: string): boolean {
  return s.includes('<') && DOCUMENT_MARKUP.test(s);
}

/**
 * The stricter test for text that is plain by its format (arXiv's listings): only a closing
 * tag says a document's markup is there; "a <br> token" and "<img src=x onerror=…> payloads"
 * are what a paper is about.
 */
export function holdsClosingMarkup(s: string): boolean {
  return s.includes('</') && CLOSING_MARKUP.test(s);
}

/** Characters after '<' read to find a tag's name. */
const MAX_NAME_SCAN = 64;

/** Where a hidden element ends: its closing tag under any prefix (`</mml:annotation>`), not a longer name's. */
const closers = new Map<string, RegExp>();
function closingTag(name: string): RegExp {
  let re = closers.get(name);
  if (!re) closers.set(name, (re = new RegExp(`</(?:[\\w.-]+:)?${name}[\\s>]`, 'g')));
  return re;
}

export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  let lower: string | null = null;
  // Hidden-when-closed elements found with no closing tag after them: none comes after a later one either.
  const unclosed = new Set<string>();
  let nextGt = -1;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    // The first '>' after a '<' is also the first after any '<' before it: found once, not per '<'.
    if (nextGt <= lt) nextGt = html.indexOf('>', lt + 1);
    const gt = nextGt;
    // No '>' left: no tag can follow, the rest is text (and no rescan per '<').
    if (gt < 0) {
      out += html.slice(lt);
      break;
    }
    // A lone '<' (e.g. "x < y") is text, not a tag.
    if (!/[a-z/!?]/i.test(html[lt + 1] ?? '')) {
      out += '<';
      i = lt + 1;
      continue;
    }
    // Only the tag's start is read (a name is short): "<a<a<a…>" must not cost a scan per '<'.
    const head = html.slice(lt + 1, Math.min(gt, lt + 1 + MAX_NAME_SCAN));
    const closing = head.startsWith('/');
    // `xhtml:p` is a `p`, `o:p` (from Word) too.
    const name = (/^\/?([^\s/>]*)/.exec(head)?.[1] ?? '').toLowerCase().replace(/^[\w.-]+:/, '');
    // `<!doctype …>`, `<?…?>` are markup; "<T>" is text.
    if (!/^[!?]/.test(head) && !isElementName(name)) {
      out += '<';
      i = lt + 1;
      continue;
    }
    if (HIDDEN.has(name) && !closing && !unclosed.has(name)) {
      lower ??= html.toLowerCase();
      const close = closingTag(name);
      close.lastIndex = gt;
      const end = close.exec(lower)?.index;
      // Each of thousands of unclosed <head>s scanned to the end again: 3 s on a 200 KB description.
      if (end === undefined) unclosed.add(name);
      i = end ?? (HIDDEN_WHEN_CLOSED.has(name) ? gt + 1 : html.length);
      continue;
    }
    if (HIDDEN_WHEN_CLOSED.has(name) && !closing) {
      i = gt + 1;
      continue;
    }
    if (BLOCK.has(name)) out += ' ';
    i = gt + 1;
  }
  return decodeHTML(out);
}
