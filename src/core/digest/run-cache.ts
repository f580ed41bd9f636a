/**
 * What the digest jobs of one replica share for a while: a window's candidate papers, their
 * matches per topic, summaries and topic names. With one queue job per target, every job
 * would otherwise read and match the same papers again — and most targets share a window
 * (the same daily slot) and a few topics. Entries live `ttlMs`, so an edited topic or a new
 * summary shows within that time; a failed load is forgotten at once, so the next job retries.
 */

export interface DigestRunCacheOptions {
  /** How long an entry is used (default one minute). */
  ttlMs?: number;
  /** Entries kept at most; the oldest go first (bounds memory with many windows/topics). */
  maxEntries?: number;
  now?: () => number;
}

export interface DigestRunCache {
  /** Entries held now (expired ones go as new ones come). */
  readonly size: number;
  /** The cached value for `key`, or `load()`'s (shared by every caller until it expires). */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * For keys that are cheaper to load together: the cached value of each key, loading the
   * missing ones with one `loadMany(missingKeys)` call.
   */
  getMany<T>(keys: readonly string[], loadMany: (missing: string[]) => Promise<Map<string, T>>, absent: T): Promise<T[]>;
}

interface Entry {
  value: Promise<unknown>;
  expires: number;
}

export function createDigestRunCache(opts: DigestRunCacheOptions = {}): DigestRunCache {
  const ttlMs = opts.ttlMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const put = (key: string, value: Promise<unknown>) => {
    entries.delete(key);
    // Insertion order is expiry order (one TTL for all): drop the expired from the front, so a
    // window's papers are not held after its jobs are done.
    for (const [k, e] of entries) {
      if (e.expires > now()) break;
      entries.delete(k);
    }
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    const entry = { value, expires: now() + ttlMs };
    entries.set(key, entry);
    // Forget failures (only this entry: a newer one under the key stays).
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
  };

  return {
    get size() {
      return entries.size;
    },
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = live(key);
      if (hit) return hit.value as Promise<T>;
      const value = load();
      put(key, value);
      return value;
    },
    async getMany<T>(keys: readonly string[], loadMany: (missing: string[]) => Promise<Map<string, T>>, absent: T): Promise<T[]> {
      const found = new Map<string, Promise<unknown>>();
      for (const k of keys) {
        const hit = found.has(k) ? undefined : live(k);
        if (hit) found.set(k, hit.value);
      }
      const missing = [...new Set(keys.filter((k) => !found.has(k)))];
      if (missing.length) {
        const batch = loadMany(missing);
        for (const k of missing) {
          const value = batch.then((m) => (m.has(k) ? m.get(k) : absent));
          put(k, value);
          found.set(k, value);
        }
      }
      return Promise.all(keys.map((k) => found.get(k) as Promise<T>));
    },
  };
}
