/**
 * Exactly what the chat commands need from the core, as one small interface: handlers are
 * tested against fakes of it, and `core-adapter.ts` builds it from the real core services.
 */
import type { ChatPlatform } from '../../core/platforms.js';
import type { NextDigest } from '../../core/targets/next-digest.js';
import type { ChannelSchedule } from './command.js';
import type { ReadingListCommands } from './saved-services.js';
import type { FollowCommandServices } from './follow-command.js';
import type { TargetOptionsServices } from './target-options-command.js';

/**
 * Whether the bot can post a digest in a channel (post-access.ts asks it when a channel's digest
 * is set up from chat).
 */
export type PostAccess =
  | { status: 'can-post' }
  /** `why`: the platform's own word for it; `fix`: what a member of the channel does about it, in the platform's terms. */
  | { status: 'cannot-post'; why: string; fix: string }
  /**
   * The platform could not say (rate limited, a scope missing, slow): nothing is claimed. `why`
   * and `fix`, when the person should hear of it (Slack limited the check): said, not as a refusal.
   */
  | { status: 'unknown'; why?: string; fix?: string };

/** What the digest will need: `threads`, a thread of replies under its first message. */
export interface PostAccessWant {
  threads?: boolean;
}

/** Who is asking, as the core names subscribers: `slack:U123`, `discord:1234…`. */
export interface ChatActor {
  platform: ChatPlatform;
  /** The caller's subscriber id (`slack:U123`). */
  userId: string;
  /** The channel the command came from, as a subscriber id (`slack:C123`); null in DMs. */
  channelId: string | null;
  /** Whether the caller may manage `channelId`; asked lazily (Slack needs an API call). */
  mayManageChannel(): Promise<boolean>;
  /** Whether the bot can post in `channelId`; absent where the platform cannot tell. */
  postAccess?(want?: PostAccessWant): Promise<PostAccess>;
  /** The bot's name where the platform told it (Slack: auth.test `user`), for the words that name it. */
  botName?: string;
}

import type { ParsedQuery } from '../../core/search/query-parser.js';
import type { SearchNotes } from '../../core/search/spelling.js';

/** The paper fields a reply shows: the same card a digest item carries. */
export type { PaperCard } from '../../core/papers/paper-card.js';
import type { PaperCard } from '../../core/papers/paper-card.js';

export interface SearchHit {
  paper: PaperCard;
  score: number;
}

/** `invalid`: the query itself is wrong (a bad filter); the message says how. */
/** `query` and `notes`: the query as searched (typos corrected) and what the search did with its words (core/search/spelling.ts). */
export type SearchResult = { status: 'ok'; hits: SearchHit[]; query?: ParsedQuery; notes?: SearchNotes } | { status: 'invalid'; message: string };

export interface TopicInfo {
  slug: string;
  name: string;
  description: string;
}

export type TopicLookup =
  | { status: 'found'; topic: TopicInfo }
  /** Closest names first (possibly none). */
  | { status: 'unknown'; suggestions: TopicInfo[] };

export type SubscriptionChange =
  /**
   * `created`: the text became a new topic; `broader`: the built-in topic it is an alias of
   * (offered, not chosen); `preview`: its best matches of the last days, to mark right away;
   * `excluded`: what its words say it is not, counted against a paper; `unmet`: fields it names
   * that no stored paper mentions yet.
   */
  /** `resumed`: digests to the subscriber had stopped for this reason and start again. */
  /** `firstDigest`: this subscription made the subscriber's delivery target, and when its first digest comes. */
  /** `previewLate`: the preview took longer than the answer may wait (it is left out, not empty). */
  /** `othersFollowing`: how many other people or channels follow the topic, whose marks teach it as this subscriber's do. */
  | { status: 'subscribed'; topic: TopicInfo; created?: boolean; othersFollowing?: number; previewLate?: boolean; broader?: TopicInfo; preview?: DigestItem[]; previewRead?: number; previewConsidered?: number; excluded?: string[]; unmet?: string[]; resumed?: string; schedule?: Required<ChannelSchedule>; firstDigest?: NextDigest }
  | { status: 'unsubscribed'; topic: TopicInfo }
  | { status: 'already-subscribed'; topic: TopicInfo; resumed?: string }
  | { status: 'not-subscribed'; topic: TopicInfo }
  | { status: 'unknown-topic'; suggestions: TopicInfo[] }
  /** Found, then removed by someone else before the subscription was written: nothing changed. */
  | { status: 'topic-removed'; topic: TopicInfo }
  | { status: 'forbidden'; reason: string }
  | { status: 'invalid'; message: string };

