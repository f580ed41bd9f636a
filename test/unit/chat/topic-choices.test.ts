/**
 * Discord's autocomplete answer: at most 25 choices, each name 1-100 characters and each value
 * at most 100 (Discord's application-command docs). A topic's name can be 120 characters, emoji
 * and all: the name shown is cut there without splitting a character, whose lone half would make
 * the whole answer invalid text.
 */
import { describe, expect, it } from 'vitest';
import { topicChoices } from '../../../src/chat/discord/commands/dispatch.js';
import type { HandlerDeps } from '../../../src/chat/commands/handle.js';
import type { TopicInfo } from '../../../src/chat/commands/services.js';
import { hasLoneSurrogate } from '../render/digest-fixture.js';

function depsWith(topics: TopicInfo[]): HandlerDeps {
  return { services: { listTopics: async () => topics } } as unknown as HandlerDeps;
}

describe('topicChoices', () => {
  it('cuts a long name with emoji at a character boundary, within 100, and offers at most 25', async () => {
    // 99 letters, then an emoji whose two halves straddle the 100th unit.
    const topics = Array.from({ length: 40 }, (_, i) => ({ slug: `t-${i}`, name: `${'a'.repeat(99 - String(i).length)}${i}🧑‍🔬 and more words`, description: '' }));
    const choices = await topicChoices('', depsWith(topics));
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
      expect(hasLoneSurrogate(c.name)).toBe(false);
    }
  });
});
