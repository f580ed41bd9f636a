import { describe, expect, it } from 'vitest';
import { APOLOGY, handleParsed } from '../../../src/chat/commands/handle.js';
import { handleButton } from '../../../src/chat/commands/actions.js';
import { parseCommandText } from '../../../src/chat/commands/parse.js';
import { USAGE } from '../../../src/chat/commands/command.js';
import { usageText } from '../../../src/chat/commands/hints.js';
import { parseQuery } from '../../../src/core/search/query-parser.js';
import type { ChatActor } from '../../../src/chat/commands/services.js';
import type { Reply } from '../../../src/chat/commands/reply.js';
import { createFakeServices, paper } from './fake-services.js';

function actor(overrides: Partial<ChatActor> = {}): ChatActor {
  return { platform: 'slack', userId: 'slack:U1', channelId: 'slack:C1', mayManageChannel: async () => false, ...overrides };
}

const run = (text: string, services = createFakeServices(), who = actor()) => handleParsed(parseCommandText(text), who, { services, timeoutMs: 2000 });
const buttons = (reply: Reply) => reply.blocks.flatMap((b) => (b.type === 'paper' || b.type === 'buttons' ? b.buttons : []));

describe('handleParsed', () => {
  it('says the platform could not tell who manages the channel, not that the database is down', async () => {
    const refusing = actor({ mayManageChannel: async () => Promise.reject(new Error('An API error occurred: missing_scope')) });
    for (const text of ['channel subscribe audio codecs', 'channel unsubscribe audio codecs']) {
      const reply = await run(text, createFakeServices(), refusing);
      expect(reply.text).toMatch(/^paperboy could not check whether you may manage this channel \(An API error occurred: missing_scope\)/);
      expect(reply.text).not.toContain('database');
    }
  });

  it('answers a search with papers and their buttons, only to the caller', async () => {
    const services = createFakeServices([paper(1, 'audio codecs at low bitrate'), paper(2, 'unrelated')]);
    const reply = await run('search audio codecs', services);
    expect(reply.visibility).toBe('ephemeral');
    const papers = reply.blocks.filter((b) => b.type === 'paper');
    expect(papers).toHaveLength(1);
    const kinds = buttons(reply).map((b) => (b.action.kind === 'feedback' ? `feedback-${b.action.verdict}` : b.action.kind));
    // The query names a topic: feedback trains it and the caller is offered to subscribe.
    expect(kinds).toEqual(['open', 'pdf', 'feedback-up', 'feedback-down', 'save', 'subscribe']);
  });

  it("passes a bad filter back in the core's words, with the usage", async () => {
    const parsed = parseQuery('since:bogus');
    if (parsed.ok) throw new Error('since:bogus should not parse');
    const reply = await run('search since:bogus');
    expect(reply.text).toContain(parsed.error);
    expect(reply.text).toContain(`Usage: ${usageText(USAGE.search, 'slack')}`);
    expect(reply.blocks.filter((b) => b.type === 'paper')).toEqual([]);
  });

  it('lists every followed topic by name in the text, with the unsubscribe buttons in one block', async () => {
    const services = createFakeServices();
    for (const t of ['audio codecs', 'speculative decoding', 'mixture of experts', 'world models', 'diffusion language models', 'token pruning', 'video editing']) await run(`subscribe ${t}`, services);
    const reply = await run('subscriptions', services);
    const text = reply.blocks.filter((b) => b.type === 'text').map((b) => (b.type === 'text' ? b.text : '')).join('\n');
    for (const t of ['audio codecs', 'video editing', 'token pruning']) expect(text).toContain(t);
    expect(reply.blocks.filter((b) => b.type === 'buttons')).toHaveLength(1);
    expect(buttons(reply).filter((b) => b.action.kind === 'unsubscribe')).toHaveLength(7);
    // A page holds at most 20 (Discord's five rows of five, less the row of page buttons), each listed topic with its button.
    for (let i = 0; i < 53; i++) await run(`subscribe speculative decoding for large language model serving ${i}`, services);
    const many = await run('subscriptions', services);
    expect(many.blocks.filter((b) => b.type === 'buttons').map((b) => (b.type === 'buttons' ? b.buttons.length : 0))).toEqual([20, 1]);
    expect(buttons(many).at(-1)).toMatchObject({ label: 'Next ›', action: { kind: 'page', list: 'subscriptions', page: 2 } });
    const manyText = many.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
    expect(manyText).toMatch(/^You follow 60 topics \(page 1 of \d+\):/);
    expect(manyText).toMatch(/…and \d+ more: `\/papers subscriptions <words>` lists only those with the words\. “Next ›” shows them\.$/);
    // The ones past the message and the buttons are reached by their words, with their own buttons.
    const narrowed = await run('subscriptions serving 52', services);
    expect(narrowed.text).toMatch(/^1 topic you follow has “serving 52” \(of 60\):\n• speculative decoding for large language model serving 52$/);
    expect(buttons(narrowed).map((b) => b.action)).toEqual([{ kind: 'unsubscribe', topicSlug: 'speculative-decoding-for-large-language-model-serving-52' }]);
    expect((await run('subscriptions protein', services)).text).toBe('None of the 60 topics you follow has “protein” in its name or description. `/papers subscriptions` lists them all.');
    expect(manyText.length).toBeLessThan(2000);
  });

  it('lists topics one short line each, and says how many more there are past a message\'s worth', async () => {
    const services = createFakeServices();
    for (let i = 0; i < 30; i++) await run(`subscribe topic number ${i} ${'with a long description '.repeat(5)}`.slice(0, 90), services);
    const reply = await run('topics', services);
    const text = reply.blocks.filter((b) => b.type === 'text').map((b) => (b.type === 'text' ? b.text : '')).join('\n');
    expect(text.length).toBeLessThan(2000);
    expect(text).toMatch(/…and \d+ more: `\/papers topics <words>` lists only the topics with those words\./);
    expect(text.split('\n').length).toBeGreaterThan(5);
    // The ones past a message's worth are reached by their words.
    const total = (await services.listTopics()).length;
    const narrowed = await run('topics number 29', services);
    expect(narrowed.blocks[0]).toEqual({ type: 'header', text: `1 topic with “number 29” (of ${total})` });
    expect(narrowed.text).toContain('topic number 29');
    expect(narrowed.text).not.toContain('topic number 28');
    // Words in any case; a topic must have every one.
    const upper = await run('topics NUMBER 21', services);
    expect(upper.blocks[0]).toEqual({ type: 'header', text: `1 topic with “NUMBER 21” (of ${total})` });
    const none = await run('topics protein folding', services);
    expect(none.text).toBe(`No topic's name or description has “protein folding” (of ${total} topics). \`/papers topics\` lists them all; \`/papers subscribe protein folding\` makes it a topic of your own.`);
  });

  it('says when a search found more papers than a reply shows, and how to narrow it; not when it found no more', async () => {
    const services = createFakeServices(Array.from({ length: 6 }, (_, i) => paper(i + 1, `Codec paper ${i + 1}`)));
    const many = await run('search codec', services);
    expect(many.blocks.filter((b) => b.type === 'paper')).toHaveLength(5);
    expect(many.blocks).toContainEqual({ type: 'context', text: 'These are the best 5; more papers match. Add words, a "phrase", author:, since: or category: to narrow it.' });
    const five = createFakeServices(Array.from({ length: 5 }, (_, i) => paper(i + 1, `Codec paper ${i + 1}`)));
    expect((await run('search codec', five)).blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('echoes an unknown subcommand cut whole, never half an emoji', async () => {
    const reply = await run(`a${'😀'.repeat(40)}`);
    expect(reply.text).toContain("I don't know");
    // A lone surrogate is half an emoji.
    expect(reply.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('says why a search found nothing when it can tell (a since: after today), as the CLI does', async () => {
    // The fake search knows no filters: a store with nothing to find stands for the date's effect.
    const services = createFakeServices([]);
    expect((await run('search since:2062-01-01 audio', services)).text).toBe('No papers match "audio". since:2062-01-01 is after today: no paper is that new.');
    expect((await run('search zzzqqq', services)).text).toBe('No papers match "zzzqqq". Try fewer or different words.');
    // Named by the words searched, as the CLI names them: the "x" beside "quantum" was left out.
    expect((await run('search quantum x', services)).text).toBe('No papers match "quantum" ("x" is not searched beside other words). Try fewer or different words.');
    // Filters alone name the query as typed.
    expect((await run('search author:nobody', services)).text).toMatch(/^No papers match “author:nobody”\./);
  });

  it('says what the search did with the words: a typo searched as a stored word before the papers, and filters that emptied the answer', async () => {
    const services = createFakeServices([paper(1, 'DFlash: Block Diffusion for Flash Speculative Decoding')]);
    const corrected = { corrected: [{ typed: 'speculatve', searched: 'speculative' }], unmatched: [], withoutFilters: null, spellChecked: true };
    const searched = parseQuery('speculative');
    if (!searched.ok) throw new Error(searched.error);
    const search = services.search.bind(services);
    services.search = async (query, limit) => {
      const r = await search('speculative', limit);
      return r.status === 'ok' ? { ...r, query: searched.query, notes: corrected } : r;
    };
    const reply = await run('search speculatve', services);
    expect(reply.blocks[1]).toEqual({ type: 'context', text: 'No stored paper has "speculatve": showing results for "speculative".' });
    expect(reply.blocks[2]).toMatchObject({ type: 'paper' });
    const dated = parseQuery('since:2026-03-01 diffusion');
    if (!dated.ok) throw new Error(dated.error);
    const none = createFakeServices([]);
    none.search = async () => ({ status: 'ok', hits: [], query: dated.query, notes: { corrected: [], unmatched: [], withoutFilters: 7, spellChecked: true } });
    expect((await run('search since:2026-03-01 diffusion', none)).text).toBe('No papers match "diffusion" with since:2026-03-01: 7 match without it.');
  });

  it('leaves feedback and subscribe out when the query names no topic', async () => {
    const reply = await run('search paper');
    expect(buttons(reply).map((b) => b.action.kind)).not.toContain('feedback');
    expect(buttons(reply).map((b) => b.action.kind)).not.toContain('subscribe');
  });

  it('answers unknown subcommands with help and unknown topics with the closest names', async () => {
    expect((await run('serch x')).text).toContain('/papers search');
    const reply = await run('subscribe audio codex');
    expect(reply.text).toContain('audio codecs');
    expect(buttons(reply)[0]?.action).toEqual({ kind: 'subscribe', topicSlug: 'audio-codecs' });
  });

  it('subscribes the caller only, and lists it', async () => {
    const services = createFakeServices();
    expect((await run('subscribe audio codecs', services)).text).toContain('will get');
    expect((await run('subscribe audio codecs', services)).text).toContain('already');
    expect(services.writes).toEqual(['subscribe slack:U1 audio-codecs']);
    expect((await run('subscriptions', services)).text).toContain('audio codecs');
  });

  it('refuses channel changes to non-managers and allows managers', async () => {
    const services = createFakeServices();
    const denied = await run('channel subscribe audio codecs', services);
    expect(denied.text).toContain('Only people who may manage');
    expect((await run('channel schedule 08:00', services)).text).toContain('Only people');
    expect(services.writes).toEqual([]);
    const ok = await run('channel subscribe audio codecs', services, actor({ mayManageChannel: async () => true }));
    expect(ok.text).toContain('This channel will get');
    expect(services.writes).toEqual(['subscribe slack:C1 audio-codecs']);
  });

  it('refuses channel commands in a DM', async () => {
    const reply = await run('channel subscribe audio codecs', createFakeServices(), actor({ channelId: null, mayManageChannel: async () => true }));
    expect(reply.text).toContain('direct message');
  });

  it('apologises when the database is down or stuck, instead of timing out', async () => {
    for (const mode of ['throw', 'hang'] as const) {
      const services = createFakeServices();
      services.mode = mode;
      const errors: unknown[] = [];
      const reply = await handleParsed(parseCommandText('subscribe audio codecs'), actor(), { services, timeoutMs: 50, onError: (e) => errors.push(e) });
      expect(reply.text).toBe(APOLOGY);
      expect(errors).toHaveLength(1);
    }
  });

  it('previews the digest only to the caller', async () => {
    const services = createFakeServices();
    expect((await run('digest', services)).text).toContain("don't follow");
    await run('subscribe audio codecs', services);
    const reply = await run('digest', services);
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.blocks.filter((b) => b.type === 'paper')).toHaveLength(3);
  });
});

describe('handleButton', () => {
  it('records feedback for the presser and subscribes the presser', async () => {
    const services = createFakeServices();
    const who = actor({ userId: 'slack:U9' });
    const fb = await handleButton({ kind: 'feedback', verdict: 'down', topicSlug: 'audio-codecs', arxivId: paper(1).arxivId }, who, { services });
    expect(fb.text).toContain('lower');
    expect(services.feedback).toEqual([{ topicSlug: 'audio-codecs', arxivId: paper(1).arxivId, actor: 'slack:U9', verdict: 'down' }]);
    await handleButton({ kind: 'subscribe', topicSlug: 'audio-codecs' }, who, { services });
    expect([...services.subs.get('slack:U9')!]).toEqual(['audio-codecs']);
  });

  it("a mark's thanks has an Undo that takes that mark back, and says so when there is none left", async () => {
    const services = createFakeServices();
    const who = actor({ userId: 'slack:U9' });
    const pressed = { kind: 'feedback' as const, topicSlug: 'audio-codecs', arxivId: paper(1).arxivId };
    const fb = await handleButton({ ...pressed, verdict: 'down' }, who, { services });
    const undo = fb.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
    expect(undo).toEqual([{ label: 'Undo', action: { ...pressed, verdict: 'clear' } }]);
    expect((await handleButton(undo[0]!.action as typeof pressed & { verdict: 'clear' }, who, { services })).text).toBe('Your 👎 on this paper is taken back: “audio codecs” matches it as if you had never marked it.');
    expect(services.feedback).toEqual([]);
    expect((await handleButton({ ...pressed, verdict: 'clear' }, who, { services })).text).toContain('You have no mark on this paper for “audio codecs”');
  });
});
