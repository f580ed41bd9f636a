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
