/**
 * The HTTP interactions endpoint learns the bot's name from Discord (`GET /users/@me`), against
 * the Discord fake: once, kept; a refused token falls back to no name, and is not sent again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBotNameLookup } from '../../../src/chat/discord/bot-name.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';

const fakes: FakeDiscord[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('the bot name lookup', () => {
  it("is the bot user's username, asked once", async () => {
    const discord = await startFakeDiscord();
    fakes.push(discord);
    const lookup = createBotNameLookup({ token: 'discord-test-token', apiUrl: discord.apiUrl });
    expect(lookup.known()).toBeUndefined();
    const [a, b] = await Promise.all([lookup.get(), lookup.get()]);
    expect([a, b, lookup.known()]).toEqual(['paperboy', 'paperboy', 'paperboy']);
  });

  // The REST client drops a token Discord refused (401): no later request sends it again.
  it('a refused token is no name, and Discord is not asked with it again', async () => {
    const discord = await startFakeDiscord();
    fakes.push(discord);
    let now = 0;
    const lookup = createBotNameLookup({ token: 'wrong-token', apiUrl: discord.apiUrl, now: () => now });
    expect(await lookup.get()).toBeUndefined();
    expect(await lookup.get()).toBeUndefined();
    expect(discord.invalidRequests).toBe(1);
    now = 10 * 60_000;
    expect(await lookup.get()).toBeUndefined();
    expect(discord.invalidRequests).toBe(1);
  });
});
