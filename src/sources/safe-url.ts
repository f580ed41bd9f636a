import { isPdfAddress } from '../core/papers/normalize.js';

/**
 * Links from upstream end up as clickable links in Slack/Discord: keep only absolute
 * http(s) URLs (no `javascript:`, `data:`, relative or whitespace-laden values).
 */
export const MAX_URL_CHARS = 2048;

export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (s.length > MAX_URL_CHARS || /\s/.test(s)) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** `ref` made absolute against `base`; unchanged when it cannot be. */
export function resolveUrl(ref: string, base: string | null): string {
  const r = ref.trim();
  if (!r) return '';
  try {
    return new URL(r, base ?? undefined).toString();
  } catch {
    return r;
  }
}

/** A feed's site (its channel link, alternate link or home_page_url) as an absolute http(s) address, or null. */
export function homeOf(raw: string, base: string | null): string | null {
  const url = resolveUrl(raw, base);
  return /^https?:\/\//i.test(url) ? url : null;
}

/**
 * A feed entry's PDF at `href` (resolved against `base`), as a usable http(s) address, or null:
 * typed application/pdf, or with no type and a PDF's address by its path (isPdfAddress: .pdf, or
 * arXiv's /pdf/); a link typed as anything else is taken at its word. Read the same way from Atom
 * and RSS links and JSON Feed attachments.
 */
export function safePdfUrl(href: string, type: string, base: string | null): string | null {
  // An address it cannot use (javascript:, over-long) is no PDF link.
  const url = safeHttpUrl(resolveUrl(href, base));
  if (!url) return null;
  return isPdfFile(type, url) ? url : null;
}

/**
 * A PDF by its type (application/pdf), or, with no type, by its address's path (isPdfAddress:
 * .pdf, or arXiv's /pdf/); a relative address is read against a placeholder host, for its path.
 */
export function isPdfFile(type: string, href: string): boolean {
  const t = type.trim();
  if (t) return /^application\/pdf\s*(?:;|$)/i.test(t);
  try {
    return isPdfAddress(new URL(href.trim(), 'https://relative.invalid/'));
  } catch {
    return false;
  }
}
