/**
 * Following authors through the CLI on a real database and a local Slack: an ambiguous name
 * changes nothing and lists the candidates; a followed author's paper reaches the follower's DM
 * digest although it matches none of their topics, marked "followed author", and only once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { PaperInput } from '../../src/core/papers/paper.js';
import type { Stores } from '../../src/core/ports.js';
import { seedBuiltinTopics } from '../../src/core/topics/builtin.js';
import { runCli } from '../helpers/cli-run.js';
import { testDatabaseProvider, withTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const HOUR = 60 * 60 * 1000;
const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);

function paper(id: string, title: string, authors: string[]): PaperInput {
  return { arxivId: id, source: 'arxiv', version: 1, title, abstract: `${title}. We study it.`, authors, publishedAt: new Date(Date.now() - 3 * HOUR) };
}

describe(`following authors (CLI, ${testDatabaseProvider()}, local Slack)`, () => {
  let db: TestDatabase;
  let stores: Stores;
  let slack: FakeSlack;
  beforeAll(async () => {
    db = await withTestDatabase();
    slack = await startFakeSlack({ channels: ['C0001'], users: ['U0ADA'] });
    stores = await db.openStores();
    await seedBuiltinTopics(stores.topics, new Date('2026-11-01T00:00:00Z'));
    await stores.papers.upsertMany(
      [
        paper('2611.20001', 'On the analytical engine', ['John Smith', 'Ada Lovelace']),
        paper('2611.20002', 'Notes on Bernoulli numbers', ['Jane Smith']),
        paper('2611.20003', 'A neural audio codec with residual vector quantization', ['Grace Hopper']),
      ],
      new Date(Date.now() - 2 * HOUR),
    );
  });
  afterAll(async () => {
    await slack.close();
    await db.drop();
  });

  const run = (...argv: string[]) =>
    runCli({ config: loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl }), openStores: async () => stores }, argv);

  it('an ambiguous "J. Smith" follows nobody and lists each Smith with the command that picks them', async () => {
    const r = await run('follow', 'add', '--user', 'slack:U0ADA', 'J. Smith');
    expect(r.code).toBe(1);
    expect(r.err).toContain('"J. Smith" fits 2 authors');
    expect(r.err).toContain('Jane Smith (1 stored paper): paperboy follow add --user slack:U0ADA "Jane Smith"');
    expect(r.err).toContain('John Smith (1 stored paper): paperboy follow add --user slack:U0ADA "John Smith"');
    expect(await stores.follows.list()).toEqual([]);
  });

  it('a misspelt name is followed as typed, and the answer names the stored author it may mean with the commands to switch', async () => {
    const r = await run('follow', 'add', '--user', 'slack:U0BOB', 'Grace Hoper');
    expect(r.code).toBe(0);
    expect(r.out).toContain('slack:U0BOB now follows Grace Hoper; no stored paper is by that name yet. Did you mean:');
    // The follow made U0BOB's DM target: said as subscribe says it, with when its first digest comes.
    expect(r.out).toMatch(/\nNew delivery target slack:U0BOB: a direct message at \d\d:\d\d \S+; first digest \w{3} \d{4}-\d\d-\d\d \d\d:\d\d \S+\.\n$/);
    expect(r.out).toContain('Grace Hopper (1 stored paper): paperboy follow remove --user slack:U0BOB "Grace Hoper" && paperboy follow add --user slack:U0BOB "Grace Hopper"');
    expect((await stores.follows.list({ subscriber: 'slack:U0BOB' })).map((f) => f.author)).toEqual(['Grace Hoper']);
    await stores.follows.remove('slack:U0BOB', 'Grace Hoper');
  });

  it("a followed author's paper reaches the follower's digest whatever the topics, marked, and only once", async () => {
    // The user's only topic matches the codec paper, not Jane Smith's.
    await run('channel', 'add', 'slack:U0ADA', '--topic', 'audio-codecs');
    const added = await run('follow', 'add', '--user', 'slack:U0ADA', 'Smith, J. A.');
    expect(added.err).toContain('fits 2 authors');
    const chosen = await run('follow', 'add', '--user', 'slack:U0ADA', 'Jane Smith');
    // U0ADA's target was there already (channel add): nothing about a new one.
    expect(chosen.out).toBe('slack:U0ADA now follows Jane Smith (1 stored paper).\n');
    expect((await run('follow', 'list', '--user', 'slack:U0ADA')).out).toBe('Jane Smith\n');

    const first = await run('digest', '--target', 'slack:U0ADA', '--since', day(2 * 24 * HOUR));
    expect(first.err).toMatch(/slack:U0ADA delivered: 2 papers/);
    const posted = slack.posts.filter((p) => p.channel === 'D0ADA').map((p) => JSON.stringify(p.blocks)).join('\n');
    expect(posted).toContain('Notes on Bernoulli numbers');
    expect(posted).toContain('followed author: Jane Smith');
    expect(posted).toContain('followed authors');
    expect(posted).not.toContain('analytical engine');
    // No 👍/👎: there is no topic to teach on a paper only a follow brought.
    expect(posted).not.toContain('@followed-authors');

    slack.posts.splice(0);
    const again = await run('digest', '--target', 'slack:U0ADA', '--since', day(2 * 24 * HOUR));
    expect(again.err).not.toMatch(/delivered/);
    expect(slack.posts.filter((p) => p.channel === 'D0ADA').map((p) => JSON.stringify(p.blocks)).join('\n')).not.toContain('Bernoulli');

    const removed = await run('follow', 'remove', '--user', 'slack:U0ADA', 'J. Smith');
    expect(removed.out).toContain('slack:U0ADA no longer follows Jane Smith');
    expect(await stores.follows.list()).toEqual([]);
  });
});
