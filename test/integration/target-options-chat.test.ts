/**
 * `/papers channel threads on|off`, `/papers channel language <tag>` and `/papers language <tag>`
 * from both chat platforms over their real HTTP paths (signed Slack slash commands, ed25519-signed
 * Discord interactions), answered by the composed core: what is stored is what the digest uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommand } from '../../src/chat/discord/commands/definition.js';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({
    env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' },
    slackApi: { 'users.info': { ok: true, user: { id: 'U0BOB', is_admin: false, is_owner: false, deleted: false } } },
  });
});

afterAll(async () => {
  await chat?.close();
});

const slack = (text: string, userId?: string) => chat.slack(text, userId);
type Opt = DiscordOption;
const discord = (options: Opt[], permissions?: string) => chat.discord(options, permissions);
const channelSub = (name: string, options: Opt[]): Opt[] => [{ type: 2, name: 'channel', options: [{ type: 1, name, options }] }];

describe('threads and language from chat', () => {
  it('Slack: a channel manager turns threads on and sets the language; anyone sets their own; bad tags are explained', async () => {
    expect(await slack('channel threads on')).toContain('each paper a reply in its thread');
    expect(await slack('channel language de-at')).toContain('Austrian German (de-AT)');
    expect(await chat.app.stores.targets.get('slack:C0001')).toMatchObject({ threads: true, language: 'de-AT' });
    // Anyone in the channel sees how its digest is posted.
    const listed = await slack('channel list', 'U0BOB');
    expect(listed).toContain('replies in a thread');
    expect(listed).toContain('digest language: de-AT');
    expect(await slack('channel threads off')).toContain('whole messages again');
    expect((await chat.app.stores.targets.get('slack:C0001'))!.threads).toBe(false);

    const own = await slack('language fr');
    expect(own).toContain('Your digest is now in French (fr)');
    // Typed in a channel, "your digest" could be the channel's: it says whose, and the channel's command.
    expect(own).toContain("That is your own digest, by direct message; this channel's: `/papers channel language fr`");
    expect(await chat.slack('language fr', 'U0ADA', 'D0ADA')).not.toContain('direct message');
    expect(await chat.app.stores.targets.get('slack:U0ADA')).toMatchObject({ kind: 'user', language: 'fr' });

    expect(await slack('channel language english')).toContain('names no language I know');
    // 'und' (undetermined) is well-formed BCP 47 and names no language: answered, not a crash.
    expect(await slack('channel language und')).toContain('names no language I know');
    expect(await slack('language und-Latn')).toContain('names no language I know');
    for (const code of ['mul', 'zxx', 'mis', 'qaa']) expect(await slack(`language ${code}`), code).toContain('names no language I know');
    expect(await slack('language en_US')).toContain('is not a BCP 47 language tag');
    expect(await slack('channel threads maybe')).toContain('Say `on` or `off`');
    // Someone who may not manage the channel changes nothing.
    // ...and is told who may, on this platform (not Discord's permission names).
    const refused = await slack('channel threads on', 'U0BOB');
    expect(refused).toContain('Only people who may manage this channel can change its digest: workspace admins and owners, or the managers paperboy was configured with.');
    expect(refused).not.toContain('Discord');
    expect((await chat.app.stores.targets.get('slack:C0001'))!.threads).toBe(false);
  });

  it('Discord: the same through the registered subcommands', async () => {
    const json = papersCommand();
    const channel = json.options?.find((o) => o.name === 'channel') as { options?: Array<{ name: string }> };
    expect(channel.options?.map((o) => o.name)).toEqual(expect.arrayContaining(['threads', 'language']));
    expect(json.options?.some((o) => o.name === 'language')).toBe(true);

    expect(await discord(channelSub('threads', [{ type: 5, name: 'on', value: true }]))).toContain('each paper a reply in its thread');
    expect(await discord(channelSub('language', [{ type: 3, name: 'tag', value: 'fr' }]))).toContain('French (fr)');
    expect(await chat.app.stores.targets.get('discord:555555555555555555')).toMatchObject({ threads: true, language: 'fr' });
    const own = await discord([{ type: 1, name: 'language', options: [{ type: 3, name: 'tag', value: 'pt-br' }] }]);
    expect(own).toContain('(pt-BR)');
    expect(own).toContain("this channel's: `/papers channel language tag:pt-BR`");
    expect(await chat.app.stores.targets.get('discord:123456789012345678')).toMatchObject({ kind: 'user', language: 'pt-BR' });
    const refused = await discord(channelSub('threads', [{ type: 5, name: 'on', value: false }]), '0');
    expect(refused).toContain('Only people who may manage this channel can change its digest: members with the Manage Channels permission.');
    expect(refused).not.toContain('Slack');
    expect((await chat.app.stores.targets.get('discord:555555555555555555'))!.threads).toBe(true);
  });
});
