/** `/papers digest`: the preview says what the cap left out, as the digest will. */
import { describe, expect, it } from 'vitest';
import { digestPreview } from '../../../src/chat/commands/handlers/digest.js';
import type { ChatActor, DigestPreview } from '../../../src/chat/commands/services.js';
import { paper } from './fake-services.js';

const actor = { platform: 'slack', userId: 'U1', channelId: 'C1' } as unknown as ChatActor;
const preview = (p: DigestPreview) => digestPreview(undefined, actor, { services: { previewDigest: async () => p } } as never);
const items = [1, 2].map((i) => ({ paper: paper(i), topicSlug: 'audio', score: 0.9, why: 'title: audio' }));

describe('/papers digest', () => {
  it('says how many more papers matched than the preview shows', async () => {
    const reply = await preview({ status: 'ok', since: null, items, moreMatched: 37 });
    expect(JSON.stringify(reply.blocks)).toContain('37 more papers matched your topics beyond these 2.');
    const all = await preview({ status: 'ok', since: null, items });
    expect(JSON.stringify(all.blocks)).not.toContain('more paper');
  });

  it('says where papers a chat message has no room for can be read: the digest splits itself, a reply cannot', async () => {
    const reply = await preview({ status: 'ok', since: null, items });
    expect(reply.overflow).toBe('Your digest itself carries them all, over several messages.');
  });

  it('an empty preview says from when it looked, not "since your last digest", as there may have been none', async () => {
    const reply = await preview({ status: 'ok', since: new Date('2026-12-03T09:00:00Z'), items: [] });
    expect(reply.text).toBe('No paper stored since 2026-12-03 09:00 UTC matches your topics or the authors you follow, so your next digest has nothing yet.');
  });
});
