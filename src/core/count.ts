/** Counts in words people read: "1 match", "48 papers" (the CLI's output and the chat replies). */

/** "1 match", "48 papers": a count with its noun (`many` when it is not the noun + s). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

