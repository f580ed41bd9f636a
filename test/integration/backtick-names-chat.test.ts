/**
 * Topics named before backticks were refused keep their backticks in the store ("`code` gizmo
 * widgets", "it`s gizmo era"). Shown in chat, a name's backticks made code of part of it, or broke
 * the code span of a command hint around it (`/papers channel unsubscribe `code` …`); the name as
 * shown must read as typed on both platforms, and typing it (or pressing its button) must remove it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const DISCORD_USER = '400000000000000009';
const OLD = [
  { slug: 'code-gizmo-widgets', name: '`code` gizmo widgets' },
  { slug: 'it-s-gizmo-era', name: 'it`s gizmo era' },
];

beforeAll(async () => {
  chat = await startChatHarness({
    env: { SLACK_CHANNEL_MANAGERS: 'U0OLD' },
    seed: async (stores) => {
      const now = new Date();
      for (const t of OLD) {
        await stores.topics.add({ slug: t.slug, name: t.name, description: 'gizmo widgets', mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: now });
        for (const subscriber of ['slack:U0OLD', 'slack:U0BTN', `discord:${DISCORD_USER}`]) await stores.subscriptions.add({ subscriber, kind: 'user', topicSlug: t.slug, minScore: null, maxPapers: null, createdBy: subscriber, createdAt: now });
      }
    },
  });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

function slackMrkdwn(answer: string): string {
  const out: string[] = [];
  JSON.stringify((JSON.parse(answer) as { blocks: unknown[] }).blocks, (_k, v: unknown) => {
    if (v && typeof v === 'object' && (v as { type?: string }).type === 'mrkdwn') out.push((v as { text: string }).text);
    return v;
  });
  return out.join('\n');
}
const follows = async (subscriber: string) => (await chat.app.stores.subscriptions.list({ subscriber })).map((s) => s.topicSlug).sort();

describe('Slack', () => {
  it('lists old names with no code made of them, and removes one typed as shown', async () => {
    const list = slackMrkdwn(await chat.slack('subscriptions', 'U0OLD', 'D0OLD'));
    expect(list).toContain('• code gizmo widgets');
    expect(list).not.toMatch(/`code`/);
    const line = list.split('\n').find((l) => l.includes('gizmo era'))!;
    expect(line).not.toMatch(/[`\u02CB]/);
    // Typed as the list shows it, each goes.
    const shown = (l: string) => l.slice(2).replace(/ \([\w-]+\)$/, '');
    expect(await chat.slack('unsubscribe code gizmo widgets', 'U0OLD', 'D0OLD')).toContain('no longer get “code gizmo widgets”');
    const typed = line.match(/\(([\w-]+)\)$/)?.[1] ?? shown(line);
    expect(await chat.slack(`unsubscribe ${typed}`, 'U0OLD', 'D0OLD')).toContain('no longer get');
    expect(await follows('slack:U0OLD')).toEqual([]);
  });

  it('the hint to take a channel subscription back stays one code span', async () => {
    await chat.slack('channel subscribe code-gizmo-widgets', 'U0OLD', 'C0001');
    // Someone who does not follow it asks to leave it, in a channel that does.
    const answer = slackMrkdwn(await chat.slack('unsubscribe code-gizmo-widgets', 'U0NEW', 'C0001'));
    expect(answer).toContain('This channel does: `/papers channel unsubscribe code gizmo widgets`');
  });

  it('its unsubscribe button removes it', async () => {
    await chat.slackButton('topic_unsubscribe:it-s-gizmo-era', 'it-s-gizmo-era', 'U0BTN', 'D0BTN');
    expect(await follows('slack:U0BTN')).not.toContain('it-s-gizmo-era');
  });
});

describe('Discord', () => {
  it('lists old names as typed, with no code span, and removes one typed as shown', async () => {
    const who = { dm: true, userId: DISCORD_USER };
    const answer = JSON.parse(await chat.discord([{ type: 1, name: 'subscriptions', options: [] }], undefined, who)) as { content: string; components: Array<{ components: Array<{ label: string }> }> };
    expect(answer.content).toContain('code gizmo widgets');
    expect(answer.content).not.toContain('`');
    expect(answer.components.flatMap((r) => r.components).map((b) => b.label)).toEqual(['Unsubscribe: code gizmo widgets', 'Unsubscribe: its gizmo era']);
    const reply = await chat.discord([{ type: 1, name: 'unsubscribe', options: [{ type: 3, name: 'topic', value: 'code gizmo widgets' }] }], undefined, who);
    expect(reply).toContain('no longer get “code gizmo widgets”');
    expect(await follows(`discord:${DISCORD_USER}`)).toEqual(['it-s-gizmo-era']);
  });
});
