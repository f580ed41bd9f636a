/** Every command that is for a person or a channel reads --user / --channel one way (cli/who.ts) and refuses in the same words. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../helpers/memory-stores.js';
import { memoryCli } from '../../helpers/memory-cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pb-who-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cli = memoryCli(createMemoryStores(), dataDir);

const EITHER = 'give --user <platform:id> (a person) or --channel <platform:id> (a channel)';

describe('--user / --channel', () => {
  const commands: Array<[string, string[]]> = [
    ['saved list', ['saved', 'list']],
    ['saved export', ['saved', 'export']],
    ['subscribe', ['subscribe', '--topic', 'asr']],
    ['unsubscribe', ['unsubscribe', '--topic', 'asr']],
  ];

  it.each(commands)('%s with neither says to give one', async (name, argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`paperboy ${name}: ${EITHER}\n`);
  });

  it.each([...commands, ['subscriptions', ['subscriptions']] as [string, string[]]])('%s with both says not both', async (name, argv) => {
    const r = await cli(...argv, '--user', 'slack:U0123ABCD', '--channel', 'slack:C0123ABCD');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`paperboy ${name}: ${EITHER}, not both\n`);
  });

  // A channel id given as a person is refused by the command, before any topic or database is read.
  it.each([
    ['saved list', ['saved', 'list', '--user', 'slack:C0123ABCD']],
    ['subscribe', ['subscribe', '--topic', 'asr', '--user', 'slack:C0123ABCD']],
    ['subscriptions', ['subscriptions', '--user', 'slack:C0123ABCD']],
    ['follow list', ['follow', 'list', '--user', 'slack:C0123ABCD']],
  ])('%s refuses an id that is not a person’s in the same words', async (name, argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`paperboy ${name}: "C0123ABCD" is not a Slack user id like U0123ABCD\n`);
  });
});
