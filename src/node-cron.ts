/**
 * node-cron, loaded once and on first use. Config checks cron keys with it synchronously, so it
 * is required (its CommonJS build); the scheduler takes the same instance rather than importing
 * the package's ES build beside it, which would load node-cron twice.
 */
import { createRequire } from 'node:module';

export type NodeCron = typeof import('node-cron');

let loaded: NodeCron | null = null;

export function nodeCron(): NodeCron {
  return (loaded ??= createRequire(import.meta.url)('node-cron') as NodeCron);
}
