/**
 * Digest languages as BCP 47 tags, checked with Intl: well-formed (Intl.getCanonicalLocales)
 * and naming a language Intl knows (Intl.DisplayNames), so "english" or "xx" is refused
 * rather than stored and silently rendered in English.
 */
export type LanguageCheck = { ok: true; tag: string } | { ok: false; message: string };

const show = (raw: string) => JSON.stringify(String(raw).slice(0, 40));
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function checkLanguageTag(raw: string): LanguageCheck {
  const value = String(raw ?? '').trim();
  const example = 'a BCP 47 language tag such as de, fr, pt-BR or zh-Hant';
  if (!value) return { ok: false, message: `Say which language: ${example}.` };
  let tag: string;
  try {
    [tag = ''] = Intl.getCanonicalLocales(value);
  } catch {
    return { ok: false, message: `${show(value)} is not ${example}.` };
  }
  // The special codes are well-formed but name no language to write in: 'und' (undetermined;
  // Node 20 gives it no language subtag, and asking its name throws), 'mul' (multiple), 'zxx'
  // (no linguistic content), 'mis' (uncoded) and the private-use 'qaa'–'qtz'.
  const language = new Intl.Locale(tag).language;
  if (!language || NO_LANGUAGE.test(language) || !knownName(language)) return { ok: false, message: `${show(value)} names no language I know; use ${example}.` };
  return { ok: true, tag };
}

const NO_LANGUAGE = /^(und|mul|zxx|mis|q[a-t][a-z])$/;

function knownName(language: string): string | undefined {
  try {
    return names.of(language);
  } catch {
    return undefined;
  }
}

/** The language's name in English ("German"), for answers; the tag when Intl has none. */
export function languageName(tag: string): string {
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The base language of a tag (`de-AT` → `de`), to pick a message catalog. */
export function baseLanguage(tag: string | null | undefined): string {
  if (!tag) return 'en';
  try {
    return new Intl.Locale(tag).language || 'en';
  } catch {
    return 'en';
  }
}
