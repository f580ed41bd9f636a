/** Sizes in words people read, for the messages that name a limit ("larger than 50 MB"). */
import { thousands } from './count.js';

const UNITS = ['KB', 'MB', 'GB'] as const;

/**
 * "50 MB", "1.5 KB", "900 bytes": binary multiples (the limits are set as 50 * 1024 * 1024),
 * one decimal at most, none when it is 0.
 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${thousands(n)} ${n === 1 ? 'byte' : 'bytes'}`;
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${thousands(Number((Math.round(value * 10) / 10).toFixed(1)))} ${UNITS[unit]!}`;
}
