/**
 * `db backup` meeting another process's lock partway through said nothing while it waited (it
 * retried until the lock went). It says it waits, for what, how long of how long at most and how
 * far the copy got: a line when the wait begins and every 10 s, on a terminal or not (a cron log),
 * and a line when the lock is gone.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBackupProgress } from '../../../src/cli/progress.js';
import { silentLogger } from '../../../src/log.js';

const wait = (waitedMs: number) => ({ file: '/srv/paperboy/paperboy.db', waitedMs, giveUpMs: 60_000, copiedPages: 410, totalPages: 1_000 });

describe('db backup waiting for a lock', () => {
  for (const isTTY of [false, true]) {
    it(`says so when the wait begins, every 10 s and when it ends (${isTTY ? 'a terminal' : 'a pipe'})`, () => {
      const stream = Object.assign(new PassThrough(), { isTTY });
      let text = '';
      stream.on('data', (d: Buffer) => (text += d.toString()));
      const progress = createBackupProgress({ stream, logger: silentLogger() });
      progress.step(410, 1_000);
      for (const ms of [0, 1_100, 2_300, 9_900, 10_400, 11_500, 20_100]) progress.waiting(wait(ms));
      progress.step(1_000, 1_000);
      progress.stop();
      expect(text.split('\n').filter(Boolean)).toEqual([
        'waiting: another process holds a lock on /srv/paperboy/paperboy.db (0 s of at most 60; 41% copied)',
        'waiting: another process holds a lock on /srv/paperboy/paperboy.db (10 s of at most 60; 41% copied)',
        'waiting: another process holds a lock on /srv/paperboy/paperboy.db (20 s of at most 60; 41% copied)',
        'the lock on /srv/paperboy/paperboy.db was released after 20 s; copying on',
      ]);
    });
  }
});
