/** Recognising Prisma's known errors without importing either generated client's classes. */

/** P2002: a unique or primary key constraint refused the write. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/**
 * P2003: a foreign key refused the write (Subscription.topicSlug -> Topic.slug, the one there
 * is): a subscription to a topic that is not there, or a topic deleted under a subscription.
 */
export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2003';
}

/**
 * Run a create that a unique key may refuse: 'exists' when a row with that key is there already,
 * a concurrent create's included (two clicks on Save, two replicas claiming one slot).
 */
export async function createUnlessExists(create: () => Promise<unknown>): Promise<'created' | 'exists'> {
  try {
    await create();
    return 'created';
  } catch (err) {
    if (isUniqueViolation(err)) return 'exists';
    throw err;
  }
}
