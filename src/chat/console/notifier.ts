/**
 * The embedded default: digests printed to stdout. It keeps what it wrote in this process, so
 * a resumed part is not printed twice by the same process.
 */
import type { Notifier, RenderedPart, SendOutcome } from '../../core/ports.js';
import { writeFailureReason } from '../../output-failure.js';

/** The console's notifier: it can say that it cannot post now, before a digest is run for it. */
export interface ConsoleNotifier extends Notifier {
  /** Why nothing can be printed now (stdout failed a write), or null; for the rest of this process once set. */
  unavailable(): string | null;
}

/**
 * Why `notifier` cannot post now, or null: only the console's can know before posting (its
 * stdout failed a write); the digest producer skips its target meanwhile.
 */
export function notifierUnavailable(notifier: Notifier): string | null {
  const console = notifier as Partial<ConsoleNotifier>;
  return typeof console.unavailable === 'function' ? console.unavailable() : null;
}

export function createConsoleNotifier(out: NodeJS.WritableStream = process.stdout): ConsoleNotifier {
  const written = new Map<string, string>();
  let seq = 0;
  // A stream that failed a write is destroyed, and every later write fails too: trying again in
  // this process only waits. The part stays unsent in the ledger, for a run with a stdout to write.
  let broken: string | null = null;
  return {
    platform: 'console',
    unavailable: () => broken,
    async send(_address: string, part: RenderedPart): Promise<SendOutcome> {
      if (broken) return { status: 'failed', error: broken, retryable: false };
      const text = typeof part.payload === 'string' ? part.payload : part.text;
      try {
        await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
      } catch (err) {
        broken = `stdout cannot be written (${writeFailureReason(err)})`;
        return { status: 'failed', error: broken, retryable: false };
      }
      const id = `console-${Date.now()}-${++seq}`;
      written.set(part.dedupeKey, id);
      return { status: 'sent', messageId: id };
    },
    async findPosted(_address: string, dedupeKey: string): Promise<string | null> {
      return written.get(dedupeKey) ?? null;
    },
  };
}
