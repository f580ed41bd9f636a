/** The catalog as TopicDefinitions, and idempotent seeding into a TopicStore. */
import type { TopicDefinition, TopicStore } from '../ports.js';
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

/** Add any catalog topic the store lacks; existing ones (maybe edited by users) are left alone. */
export async function seedBuiltinTopics(store: TopicStore, now: Date): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const topic of builtinTopics(now)) {
    if ((await store.add(topic)) === 'created') created.push(topic.slug);
  }
  return { created };
}
