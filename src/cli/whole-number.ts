/** Whole-number options (--limit, --max-papers, …), read the same strict way by every command. */
import { Option } from 'commander';

/**
 * Digits only, else NaN. Number() also took 1e2, 0x10, ' 7 ' and '' (as 0): a typo or a
 * pasted value then ran with a limit nobody wrote.
 */
export function wholeNumber(raw: string): number {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
}

export type WholeNumberParse = { ok: true; value: number } | { ok: false; error: string };

/** `raw` as a whole number from `min` to `max` (no upper bound without one), or why not. */
export function wholeNumberOption(raw: string, flag: string, min: number, max?: number): WholeNumberParse {
  const value = wholeNumber(raw);
  if (Number.isInteger(value) && value >= min && (max === undefined || value <= max)) return { ok: true, value };
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  return { ok: false, error: `${flag} must be a whole number ${range}, got "${raw.slice(0, 40)}"` };
}

/**
 * A whole-number option with a default, read as text like any value typed: commander's help
 * quoted a text default as a string, "(default: \"50\")", where the person types 50.
 */
export function wholeNumberDefault(flags: string, description: string, value: number): Option {
  return new Option(flags, description).default(String(value), String(value));
}
