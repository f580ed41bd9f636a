/**
 * The gateway path of an answer longer than one message: real discord.js interaction objects whose
 * REST points at the local fake Discord. The papers a message has no room for come as follow-ups
 * (`POST /webhooks/{app}/{token}`), ephemeral as the answer; a token past its 15 minutes ends them.
 */
import { Client, type Interaction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { handleGatewayInteraction } from '../../src/chat/discord/client.js';
import { gatewayInteractions, rawInteraction } from '../helpers/discord-gateway.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { createFakeServices, paper } from '../unit/chat/fake-services.js';

let discord: FakeDiscord;
let client: Client;

afterEach(async () => {
  await client?.destroy();
  await discord?.close();
});

const search = (query: string) => rawInteraction(2, { id: '1', name: 'papers', type: 1, options: [{ type: 1, name: 'search', options: [{ type: 3, name: 'query', value: query }] }] });
const papers = Array.from({ length: 12 }, (_, i) => paper(i, `Neural codec paper ${i}`));

describe('Discord gateway: answers longer than one message', () => {
  it('12 search results: the deferred reply edited with five, then two follow-ups with the rest, every one ephemeral', async () => {
    discord = await startFakeDiscord();
    client = new Client({ intents: [], rest: { api: discord.apiUrl } });
    const d = search('codec');
    await handleGatewayInteraction(gatewayInteractions(client).chatInput(d) as Interaction, { services: createFakeServices(papers), timeoutMs: 5000, searchLimit: 12 });
    const mine = discord.webhookMessages.filter((m) => m.token === d.token);
    expect(mine.map((m) => m.kind)).toEqual(['edit-original', 'follow-up', 'follow-up']);
    expect(mine.flatMap((m) => (m.body.embeds as Array<{ footer: { text: string } }>).map((e) => e.footer.text.split(' · ')[0]))).toEqual(papers.map((p) => p.arxivId));
    for (const m of mine.slice(1)) {
      expect(m.body.flags).toBe(64);
      expect(m.body.allowed_mentions).toEqual({ parse: [] });
    }
    expect(mine[0]!.body.content).not.toContain('Showing');
  });

  it('a token that expires partway: the follow-ups stop at the first refusal and the rest comes to the person\'s DM, once, saying what it continues', async () => {
    // The caller (111) may be sent DMs; the bot token opens them.
    discord = await startFakeDiscord({ webhookMinutesPerMessage: 10, users: ['111'] });
    client = new Client({ intents: [], rest: { api: discord.apiUrl } });
    client.rest.setToken('discord-test-token');
    const d = search('codec');
    await handleGatewayInteraction(gatewayInteractions(client).chatInput(d) as Interaction, { services: createFakeServices(papers), timeoutMs: 5000, searchLimit: 12 });
    const hooked = discord.webhookMessages.filter((m) => m.token === d.token);
    expect(hooked.map((m) => m.kind)).toEqual(['edit-original', 'follow-up']);
    expect(discord.expiredTokenUses).toEqual([d.token]);
    const [note, ...rest] = discord.posts;
    expect(note!.body.content).toContain('This continues your answer to `/papers search query:codec`');
    expect(note!.body.content).toContain('15 minutes');
    const footers = (bodies: Array<Record<string, unknown>>) => bodies.flatMap((b) => ((b.embeds ?? []) as Array<{ footer: { text: string } }>).map((e) => e.footer.text.split(' · ')[0]));
    const shown = [...footers(hooked.map((m) => m.body)), ...footers(rest.map((p) => p.body))];
    expect(shown).toEqual(papers.map((p) => p.arxivId));
    for (const p of discord.posts) {
      expect(p.channelId).toBe(note!.channelId);
      expect(p.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('a token that expired, with DMs closed: the rest is logged as lost, said once, with no retries', async () => {
    discord = await startFakeDiscord({ webhookMinutesPerMessage: 10, users: [] });
    client = new Client({ intents: [], rest: { api: discord.apiUrl } });
    client.rest.setToken('discord-test-token');
    const d = search('codec');
    const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
    const log = (fields: object | string, msg?: string) => void lines.push({ fields: typeof fields === 'string' ? {} : (fields as Record<string, unknown>), msg: msg ?? String(fields) });
    const logger = { info: log, warn: log, error: log, debug: log };
    await handleGatewayInteraction(gatewayInteractions(client).chatInput(d) as Interaction, { services: createFakeServices(papers), timeoutMs: 5000, searchLimit: 12 }, logger);
    expect(discord.posts).toEqual([]);
    const lost = lines.filter((l) => /answer was lost/.test(l.msg));
    expect(lost).toHaveLength(1);
    expect(lost[0]!.fields).toMatchObject({ lost: 1, asked: '/papers search query:codec' });
    expect(String(lost[0]!.fields.err)).toContain('Invalid Webhook Token');
  });
});
