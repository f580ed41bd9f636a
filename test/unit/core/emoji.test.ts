import { describe, expect, it } from 'vitest';
import { withoutEmoji, withoutEmojiCodes } from '../../../src/core/emoji.js';
import { checkTopicName } from '../../../src/core/topics/names.js';

describe('emoji in typed text', () => {
  it('takes out an emoji whole: its skin tone, joined sequence, flag, keycap and variation selector', () => {
    for (const emoji of ['🚀', '👍🏽', '👩🏽‍🚀', '🏳️‍🌈', '🏃‍♀️', '🇩🇪', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1️⃣', '❤️', '☺️']) {
      expect(withoutEmoji(`${emoji} agents ${emoji}`), emoji).toBe('agents');
    }
    // Between two words it parts them, as the space it stands for.
    expect(withoutEmoji('AI🤖agents')).toBe('AI agents');
  });

  it('leaves symbols shown as text, joiners that spell a script, and digits', () => {
    expect(withoutEmoji('C© ↔ B™ 1 #3')).toBe('C© ↔ B™ 1 #3');
    expect(withoutEmoji('کتاب\u200Cها क्\u200Dष')).toBe('کتاب\u200Cها क्\u200Dष');
  });

  it("takes out Slack's codes standing alone, not a colon in a word, a time or quotes", () => {
    expect(withoutEmoji(':rocket: agents :wave::skin-tone-3:')).toBe('agents');
    expect(withoutEmojiCodes('":memory:" since:2024 09:00 a:b:')).toBe('":memory:" since:2024 09:00 a:b:');
    // A search keeps an emoji as drawn (the search reads it), a topic's words do not.
    expect(withoutEmojiCodes('🚀 :fire: agents')).toBe('🚀 agents');
  });

  it('a typed topic is its words; an emoji alone is refused, counted as typed', () => {
    expect(checkTopicName('"🚀 agents"')).toEqual({ ok: true, value: 'agents' });
    expect(checkTopicName(' :rocket:  🚀 ')).toEqual({ ok: false, error: 'Topic name needs at least one letter or digit: an emoji alone names no topic' });
    expect(checkTopicName(`${'🎧'.repeat(60)} x`)).toMatchObject({ ok: false, error: expect.stringMatching(/^Topic name is too long \(122 characters/) });
  });
});
