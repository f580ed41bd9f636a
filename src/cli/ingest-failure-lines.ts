/** `paperboy ingest`'s stderr lines for the units that failed. */
import type { SourceName } from '../core/papers/paper.js';
import { count } from '../core/count.js';
import type { UnitFailure } from '../../jobs/ingest.js';

/** Shorter runs read as well one a line, and show each day. */
const SHORTEST_RUN = 3;

/**
 * One line per failed unit, except that consecutive days failing for one reason are one line
 * ("failed 2020-01-02 … 2026-01-01 (2,192 days): not fetched: host … not found"): a backfill run
 * offline wrote a line for every day of it, burying the first line, the one that says why. Feeds
 * and files keep a line each, since their names are what a person acts on.
 */
export function failureLines(failures: readonly Pick<UnitFailure, 'unit' | 'error'>[], unitLabels: readonly string[], source: SourceName): string[] {
  const dated = source === 'hf' || source === 'arxiv';
  const position = new Map(unitLabels.map((label, i) => [label, i]));
  const lines: string[] = [];
  let i = 0;
  while (i < failures.length) {
    const first = failures[i]!;
    let end = i + 1;
    const at = position.get(first.unit);
    if (dated && at !== undefined) {
      // A run is days next to each other in the run's order, every one failing the same way.
      while (end < failures.length && failures[end]!.error === first.error && position.get(failures[end]!.unit) === at + (end - i)) end++;
    }
    if (end - i >= SHORTEST_RUN) {
      lines.push(`failed ${first.unit} … ${failures[end - 1]!.unit} (${count(end - i, 'day')}): ${first.error}\n`);
      i = end;
    } else {
      lines.push(`failed ${first.unit}: ${first.error}\n`);
      i++;
    }
  }
  return lines;
}
