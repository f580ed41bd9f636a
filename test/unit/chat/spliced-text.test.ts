/**
 * Outside text (a paper's title, words as typed) in a reply that names commands in code spans:
 * a backtick of its own must not pair with a hint's and break it, on either platform.
 */
import { describe, expect, it } from 'vitest';
import { handleParsed } from '../../../src/chat/commands/handle.js';
import { handleButton } from '../../../src/chat/commands/actions.js';
import { parseCommandText } from '../../../src/chat/commands/parse.js';
import { helpReply } from '../../../src/chat/commands/help.js';
import { hintText, HINTS } from '../../../src/chat/commands/hints.js';
import type { ChatActor } from '../../../src/chat/commands/services.js';
import type { Reply } from '../../../src/chat/commands/reply.js';
import type { ChatPlatform } from '../../../src/core/platforms.js';
import { renderDiscordReply } from '../../../src/chat/discord/commands/render-reply.js';
import { renderSlackReply } from '../../../src/chat/slack/commands/render-reply.js';
import { createFakeServices, paper } from './fake-services.js';

const actor = (platform: ChatPlatform): ChatActor => ({ platform, userId: `${platform}:U1`, channelId: `${platform}:C1`, mayManageChannel: async () => true });

function withTitle(title: string) {
  const services = createFakeServices();
  const p = paper(5, title);
  services.saveToList = async () => ({ status: 'saved', paper: p });
  return { services, timeoutMs: 2000 };
}

/** The reply as the platform shows it: Slack's mrkdwn of its blocks, Discord's content and embeds. */
function shown(reply: Reply, platform: ChatPlatform): string {
  if (platform === 'slack') return JSON.stringify(renderSlackReply(reply).blocks);
  const m = renderDiscordReply(reply);
  return [m.content ?? '', ...(m.embeds ?? []).map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join('\n');
}

const code = (platform: ChatPlatform, hint: Parameters<typeof hintText>[0]) => `\`${hintText(hint, platform)}\``;

describe('outside text beside code spans', () => {
  const titles = ['Don`t stop pretraining', "``Attention'' is not all you need", 'Fullwidth ｀quote'];
  for (const platform of ['slack', 'discord'] as const) {
    for (const title of titles) {
      it(`${platform}: "Saved" keeps its hints whole for the title ${title}`, async () => {
        const deps = withTitle(title);
        for (const reply of [
          await handleParsed(parseCommandText('saved add 2501.10005'), actor(platform), deps),
          await handleButton({ kind: 'save', list: 'user', arxivId: '2501.10005' }, actor(platform), deps),
        ]) {
          const out = shown(reply, platform);
          expect(out).toContain(code(platform, HINTS.savedList('user')));
          expect(out).toContain(code(platform, HINTS.savedExport('user')));
          // No backtick left but the four of the two hints.
          expect(out.split('`').length - 1).toBe(4);
          // Shown as Slack's lists show a title's backticks.
          expect(out).toContain(title.replace(/[`｀]/g, '\u02CB'));
        }
      });
    }
    it(`${platform}: an unknown word with a backtick leaves the suggestion's code whole`, () => {
      const out = shown(helpReply(platform, 'subscibe`', 'subscribe kv'), platform);
      expect(out).toContain('`/papers subscribe kv`');
      expect(out).toContain('`/papers help`');
      expect(out.split('`').length - 1).toBe(4);
    });
    it(`${platform}: words typed with a backtick leave a filtered list's hints whole`, async () => {
      const out = shown(await handleParsed(parseCommandText('topics zz`q'), actor(platform), { services: createFakeServices(), timeoutMs: 2000 }), platform);
      expect(out).toContain(code(platform, HINTS.topics()));
      expect(out.split('`').length - 1).toBe(4);
    });
  }
});
