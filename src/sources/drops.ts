/**
 * Entries a source read but could not use (a feed entry without a usable link, a withdrawn
 * Hugging Face paper), kept per unit so the ingest run can count and explain them
 * (jobs/ingest.ts `droppedEntries`) whoever built the source. Notes on a unit that are no entry
 * (a saved feed cut short) are kept apart, so that they are said but never counted as entries.
 */

/** What a source tells about a unit besides its papers. */
export interface UnitReports {
  /** One line per entry of `unit` left out. */
  onSkipped?: (unit: string, reasons: string[]) => void;
  /** Something to say of `unit` that is not an entry: "the file is cut short after entry 4 (…)". */
  onNote?: (unit: string, note: string) => void;
}

export interface DropLog {
  /** Told by a source, once per unit, with one line per entry left out. */
  record(unit: string, reasons: string[]): void;
  /** The reasons recorded for a unit since it was last taken. */
  take(unit: string): string[];
}

export function createDropLog(): DropLog {
  const byUnit = new Map<string, string[]>();
  return {
    record(unit, reasons) {
      if (reasons.length === 0) return;
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), ...reasons]);
    },
    take(unit) {
      const reasons = byUnit.get(unit) ?? [];
      byUnit.delete(unit);
      return reasons;
    },
  };
}
