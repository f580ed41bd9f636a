/**
 * Someone following 200 topics asks what they follow: the list and its unsubscribe buttons must
 * agree on both platforms (a button for each topic listed, none for one that is not), every topic
 * beyond the reply must be counted with the command that shows it, and neither platform may
 * refuse the answer (Slack: 50 blocks, 25 buttons an actions block; Discord: 5 rows of 5).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../helpers/chat-harness.js';

let chat: ChatHarness;
const DISCORD_USER = '123456789012345678';
// Short names (many fit the list) and long ones (fewer fit than there are buttons).
const short = Array.from({ length: 200 }, (_, i) => ({ slug: `t-${String(i).padStart(3, '0')}`, name: `Topic ${String(i).padStart(3, '0')}` }));
// Names Discord escapes at every other character (`\_`): the list must still end with its count.
const marked = Array.from({ length: 200 }, (_, i) => ({ slug: `m-${String(i).padStart(3, '0')}`, name: `k_v_c_a_c_h_e_s_p_l_i_t ${String(i).padStart(3, '0')}` }));
const long = Array.from({ length: 40 }, (_, i) => ({ slug: `long-${String(i).padStart(2, '0')}`, name: `Retrieval augmented generation for long scientific documents, variant ${String(i).padStart(2, '0')}` }));

beforeAll(async () => {
  chat = await startChatHarness({
    seed: async (stores) => {
      const now = new Date();
      const follow = async (topics: typeof short, subscribers: string[]) => {
        for (const t of topics) {
          await stores.topics.add({ slug: t.slug, name: t.name, description: t.name, mustPhrases: [], mustNotPhrases: [], categories: [], minUpvotes: null, builtin: false, createdBy: null, createdAt: now });
          for (const subscriber of subscribers) await stores.subscriptions.add({ subscriber, kind: 'user', topicSlug: t.slug, minScore: null, maxPapers: null, createdBy: subscriber, createdAt: now });
        }
      };
      await follow(short, ['slack:U0ADA', `discord:${DISCORD_USER}`]);
      await follow(long, ['slack:U0LONG', 'discord:223456789012345678']);
      await follow(marked, ['discord:323456789012345678']);
    },
  });
});
afterAll(async () => {
  await chat?.close();
});
afterEach(() => {
  expect(chat.refused).toEqual([]);
});

type Button = { text?: { text: string }; label?: string; value?: string; custom_id?: string };
interface Shown {
  text: string;
  labels: string[];
}
const slackShown = (answer: string): Shown => {
  const body = JSON.parse(answer) as { blocks: Array<{ type: string; text?: { text: string }; elements?: Button[] }> };
  return { text: body.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text).join('\n'), labels: body.blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : [])).map((e) => e.text!.text) };
};
const discordShown = (answer: string): Shown => {
  const body = JSON.parse(answer) as { content: string; components: Array<{ components: Button[] }> };
  return { text: body.content, labels: body.components.flatMap((r) => r.components).map((c) => c.label!) };
};
/** The names listed (lines starting with •), and the names the buttons unsubscribe from. */
const listed = (s: Shown) =>
  s.text
    .split('\n')
    .filter((l) => l.startsWith('•'))
    .map((l) => l.slice(2).replace(/ \([\w-]+\)$/, '').trim());
const buttoned = (s: Shown) => s.labels.filter((l) => l.startsWith('Unsubscribe: ')).map((l) => l.replace(/^Unsubscribe: /, ''));

const ask = {
  slack: async (user: string) => slackShown(await chat.slack('subscriptions', user, `D${user.slice(1)}`)),
  discord: async (user: string) => discordShown(await chat.discord([{ type: 1, name: 'subscriptions', options: [] }], '16', { dm: true, userId: user })),
};

describe('200 subscriptions', () => {
  for (const platform of ['slack', 'discord'] as const) {
    it(`${platform}: the buttons are for the topics listed, in order, and the rest are counted with the command that shows them`, async () => {
      const shown = await ask[platform](platform === 'slack' ? 'U0ADA' : DISCORD_USER);
      const names = listed(shown);
      expect(names.length).toBeGreaterThan(0);
      expect(names).toEqual(short.slice(0, names.length).map((t) => t.name));
      // Every listed topic has its button, in the list's order (a page holds no more than its buttons).
      expect(buttoned(shown)).toEqual(names);
      expect(shown.text).toContain(`…and ${200 - names.length} more`);
      expect(shown.text).toMatch(/subscriptions/);
    });

    it(`${platform}: long names, fewer listed than buttons fit: no button for a topic not listed`, async () => {
      const shown = await ask[platform](platform === 'slack' ? 'U0LONG' : '223456789012345678');
      const names = listed(shown);
      expect(names.length).toBeLessThan(25);
      expect(buttoned(shown).map((l) => l.slice(-2))).toEqual(names.map((n) => n.slice(-2)));
      expect(shown.text).toContain(`…and ${40 - names.length} more`);
      expect(shown.text).not.toContain('Buttons for the first');
    });
  }

  it('discord: names escaping makes longer still end with the count of those left out, each listed name with its button', async () => {
    const shown = await ask.discord('323456789012345678');
    expect(shown.text).toMatch(/…and \d+ more: .*“Next ›” shows them\.$/m);
    expect(buttoned(shown).length).toBe(listed(shown).length);
  });
});
