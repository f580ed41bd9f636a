/**
 * Where topic definitions are stored (CacheStore namespace, keyed by topic slug). A module of its
 * own: the topic store removes a topic's definition with it, and must not load the draft service.
 */
export const DRAFT_NAMESPACE = 'topic-drafts';
