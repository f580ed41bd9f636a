/**
 * `paperboy channel add … --threads / --no-threads / --language <tag>` on a real database:
 * the options are stored on the target, kept when later calls leave them out, and a bad tag
 * is refused with a clear message before anything is written. A topic name is checked as
 * `subscribe` checks it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { runCli } from '../helpers/cli-run.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let stores: Stores;
const run = (...argv: string[]) => runCli({ config: loadConfig({ DATABASE_URL: db.url }), openStores: async () => stores }, argv);

beforeAll(async () => {
  db = await withTestDatabase();
  stores = await db.openStores();
});
afterAll(async () => db.drop());

describe('paperboy channel add --threads --language', () => {
  it('stores threads and a canonical language, keeps them when left out, and turns threads off', async () => {
    const added = await run('channel', 'add', 'slack:C0THREAD', '--threads', '--language', 'pt-br');
    expect(added.code).toBe(0);
    expect(added.out).toContain('threads  language pt-BR');
    expect(await stores.targets.get('slack:C0THREAD')).toMatchObject({ threads: true, language: 'pt-BR' });
    expect((await run('channel', 'add', 'slack:C0THREAD', '--time', '08:00')).code).toBe(0);
    expect(await stores.targets.get('slack:C0THREAD')).toMatchObject({ threads: true, language: 'pt-BR', time: '08:00' });
    expect((await run('channel', 'add', 'slack:C0THREAD', '--no-threads')).code).toBe(0);
    expect((await stores.targets.get('slack:C0THREAD'))!.threads).toBe(false);
    const listed = await run('channel', 'list', '--json');
    expect(JSON.parse(listed.out)[0]).toMatchObject({ id: 'slack:C0THREAD', threads: false, language: 'pt-BR' });
  });

  it('channel add --json names a new target with the same keys as channel list --json, digestFrom and rescheduledAt among them', async () => {
    const added = await run('channel', 'add', 'slack:C0JSONKEYS', '--json');
    expect(added.code).toBe(0);
    const target = JSON.parse(added.out).target as Record<string, unknown>;
    const listed = (JSON.parse((await run('channel', 'list', '--json')).out) as Array<Record<string, unknown>>).find((t) => t.id === 'slack:C0JSONKEYS')!;
    // The list adds to each target its topics and the digests waiting to be sent.
    expect(Object.keys(target).sort()).toEqual(Object.keys(listed).filter((k) => k !== 'topics' && k !== 'waiting').sort());
    expect(target).toMatchObject({ lastDigestAt: null, rescheduledAt: null });
  });

  it('says which topics it created from text that named none, as subscribe does', async () => {
    const added = await run('channel', 'add', 'slack:C0NEWTOPIC', '--topic', 'protein folding with diffusion');
    expect(added.code).toBe(0);
    expect(added.out).toContain('new topic, matched from its words: "protein folding with diffusion"');
    const again = await run('channel', 'add', 'slack:C0NEWTOPIC', '--topic', 'protein folding with diffusion');
    expect(again.out).not.toContain('new topic');
  });

  it('refuses a tag that is not BCP 47 or names no language, and writes nothing', async () => {
    const bad = await run('channel', 'add', 'discord:123456789012345678', '--language', 'en_US');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--language "en_US" is not a BCP 47 language tag');
    const unknown = await run('channel', 'add', 'discord:123456789012345678', '--language', 'english');
    expect(unknown.err).toContain('names no language I know');
    const undetermined = await run('channel', 'add', 'discord:123456789012345678', '--language', 'und');
    expect(undetermined.code).toBe(2);
    expect(undetermined.err).toContain('names no language I know');
    expect(await stores.targets.get('discord:123456789012345678')).toBeNull();
  });
});

describe('paperboy channel add --topic', () => {
  it('checks a topic name as subscribe does: an over-long one is refused with the same message, not cut', async () => {
    const long = 'speculative decoding with small draft models '.repeat(12).trim();
    const added = await run('channel', 'add', 'slack:C0LONGTOPIC', '--topic', long);
    const subscribed = await run('subscribe', '--channel', 'slack:C0LONGTOPIC', '--topic', long);
    expect(added.code).toBe(2);
    expect(added.err).toBe(subscribed.err.replace('paperboy subscribe:', 'paperboy channel add:'));
    expect(added.err).toBe(`paperboy channel add: Topic name is too long (${long.length} characters, at most 120)\n`);
    expect(await stores.targets.get('slack:C0LONGTOPIC')).toBeNull();
    expect((await stores.topics.list()).filter((t) => t.name.startsWith('speculative decoding with small'))).toEqual([]);
  });
});

describe('paperboy channel add without a topic', () => {
  it('says nothing is posted until the target follows a topic (or its person an author), and how', async () => {
    // "topics: (none)" alone: the target looked set up, and no digest ever came.
    const bare = await run('channel', 'add', 'slack:C0NOTOPIC1');
    expect(bare).toMatchObject({ code: 0, err: '' });
    expect(bare.out).toMatch(/\n {4}topics: \(none\): nothing is posted until it follows a topic: paperboy channel add slack:C0NOTOPIC1 --topic "…"\n$/);
    const dm = await run('channel', 'add', 'slack:U0NOTOPIC1');
    expect(dm.out).toMatch(/\n {4}topics: \(none\): nothing is posted until it follows a topic or an author: paperboy channel add slack:U0NOTOPIC1 --topic "…"\n$/);
    await stores.follows.add({ subscriber: 'slack:U0NOTOPIC1', author: 'Ada Lovelace', createdBy: 'operator', createdAt: new Date() });
    expect((await run('channel', 'add', 'slack:U0NOTOPIC1', '--time', '10:00')).out).toMatch(/\n {4}topics: \(none\)\n$/);
    expect((await run('channel', 'add', 'slack:C0NOTOPIC1', '--topic', 'rlhf')).out).toMatch(/\n {4}topics: RLHF\n$/);
  });
});

describe('paperboy channel add again', () => {
  it('gives one answer: the update on stdout and nothing on stderr, or a refusal on stderr and nothing on stdout', async () => {
    expect((await run('channel', 'add', 'slack:C0AGAIN01', '--topic', 'rlhf')).code).toBe(0);
    const again = await run('channel', 'add', 'slack:C0AGAIN01', '--topic', 'rlhf', '--tz', 'europe/berlin');
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toMatch(/^Updated slack:C0AGAIN01 {2}09:00 Europe\/Berlin .*\n {4}topics: RLHF\n$/);
    const typo = await run('channel', 'add', 'slack:C0AGAIN01', '--topic', 'speculative decodng', '--tz', 'UTC');
    expect(typo).toMatchObject({ code: 1, out: '' });
    expect(typo.err).toMatch(/^paperboy channel add: No topic named "speculative decodng"\. Did you mean .*\? \(to take the text as a new topic anyway, add --create\)\npaperboy channel add: nothing changed for slack:C0AGAIN01\n$/);
    expect((await stores.targets.get('slack:C0AGAIN01'))!.timeZone).toBe('Europe/Berlin');

    // --create answers the question: the text as typed is a topic of its own.
    const asTyped = await run('channel', 'add', 'slack:C0AGAIN01', '--topic', 'speculative decodng', '--create');
    expect(asTyped).toMatchObject({ code: 0, err: '' });
    expect(asTyped.out).toContain('new topic, matched from its words: "speculative decodng"');
    expect((await stores.subscriptions.list({ subscriber: 'slack:C0AGAIN01' })).map((s) => s.topicSlug).sort()).toEqual(['rlhf', 'speculative-decodng']);
  });
});

describe('paperboy channel add console --dm', () => {
  it('is refused, not taken silently: the console has no direct messages', async () => {
    const r = await run('channel', 'add', 'console', '--dm');
    expect(r.code).toBe(2);
    expect(r.err).toBe('paperboy channel add: the console has no direct messages: --dm is for a Discord user id\n');
    expect(await stores.targets.get('console')).toBeNull();
  });
});
