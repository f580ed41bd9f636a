/**
 * When a target made from chat gets its first digest, said as `channel add` and `subscribe` say
 * it in the CLI: at its next scheduled slot, in the target's own zone. Both chat platforms over
 * their real HTTP paths (signed Slack slash commands into Bolt, ed25519-signed Discord
 * interactions), answered by the composed core at a fixed time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness, type DiscordOption } from '../helpers/chat-harness.js';

// Saturday 11:00 in Berlin: today's 09:00 slot has passed, so a target added now waits for Sunday's.
const NOW = new Date('2026-12-05T10:00:00Z');
const FIRST = 'first digest Sun 2026-12-06 09:00 Europe/Berlin';
/** A reply as it reads whether or not the topic was new (the first test to subscribe to its words makes it). */
const asRead = (reply: string) => reply.replace(' (a new topic, matched from its words)', '');

let chat: ChatHarness;

beforeAll(async () => {
  chat = await startChatHarness({
    env: { PAPERBOY_DIGEST_DEFAULT_TIME: '09:00', PAPERBOY_DIGEST_DEFAULT_TZ: 'Europe/Berlin', SLACK_CHANNEL_MANAGERS: 'U0ADA' },
    clock: { now: () => NOW },
  });
});

afterAll(async () => {
  await chat?.close();
});

const sub = (name: string, options: DiscordOption[]): DiscordOption[] => [{ type: 1, name, options }];
const topic = (value: string): DiscordOption[] => sub('subscribe', [{ type: 3, name: 'topic', value }]);

describe('the first digest of a target made from chat', () => {
  it('Slack: a first subscribe in a DM names the first digest in the person\'s zone; a second one, with the target there, claims none', async () => {
    const first = await chat.slack('subscribe audio codecs', 'U0ADA', 'D0ADA');
    expect(asRead(first)).toContain(`You will get “audio codecs” in your digest, at 09:00 Europe/Berlin every day; ${FIRST}.`);
    expect(await chat.app.stores.targets.get('slack:U0ADA')).toMatchObject({ kind: 'user', timeZone: 'Europe/Berlin', lastDigestAt: null, digestFrom: new Date('2026-12-05T08:00:00Z') });

    const second = await chat.slack('subscribe speculative decoding', 'U0ADA', 'D0ADA');
    expect(asRead(second)).toContain('You will get “speculative decoding” in your digest, at 09:00 Europe/Berlin every day.');
    expect(second).not.toContain('first digest');
  });

  it('Discord: the same from a DM with the bot', async () => {
    const first = await chat.discord(topic('audio codecs'), undefined, { dm: true });
    expect(asRead(first)).toContain(`You will get “audio codecs” in your digest, at 09:00 Europe/Berlin every day; ${FIRST}.`);
    expect(await chat.app.stores.targets.get('discord:123456789012345678')).toMatchObject({ kind: 'user', timeZone: 'Europe/Berlin' });

    const second = await chat.discord(topic('speculative decoding'), undefined, { dm: true });
    expect(asRead(second)).toContain('You will get “speculative decoding” in your digest, at 09:00 Europe/Berlin every day.');
    expect(second).not.toContain('first digest');
  });

  it('schedule without a time says when the digest comes now and how to change it; subscriptions says when too', async () => {
    expect(await chat.slack('schedule', 'U0EEL', 'D0EEL')).toContain("You have no digest yet: it starts with your first subscription. To set when it comes: `/papers schedule");
    await chat.slack('subscribe audio codecs', 'U0EEL', 'D0EEL');
    const own = await chat.slack('schedule', 'U0EEL', 'D0EEL');
    expect(own).toContain('Your personal digest comes at 09:00 Europe/Berlin every day. To change it: `/papers schedule [weekly &lt;day&gt;] &lt;HH:MM&gt;');
    expect(await chat.slack('subscriptions', 'U0EEL', 'D0EEL')).toContain('Your digest comes at 09:00 Europe/Berlin every day.');
    // A channel's, asked by anyone in it (changing it is for its managers).
    expect(await chat.slack('channel schedule', 'U0EEL', 'C0EEL')).toContain('This channel has no digest yet: it starts with its first topic.');
    await chat.slack('channel subscribe audio codecs', 'U0ADA', 'C0EEL');
    expect(await chat.slack('channel schedule', 'U0EEL', 'C0EEL')).toContain("This channel's digest comes at 09:00 Europe/Berlin every day. Channel managers change it with `/papers channel schedule");
    expect(await chat.app.stores.targets.get('slack:C0EEL')).toMatchObject({ time: '09:00' });
  });

  it('a schedule says when the next digest comes when it moved it, and a follow or a channel subscribe that made a target names its first', async () => {
    // The first from a schedule: its own slot, not the default's (12:00 today is still to come).
    expect(await chat.slack('schedule 12:00', 'U0CAT', 'D0CAT')).toContain('Your personal digest now comes at 12:00 Europe/Berlin every day; first digest Sat 2026-12-05 12:00 Europe/Berlin.');
    // The same instant named in another zone moves nothing, so it says nothing.
    const same = await chat.slack('schedule 11:00 UTC', 'U0CAT', 'D0CAT');
    expect(same).toContain('Your personal digest now comes at 11:00 UTC every day.');
    // Moved to a slot that passed since its window began, but before the change: not at once
    // (it was, before rescheduledAt), at the new time's next slot; still its first digest.
    expect(await chat.slack('schedule 10:30 Europe/Berlin', 'U0CAT', 'D0CAT')).toContain('every day; first digest Sun 2026-12-06 10:30 Europe/Berlin.');
    // Its first window still starts at the slot before it was added: no paper since is skipped.
    expect(await chat.app.stores.targets.get('slack:U0CAT')).toMatchObject({ lastDigestAt: null, digestFrom: new Date('2026-12-04T11:00:00Z'), rescheduledAt: NOW });

    expect(await chat.slack('follow author "Ada Lovelace"', 'U0DOG', 'D0DOG')).toContain(`marked “followed author”; ${FIRST}.`);
    expect(await chat.slack('follow author "Alan Turing"', 'U0DOG', 'D0DOG')).not.toContain('first digest');

    expect(asRead(await chat.discord([{ type: 2, name: 'channel', options: topic('audio codecs') }]))).toContain(`This channel will get “audio codecs” in this channel's digest, at 09:00 Europe/Berlin every day; ${FIRST}.`);
    const schedule = (time: string) => chat.discord([{ type: 2, name: 'channel', options: sub('schedule', [{ type: 3, name: 'time', value: time }]) }]);
    // Later, to a slot still to come today; then earlier than its first, to tomorrow's. Nothing
    // was delivered yet, so either is its first digest.
    expect(await schedule('12:00')).toContain("This channel's digest now comes at 12:00 Europe/Berlin every day; first digest Sat 2026-12-05 12:00 Europe/Berlin.");
    expect(await schedule('08:00')).toContain("This channel's digest now comes at 08:00 Europe/Berlin every day; first digest Sun 2026-12-06 08:00 Europe/Berlin.");
  });
});
