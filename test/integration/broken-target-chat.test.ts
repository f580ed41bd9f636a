/**
 * A target the platform refused (marked broken after repeated failures) is brought back from
 * chat: `channel list` says digests stopped and why, and the next channel command from someone
 * who may manage it (subscribe, schedule, threads, language), or a person's own subscribe for
 * their DM digest, makes it active again and says so. Over the real HTTP paths of both platforms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackBotName: 'lab-digest' });
});

afterAll(async () => {
  await chat?.close();
});

const slack = (text: string, userId?: string) => chat.slack(text, userId);
const channelSub = (name: string, options: DiscordOption[]): DiscordOption[] => [{ type: 2, name: 'channel', options: [{ type: 1, name, options }] }];
const breakTarget = (id: string) => chat.app.stores.targets.markFailure(id, 'channel_not_found', true);
const status = async (id: string) => (await chat.app.stores.targets.get(id))?.status;

describe('a broken target from chat', () => {
  it('Slack: channel list says digests stopped; subscribe, schedule and threads each start them again', async () => {
    expect(await slack('channel subscribe audio codecs')).toContain('This channel will get');
    await breakTarget('slack:C0001');
    const listed = await slack('channel list', 'U0BOB');
    expect(listed).toContain('Digests here have stopped');
    expect(listed).toContain('channel_not_found');
    // In Slack's terms: the bot is not in the channel (a private one hides itself from apps not in it).
    expect(listed).toContain('Invite it with /invite @lab-digest');
    // In the message itself, a real mention of the app (auth.test user_id), as Slack draws it.
    expect(listed).toContain('Invite it with /invite <@UBOT>');

    const resubscribed = await slack('channel subscribe speculative decoding');
    expect(resubscribed).toContain("This channel's digests had stopped (channel_not_found); they start again with the next run, the one that could not be posted first");
    expect(await status('slack:C0001')).toBe('active');
    expect(await slack('channel list', 'U0BOB')).not.toContain('stopped');

    await breakTarget('slack:C0001');
    expect(await slack('channel schedule 08:30')).toContain('had stopped (channel_not_found)');
    expect(await chat.app.stores.targets.get('slack:C0001')).toMatchObject({ status: 'active', time: '08:30', failureCount: 0, brokenReason: null });

    // Subscribing again to a topic it follows starts them too.
    await breakTarget('slack:C0001');
    const again = await slack('channel subscribe audio codecs');
    expect(again).toContain('already follows');
    expect(again).toContain('had stopped');
    expect(await status('slack:C0001')).toBe('active');

    await breakTarget('slack:C0001');
    expect(await slack('channel threads on')).toContain('had stopped');
    expect(await status('slack:C0001')).toBe('active');
    // An active target is not said to have stopped.
    expect(await slack('channel threads off')).not.toContain('stopped');
  });

  it('Slack: a person whose DM digest stopped starts it again by subscribing', async () => {
    expect(await slack('subscribe audio codecs', 'U0CAT')).toContain('You will get');
    await breakTarget('slack:U0CAT');
    // The person's list of subscriptions says so, and how to start them again.
    expect(await slack('subscriptions', 'U0CAT')).toContain('Your digests have stopped: the platform refused them (channel_not_found)');
    expect(await slack('subscribe speculative decoding', 'U0CAT')).toContain('Your digests had stopped (channel_not_found)');
    expect(await status('slack:U0CAT')).toBe('active');
    expect(await slack('subscriptions', 'U0CAT')).not.toContain('stopped');
    await breakTarget('slack:U0CAT');
    expect(await slack('schedule 07:15', 'U0CAT')).toContain('Your digests had stopped');
    expect(await status('slack:U0CAT')).toBe('active');
  });

  it('Discord: a channel manager changing the language starts a stopped channel digest again', async () => {
    expect(await chat.discord(channelSub('subscribe', [{ type: 3, name: 'topic', value: 'audio codecs' }]))).toContain('This channel will get');
    await chat.app.stores.targets.markFailure('discord:555555555555555555', '403 50001: Missing Access', true);
    const listed = await chat.discord(channelSub('list', []));
    expect(listed).toContain('Digests here have stopped');
    expect(listed).toContain("Give the bot's role (named after it) View Channel, Send Messages and Embed Links in this channel");
    expect(await chat.discord(channelSub('language', [{ type: 3, name: 'tag', value: 'de' }]))).toContain('had stopped (403 50001: Missing Access)');
    expect(await status('discord:555555555555555555')).toBe('active');
  });

  it('Discord: a threaded digest refused for a thread permission (50013) names the thread permissions it needs too', async () => {
    expect(await chat.discord(channelSub('threads', [{ type: 5, name: 'on', value: true }]))).toContain('thread');
    await chat.app.stores.targets.markFailure('discord:555555555555555555', '403 50013: Missing Permissions', true);
    const listed = await chat.discord(channelSub('list', []));
    expect(listed).toContain('Digests here have stopped');
    expect(listed).toContain("Give the bot's role (named after it) View Channel, Send Messages, Embed Links, Create Public Threads and Send Messages in Threads in this channel");
    // Back to whole messages: the thread permissions are no longer asked for.
    expect(await chat.discord(channelSub('threads', [{ type: 5, name: 'on', value: false }]))).toContain('had stopped');
    await chat.app.stores.targets.markFailure('discord:555555555555555555', '403 50013: Missing Permissions', true);
    expect(await chat.discord(channelSub('list', []))).toContain("Give the bot's role (named after it) View Channel, Send Messages and Embed Links in this channel");
  });
});
