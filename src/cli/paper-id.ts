/** A paper named on the command line (`papers show`, `saved add|remove`, `feedback`), read one way by every command. */
import { cleanText, typedPaperId } from '../core/papers/normalize.js';
import type { CliContext } from './context.js';
import { fail } from './fail.js';

/**
 * The stored id `raw` names, or null after reporting a usage error (exit 2). The typed text is
 * echoed cleaned: a control character pasted with it would otherwise reach the terminal.
 */
export function paperIdArg(ctx: CliContext, cmd: string, raw: string): string | null {
  const id = typedPaperId(raw);
  if (id) return id;
  // A feed id cut short (a narrow column, typed by hand) was told it is no "feed: id", which it plainly starts as.
  const why = /^\s*feed:/i.test(raw) ? 'is not a whole feed id: one is feed: and 40 hex digits, as `paperboy papers list` and `search` show it' : 'is not an arXiv id (like 2411.04965) or a feed: id';
  fail(ctx, cmd, `"${cleanText(raw, 80)}" ${why}`);
  return null;
}
