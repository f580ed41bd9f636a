/**
 * A busy channel's edge cases, with the payloads the platforms send: a Slack Connect channel
 * whose external members users.info does not know (user_not_found), a Discord interaction from a
 * DM (the caller as `user`, no `member` nor `guild_id`). Each person gets a clear answer, once,
 * and nothing is stored twice. Over the real signed HTTP paths (the harness), tier limits on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const userInfo: string[] = [];

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const at = new Date(Date.now() - 3_600_000);
      await stores.papers.upsertMany([{ arxivId: '2612.30001', source: 'arxiv' as const, title: 'Shared notes', abstract: 'x', authors: ['A B'], publishedAt: at }], at);
    },
    slackApi: {
      // As Slack answers users.info for a Slack Connect member from another organisation.
      'users.info': (args: Record<string, string>) => {
        userInfo.push(args.user!);
        if (args.user!.startsWith('U0EXT')) return { ok: false, error: 'user_not_found' };
        // One users.info does know: an admin of their own workspace, not of this one (T0001).
        if (args.user === 'U0THEIRADMIN') return { ok: true, user: { id: args.user, team_id: 'T0OTHER', is_admin: true, is_owner: true, is_primary_owner: false, is_stranger: true, deleted: false } };
        return { ok: true, user: { id: args.user, team_id: 'T0001', is_admin: args.user === 'U0ADMIN', is_owner: false, is_primary_owner: false, deleted: false } };
      },
    },
  });
});
afterAll(async () => {
  await chat?.close();
});

describe('Slack Connect: external members in a shared channel', () => {
  it('a channel command by someone users.info does not know is told who may manage the channel, not to try again', async () => {
    const reply = await chat.slack('channel subscribe audio codecs', 'U0EXT1', 'C0SHARED');
    expect(reply).toContain('Only people who may manage this channel can change its digest');
    expect(reply).not.toMatch(/try again|could not check/i);
    expect(await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0SHARED' })).toEqual([]);
  });

  it("an external member users.info knows, admin of their own workspace, manages nothing here: channel commands and a channel list's Remove", async () => {
    expect(await chat.slack('channel subscribe audio codecs', 'U0ADMIN', 'C0THEIRS')).toContain('This channel will get');
    expect(await chat.slack('saved channel add 2612.30001', 'U0MEMBER', 'C0THEIRS')).toContain('Saved');
    for (const text of ['channel unsubscribe audio codecs', 'channel schedule 07:00', 'channel threads on']) {
      expect(await chat.slack(text, 'U0THEIRADMIN', 'C0THEIRS'), text).toContain('Only people who may manage this channel');
    }
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0THEIRS' })).map((s) => s.topicSlug)).toEqual(['audio-codecs']);
    // Remove on the channel's list: neither whoever saved it nor a manager of this workspace.
    expect(await chat.slackButton('paper_unsave', 'channel|2612.30001', 'U0THEIRADMIN', 'C0THEIRS')).toContain("You can't do that");
    expect(await chat.slack('saved channel', 'U0MEMBER', 'C0THEIRS')).toContain('Shared notes');
  });

  it('a burst of commands from members and external members: each answered once, what they may do done once', async () => {
    const runs = await Promise.all([
      chat.slack('subscribe kv cache', 'U0EXT2', 'C0SHARED'),
      chat.slack('channel schedule 09:00', 'U0EXT2', 'C0SHARED'),
      chat.slack('channel subscribe kv cache', 'U0ADMIN', 'C0SHARED'),
      chat.slack('subscribe kv cache', 'U0MEMBER', 'C0SHARED'),
    ]);
    expect(runs[0]).toContain('You will get');
    expect(runs[1]).toContain('Only people who may manage this channel');
    expect(runs[2]).toContain('This channel will get');
    expect(runs[3]).toContain('You will get');
    // Anyone in the channel may read its list, an external member too.
    expect(await chat.slack('channel list', 'U0EXT3', 'C0SHARED')).toContain('kv cache');
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:U0EXT2' })).map((s) => s.topicSlug)).toEqual(['kv-cache']);
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0SHARED' })).map((s) => s.topicSlug)).toEqual(['kv-cache']);
    expect(chat.refused).toEqual([]);
    expect(chat.hookRefusals).toEqual([]);
  });
});

describe('Discord: an interaction from a DM (`user`, no `member`)', () => {
  const dm = { dm: true, userId: '223456789012345678' };
  const sub = (name: string, options: DiscordOption[] = []): DiscordOption[] => [{ type: 1, name, options }];
  const channelSub = (name: string, options: DiscordOption[] = []): DiscordOption[] => [{ type: 2, name: 'channel', options: [{ type: 1, name, options }] }];

  it('personal commands work; channel commands say they need a channel; nothing is stored for a channel', async () => {
    expect(await chat.discord(sub('subscribe', [{ type: 3, name: 'topic', value: 'audio codecs' }]), '0', dm)).toContain('You will get');
    for (const [name, options] of [
      ['subscribe', [{ type: 3, name: 'topic', value: 'audio codecs' }]],
      ['schedule', [{ type: 3, name: 'time', value: '09:00' }]],
      ['list', []],
    ] as Array<[string, DiscordOption[]]>) {
      expect(await chat.discord(channelSub(name, options), '0', dm), name).toContain('Channel commands work in a channel, not in a direct message');
    }
    // A channel's reading list has no channel here either.
    const channelSaved = await chat.discord([{ type: 2, name: 'saved', options: [{ type: 1, name: 'list', options: [{ type: 3, name: 'where', value: 'channel' }] }] }], '0', dm);
    expect(channelSaved).toMatch(/in a channel|not in a direct message/i);
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'discord:223456789012345678' })).map((s) => s.topicSlug)).toEqual(['audio-codecs']);
    expect(chat.refused).toEqual([]);
  });
});
