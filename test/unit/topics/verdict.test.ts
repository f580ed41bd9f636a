/** A 👍 / 👎 is read the same however it is typed: a word, the emoji in any skin tone, or a chat :shortcode:. */
import { describe, expect, it } from 'vitest';
import { parseMarkAction, parseVerdict } from '../../../src/core/topics/verdict.js';
import { createFeedbackService } from '../../../src/core/topics/feedback-service.js';
import { createTopicService } from '../../../src/core/topics/topic-service.js';
import { createMemoryStores } from '../../helpers/memory-stores.js';

describe('parseVerdict', () => {
  it('reads the words, the emoji with or without a skin tone, and Slack and Discord shortcodes', () => {
    for (const up of ['up', ' UP ', '👍', '👍🏻', '👍🏽', '👍🏿', '👍\uFE0F', ':+1:', ':thumbsup:', ':+1::skin-tone-3:', ':thumbsup_tone2:']) expect(parseVerdict(up), up).toBe('up');
    for (const down of ['down', 'Down', '👎', '👎🏾', ':-1:', ':thumbsdown:', ':-1::skin-tone-6:', ':thumbsdown_tone5:']) expect(parseVerdict(down), down).toBe('down');
    for (const other of ['', 'sideways', '+1', '🏽', ':+1', 'thumbsup', ':thumbsup::', '👍👎', ':skin-tone-3:']) expect(parseVerdict(other), other).toBeNull();
  });

  it('a mark command also reads "clear", in any letter case, and nothing else new', () => {
    for (const clear of ['clear', ' CLEAR ', 'Clear']) expect(parseMarkAction(clear), clear).toBe('clear');
    expect(parseMarkAction('👍🏽')).toBe('up');
    expect(parseMarkAction(':-1:')).toBe('down');
    for (const other of ['clearly', 'cleared', '']) expect(parseMarkAction(other), other).toBeNull();
    expect(parseVerdict('clear')).toBeNull();
  });

  it('is the rule the feedback service records by', async () => {
    const stores = createMemoryStores();
    const topics = createTopicService({ topics: stores.topics });
    await topics.seed();
    await stores.papers.upsertMany([{ arxivId: '2611.00001', source: 'hf', title: 'A neural audio codec', abstract: '' }], new Date('2026-11-01T00:00:00Z'));
    const feedback = createFeedbackService({ feedback: stores.feedback, papers: stores.papers, topics });
    expect(await feedback.record({ topic: 'audio codecs', arxivId: '2611.00001', actor: 'slack:U1', verdict: '👍🏽' })).toMatchObject({ status: 'recorded', verdict: 'up' });
    expect(await feedback.record({ topic: 'audio codecs', arxivId: '2611.00001', actor: 'slack:U2', verdict: ':-1:' })).toMatchObject({ status: 'recorded', verdict: 'down' });
    expect(await feedback.record({ topic: 'audio codecs', arxivId: '2611.00001', actor: 'slack:U3', verdict: 'sideways' })).toMatchObject({ status: 'invalid' });
  });
});
