/** Counts in words people read: "1 match", "48 papers" (the CLI's output and the chat replies). */

/** "2,193": a number as a count says it, thousands separated whatever the machine's locale. */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 match", "48 papers": a count with its noun (`many` when it is not the noun + s). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}


/** "a, b and c", "a or b": items as a sentence lists them (no comma before the last). */
export function listed(items: readonly string[], last: 'and' | 'or'): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)!}` : (items[0] ?? '');
}
