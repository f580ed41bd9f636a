/**
 * A channel's digest set up from chat in a channel the bot cannot post in (a private Slack
 * channel it was not invited to; a Discord channel its role may not see or write in) is said at
 * once, in the platform's terms, instead of failing unseen at the first digest. Over the real
 * HTTP paths of both platforms; Slack's answers to the bot's probe are keyed by channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';
import { FULL_SCOPES } from '../helpers/fake-slack.js';

/** conversations.history as Slack answers a bot token: by whether the bot is in the channel. */
const history = (args: Record<string, string>) => {
  switch (args.channel) {
    case 'C0PRIVATE': // private channels are hidden from apps that are not in them
      return { ok: false, error: 'channel_not_found' };
    case 'C0PUBLIC':
      return { ok: false, error: 'not_in_channel' };
    case 'C0LIMITED':
      return { ok: false, error: 'ratelimited' };
    default:
      return { ok: true, messages: [], has_more: false };
  }
};

const harnesses: ChatHarness[] = [];
let chat: ChatHarness;
let noPublicPosting: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': history }, slackScopes: FULL_SCOPES, slackBotName: 'lab-digest' });
  noPublicPosting = await startChatHarness({ env: { SLACK_CHANNEL_MANAGERS: 'U0ADA' }, slackApi: { 'conversations.history': history }, slackScopes: FULL_SCOPES.filter((s) => s !== 'chat:write.public'), slackBotName: 'lab-digest' });
  harnesses.push(chat, noPublicPosting);
});

afterAll(async () => {
  for (const h of harnesses) await h.close();
});

// The name the app was installed under in this workspace (auth.test), not ours.
const INVITE = /not in this channel.*\/invite @lab-digest/s;

