/**
 * The bot's `@name` in its own hints ("Invite it with /invite @paperboy") was plain text on Slack.
 * In mrkdwn it is now a real mention, `<@U…>` (auth.test user_id): not in a code span, a header's
 * plain text or the fallback text (Slack draws no mention there), not in a paper's own text, and
 * not a longer name that starts the same.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/chat/commands/reply.js';
import { renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { withBotMention } from '../../../src/chat/text/slack-escape.js';
import { paper } from './fake-services.js';

const bot = { name: 'lab-digest', userId: 'U0BOT' };

describe('the bot named by a real Slack mention', () => {
  it('mentions the whole name only, outside code spans', () => {
    expect(withBotMention('Invite it with /invite @lab-digest (or …)', bot)).toBe('Invite it with /invite <@U0BOT> (or …)');
    expect(withBotMention('Invite it with /invite @lab-digest.', bot)).toBe('Invite it with /invite <@U0BOT>.');
    expect(withBotMention('`/invite @lab-digest` then', bot)).toBe('`/invite @lab-digest` then');
    expect(withBotMention('@lab-digests and @lab-digest-2 and x@lab-digest', bot)).toBe('@lab-digests and @lab-digest-2 and x@lab-digest');
    expect(withBotMention('/invite @lab-digest', undefined)).toBe('/invite @lab-digest');
    // A user id is letters and digits: anything else is never written into the syntax.
    expect(withBotMention('/invite @lab-digest', { name: 'lab-digest', userId: 'U1> <!channel' })).toBe('/invite @lab-digest');
  });

  it('in the reply: mrkdwn lines mention, the header and the fallback text keep the name, a paper\'s text is its own', () => {
    const p = { ...paper(1, 'Why @lab-digest matters'), summary: 'ask @lab-digest' };
    const reply: Reply = {
      visibility: 'ephemeral',
      text: 'Invite it with /invite @lab-digest',
      blocks: [
        { type: 'header', text: 'About @lab-digest' },
        { type: 'text', text: 'Invite it with /invite @lab-digest' },
        { type: 'context', text: 'or /invite @lab-digest' },
        { type: 'paper', paper: p, note: 'by @lab-digest', buttons: [] },
      ],
    };
    const out = renderSlackReply(reply, { bot });
    expect(out.text).toBe('Invite it with /invite @lab-digest');
    expect(JSON.stringify(out.blocks[0])).toContain('About @lab-digest');
    expect(JSON.stringify(out.blocks[1])).toContain('/invite <@U0BOT>');
    expect(JSON.stringify(out.blocks[2])).toContain('/invite <@U0BOT>');
    expect(JSON.stringify(out.blocks[3])).not.toContain('<@U0BOT>');
    expect(JSON.stringify(renderSlackReply(reply))).not.toContain('<@');
  });
});
