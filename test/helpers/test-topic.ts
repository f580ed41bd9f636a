/**
 * A TopicDefinition with every field filled, for tests: the one list of a topic's fields a test
 * builds from, as testPaper is for papers, so a field added to a topic is added here once.
 * Fixtures put their own values in `over`.
 */
import type { TopicDefinition } from '../../src/core/ports.js';

export function testTopic(over: Partial<TopicDefinition> & { slug: string }): TopicDefinition {
  return {
    name: over.slug,
    description: `about ${over.slug}`,
    mustPhrases: [],
    mustNotPhrases: [],
    categories: [],
    minUpvotes: null,
    builtin: false,
    createdBy: null,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    ...over,
  };
}
