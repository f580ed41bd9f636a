/**
 * Plain text from the HTML snippets feeds put in descriptions (`<p>`, `<a>`, entities).
 * A small scanner rather than a regex over markup: it drops tags, keeps their text,
 * and skips the content of <script>/<style>.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = new Set(['p', 'br', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

export function htmlToText(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const gt = html.indexOf('>', lt + 1);
    // A lone '<' (e.g. "x < y") is text, not a tag.
    if (gt < 0 || !/[a-z/!?]/i.test(html[lt + 1] ?? '')) {
      out += '<';
      i = lt + 1;
      continue;
    }
    const tag = html.slice(lt + 1, gt).trim().toLowerCase();
    const name = tag.replace(/^\//, '').split(/[\s/]/)[0] ?? '';
    if ((name === 'script' || name === 'style') && !tag.startsWith('/')) {
      const close = html.toLowerCase().indexOf(`</${name}`, gt);
      i = close < 0 ? html.length : close;
      continue;
    }
    if (BLOCK.has(name)) out += ' ';
    i = gt + 1;
  }
  return decodeEntities(out);
}
