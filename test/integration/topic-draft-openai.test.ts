/**
 * A new free-text topic's definition drafted by an LLM, against a local server speaking the
 * OpenAI chat completions wire format: the request, the stored draft, `topics show`, `topics
 * define`, the matcher using it, and every failure leaving the topic to match from its words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { createDraftService } from '../../src/core/topics/draft-service.js';
import { createMatcher } from '../../src/core/topics/matcher.js';
import { freeTextTopic } from '../../src/core/topics/topic-service.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { createOpenAiTopicDrafter, parseDraft } from '../../src/summarize/topic-drafter.js';
import { runCli, type CliRun } from '../helpers/cli-run.js';
import { silentLogger } from '../../src/log.js';
import { startFakeOpenAi, type FakeOpenAi } from '../helpers/fake-openai.js';

const silent = silentLogger();

const DRAFT = JSON.stringify({ expansions: ['jailbreak', 'red teaming', 'adversarial prompt'], exclusions: ['adversarial examples for image classifiers'] });

let openai: FakeOpenAi;
let dataDir: string;

beforeAll(async () => {
  openai = await startFakeOpenAi({ answer: () => DRAFT });
  dataDir = mkdtempSync(join(tmpdir(), 'paperboy-draft-'));
});
afterAll(async () => {
  await openai.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function run(stores: Stores, env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  const config = loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  return runCli({ config, openStores: async () => stores }, argv);
}

describe('LLM-drafted topic definitions', () => {
  it('subscribe with free text drafts the definition once; topics show shows it and topics define replaces it', async () => {
    const stores = createMemoryStores();
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, PAPERBOY_SUMMARY_MODEL: 'draft-model' };
    const before = openai.requests.length;
    const sub = await run(stores, env, 'subscribe', '--user', 'slack:U0123ABCD', '--topic', 'tricking chatbots into saying bad things');
    expect(sub.code, sub.err).toBe(0);
    expect(sub.out).toContain('drafted by draft-model');
    const sent = openai.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.model).toBe('draft-model');
    expect(sent[0]!.messages.at(-1)!.content).toContain('tricking chatbots into saying bad things');
    expect((sent[0] as unknown as { response_format?: { type: string } }).response_format?.type).toBe('json_object');

    const show = await run(stores, env, 'topics', 'show', 'tricking chatbots into saying bad things');
    expect(show.out).toContain('drafted by draft-model');
    // The vocabulary concepts matching expands it with, from its words and its drafted definition.
    expect(show.out).toMatch(/matched with the vocabulary's .*jailbreak attacks \(named\).*red teaming/);
    expect(show.out).toContain('jailbreak | red teaming | adversarial prompt');
    expect(show.out).toContain('adversarial examples for image classifiers');

    // A second subscriber to the same topic does not draft it again.
    await run(stores, env, 'subscribe', '--user', 'slack:U0456EFGH', '--topic', 'tricking chatbots into saying bad things');
    expect(openai.requests.length - before).toBe(1);

    const define = await run(stores, env, 'topics', 'define', 'tricking chatbots into saying bad things', '--expand', 'prompt injection');
    expect(define.code, define.err).toBe(0);
    const edited = await run(stores, env, 'topics', 'show', 'tricking chatbots into saying bad things');
    expect(edited.out).toContain('(edited');
    expect(edited.out).toContain('prompt injection');
    expect(edited.out).not.toContain('red teaming');
    const json = JSON.parse((await run(stores, env, 'topics', 'show', 'tricking chatbots into saying bad things', '--json')).out) as { definition: { source: string; expansions: string[] }; concepts: Array<{ id: string }> };
    expect(json.definition).toMatchObject({ source: 'edited', expansions: ['prompt injection'] });
    expect(json.concepts.map((c) => c.id)).toContain('jailbreak attacks');

    // No phrases is no definition by accident: it needs --clear.
    const empty = await run(stores, env, 'topics', 'define', 'tricking chatbots into saying bad things');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/give --expand "<phrase>" and\/or --exclude "<phrase>" \(repeatable\), or --clear/);
    expect((await run(stores, env, 'topics', 'show', 'tricking chatbots into saying bad things')).out).toContain('prompt injection');
    const cleared = await run(stores, env, 'topics', 'define', 'tricking chatbots into saying bad things', '--clear');
    expect(cleared.out).toBe('Cleared the definition of "tricking chatbots into saying bad things": it matches from its own words.\n');
    const after = (await run(stores, env, 'topics', 'show', 'tricking chatbots into saying bad things')).out;
    expect(after).not.toContain('prompt injection');
    expect(after).toMatch(/definition: cleared \d{4}-\d{2}-\d{2}; the topic matches from its own words/);
  });

  it('without an API key nothing is drafted or sent', async () => {
    const stores = createMemoryStores();
    const before = openai.requests.length;
    const sub = await run(stores, {}, 'subscribe', '--user', 'slack:U0123ABCD', '--topic', 'tricking chatbots into saying bad things');
    expect(sub.code, sub.err).toBe(0);
    expect(sub.out).not.toContain('drafted');
    expect(openai.requests.length).toBe(before);
  });

  it('server errors, non-JSON bodies and answers that are not the JSON asked for leave no draft', async () => {
    const cache = createMemoryStores().cache;
    const drafter = createOpenAiTopicDrafter({ apiKey: 'sk-test', baseURL: openai.baseURL, model: 'm', dailyTokenBudget: 0, cache, logger: silent, timeoutMs: 2_000 });
    const drafts = createDraftService({ cache, drafter });
    const topic = freeTextTopic('some topic', new Date(), null, 't');
    openai.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    expect(await drafts.ensure(topic)).toBeNull();
    openai.script({ kind: 'not-json' });
    expect(await drafts.ensure(topic)).toBeNull();
    openai.script({ kind: 'ok', content: 'Sure! Here are some phrases: jailbreak, red teaming' });
    expect(await drafts.ensure(topic)).toBeNull();
    expect((await drafts.get(['t'])).size).toBe(0);
    openai.script({ kind: 'ok', content: '```json\n' + DRAFT + '\n```' });
    expect((await drafts.ensure(topic))?.expansions).toEqual(['jailbreak', 'red teaming', 'adversarial prompt']);
  });

  it('a draft keeps its good phrases and leaves out the oversized, empty or mentioning ones; topics define refuses them with why', async () => {
    const stores = createMemoryStores();
    const drafter = createOpenAiTopicDrafter({ apiKey: 'sk-test', baseURL: openai.baseURL, model: 'm', dailyTokenBudget: 0, cache: stores.cache, logger: silent, timeoutMs: 2_000 });
    const drafts = createDraftService({ cache: stores.cache, drafter });
    const hostile = { expansions: ['x'.repeat(10_000), 'ok phrase', '<@U0123ABCD> ping', '<!channel> distillation', '   ', 'knowledge distillation'], exclusions: ['@everyone spam', 'image classifiers'] };
    openai.script({ kind: 'ok', content: JSON.stringify(hostile) });
    const drafted = await drafts.ensure(freeTextTopic('teaching small students', new Date(), null, 'students'));
    expect(drafted?.expansions).toEqual(['ok phrase', 'knowledge distillation']);
    expect(drafted?.exclusions).toEqual(['image classifiers']);
    const edit = await drafts.edit('students', { expansions: ['<!channel> distillation'], exclusions: [] });
    expect(edit.status === 'invalid' && edit.message).toContain('cannot contain a mention');
  });

  it('subscribe says a draft is coming, says when it failed, and the next subscription drafts it', async () => {
    const stores = createMemoryStores();
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, PAPERBOY_SUMMARY_MODEL: 'draft-model' };
    openai.script({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const failed = await run(stores, env, 'subscribe', '--user', 'slack:U0123ABCD', '--topic', 'teaching small models from big ones');
    expect(failed.code, failed.err).toBe(0);
    expect(failed.out).toContain('Drafting its definition with draft-model…');
    expect(failed.out).toContain('could not be drafted now');
    const again = await run(stores, env, 'subscribe', '--user', 'slack:U0456EFGH', '--topic', 'teaching small models from big ones');
    expect(again.out).toContain('drafted by draft-model');
  });

  it('a spent daily token budget sends nothing', async () => {
    const cache = createMemoryStores().cache;
    const now = () => new Date('2026-12-03T10:00:00Z');
    await cache.increment('llm-tokens', '2026-12-03', 1_000);
    const drafter = createOpenAiTopicDrafter({ apiKey: 'sk-test', baseURL: openai.baseURL, model: 'm', dailyTokenBudget: 500, cache, logger: silent, now });
    const before = openai.requests.length;
    expect(await drafter.draft('anything')).toBeNull();
    expect(openai.requests.length).toBe(before);
  });

  it('parseDraft keeps only string phrases and needs at least one expansion', () => {
    expect(parseDraft('{"expansions": ["a", 3, null, "b"], "exclusions": "x"}')).toEqual({ expansions: ['a', 'b'], exclusions: [] });
    expect(parseDraft('{"expansions": []}')).toBeNull();
    expect(parseDraft(null)).toBeNull();
  });

  it('the matcher uses a draft: expansions find papers the name alone does not, exclusions count against', () => {
    const topic = freeTextTopic('chatbot mischief', new Date(), null, 'odd-name');
    const filler = Array.from({ length: 40 }, (_, i) => ({ arxivId: `f${i}`, title: `Graph learning study ${i}`, abstract: `We study node classification on citation graphs, variant ${i}.` }));
    const target = { arxivId: 'j1', title: 'Universal adversarial suffixes', abstract: 'We present a jailbreak that makes aligned models produce harmful content; red teaming confirms it.' };
    const excluded = { arxivId: 'j2', title: 'Jailbreak prompts for image classifiers', abstract: 'A jailbreak study of adversarial examples for image classifiers.' };
    const papers = [...filler, target, excluded];
    const without = createMatcher({ vocabulary: undefined }).matchPapers(papers, [topic]);
    expect(without.map((r) => r.arxivId)).not.toContain('j1');
    const definitions = new Map([[topic.slug, { expansions: ['jailbreak', 'red teaming'], exclusions: ['adversarial examples for image classifiers'] }]]);
    const withDraft = createMatcher({ definitions }).matchPapers(papers, [topic]);
    expect(withDraft.map((r) => r.arxivId)).toContain('j1');
    expect(withDraft.map((r) => r.arxivId)).not.toContain('j2');
  });
});
