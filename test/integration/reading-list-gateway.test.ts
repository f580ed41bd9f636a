/**
 * The gateway path of the reading list: real discord.js interaction objects whose REST points at
 * the local fake Discord, so `editReply({ files })` goes out as Discord's multipart upload
 * (`payload_json` + `files[0]`) and a Save press is answered privately.
 */
import { parse } from '@retorquere/bibtex-parser';
import { Client, type Interaction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleGatewayInteraction } from '../../src/chat/discord/client.js';
import { gatewayInteractions, rawInteraction, rawMessage } from '../helpers/discord-gateway.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { createFakeServices, paper } from '../unit/chat/fake-services.js';

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

// `client` is made in beforeAll; the constructors read it when a test runs.
const chatInput = (d: unknown) => gatewayInteractions(client).chatInput(d);
const button = (d: unknown) => gatewayInteractions(client).button(d);
const MESSAGE = rawMessage(0);

describe('reading lists on the Discord gateway path', () => {
  it('a Save press saves for the presser; /papers saved export edits the deferred reply with the file as multipart', async () => {
    const services = createFakeServices([paper(1, 'Neural audio codecs at 1 kbps'), paper(2, 'Codecs & {braces} 100%')]);
    const deps = { services, timeoutMs: 5000 };
    for (const id of ['2501.10001', '2501.10002']) {
      const press = rawInteraction(3, { custom_id: `save:u:${id}`, component_type: 2 });
      await handleGatewayInteraction(button({ ...press, message: MESSAGE }) as Interaction, deps);
      const answer = discord.webhookMessages.find((m) => m.token === press.token)!;
      expect(answer.body.content).toContain('Saved');
    }
    expect(services.writes).toEqual(['save discord:111 2501.10001', 'save discord:111 2501.10002']);

    const d = rawInteraction(2, { id: '1', name: 'papers', type: 1, options: [{ type: 2, name: 'saved', options: [{ type: 1, name: 'export', options: [{ type: 3, name: 'format', value: 'bibtex' }] }] }] });
    await handleGatewayInteraction(chatInput(d) as Interaction, deps);
    expect(discord.interactionCallbacks.find((c) => c.token === d.token)!.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = discord.webhookMessages.find((m) => m.token === d.token)!;
    expect(edit.kind).toBe('edit-original');
    expect(edit.files.map((f) => [f.field, f.filename])).toEqual([['files[0]', 'reading-list.bib']]);
    const lib = parse(edit.files[0]!.data.toString('utf8'), { sentenceCase: false, caseProtection: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => e.fields.eprint)).toEqual(['2501.10001', '2501.10002']);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });
});