describe('Slack: a channel the bot is not in', () => {
  it('channel subscribe in a private channel it was not invited to says to /invite it, and keeps the subscription', async () => {
    const reply = await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0PRIVATE');
    expect(reply).toContain('This channel will get');
    expect(reply).toMatch(INVITE);
    expect(reply).toContain('channel_not_found');
    expect((await chat.app.stores.subscriptions.list({ subscriber: 'slack:C0PRIVATE' })).map((s) => s.topicSlug)).toEqual(['audio-codecs']);
    // Every channel command that sets its digest up says it too.
    for (const text of ['channel schedule 08:00', 'channel threads on', 'channel language de']) expect(await chat.slack(text, 'U0ADA', 'C0PRIVATE'), text).toMatch(INVITE);
    // A person's own settings are for their DMs, not this channel.
    expect(await chat.slack('language de', 'U0ADA', 'C0PRIVATE')).not.toMatch(/invite/);
  });

  it('the invite names the app by a real mention in the message (auth.test user_id), and by name in the plain fallback text', async () => {
    const answer = JSON.parse(await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0PRIVATE')) as { text: string; blocks: Array<{ type: string; text?: { type: string; text: string }; elements?: Array<{ type: string; text: string }> }> };
    const mrkdwn = answer.blocks.flatMap((b) => [b.text, ...(b.elements ?? [])]).filter((t): t is { type: string; text: string } => t?.type === 'mrkdwn').map((t) => t.text);
    const line = mrkdwn.find((t) => t.includes('Invite it with'))!;
    expect(line).toContain('Invite it with /invite <@UBOT>');
    expect(line).not.toContain('@lab-digest');
    // Notifications and screen readers get the fallback: plain words, no mention syntax.
    expect(answer.text).toContain('Invite it with /invite @lab-digest');
    expect(answer.text).not.toContain('<@');
  });

  it('a public channel is said only when the app may not post in channels it is not in (no chat:write.public)', async () => {
    expect(await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0PUBLIC')).not.toMatch(/invite/);
    const refused = await noPublicPosting.slack('channel subscribe audio codecs', 'U0ADA', 'C0PUBLIC');
    expect(refused).toMatch(INVITE);
    expect(refused).toContain('not_in_channel');
  });

  it('says nothing where it is a member; when Slack limited the check, says that plainly, not that it cannot post', async () => {
    expect(await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0001')).not.toMatch(/invite|could not check/);
    // An ok:false `ratelimited` carries no Retry-After: not waited for (slack-post-access-limits.test.ts has the 429s).
    const limited = await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0LIMITED');
    expect(limited).toContain('This channel will get');
    expect(limited).toContain('paperboy could not check whether it can post the digest in this channel: Slack limited how often it may be asked; try again in a minute.');
    expect(limited).not.toMatch(/cannot post/);
    expect(chat.refused).toEqual([]);
  });
});

describe('Discord: a channel the bot may not post in', () => {
  const subscribe: DiscordOption[] = [{ type: 2, name: 'channel', options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'topic', value: 'audio codecs' }] }] }];
  const bits = (...flags: bigint[]) => String(flags.reduce((a, b) => a | b, 0n));
  const { ViewChannel, SendMessages, EmbedLinks, ReadMessageHistory, Administrator } = PermissionFlagsBits;

  it("names the permissions its role lacks there (app_permissions), and keeps the subscription", async () => {
    const reply = await chat.discord(subscribe, '16', { appPermissions: bits(ViewChannel, ReadMessageHistory) });
    expect(reply).toContain('This channel will get');
    expect(reply).toMatch(/cannot post.*Send Messages, Embed Links/s);
  });

  it('channel threads on also needs the thread permissions a threaded digest uses, and names those it lacks', async () => {
    const threads: DiscordOption[] = [{ type: 2, name: 'channel', options: [{ type: 1, name: 'threads', options: [{ type: 5, name: 'on', value: true }] }] }];
    const messagesOnly = bits(ViewChannel, SendMessages, EmbedLinks, ReadMessageHistory);
    const reply = await chat.discord(threads, '16', { appPermissions: messagesOnly });
    expect(reply).toContain('it lacks Create Public Threads, Send Messages in Threads here; Discord: Missing Permissions');
    expect(reply).toContain("Give the bot's role (named after it) View Channel, Send Messages, Embed Links, Create Public Threads and Send Messages in Threads in this channel");
    expect(await chat.discord(threads, '16', { appPermissions: bits(ViewChannel, SendMessages, EmbedLinks, PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads) })).not.toMatch(/cannot post/);
    // Whole messages need no thread permissions.
    expect(await chat.discord(subscribe, '16', { appPermissions: messagesOnly })).not.toMatch(/cannot post/);
  });

  it("in HTTP-interactions mode names the bot's role as the gateway does: its name asked of Discord once (GET /users/@me)", async () => {
    const named = await startChatHarness({ env: { DISCORD_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: '42' }, discordBotName: 'lab-digest' });
    const refusedLookup = await startChatHarness({ env: { DISCORD_TOKEN: 'discord-test-token', DISCORD_APPLICATION_ID: '42' } });
    harnesses.push(named, refusedLookup);
    const lacking = { appPermissions: bits(ViewChannel, ReadMessageHistory) };
    for (let i = 0; i < 3; i++) expect(await named.discord(subscribe, '16', lacking)).toContain('Give the lab-digest role View Channel, Send Messages and Embed Links in this channel');
    expect(named.discordUserLookups()).toBe(1);
    // A lookup Discord refused is today's text, and not asked again at every command.
    for (let i = 0; i < 2; i++) expect(await refusedLookup.discord(subscribe, '16', lacking)).toContain("Give the bot's role (named after it) View Channel");
    expect(refusedLookup.discordUserLookups()).toBe(1);
    // Without a bot token there is nothing to ask with.
    expect(chat.discordUserLookups()).toBe(0);
  });

  it('says nothing when it may post, as Administrator, or when Discord did not say', async () => {
    expect(await chat.discord(subscribe, '16', { appPermissions: bits(ViewChannel, SendMessages, EmbedLinks, ReadMessageHistory) })).not.toMatch(/cannot post/);
    expect(await chat.discord(subscribe, '16', { appPermissions: bits(Administrator) })).not.toMatch(/cannot post/);
    expect(await chat.discord(subscribe, '16')).not.toMatch(/cannot post/);
    expect(chat.refused).toEqual([]);
  });
});
