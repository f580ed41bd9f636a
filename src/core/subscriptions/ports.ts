/** What the subscriptions module needs from outside: the subscription store. */
/** `slack:U123`, `slack:C123`, `discord:123456789012345678`, `console`. */
export type SubscriberKind = 'user' | 'channel';

export interface Subscription {
  subscriber: string;
  kind: SubscriberKind;
  topicSlug: string;
  /** Matches below this score are left out for this subscriber. */
  minScore: number | null;
  /** At most this many papers per digest for this subscription. */
  maxPapers: number | null;
  createdBy: string;
  createdAt: Date;
}

export type SubscriptionLimits = Partial<Pick<Subscription, 'minScore' | 'maxPapers'>>;

export interface SubscriptionStore {
  /**
   * Returns 'exists' for a duplicate (subscriber, topic); 'no-topic', nothing stored, when the
   * topic is not there (removed since it was looked up): a subscription always names a topic.
   */
  add(sub: Subscription): Promise<'created' | 'exists' | 'no-topic'>;
  remove(subscriber: string, topicSlug: string): Promise<boolean>;
  /** Changes a subscription's limits; false when there is no such subscription. */
  setLimits(subscriber: string, topicSlug: string, limits: SubscriptionLimits): Promise<boolean>;
  list(filter?: { subscriber?: string; topicSlug?: string }): Promise<Subscription[]>;
}
