/**
 * Where fast-xml-parser found a document not well-formed, in words. Its message ends
 * ":line:col"; for a document that ends with elements still open (a feed cut short) it names
 * every open element and says line 1, column 1, so there the position worth saying is where the
 * document ends.
 */

const POSITION = /:(\d+):(\d+)$/;
/** The validator's messages for a document that ends inside elements. */
const OPEN_AT_END = /^(?:Invalid '\[[\s\S]*\]' found\.|Unclosed tag '[^']*'\.):\d+:\d+$/;

/**
 * " (at line L, column C)", " (it ends at line L, column C)", or '' when the error gives no
 * position. `skipped`: what was taken off the start of `text` before it was parsed (a BOM, blank
 * lines), so the position is the file's.
 */
export function xmlErrorPosition(err: unknown, text: string, skipped = ''): string {
  const why = err instanceof Error ? err.message : String(err);
  const at = POSITION.exec(why);
  if (!at) return '';
  const ends = OPEN_AT_END.test(why);
  let line = Number(at[1]);
  let column = Number(at[2]);
  if (ends) {
    const lines = text.trimEnd().split('\n');
    line = lines.length;
    column = lines.at(-1)!.length;
  }
  const before = skipped.replace(/^\uFEFF/, '').split('\n');
  if (line === 1) column += before.at(-1)!.length;
  line += before.length - 1;
  return ends ? ` (it ends at line ${line}, column ${column})` : ` (at line ${line}, column ${column})`;
}
