/**
 * Picks the delivery queue engine from the configuration: BullMQ with REDIS_URL, else
 * in-process. BullMQ and ioredis (~200 modules) are imported only when Redis is configured.
 */
import type { Config } from '../config.js';
import type { Logger } from '../core/ports.js';
import type { BullmqQueueOptions } from './bullmq-queue.js';
import { createInProcessQueue } from './in-process-queue.js';
import type { DeliveryQueue } from './queue.js';
import { loadIntegration } from '../integration-modules.js';

export type DeliveryQueueConfig = Pick<Config, 'REDIS_URL' | 'PAPERBOY_DELIVERY_CONCURRENCY' | 'PAPERBOY_REPLICA_ID'>;

export async function createDeliveryQueue(
  config: DeliveryQueueConfig,
  logger: Logger,
  overrides: Partial<Omit<BullmqQueueOptions, 'redisUrl'>> = {},
): Promise<DeliveryQueue> {
  const base = { concurrency: config.PAPERBOY_DELIVERY_CONCURRENCY, ...overrides };
  if (!config.REDIS_URL) return createInProcessQueue(logger, base);
  const { createBullmqQueue } = await loadIntegration('The Redis delivery queue', 'REDIS_URL', () => import('./bullmq-queue.js'));
  return createBullmqQueue(logger, { workerName: config.PAPERBOY_REPLICA_ID, ...base, redisUrl: config.REDIS_URL });
}
