/** What the bot answered to a response_url: it comes after the acknowledgement, so tests wait for it. */
import { vi } from 'vitest';

/** The body received at `path` among `answers` (as the hook server records them), once it has come. */
export function answerAt<T>(answers: ReadonlyArray<{ path: string; body: T }>, path: string, timeoutMs = 10_000): Promise<T> {
  return vi.waitFor(
    () => {
      const hit = answers.find((a) => a.path === path);
      if (!hit) throw new Error('no answer yet');
      return hit.body;
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
