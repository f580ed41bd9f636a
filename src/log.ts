/** Structured logs (pino): JSON in production and pipes, pretty on a TTY. */
import { createRequire } from 'node:module';
import type { Logger as PinoLogger } from 'pino';
import { DatabaseUnavailableError } from './store/errors.js';

export type Logger = PinoLogger;

type Pino = typeof import('pino');
let pinoModule: Pino | null = null;
/** pino (CommonJS, ~30 modules) is required when a logger is first used, not at import. */
const loadPino = (): Pino => (pinoModule ??= createRequire(import.meta.url)('pino') as Pino);

/** pino's levels: a method below the logger's level is a no-op in pino too. */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const noop = () => undefined;

/**
 * A logger built on first use. A one-off command that logs nothing at its level (`paperboy
 * papers list`: a debug line when the stores open) then never loads pino; one that logs gets
 * the same pino logger as before, on its first call.
 */
function lazyLogger(level: string, build: () => Logger): Logger {
  let real: Logger | null = null;
  const logger = () => (real ??= build());
  // An unknown level (custom levels) gives no threshold: everything builds the logger.
  const threshold = LEVELS[level] ?? -Infinity;
  return new Proxy({} as Logger, {
    get(_target, key) {
      if (!real && typeof key === 'string' && key !== 'silent' && (LEVELS[key] ?? Infinity) < threshold) return noop;
      const target = logger();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(logger(), key, value),
    has: (_target, key) => Reflect.has(logger(), key),
  });
}

/**
 * pino's error serializer, except for a database that is locked, down or read-only: its message
 * names the database and what to do, and a stack through Prisma's internals only buried that
 * (a CLI digest printed it after the friendly line).
 */
/** DatabaseUnavailableError and its kinds, also as they arrive from a worker thread (by name: the class does not cross). */
const DATABASE_ERRORS = new Set(['DatabaseUnavailableError', 'DatabaseLockedError', 'DatabaseReadOnlyError']);

export function logErr(err: unknown): unknown {
  if (err instanceof DatabaseUnavailableError || (err instanceof Error && DATABASE_ERRORS.has(err.name))) return { type: err.name, message: err.message };
  return loadPino().stdSerializers.err(err as Error);
}

export function createLogger(level: string = process.env.LOG_LEVEL?.trim() || 'info', name = 'paperboy'): Logger {
  return lazyLogger(level, () => {
    const { destination, pino, transport } = loadPino();
    const pretty = process.stderr.isTTY && process.env.NODE_ENV !== 'production';
    return pino(
      {
        name,
        level,
        serializers: { err: logErr },
        // Tokens and secrets never reach the logs, even when an error object carries them.
        redact: { paths: ['*.token', '*.authorization', '*.headers.authorization', '*.apiKey'], censor: '[redacted]' },
      },
      pretty
        ? transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } })
        : destination(2),
    );
  });
}

/** A logger that prints nothing (tests, --json output). */
export function silentLogger(): Logger {
  return loadPino().pino({ level: 'silent' });
}
