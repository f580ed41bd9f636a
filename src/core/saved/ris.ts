/**
 * RIS for a reading list: one `TAG  - value` line per field, `ER  - ` to end a record. Values
 * are single lines (citation.ts), so a title cannot forge a tag or end its record early.
 */
import type { Citation } from './citation.js';
import { readableTex } from '../papers/tex.js';

function line(tag: string, value: string): string {
  return `${tag}  - ${value}`;
}

export function risRecord(c: Citation): string {
  // UNPB (unpublished work) is how Zotero and Mendeley read an RIS preprint.
  const lines = [line('TY', 'UNPB'), line('TI', readableTex(c.title))];
  for (const a of c.authors) lines.push(line('AU', a));
  if (c.published) {
    const d = c.published;
    lines.push(line('PY', String(d.getUTCFullYear())));
    lines.push(line('DA', `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`));
  }
  if (c.arxivId) {
    lines.push(line('PB', 'arXiv'), line('M1', `arXiv:${c.arxivId}${c.version ? `v${c.version}` : ''}`));
    if (c.primaryClass) lines.push(line('KW', c.primaryClass));
  }
  if (c.doi) lines.push(line('DO', c.doi));
  lines.push(line('UR', c.url));
  if (c.abstract) lines.push(line('AB', readableTex(c.abstract)));
  lines.push(line('ER', ''));
  return lines.join('\r\n');
}

export function toRis(citations: readonly Citation[]): string {
  return citations.map((c) => `${risRecord(c)}\r\n`).join('\r\n');
}