/** A new subscription answers with its topic's best matches of this many days. */
export const SUBSCRIBE_PREVIEW_DAYS = 7;

export interface SubscriptionInfo {
  topic: TopicInfo;
  createdAt: Date;
}

export interface DigestItem {
  paper: PaperCard;
  topicSlug: string;
  /** Shown instead of the slug where known. */
  topicName?: string;
  score: number;
  why: string;
}

export type DigestPreview =
  | { status: 'no-subscriptions' }
  | { status: 'ok'; items: DigestItem[]; since: Date | null; moreMatched?: number };

export type FeedbackOutcome =
  /** `again`: the presser had given this verdict already; `replaced`: the other verdict they had given, which this one replaces. */
  | { status: 'recorded'; topic: TopicInfo; again?: boolean; replaced?: 'up' | 'down' }
  /** A mark taken back ('clear'): `verdict` is the one it was. */
  | { status: 'cleared'; topic: TopicInfo; verdict: 'up' | 'down' }
  | { status: 'not-marked'; topic: TopicInfo }
  | { status: 'unknown-topic' }
  | { status: 'unknown-paper' };

export type ScheduleChange =
  /** `next`: when the next digest comes, given only when the target is new or the change moved it. */
  | { status: 'scheduled'; schedule: Required<ChannelSchedule>; resumed?: string; next?: NextDigest }
  | { status: 'forbidden'; reason: string }
  | { status: 'invalid'; message: string };

export interface ChannelInfo {
  subscriptions: SubscriptionInfo[];
  schedule: Required<ChannelSchedule> | null;
  /** How the digest is posted: papers as replies in a thread, and its language (null: English). */
  threads?: boolean;
  language?: string | null;
  /** Why digests here stopped (the platform refused them); absent while they are posted. */
  stopped?: string;
}

export type SubscriptionRequest = {
  /** Whose subscription: the actor's own user id, or the channel id. */
  subscriber: string;
  kind: 'user' | 'channel';
  topic: string;
  actor: { id: string; mayManageChannel: boolean };
  /** Subscribing to text that names no topic creates one ('unless-typo' asks about near misspellings first). */
  create?: 'unless-typo' | 'always';
};

export interface CommandServices extends ReadingListCommands {
  search(query: string, limit: number): Promise<SearchResult>;
  listTopics(): Promise<TopicInfo[]>;
  /** Exact slug/name match, else the closest names. */
  findTopic(text: string): Promise<TopicLookup>;
  subscribe(req: SubscriptionRequest): Promise<SubscriptionChange>;
  unsubscribe(req: SubscriptionRequest): Promise<SubscriptionChange>;
  listSubscriptions(subscriber: string): Promise<SubscriptionInfo[]>;
  /** The digest this subscriber would get now, without sending or recording anything. */
  previewDigest(subscriber: string): Promise<DigestPreview>;
  /** 'clear' takes the actor's mark back, as `paperboy feedback <topic> <paper> clear` does. */
  recordFeedback(mark: { topicSlug: string; arxivId: string; actor: string; verdict: 'up' | 'down' | 'clear' }): Promise<FeedbackOutcome>;
  channelInfo(channel: string): Promise<ChannelInfo>;
  /** A channel's digest schedule, or with `kind: 'user'` the caller's own DM digest (`channel` is then the user's id). */
  /** Following authors; absent where it is not wired (the command then says so). */
  follows?: FollowCommandServices;
  /** Threads and language of a digest; absent where it is not wired (the command then says so). */
  targetOptions?: TargetOptionsServices;
  setChannelSchedule(req: { channel: string; kind?: 'user' | 'channel'; schedule: ChannelSchedule; actor: { id: string; mayManageChannel: boolean } }): Promise<ScheduleChange>;
}
