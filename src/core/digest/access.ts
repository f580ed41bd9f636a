import type { Logger } from '../ports.js';
import type { DigestChannels } from './channel.js';
import { describeError } from '../error-text.js';

/**
 * Log what each platform's credentials lack that delivery relies on (e.g. Slack history
 * scopes), loudly and once: notifiers remember that they have said it. Called at start and
 * before each run's deliveries (a check that failed at start is retried there).
 */
export async function reportAccessProblems(channels: DigestChannels, logger: Logger, platforms: Iterable<keyof DigestChannels> = Object.keys(channels) as Array<keyof DigestChannels>): Promise<void> {
  for (const platform of new Set(platforms)) {
    const notifier = channels[platform]?.notifier;
    if (!notifier?.accessProblems) continue;
    try {
      for (const problem of await notifier.accessProblems()) logger.warn({ platform, operatorAction: true }, problem);
    } catch (err) {
      logger.warn({ platform, err: describeError(err) }, 'could not check the bot credentials');
    }
  }
}
