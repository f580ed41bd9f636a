/**
 * What a chat subscription answers when its preview is empty: no paper stored in the window at
 * all (a fresh install) is not "nothing matches it".
 */
import { describe, expect, it } from 'vitest';
import { describeChange } from '../../../src/chat/commands/handlers/describe-change.js';
import { testPaper } from '../../helpers/test-paper.js';

const topic = { slug: 'making-chatbots-answer-faster', name: 'making chatbots answer faster', description: 'making chatbots answer faster' };
const contexts = (reply: ReturnType<typeof describeChange>) => reply.blocks.flatMap((b) => (b.type === 'context' ? [b.text] : []));

describe('subscribe reply with an empty preview', () => {
  it('says nothing was stored in the window when the window held no paper', () => {
    const reply = describeChange({ status: 'subscribed', topic, created: true, preview: [], previewConsidered: 0 }, 'You', topic.name, 'slack');
    expect(contexts(reply)).toContain('No paper has been stored in the last 7 days, so there is nothing to preview yet; new papers will come in the digest.');
  });

  it('says nothing matched when the window held papers', () => {
    const reply = describeChange({ status: 'subscribed', topic, created: true, preview: [], previewConsidered: 48 }, 'You', topic.name, 'slack');
    expect(contexts(reply)).toContain('None of the papers that arrived in the last 7 days matches it yet; new papers will come in the digest.');
  });

  it('says that a topic with no English word matches nothing until it is said in English', () => {
    const foreign = { slug: 'dan-bai-zhi-zhe-die', name: '蛋白质折叠', description: '蛋白质折叠' };
    const reply = describeChange({ status: 'subscribed', topic: foreign, created: true, preview: [], previewConsidered: 48 }, 'You', foreign.name, 'discord');
    expect(contexts(reply).some((t) => t.startsWith('“蛋白质折叠” has no English word'))).toBe(true);
    expect(contexts(describeChange({ status: 'subscribed', topic, created: true, preview: [], previewConsidered: 48 }, 'You', topic.name, 'slack')).join(' ')).not.toContain('English');
  });

  it('says "the last day", not "the last 1 days"', async () => {
    const { emptyPreviewNote, previewWindow } = await import('../../../src/core/digest/preview.js');
    expect(previewWindow(1)).toBe('among the papers that arrived in the last day');
    expect(emptyPreviewNote(1, 0)).toBe('No paper has been stored in the last day, so there is nothing to preview yet');
    expect(previewWindow(7, 2000)).toBe('among the newest 2,000 papers that arrived in the last 7 days');
    expect(emptyPreviewNote(7, 2000, 2000)).toBe('None of the newest 2,000 papers that arrived in the last 7 days matches it yet');
  });

  it('says the preview is of the papers that arrived lately, not of papers published then', () => {
    // The window is by when papers were stored: papers published in February, ingested today, are in it.
    const at = new Date('2026-12-05T09:00:00Z');
    const paper = testPaper({ arxivId: '2602.00001', title: 'Faster chatbot answers', publishedAt: new Date('2026-02-01'), announcedAt: null, sources: [], firstSeenAt: at, updatedAt: at });
    const reply = describeChange({ status: 'subscribed', topic, created: true, preview: [{ paper, topicSlug: topic.slug, score: 0.9, why: 'words' }], previewConsidered: 48 }, 'You', topic.name, 'slack');
    const headers = reply.blocks.flatMap((b) => (b.type === 'header' ? [b.text] : []));
    expect(headers).toEqual(['Best matches among the papers that arrived in the last 7 days: 👍 or 👎 teaches the topic']);
  });
});

describe('"did you mean" buttons for long topic names', () => {
  it('keep the end that tells the suggestions apart', () => {
    const stem = 'Retrieval augmented generation for long scientific documents with citations, tables and figures';
    const suggestions = ['biology', 'physics'].map((field, i) => ({ slug: `rag-${i}`, name: `${stem} in ${field}`, description: '' }));
    const reply = describeChange({ status: 'unknown-topic', suggestions }, 'You', `${stem} in geology`, 'slack', false);
    const labels = reply.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons.map((x) => x.label) : []));
    expect(labels).toEqual(['Unsubscribe: Retrieval augmented generation for long sci…figures in biology', 'Unsubscribe: Retrieval augmented generation for long sci…figures in physics']);
  });
});
