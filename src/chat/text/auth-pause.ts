/**
 * After a platform refuses the bot's token every call would fail alike (and, on Discord, count
 * toward its invalid-request ban), so a notifier stops calling for a while instead.
 */
export interface AuthPause {
  /** True while calls should not be made. */
  active(): boolean;
  /** The token was just refused: pause from now. */
  trip(): void;
}

export const AUTH_PAUSE_MS = 10 * 60_000;

export function authPause(ms = AUTH_PAUSE_MS, now: () => number = Date.now): AuthPause {
  let until = 0;
  return {
    active: () => now() < until,
    trip: () => {
      until = now() + ms;
    },
  };
}
