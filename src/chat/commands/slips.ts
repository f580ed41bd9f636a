/**
 * A slip of one in a command's word ("subscibe", "saved ad", "follow autor"): the command it
 * probably meant, asked about ("did you mean …?") by every parser the same way.
 */
import { typoEdits } from '../../core/edit-distance.js';
import { cleanArgument } from '../text/clean.js';
import type { ParseOutcome } from './command.js';

/** The one word of `words` that `word` is a slip of; none when no or two are as near. */
export function nearest(word: string, words: readonly string[]): string | null {
  const near = words.map((w) => ({ w, edits: typoEdits(w, word) })).filter((n): n is { w: string; edits: number } => n.edits !== null);
  const best = Math.min(...near.map((n) => n.edits));
  const at = near.filter((n) => n.edits === best);
  return at.length === 1 ? at[0]!.w : null;
}

/** `word` is no command; with `meant`, `command(meant)` is the whole command it probably was. */
export function unknown(word: string, meant: string | null, command: (meant: string) => string): ParseOutcome {
  return meant === null ? { status: 'unknown', word } : { status: 'unknown', word, suggestion: cleanArgument(command(meant)) };
}
