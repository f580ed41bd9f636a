/**
 * Discord threads for threaded digests: a thread started on the digest's header message
 * (`POST /channels/{channel}/messages/{message}/threads`; its id is the message's), or in a
 * forum channel a forum post per digest (`POST /channels/{forum}/threads` with its first
 * message; the post's id is the thread's). Opening is idempotent: a resumed digest finds the
 * thread its first run opened (Discord answers 160004) and replies there.
 */
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { ThreadContext } from '../../core/ports.js';
import { snowflakeAt } from './snowflake.js';

/** Discord channel types: a forum and a media channel take only threads (posts). */
const FORUM_TYPES = new Set([15, 16]);
/** "A thread has already been created for this message". */
const THREAD_ALREADY_CREATED = 160004;
/** Threads stay open a day after the last reply, then archive (still readable and searchable). */
const AUTO_ARCHIVE_MINUTES = 1440;

interface ApiChannel {
  id: string;
  type: number;
  guild_id?: string;
  parent_id?: string | null;
}

export interface DiscordThreads {
  isForum(channel: string): Promise<boolean>;
  /** The thread's channel id for a reply, opening the thread on the root message if needed. */
  open(channel: string, thread: ThreadContext): Promise<string>;
  /** A forum post (thread + first message); returns its id. */
  forumPost(forum: string, name: string, message: object): Promise<string>;
  /** A post in `forum` since `since` whose messages `has` finds the key in, among active threads. */
  findForumPost(forum: string, since: Date, has: (thread: string) => Promise<string | null>): Promise<string | null>;
}

export function createDiscordThreads(rest: REST): DiscordThreads {
  const channels = new Map<string, Promise<ApiChannel>>();
  const opened = new Set<string>();
  const channel = (id: string): Promise<ApiChannel> => {
    let found = channels.get(id);
    if (!found) {
      found = rest.get(Routes.channel(id)) as Promise<ApiChannel>;
      channels.set(id, found);
      // A failed read is not remembered: the next post asks again.
      found.catch(() => channels.delete(id));
    }
    return found;
  };
  const isForum = async (id: string) => FORUM_TYPES.has((await channel(id)).type);

  return {
    isForum,
    async open(parent, thread) {
      if (opened.has(thread.threadOf) || (await isForum(parent))) return thread.threadOf;
      try {
        await rest.post(Routes.threads(parent, thread.threadOf), { body: { name: thread.threadName, auto_archive_duration: AUTO_ARCHIVE_MINUTES } });
      } catch (err) {
        if (!(err instanceof DiscordAPIError && Number(err.code) === THREAD_ALREADY_CREATED)) throw err;
      }
      opened.add(thread.threadOf);
      return thread.threadOf;
    },
    async forumPost(forum, name, message) {
      const created = (await rest.post(Routes.threads(forum), { body: { name, auto_archive_duration: AUTO_ARCHIVE_MINUTES, message } })) as ApiChannel;
      opened.add(created.id);
      return created.id;
    },
    async findForumPost(forum, since, has) {
      const { guild_id } = await channel(forum);
      if (!guild_id) return null;
      const { threads } = (await rest.get(Routes.guildActiveThreads(guild_id))) as { threads: ApiChannel[] };
      const after = BigInt(snowflakeAt(since));
      for (const t of threads) {
        if (t.parent_id !== forum || BigInt(t.id) < after) continue;
        if ((await has(t.id)) !== null) return t.id;
      }
      return null;
    },
  };
}
