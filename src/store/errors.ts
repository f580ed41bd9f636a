/** Errors the store layer throws with a message a human can act on. */

/** The database could not be reached, opened or locked in time. */
export class DatabaseUnavailableError extends Error {
  constructor(
    /** The URL without its password. */
    public readonly display: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`database ${display} is unavailable: ${reason}`, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** A migration failed (its changes were rolled back) or the history is not safe to extend. */
export class MigrationError extends Error {
  constructor(
    message: string,
    public readonly migration: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}
