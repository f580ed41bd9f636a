/** The catalog as TopicDefinitions, and idempotent seeding into a TopicStore. */
import type { CacheStore, TopicDefinition, TopicStore } from '../ports.js';
import { CATALOG } from './catalog.js';

export function builtinTopics(now: Date): TopicDefinition[] {
  return CATALOG.map((spec) => ({
    slug: spec.slug,
    name: spec.name,
    description: spec.description,
    mustPhrases: [],
    mustNotPhrases: [],
    categories: [],
    minUpvotes: null,
    builtin: true,
    createdBy: null,
    createdAt: now,
  }));
}

const SEEDED = 'topics:seeded';

/**
 * Add catalog topics the store lacks. With a cache, each catalog topic is seeded once ever,
 * so an operator's removal sticks while topics new to the catalog still arrive.
 */
export async function seedBuiltinTopics(store: TopicStore, now: Date, cache?: CacheStore): Promise<{ created: string[] }> {
  const created: string[] = [];
  const topics = builtinTopics(now);
  const seeded = cache ? await cache.getMany(SEEDED, topics.map((t) => t.slug)) : new Map<string, string>();
  const fresh = topics.filter((t) => !seeded.has(t.slug));
  for (const topic of fresh) {
    if ((await store.add(topic)) === 'created') created.push(topic.slug);
  }
  if (cache && fresh.length) await cache.putMany(SEEDED, fresh.map((t) => [t.slug, now.toISOString()]));
  return { created };
}
