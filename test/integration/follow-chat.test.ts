/**
 * `/papers follow author` from both chat platforms over their real HTTP paths (signed Slack slash
 * commands into Bolt, ed25519-signed Discord interactions), answered by the composed core over
 * stored papers: an ambiguous name gets the candidates with the command that picks each, and
 * picking one follows that person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommand } from '../../src/chat/discord/commands/definition.js';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  const at = new Date(Date.now() - 3_600_000);
  chat = await startChatHarness({
    seed: async (stores) => {
      await stores.papers.upsertMany(
        [
          { arxivId: '2611.30001', source: 'arxiv', title: 'On engines', abstract: 'Engines.', authors: ['John Smith', 'Ada Lovelace'], publishedAt: at },
          { arxivId: '2611.30002', source: 'arxiv', title: 'On numbers', abstract: 'Numbers.', authors: ['Jane Smith'], publishedAt: at },
          { arxivId: '2611.30003', source: 'arxiv', title: 'More numbers', abstract: 'Numbers.', authors: ['Jane Smith', 'J. Smith'], publishedAt: at },
        ],
        at,
      );
    },
  });
});

afterAll(async () => {
  await chat?.close();
});

const slack = (text: string) => chat.slack(text);
const discord = (group: 'follow' | 'unfollow', sub: string, name?: string) =>
  chat.discord([{ type: 2, name: group, options: [{ type: 1, name: sub, options: name === undefined ? [] : [{ type: 3, name: 'name', value: name }] }] }], '0');

describe('following an author from chat', () => {
  it('Slack: an ambiguous name lists the candidates with paper counts and the command for each; picking one follows that person', async () => {
    const answer = await slack('follow author "J. Smith"');
    expect(answer).toContain('fits 2 different authors');
    expect(answer).toContain('1. Jane Smith (2 stored papers) — /papers follow author \\"Jane Smith\\"');
    expect(answer).toContain('2. John Smith (1 stored paper) — /papers follow author \\"John Smith\\"');
    expect(await chat.app.stores.follows.list()).toEqual([]);

    expect(await slack('follow author "John Smith"')).toContain('You follow John Smith (1 stored paper)');
    expect(await slack('follow list')).toContain('• John Smith');
    expect((await chat.app.stores.follows.list()).map((f) => [f.subscriber, f.author])).toEqual([['slack:U0ADA', 'John Smith']]);
    // Following made the follower's DM digest target, so the papers have somewhere to go.
    expect(await chat.app.stores.targets.get('slack:U0ADA')).toMatchObject({ kind: 'user' });
    expect(await slack('unfollow author "Smith, John"')).toContain('You no longer follow John Smith');
  });

  it('Slack: a misspelt name is followed as typed, with the stored author it may mean and the commands to switch', async () => {
    const answer = await slack('follow author "Ada Lovelase"');
    expect(answer).toContain('You follow Ada Lovelase. No stored paper has that author yet');
    expect(answer).toContain('Ada Lovelace (1 stored paper) — /papers unfollow author \\"Ada Lovelase\\", then /papers follow author \\"Ada Lovelace\\"');
    expect(await slack('unfollow author "Ada Lovelase"')).toContain('You no longer follow Ada Lovelase');
  });

  it('Discord: the same answers through the registered follow/unfollow subcommand groups', async () => {
    const groups = (papersCommand().options ?? []).filter((o) => o.type === 2).map((o) => o.name);
    expect(groups).toEqual(expect.arrayContaining(['follow', 'unfollow']));

    const answer = await discord('follow', 'author', 'J. Smith');
    expect(answer).toContain('fits 2 different authors');
    expect(answer).toContain('/papers follow author name:Jane Smith');
    expect(answer).not.toContain('/papers follow author "');
    expect(await discord('follow', 'author', 'Jane Smith')).toContain('You follow Jane Smith (2 stored papers)');
    expect(await discord('follow', 'list')).toContain('Jane Smith');
    expect((await chat.app.stores.follows.list({ subscriber: 'discord:123456789012345678' })).map((f) => f.author)).toEqual(['Jane Smith']);
    expect(await discord('unfollow', 'author', 'Jane Smith')).toContain('You no longer follow Jane Smith');
  });
});
