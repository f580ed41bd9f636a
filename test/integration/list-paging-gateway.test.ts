/**
 * A list's page button on the gateway path: discord.js acknowledges it as an update of the pressed
 * message (DEFERRED_UPDATE_MESSAGE, type 6) and then edits that message, as the HTTP endpoint does;
 * any other button still answers in a private message of its own (type 5).
 */
import { Client, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayInteraction } from '../../src/chat/discord/client.js';
import { gatewayInteractions, rawInteraction, rawMessage } from '../helpers/discord-gateway.js';
import { checkMessage, startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { createFakeServices } from '../unit/chat/fake-services.js';

let discord: FakeDiscord;
let client: Client;

beforeAll(async () => {
  discord = await startFakeDiscord();
  client = new Client({ intents: [], rest: { api: discord.apiUrl } });
});

afterAll(async () => {
  await client.destroy();
  await discord.close();
});

const button = (d: unknown) => gatewayInteractions(client).button(d);
const MESSAGE = rawMessage(64);

describe('page buttons on the Discord gateway path', () => {
  it('update the pressed message in place, with the page asked for', async () => {
    const subs = Array.from({ length: 50 }, (_, i) => ({ topic: { slug: `topic-${i}`, name: `Topic ${i}`, description: `Topic ${i}` }, createdAt: new Date() }));
    const services = { ...createFakeServices(), channelInfo: async () => ({ subscriptions: subs, schedule: null }) };
    const press = rawInteraction(3, { custom_id: 'pg:s:2:', component_type: 2 });
    await handleGatewayInteraction(button({ ...press, message: MESSAGE }) as Interaction, { services, timeoutMs: 5000 });
    expect(discord.interactionCallbacks.find((c) => c.token === press.token)!.body).toEqual({ type: 6 });
    const edit = discord.webhookMessages.find((m) => m.token === press.token)!;
    expect(edit.kind).toBe('edit-original');
    const body = edit.body as { content: string; components: Array<{ components: Array<{ label: string }> }> };
    expect(checkMessage(body)).toBeNull();
    expect(body.content).toContain('You follow 50 topics (page 2 of 3)');
    expect(body.content).toContain('• Topic 20\n');
    expect(body.components.at(-1)!.components.map((b) => b.label)).toEqual(['‹ Previous', 'Next ›']);
  });
});
