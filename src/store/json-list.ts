/** List fields are JSON text in both providers (SQLite has no arrays). */

export function toJsonList(list: readonly string[]): string {
  return JSON.stringify(list);
}

/** Tolerates hand-edited rows: anything but a JSON array of strings reads as []. */
export function fromJsonList<T extends string = string>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v.filter((x) => typeof x === 'string') as T[]) : [];
  } catch {
    return [];
  }
}
