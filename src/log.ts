/** Structured logs (pino): JSON in production and pipes, pretty on a TTY. */
import { destination, pino, transport, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'paperboy'): Logger {
  const pretty = process.stderr.isTTY && process.env.NODE_ENV !== 'production';
  return pino(
    {
      name,
      level,
      // Tokens and secrets never reach the logs, even when an error object carries them.
      redact: { paths: ['*.token', '*.authorization', '*.headers.authorization', '*.apiKey'], censor: '[redacted]' },
    },
    pretty
      ? transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } })
      : destination(2),
  );
}

/** A logger that prints nothing (tests, --json output). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
