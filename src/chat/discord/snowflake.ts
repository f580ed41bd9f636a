const DISCORD_EPOCH = 1420070400000n;

/** The smallest snowflake at or after `date` (for `after=` history queries). */
export function snowflakeAt(date: Date): string {
  const ms = BigInt(Math.max(date.getTime(), Number(DISCORD_EPOCH)));
  return ((ms - DISCORD_EPOCH) << 22n).toString();
}
