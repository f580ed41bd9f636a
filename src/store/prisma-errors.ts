/** Recognising Prisma's known errors without importing either generated client's classes. */

/** P2002: a unique or primary key constraint refused the write. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
