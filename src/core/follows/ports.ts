/** What the follows module needs from outside: where follows are kept. */

/** One person (or channel) following one author. */
export interface Follow {
  /** The follower's subscriber id: `slack:U123`, `discord:1234…`. */
  subscriber: string;
  /** The author as chosen: the full name seen in stored papers, or as typed when none was. */
  author: string;
  createdBy: string;
  createdAt: Date;
}

export interface FollowStore {
  /** 'exists' for a duplicate (subscriber, author). */
  add(follow: Follow): Promise<'created' | 'exists'>;
  remove(subscriber: string, author: string): Promise<boolean>;
  /** Oldest first. */
  list(filter?: { subscriber?: string }): Promise<Follow[]>;
}
