import type { DeliveryTarget, TargetStore } from '../ports.js';

/** The configured defaults a new delivery target starts from (PAPERBOY_DIGEST_DEFAULT_*). */
export interface TargetDefaults {
  PAPERBOY_DIGEST_DEFAULT_TIME: string;
  PAPERBOY_DIGEST_DEFAULT_TZ: string;
  PAPERBOY_DIGEST_MAX_PAPERS: number;
}

/**
 * A new, active target on the default schedule. With no digest yet (`lastDigestAt` null) its
 * first digest covers the default window (the last day).
 */
export function newDeliveryTarget(
  id: string,
  platform: DeliveryTarget['platform'],
  kind: DeliveryTarget['kind'],
  defaults: TargetDefaults,
  overrides: Partial<Pick<DeliveryTarget, 'notifyEmpty' | 'weekdaysOnly'>> = {},
): DeliveryTarget {
  return {
    id,
    platform,
    kind,
    time: defaults.PAPERBOY_DIGEST_DEFAULT_TIME,
    timeZone: defaults.PAPERBOY_DIGEST_DEFAULT_TZ,
    weekdaysOnly: overrides.weekdaysOnly ?? false,
    maxPapers: defaults.PAPERBOY_DIGEST_MAX_PAPERS,
    notifyEmpty: overrides.notifyEmpty ?? false,
    lastDigestAt: null,
    status: 'active',
    brokenReason: null,
    failureCount: 0,
  };
}

/**
 * The subscriber's delivery target, made on the default schedule when it has none: a
 * subscription without a target never reaches anyone. `created` says whether it was made here.
 */
export async function ensureDeliveryTarget(
  targets: TargetStore,
  subscriber: string,
  kind: 'user' | 'channel',
  defaults: TargetDefaults,
): Promise<{ target: DeliveryTarget; created: boolean }> {
  const existing = await targets.get(subscriber);
  if (existing) return { target: existing, created: false };
  const target = newDeliveryTarget(subscriber, subscriber.startsWith('discord:') ? 'discord' : 'slack', kind, defaults);
  await targets.upsert(target);
  return { target, created: true };
}
