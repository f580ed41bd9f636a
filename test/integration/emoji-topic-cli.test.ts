/**
 * An emoji in a topic typed on the command line, on a real database: as in chat
 * (emoji-topic-chat.test.ts), Slack's code (`:rocket:`, pasted from Slack or relayed by a script)
 * and the emoji itself (🚀) are no word of the topic: ":rocket: agents" and "🚀 agents" are the
 * topic "agents", and an emoji alone is refused with chat's words. Topics stored by earlier
 * releases with an emoji in their name are still found by the name they show and by its words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { freeTextTopic } from '../../src/core/topics/topic-service.js';
import { runCli } from '../helpers/cli-run.js';
import { withTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let stores: Stores;
const run = (...argv: string[]) => runCli({ config: loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }), openStores: async () => stores }, argv);
const slugs = async () => (await stores.topics.list()).map((t) => t.slug);
const subscribe = (user: string, topic: string) => run('subscribe', '--user', user, '--topic', topic, '--preview-days', '0');

beforeAll(async () => {
  db = await withTestDatabase();
  stores = await db.openStores();
});
afterAll(async () => db.drop());

describe('emoji in topic names on the command line', () => {
  it('subscribe with “:rocket: agents” and “🚀 agents” is the topic “agents”, with no word “rocket”', async () => {
    const coded = await subscribe('slack:U0123ABCD', ':rocket: agents');
    expect(coded.code).toBe(0);
    expect(coded.out).toContain('slack:U0123ABCD is now subscribed to "agents" (new topic)');
    const glyph = await subscribe('discord:101010101010101010', '🚀 agents');
    expect(glyph.out).toMatch(/101010101010101010 is now subscribed to "agents"\.$/m);
    // The topic's name is its words: typed plainly it is the same topic, named as typed.
    expect((await subscribe('slack:U0123ABCD', 'agents')).out).toContain('already subscribed to "agents"');
    expect((await slugs()).filter((s) => /rocket|^agents/.test(s))).toEqual(['agents']);
    const stored = await stores.topics.get('agents');
    expect(stored).toMatchObject({ name: 'agents', description: 'agents' });
  });

  it('topics add and match read the topic without its emoji', async () => {
    const added = await run('topics', 'add', '🦀 borrow checkers :crab:', '--create');
    expect(added.out).toContain('Added topic "borrow checkers" (borrow-checkers).');
    // An emoji touching a word leaves the word.
    expect((await run('topics', 'show', 'borrow checkers🦀')).code).toBe(0);
    const matched = await run('match', ':rocket: agents');
    expect(matched.code).toBe(0);
    // The stored topic "agents", not free text matched on "rocket".
    expect(matched.out).toMatch(/^agents: /);
    const preview = await run('match', '🛰️ satellite imagery');
    expect(preview.out).toMatch(/^"satellite imagery" \(free text/);
  });

  it('an emoji alone is refused, with the words chat refuses it with', async () => {
    for (const alone of [':rocket:', '🚀', '👩🏽‍🚀', ':wave::skin-tone-3:']) {
      const r = await subscribe('slack:U0123ABCD', alone);
      expect(r.code, alone).toBe(2);
      expect(r.err, alone).toContain('Topic name needs at least one letter or digit: an emoji alone names no topic');
    }
    expect((await run('topics', 'add', '🚀')).err).toContain('an emoji alone names no topic');
    expect((await run('match', ':rocket:')).err).toContain('an emoji alone names no topic');
    expect(await slugs()).not.toContain('rocket');
  });

  it('topics stored with an emoji by earlier releases are found by the name they show and by its words', async () => {
    const at = new Date('2026-11-01T00:00:00Z');
    // As an earlier CLI stored them: the code read as a word, and the emoji kept in the name.
    await stores.topics.add(freeTextTopic(':robot_face: planners', at, 'operator', 'robot-face-planners'));
    await stores.topics.add(freeTextTopic('🧬 protein folding', at, 'operator', 'protein-folding'));
    for (const typed of [':robot_face: planners', 'planners', '🤖 planners', 'robot-face-planners']) {
      const shown = await run('topics', 'show', typed, '--json');
      expect(shown.code, typed).toBe(0);
      expect(JSON.parse(shown.out), typed).toMatchObject({ slug: 'robot-face-planners' });
    }
    for (const typed of ['🧬 protein folding', 'protein folding', ':dna: protein folding']) {
      expect(JSON.parse((await run('topics', 'show', typed, '--json')).out), typed).toMatchObject({ slug: 'protein-folding', name: '🧬 protein folding' });
    }
    expect((await subscribe('slack:U0OLD', ':robot_face: planners')).out).toContain('is now subscribed to ":robot_face: planners".');
    expect((await run('unsubscribe', '--user', 'slack:U0OLD', '--topic', 'planners')).code).toBe(0);
    expect(await slugs()).not.toContain('planners');
  });
});
