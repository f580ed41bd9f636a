/**
 * The bot's own username for the HTTP interactions endpoint, which, unlike the gateway, is never
 * told it: asked of Discord once (`GET /users/@me` with the bot token) and kept, so the let-in
 * text names the role Discord made for the bot ("the lab-digest role") as the gateway's does.
 */
import { REST, Routes, type APIUser } from 'discord.js';

/** A failed lookup is not asked again before this: a refused token counts toward Discord's ban on invalid requests. */
const RETRY_AFTER_MS = 10 * 60_000;

export interface BotNameLookup {
  /** The name, once known; undefined before the lookup or when it failed (the text then says "the bot's role"). */
  known(): string | undefined;
  /** The name, asked of Discord on the first call (and again at most every 10 minutes after a failure). */
  get(): Promise<string | undefined>;
}

export function createBotNameLookup(opts: { token: string; apiUrl: string; now?: () => number }): BotNameLookup {
  const now = opts.now ?? Date.now;
  // Short and unretried: a command's answer waits on it, and the text without the name still helps.
  const rest = new REST({ api: opts.apiUrl, timeout: 3_000, retries: 0, makeRequest: (url, init) => fetch(url, init as RequestInit) }).setToken(opts.token);
  let name: string | undefined;
  let pending: Promise<string | undefined> | null = null;
  let failedAt = -Infinity;
  return {
    known: () => name,
    get() {
      if (name !== undefined || now() - failedAt < RETRY_AFTER_MS) return Promise.resolve(name);
      pending ??= (rest.get(Routes.user('@me')) as Promise<APIUser>).then(
        (user) => {
          if (typeof user?.username === 'string' && user.username) name = user.username;
          else failedAt = now();
          pending = null;
          return name;
        },
        () => {
          failedAt = now();
          pending = null;
          return undefined;
        },
      );
      return pending;
    },
  };
}
