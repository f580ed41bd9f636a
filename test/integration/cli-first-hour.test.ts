/**
 * The first things a person does with the CLI, on a fresh database, through the real entry
 * point (src/cli.ts) as `npm run paperboy --` runs it: add a channel for a starter topic,
 * subscribe someone, preview a Slack digest without credentials. Failed commands leave nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSeededStores } from '../../src/cli/open-stores.js';
import { cliLogLevel } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { holdSqliteLock } from '../helpers/sqlite-lock-holder.js';
import { silentLogger } from '../../src/log.js';
import { paperboyInProcess } from '../helpers/cli-in-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-first-hour-'));
});

/** No Slack, Discord or OpenAI configuration: what a fresh clone has. */
const env = () => ({ DATABASE_URL: `file:${join(dir, 'paperboy.db')}`, PAPERBOY_DATA_DIR: dir, LOG_LEVEL: 'silent' });

/** The real `paperboy` process (slow: one per test at most). */
function spawnPaperboy(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: process.cwd(),
    // LOG_LEVEL as a fresh clone has it (unset: info): the CLI itself logs only warnings without --verbose.
    env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: env().DATABASE_URL, PAPERBOY_DATA_DIR: dir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The same command in this process, with the context src/cli.ts builds. */
async function paperboy(...argsAndEnv: Array<string | Record<string, string>>): Promise<{ code: number; out: string; err: string }> {
  const args = argsAndEnv.filter((a): a is string => typeof a === 'string');
  const extra = argsAndEnv.find((a): a is Record<string, string> => typeof a !== 'string');
  const config = loadConfig({ ...env(), ...extra });
  return paperboyInProcess(config, args);
}

const targets = async () => JSON.parse((await paperboy('channel', 'list', '--json')).out) as Array<{ id: string; kind: string; topics: string[] }>;

describe('the first hour on a fresh database', () => {
  it('channel add with a starter topic works at once; a typo of a topic leaves nothing behind', async () => {
    const add = spawnPaperboy('channel', 'add', 'slack:C0123ABCD', '--topic', 'audio codecs');
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^Added slack:C0123ABCD .*\n {4}topics: audio codecs\n$/);
    // A new target's first digest is at its next slot, said in its own zone; with no Slack token
    // here, that nothing is posted until one is set.
    expect(add.out).toMatch(/ · not posted until SLACK_BOT_TOKEN is set; then first digest \w{3} \d{4}-\d{2}-\d{2} 09:00 UTC\n/);

    const bad = await paperboy('channel', 'add', 'slack:C0999ZZZZ', '--topic', 'image and video editing', 'audio codex');
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('No topic named "audio codex"');
    expect(bad.err.match(/did you mean/gi)?.length ?? 0).toBeLessThanOrEqual(1);
    expect((await targets()).map((t) => t.id)).toEqual(['slack:C0123ABCD']);
    // Nothing was written: not even the free-text topic that came before the typo.
    expect((await paperboy('topics', 'list')).out).not.toContain('image and video editing');
  }, 120_000);

  it('channel add with words that name no topic makes them a topic, as subscribe does', async () => {
    const add = await paperboy('channel', 'add', 'slack:C0777EEEE', '--topic', 'image and video editing');
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/topics: image and video editing\n/);
    expect((await paperboy('topics', 'list')).out).toContain('image and video editing');
  }, 120_000);

  it('subscribe --user makes the DM target the subscription is delivered by', async () => {
    const sub = await paperboy('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'audio codecs');
    expect(sub.code).toBe(0);
    expect(sub.out).toContain('slack:U0123ABCD is now subscribed to "audio codecs"');
    // This machine has no Slack token: said, as `channel add` says it.
    // ... and when its first digest comes, as `channel add` says it.
    expect(sub.out).toMatch(/New delivery target slack:U0123ABCD: a direct message at 09:00 UTC \(not posted until SLACK_BOT_TOKEN is set\); first digest \w{3} \d{4}-\d\d-\d\d 09:00 UTC\./);
    // Nothing stored yet: said as such, not as "nothing matches", with how to store papers.
    expect(sub.out).toContain('No paper has been stored in the last 7 days, so there is nothing to preview yet (`paperboy ingest` stores');
    expect(sub.out).not.toContain('matches it yet');
    const again = await paperboy('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'speculative decoding');
    expect(again.out).toMatch(/Delivers to slack:U0123ABCD: a direct message at 09:00 UTC \(not posted until SLACK_BOT_TOKEN is set\)\.\n/);

    expect(await targets()).toEqual([expect.objectContaining({ id: 'slack:U0123ABCD', kind: 'user', topics: ['audio-codecs', 'speculative-decoding'] })]);

    // A DM the platform refused: listing the person's subscriptions says digests are stopped.
    const stores = await openSeededStores(env().DATABASE_URL, silentLogger());
    await stores.targets.markFailure('slack:U0123ABCD', 'user_not_found', true);
    await stores.close();
    expect((await paperboy('subscriptions', '--user', 'slack:U0123ABCD')).out).toMatch(/slack:U0123ABCD: digests are stopped \(BROKEN: user_not_found\)/);
    const unknown = await paperboy('subscribe', '--user', 'slack:U0999ZZZZ', '--topic', 'audio codex');
    expect(unknown.code).toBe(1);
    expect((await targets()).map((t) => t.id)).toEqual(['slack:U0123ABCD']);

    // A Discord user is written as `channel list` and `digest --target` write it, everywhere.
    const discord = await paperboy('subscribe', '--user', 'discord:123456789012345678', '--topic', 'audio codecs');
    expect(discord.out).toContain('discord:user:123456789012345678 is now subscribed to "audio codecs"');
    expect(discord.out).toContain('New delivery target discord:user:123456789012345678: a direct message');
    expect((await paperboy('subscriptions', '--user', 'discord:123456789012345678')).out).toMatch(/^discord:user:123456789012345678 +user +audio codecs\n/);
    expect((await paperboy('unsubscribe', '--user', 'discord:user:123456789012345678', '--topic', 'audio codecs')).out).toBe('discord:user:123456789012345678 is no longer subscribed to "audio codecs".\n');
  }, 120_000);

  it('digest --dry-run previews a Slack channel offline, without Slack credentials', async () => {
    const file = join(dir, 'papers.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ id: '2611.00001', title: 'A neural audio codec with residual vector quantization at 1 kbps', abstract: 'We present a neural speech codec that compresses audio into discrete tokens with residual vector quantization, at 1 kbps.', publishedAt: new Date().toISOString() })}\n`,
    );
    expect((await paperboy('ingest', '--source', 'file', '--file', file)).code).toBe(0);
    expect((await paperboy('channel', 'add', 'slack:C0123ABCD', '--topic', 'audio codecs')).code).toBe(0);

    const text = await paperboy('digest', '--dry-run', '--target', 'slack:C0123ABCD');
    expect(text.err).not.toMatch(/not configured/);
    expect(text.code).toBe(0);
    expect(text.out).toContain('--- slack:C0123ABCD part 1/1 ---');
    expect(text.out).toContain('A neural audio codec with residual vector quantization');
    expect(text.out).toContain('"type": "header"');

    const json = await paperboy('digest', '--dry-run', '--target', 'slack:C0123ABCD', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as { targets: Array<{ status: string; rendered: Array<{ payload: { blocks?: unknown[] } }> }> };
    expect(report.targets[0]!.status).toBe('dry-run');
    expect(report.targets[0]!.rendered[0]!.payload.blocks?.length).toBeGreaterThan(0);
    // Nothing was recorded: a real run later still finds the same digest to deliver.
    // ... and the person is told which setting posts it, or how to drop the target.
    expect((await paperboy('digest', '--target', 'slack:C0123ABCD')).err).toContain(
      'slack:C0123ABCD not sent — slack is not configured (no SLACK_BOT_TOKEN); set it, or remove the target with `paperboy channel remove slack:C0123ABCD`',
    );
  }, 120_000);
});

describe('search from the command line', () => {
  it("'author:' with nothing after it is a usage error, not a search for the word \"author\"", async () => {
    const r = await paperboy('search', 'author:');
    expect(r.code).toBe(2);
    expect(r.err).toContain('author: needs a value right after the colon');
  }, 60_000);

  it('keeps one index snapshot per database in the shared data directory', async () => {
    const file = join(dir, 'papers.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: '2611.00007', title: 'Speculative decoding with a draft model', abstract: 'Draft tokens are verified in parallel.' })}\n`);
    expect((await paperboy('ingest', '--source', 'file', '--file', file)).code).toBe(0);
    expect((await paperboy('search', 'speculative')).out).toContain('2611.00007');
    const first = readdirSync(dir).filter((f) => f.startsWith('search-index'));
    expect(first).toHaveLength(1);
    const snapshot = readFileSync(join(dir, first[0]!), 'utf8');

    // Another database, same data directory: its own snapshot; the first one is left as it was.
    const other = `file:${join(dir, 'other.db')}`;
    const r = await paperboy('search', 'speculative', { DATABASE_URL: other });
    // A new database has nothing to find: that is the whole answer, not a spelling matter.
    expect(r.out).toBe('No papers found. No paper is stored yet: `paperboy ingest` fetches the latest ones (the service does on its schedule).\n');
    // With papers: a word that finds none may be misspelt; a filter that finds nothing is no
    // spelling matter; a category one says where categories come from.
    expect((await paperboy('search', 'speculatve decodng')).out).toContain('2611.00007');
    // Words no stored paper has, nor a word a typo away: said of the words (typos were forgiven over every paper).
    expect((await paperboy('search', 'quantum chromodynamics')).out).toBe('No stored paper has "quantum" or "chromodynamics".\n');
    // A typo is searched as the stored word it stands for, and said so before the papers.
    expect((await paperboy('search', 'speculatve')).out).toMatch(/^No stored paper has "speculatve": showing results for "speculative"\.\n2611\.00007 /);
    // A filter that emptied the answer is blamed, not the words.
    expect((await paperboy('search', 'author:Zzyzx speculative')).out).toBe('No papers match "speculative" with author:zzyzx: 1 match without it.\n');
    expect((await paperboy('search', 'author:Zzyzx')).out).toBe('No papers found.\n');
    // Named by the words searched: a letter beside other words is not one of them, and is said so.
    expect((await paperboy('search', 'quantum x')).out).toMatch(/^No stored paper has "quantum" \("x" is not searched beside other words\)\./);
    expect((await paperboy('search', 'category:cs.CL')).out).toBe('No papers found. Categories come from arXiv listings: papers known only from Hugging Face have none.\n');
    expect((await paperboy('search', 'since:2062-01-01 speculative')).out).toBe('No papers match "speculative" with since:2062-01-01: 1 match without it. since:2062-01-01 is after today: no paper is that new.\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('search-index'))).toHaveLength(2);
    expect(readFileSync(join(dir, first[0]!), 'utf8')).toBe(snapshot);
    expect((await paperboy('search', 'speculative')).out).toContain('2611.00007');
  }, 60_000);
});

describe('CLI logging', () => {
  it('is at warn unless --verbose (a quieter LOG_LEVEL still wins)', () => {
    expect(cliLogLevel('info', ['ingest'])).toBe('warn');
    expect(cliLogLevel('debug', ['ingest', '--date', '2026-11-01'])).toBe('warn');
    expect(cliLogLevel('info', ['ingest', '--verbose'])).toBe('info');
    expect(cliLogLevel('debug', ['--verbose', 'search', 'x'])).toBe('debug');
    expect(cliLogLevel('error', ['ingest'])).toBe('error');
    expect(cliLogLevel('info', ['search', '--', '--verbose'])).toBe('warn');
  });
});

describe('exit codes', () => {
  it('a DATABASE_URL whose folder does not exist is exit 2 naming it: no folder, no empty database, no "No papers yet"', () => {
    const missing = join(dir, 'nonexistent', 'dir');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'papers', 'list'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: dir, DATABASE_URL: `file:${missing}/x.db`, PAPERBOY_DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ code: r.status, out: r.stdout }).toEqual({ code: 2, out: '' });
    expect(r.stderr).toContain(`DATABASE_URL: ${missing}/x.db: the folder ${missing} does not exist`);
    expect(existsSync(join(dir, 'nonexistent'))).toBe(false);
  });

  it('2 for a usage error (empty or over-long topic, malformed id), 1 for a well-formed name or id that is not there', async () => {
    const long = 'x'.repeat(300);
    for (const args of [
      ['subscribe', '--user', 'slack:U0123ABCD', '--topic', ''],
      ['subscribe', '--user', 'slack:U0123ABCD', '--topic', long],
      ['unsubscribe', '--user', 'slack:U0123ABCD', '--topic', '  '],
      ['topics', 'show', ''],
      ['topics', 'remove', long],
      ['feedback', 'audio codecs', 'not-an-id', 'up'],
      ['feedback', '', '2611.00001', 'up'],
    ]) {
      const r = await paperboy(...args);
      expect(r.code, args.join(' ').slice(0, 60)).toBe(2);
      expect(r.err.trim().split('\n'), args.join(' ').slice(0, 60)).toHaveLength(1);
    }
    const unknownTopic = await paperboy('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'audio codex');
    expect(unknownTopic.code).toBe(1);
    expect(unknownTopic.err.match(/did you mean/gi)).toHaveLength(1);
    expect((await paperboy('feedback', 'audio codecs', '2611.99999', 'up')).code).toBe(1);
  }, 60_000);

  it('removing a starter topic says what went with it and how to get it back; restore brings it back once', async () => {
    expect((await paperboy('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf')).code).toBe(0);
    // Someone subscribes to it: removing it is asked for with --force.
    expect((await paperboy('topics', 'remove', 'rlhf')).code).toBe(1);
    const removed = await paperboy('topics', 'remove', 'rlhf', '--force');
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/^Removed topic "RLHF" \(rlhf\) and its 1 subscription \(1 person\)\. It was a starter topic: `paperboy topics restore "RLHF"` brings it back/);
    // A removal sticks across runs (the catalog is seeded once)...
    expect((await paperboy('topics', 'list')).out).not.toMatch(/^rlhf /m);
    // ...until restored, by name, slug or an alias that means it.
    const restored = await paperboy('topics', 'restore', 'reinforcement learning from human feedback');
    expect(restored.out).toBe('Restored the starter topic "RLHF" (rlhf), as the catalog defines it; subscriptions and feedback marks it had before its removal are not brought back.\n');
    expect((await paperboy('topics', 'restore', 'rlhf')).out).toBe('The starter topic "RLHF" is there already.\n');
    // A topic of one's own made under the starter's name after its removal holds the name: restore says so.
    expect((await paperboy('topics', 'remove', 'rlhf')).code).toBe(0);
    expect((await paperboy('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf')).out).toContain('(new topic)');
    // Its concepts are listed once, not as the vocabulary's 'rlhf' and the catalog's 'RLHF'.
    expect((await paperboy('topics', 'show', 'rlhf')).out).toMatch(/matched with the vocabulary's rlhf \(named\), plus its own words/);
    const taken = await paperboy('topics', 'restore', 'rlhf');
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/a topic of your own, "rlhf", holds the name of the starter topic "RLHF" now; remove it first/);
    const own = await paperboy('topics', 'restore', 'my own thing');
    expect(own.code).toBe(1);
    expect(own.err).toMatch(/"my own thing" is not a starter topic/);
  }, 60_000);

  it('a Discord id is a channel or a user: --dm on an id that is a channel target changes nothing and says why', async () => {
    expect((await paperboy('channel', 'add', 'discord:123456789012345678', '--topic', 'audio codecs')).code).toBe(0);
    const dm = await paperboy('channel', 'add', 'discord:123456789012345678', '--dm', '--topic', 'rlhf');
    expect(dm.code).toBe(1);
    expect(dm.err).toBe("paperboy channel add: discord:123456789012345678 is already a channel, not a DM: a DM needs the user's own id; nothing changed\n");
    expect(await targets()).toContainEqual(expect.objectContaining({ id: 'discord:123456789012345678', kind: 'channel', topics: ['audio-codecs'] }));
    // The other way round: a DM target named without --dm.
    expect((await paperboy('channel', 'add', 'discord:223456789012345678', '--dm', '--topic', 'rlhf')).code).toBe(0);
    const channel = await paperboy('channel', 'add', 'discord:223456789012345678', '--topic', 'audio codecs');
    expect(channel.err).toBe('paperboy channel add: discord:223456789012345678 is already a DM, not a channel: a channel needs the channel id; nothing changed\n');
  }, 60_000);

  it('a console dry run records nothing: not even the console target it previews', async () => {
    const before = (await targets()).map((t) => t.id);
    const dry = await paperboy('digest', '--target', 'console', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.err).toMatch(/^console (?:rendered, not sent \(dry run\)|nothing new in its window)/m);
    expect((await targets()).map((t) => t.id)).toEqual(before);
    // It writes nothing at all, so another process holding the write lock does not stop it.
    const lock = await holdSqliteLock(join(dir, 'paperboy.db'), { kind: 'immediate' });
    try {
      const locked = await paperboy('digest', '--target', 'console', '--dry-run');
      expect(locked.err).not.toContain('locked');
      expect(locked.code).toBe(0);
    } finally {
      await lock.release();
    }
  }, 60_000);
});
