/**
 * The embedded default: digests printed to stdout. It keeps what it wrote in this process, so
 * a resumed part is not printed twice by the same process.
 */
import type { Notifier, RenderedPart, SendOutcome } from '../../core/ports.js';

export function createConsoleNotifier(out: NodeJS.WritableStream = process.stdout): Notifier {
  const written = new Map<string, string>();
  let seq = 0;
  return {
    platform: 'console',
    async send(_address: string, part: RenderedPart): Promise<SendOutcome> {
      const text = typeof part.payload === 'string' ? part.payload : part.text;
      await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
      const id = `console-${Date.now()}-${++seq}`;
      written.set(part.dedupeKey, id);
      return { status: 'sent', messageId: id };
    },
    async findPosted(_address: string, dedupeKey: string): Promise<string | null> {
      return written.get(dedupeKey) ?? null;
    },
  };
}
