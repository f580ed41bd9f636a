import { describe, expect, it } from 'vitest';
import { reportAccessProblems } from '../../../src/core/digest/access.js';
import type { DigestChannels } from '../../../src/core/digest/channel.js';
import type { Logger } from '../../../src/core/ports.js';

// The warning is for the operator reading the log: what the platform answered, on one line and
// without the terminal escapes its text may carry.
describe('reportAccessProblems', () => {
  it("logs a credential check that threw as describeError says it", async () => {
    const warned: Array<{ obj: object; msg?: string }> = [];
    const log = (obj: object | string, msg?: string) => void warned.push(typeof obj === 'string' ? { obj: {}, msg: obj } : { obj, msg });
    const logger: Logger = { info: log, warn: log, error: log, debug: log };
    const channels = {
      slack: {
        notifier: {
          accessProblems: async () => {
            throw new Error('auth.test answered:\n  \u001b[31minvalid_auth\u001b[0m');
          },
        },
      },
    } as unknown as DigestChannels;
    await reportAccessProblems(channels, logger);
    expect(warned).toEqual([{ obj: { platform: 'slack', err: 'auth.test answered: invalid_auth' }, msg: 'could not check the bot credentials' }]);
  });
});
