/**
 * The topic-related CLI commands end to end over in-memory stores and a real data directory
 * (the search index snapshot is a real file).
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Stores } from '../../src/core/ports.js';
import { createMemoryStores } from '../helpers/memory-stores.js';
import { searchSnapshotName } from '../../src/store/file-snapshot-store.js';
import { runCli, type CliRun } from '../helpers/cli-run.js';

interface Fixture {
  papers: Array<{ id: string; title: string; abstract: string; authors: string[]; publishedAt: string; keywords: string[] }>;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/topics/dev-subset.json', import.meta.url), 'utf8')) as Fixture;

let dataDir: string;
let stores: Stores;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'paperboy-cli-'));
  stores = createMemoryStores();
  await stores.papers.upsertMany(
    fixture.papers.map((p) => ({ arxivId: p.id, source: 'hf' as const, title: p.title, abstract: p.abstract, authors: p.authors, publishedAt: new Date(p.publishedAt), aiKeywords: p.keywords })),
    new Date('2026-11-01T00:00:00Z'),
  );
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(...argv: string[]): Promise<CliRun> {
  const config = loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return runCli({ config, openStores: async () => stores }, argv);
}

describe('paperboy search / topics / match / feedback / subscriptions', () => {
  it('search --json returns arxivId, title, score and writes the index snapshot', async () => {
    const r = await run('search', 'speculative decoding', '--limit', '3', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as Array<{ arxivId: string; title: string; score: number }>;
    expect(items.length).toBe(3);
    expect(items[0]!.title.toLowerCase()).toContain('speculative');
    expect(typeof items[0]!.score).toBe('number');
    expect(existsSync(join(dataDir, searchSnapshotName(loadConfig({}).DATABASE_URL)))).toBe(true);
  });

  it('search by filters alone lists newest first without a score, as text and as JSON', async () => {
    const author = fixture.papers[0]!.authors[0]!;
    const items = JSON.parse((await run('search', `author:"${author}"`, '--json')).out) as Array<{ score: number | null; publishedAt: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.score === null)).toBe(true);
    const line = (await run('search', `author:"${author}"`)).out.split('\n')[0]!;
    expect(line).toMatch(/^\S+\s+\d{4}-\d{2}-\d{2} {2}\S/);
    // With words the score column is there.
    expect((await run('search', 'speculative decoding', '--limit', '1')).out).toMatch(/^\S+\s+\d{4}-\d{2}-\d{2}\s+\d+\.\d{2} {2}\S/);
  });

  it('search rejects a bad query and a bad limit with exit code 2', async () => {
    expect((await run('search', '')).code).toBe(2);
    // Refused before the stores (and the index) are opened.
    const config = loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const refused = await runCli({ config, openStores: async () => { throw new Error('opened'); } }, ['search', 'x'.repeat(600)]);
    expect(refused).toMatchObject({ code: 2, err: 'paperboy search: The query is too long (600 characters, at most 500)\n' });
    const r = await run('search', 'x', '--limit', 'lots');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--limit');
  });

  it('topics list/show/add/remove', async () => {
    const list = JSON.parse((await run('topics', 'list', '--json')).out) as Array<{ slug: string }>;
    expect(list.map((t) => t.slug)).toContain('audio-codecs');
    expect((await run('topics', 'show', 'RAG')).out).toContain('retrieval-augmented generation');
    const unknown = await run('topics', 'show', 'audio codex');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Did you mean "audio codecs"');
    expect((await run('topics', 'add', 'state space models', '-d', 'Mamba, selective state space models, S4')).code).toBe(0);
    // A long id widens its column for every row: the kind and the name stay in line.
    expect((await run('topics', 'add', 'sparse mixture of experts routing for long context language models')).code).toBe(0);
    const rows = (await run('topics', 'list')).out.trimEnd().split('\n');
    expect(new Set(rows.map((r) => r.search(/ (built-in|custom {2}) {2}/))).size).toBe(1);
    expect((await run('topics', 'remove', 'sparse mixture of experts routing for long context language models')).code).toBe(0);
    expect((await run('topics', 'add', 'State Space Models')).code).toBe(1);
    // A near-miss of a topic's name is asked about, as subscribe does; --create adds it anyway.
    const near = await run('topics', 'add', 'audio codex');
    expect(near).toMatchObject({ code: 1 });
    expect(near.err).toContain('Did you mean "audio codecs"? (to add it anyway, --create)');
    expect((await run('topics', 'add', 'audio codex', '--create')).code).toBe(0);
    // The name without its plural is the starter topic itself: there is nothing to add.
    expect(await run('topics', 'add', 'audio codec')).toMatchObject({ code: 1, err: 'paperboy topics add: Topic "audio codecs" already exists.\n' });
    expect((await run('topics', 'add', 'x'.repeat(5000))).code).toBe(2);
    expect((await run('topics', 'remove', 'state space models')).code).toBe(0);
    // A removed built-in topic stays removed although every command seeds the catalog.
    expect((await run('topics', 'remove', 'llm agents')).code).toBe(0);
    expect((await run('topics', 'show', 'llm agents')).code).toBe(1);
  });

  it('match --json explains each match; feedback down removes a paper', async () => {
    const r = await run('match', 'audio codecs', '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as Array<{ arxivId: string; title: string; score: number; why: string }>;
    expect(items.length).toBeGreaterThan(3);
    for (const i of items) {
      expect(i.score).toBeGreaterThanOrEqual(0.5);
      expect(i.why).toMatch(/(title|abstract|keywords): '/);
    }
    const victim = items[items.length - 1]!.arxivId;
    expect((await run('feedback', 'audio codecs', victim, 'down')).code).toBe(0);
    const after = JSON.parse((await run('match', 'audio codecs', '--json')).out) as Array<{ arxivId: string }>;
    expect(after.map((i) => i.arxivId)).not.toContain(victim);
    expect((await run('feedback', 'audio codecs', victim, 'sideways')).code).toBe(2);
    // The forms papers show accepts name the same paper; the verdict is read as people type it.
    const other = items[items.length - 2]!.arxivId;
    const asUrl = await run('feedback', 'audio codecs', `https://arxiv.org/abs/${other}v2`, 'DOWN');
    expect(asUrl.code, asUrl.err).toBe(0);
    expect(asUrl.out).toContain(`Recorded: ${other} is not relevant`);
    expect((await run('feedback', 'audio codecs', `arXiv:${other}`, '👍')).out).toContain(`Recorded: ${other} is relevant`);
    // In any skin tone, and as chat writes it.
    expect((await run('feedback', 'audio codecs', other, '👍🏽')).out).toContain(`Already recorded: ${other} is relevant`);
    expect((await run('feedback', 'audio codecs', other, ':-1:')).out).toContain(`Recorded: ${other} is not relevant`);
    expect((await run('feedback', 'audio codecs', other, ':thumbsup:')).out).toContain(`Recorded: ${other} is relevant`);
    expect((await run('match', 'audio codecs', '--since', '2026-02-31')).code).toBe(2);
  });

  it('topics show lists a topic\'s marks, and feedback … clear takes one back: the paper is matched as before', async () => {
    const items = JSON.parse((await run('match', 'speculative decoding', '--json')).out) as Array<{ arxivId: string; title: string }>;
    const [wrong, liked] = [items[items.length - 1]!, items[0]!];
    await run('feedback', 'speculative decoding', wrong.arxivId, 'down');
    await run('feedback', 'speculative decoding', liked.arxivId, 'up', '--actor', 'slack:U1');
    const shown = (await run('topics', 'show', 'speculative decoding')).out;
    expect(shown).toContain('marks: 1 👍 relevant, 1 👎 not relevant (`paperboy feedback speculative-decoding <arxivId> clear` takes one back):');
    expect(shown).toContain(`👎 ${wrong.arxivId.padEnd(12)} ${wrong.title.slice(0, 40)}`);
    const json = JSON.parse((await run('topics', 'show', 'speculative decoding', '--json')).out) as { feedback: { up: number; down: number; marks: Array<{ arxivId: string; title: string; verdict: string; actor: string }> } };
    expect(json.feedback).toMatchObject({ up: 1, down: 1 });
    expect(json.feedback.marks).toEqual(expect.arrayContaining([expect.objectContaining({ arxivId: liked.arxivId, title: liked.title, verdict: 'up', actor: 'slack:U1' })]));
    expect(JSON.parse((await run('match', 'speculative decoding', '--json')).out).map((i: { arxivId: string }) => i.arxivId)).not.toContain(wrong.arxivId);
    const cleared = await run('feedback', 'speculative decoding', wrong.arxivId, 'clear');
    expect(cleared.code, cleared.err).toBe(0);
    expect(cleared.out).toBe(`Cleared operator's mark (not relevant) on ${wrong.arxivId} for "speculative decoding": the paper is matched as before the mark.\n`);
    expect(JSON.parse((await run('match', 'speculative decoding', '--json')).out).map((i: { arxivId: string }) => i.arxivId)).toContain(wrong.arxivId);
    // Only the actor's own mark, and only one there is: clearing again, or another's, is "not found".
    expect((await run('feedback', 'speculative decoding', wrong.arxivId, 'clear')).code).toBe(1);
    expect((await run('feedback', 'speculative decoding', liked.arxivId, 'clear')).err).toContain(`operator has no mark on ${liked.arxivId}`);
    expect((await run('topics', 'show', 'speculative decoding', '--json')).out).toContain('"up": 1,\n    "down": 0');
  });

  it('match refuses, as subscribe does, text no topic could be: a mention, symbols alone, only words like "the"', async () => {
    for (const text of ['<@U123> diffusion', '🚀🚀', 'the of and']) {
      const m = await run('match', text);
      const s = await run('subscribe', '--user', 'slack:U0MATCH', '--topic', text);
      expect(s.code).toBe(2);
      expect(m.code).toBe(2);
      expect(m.out).toBe('');
      expect(m.err.replace('paperboy match:', '')).toBe(s.err.replace('paperboy subscribe:', ''));
    }
  });

  it('a long free-text topic whose slug is cut at a word boundary can be added to a channel and subscribed by its slug', async () => {
    // 119 characters, within a topic name's 120; the slug stops at 80.
    const text = 'speculative decoding for long documents '.repeat(3).trim();
    const added = await run('channel', 'add', 'slack:C0LONGTOPIC', '--topic', text);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const topic = (await stores.topics.list()).find((t) => t.name.startsWith('speculative decoding for long documents speculative'))!;
    expect(topic.slug).not.toMatch(/-$/);
    const bySlug = await run('subscribe', '--user', 'slack:U0LONGTOPIC', '--topic', topic.slug);
    expect(bySlug.code, bySlug.err).toBe(0);
  });

  it('match counts every match when it shows fewer, and asks about text one typo from a topic', async () => {
    const all = JSON.parse((await run('match', 'audio codecs', '--json')).out) as unknown[];
    expect(all.length).toBeGreaterThan(2);
    const few = await run('match', 'audio codecs', '--limit', '2');
    expect(few.out).toContain(`audio codecs: ${all.length} matches among`);
    expect(few.out).toContain('the best 2 shown');
    const typo = await run('match', 'speculatve decoding');
    expect(typo.code).toBe(0);
    expect(typo.out).toContain('(free text, not a stored topic; nothing saved)');
    expect(typo.out).toContain('Did you mean "speculative decoding"');
    // The preview itself reads the slip as the word papers use, says so, and finds the papers.
    expect(typo.out).toContain('read “speculatve” as “speculative”');
    expect(typo.out).toMatch(/nothing saved\): [1-9]\d* match/);
  });

  it('topics show says how a topic typed with a slip is read, and lists the concepts of the word meant', async () => {
    const made = await run('topics', 'add', 'speculatve decoding for long documents');
    expect(made.code, made.err).toBe(0);
    const shown = await run('topics', 'show', 'speculatve decoding for long documents');
    expect(shown.out).toContain('read “speculatve” as “speculative”');
    expect(shown.out).toMatch(/matched with the vocabulary's .*speculative decoding/);
    const json = JSON.parse((await run('topics', 'show', 'speculatve decoding for long documents', '--json')).out) as { readAs: unknown; concepts: Array<{ id: string }> };
    expect(json.readAs).toEqual([{ typed: 'speculatve', read: 'speculative' }]);
    expect(json.concepts.map((c) => c.id)).toContain('speculative decoding');
    // A topic typed right reads as typed.
    expect((JSON.parse((await run('topics', 'show', 'audio codecs', '--json')).out) as { readAs: unknown }).readAs).toEqual([]);
    // Text that is no stored topic, and near none: `match` is named, not a topic that shares "models".
    const unknown = await run('topics', 'show', 'making reasoning models cheaper');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('paperboy match "making reasoning models cheaper"');
    expect(unknown.err).not.toContain('Did you mean');
  });

  it('search and match take unquoted words as one query', async () => {
    const quoted = (await run('search', 'speculative decoding', '--json')).out;
    expect((JSON.parse(quoted) as unknown[]).length).toBeGreaterThan(0);
    expect((await run('search', 'speculative', 'decoding', '--json')).out).toBe(quoted);
    const unquoted = await run('match', 'speculative', 'decoding', '--json');
    expect(unquoted.code, unquoted.err).toBe(0);
    expect((JSON.parse(unquoted.out) as unknown[]).length).toBeGreaterThan(0);
    expect(unquoted.out).toBe((await run('match', 'speculative decoding', '--json')).out);
  });

  it('match and topics show say what a topic typed as "X but not Y" counts against it', async () => {
    const preview = await run('match', 'speculative decoding, but not tree verification');
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain('Counted against it: “tree verification”.');
    expect(preview.out).not.toContain('Tentacle: Phrase-Level Future Heads with Tree Verification');
    expect((await run('match', 'speculative decoding')).out).toContain('Tentacle: Phrase-Level Future Heads with Tree Verification');
    expect((await run('topics', 'add', 'speculative decoding, but not tree verification')).code).toBe(0);
    expect((await run('topics', 'show', 'speculative decoding, but not tree verification')).out).toContain('Counted against it: “tree verification”.');
    const json = JSON.parse((await run('topics', 'show', 'speculative decoding, but not tree verification', '--json')).out) as { excludes: string[] };
    expect(json.excludes).toEqual(['tree verification']);
    const subscribed = await run('subscribe', '--user', 'slack:U0NEG0001', '--topic', 'speculative decoding, but not tree verification');
    expect(subscribed.code, subscribed.err).toBe(0);
    expect(subscribed.out).toContain('Counted against it: “tree verification”.');
  });

  it('match, topics show and subscribe say when a topic names a field no stored paper mentions', async () => {
    const note = 'No stored paper mentions “protein” yet: only papers that do will match.';
    const preview = await run('match', 'protein folding');
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain('0 matches');
    expect(preview.out).toContain(note);
    const subscribed = await run('subscribe', '--user', 'slack:U0PROTEIN', '--topic', 'protein folding');
    expect(subscribed.code, subscribed.err).toBe(0);
    expect(subscribed.out).toContain(note);
    expect((await run('topics', 'show', 'protein folding')).out).toContain(note);
    expect((await run('match', 'speculative decoding')).out).not.toContain('No stored paper mentions');
  });

  it('subscribe with free text makes a topic and answers with its best recent matches to mark', async () => {
    const r = await run('subscribe', '--user', 'slack:U0PREVIEW1', '--topic', 'drafting tokens with a small model and verifying them with the large one', '--create', '--preview-days', '60');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(new topic)');
    expect(r.out).toContain('Best matches among the papers that arrived in the last 60 days (mark them: paperboy feedback');
    const listed = [...r.out.matchAll(/^ {2}(\S+) +\d\.\d\d {2}(.+)$/gm)].map((m) => m[2]!.toLowerCase());
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.some((title) => title.includes('speculative'))).toBe(true);
    // No preview when asked for none.
    const quiet = await run('subscribe', '--user', 'slack:U0PREVIEW2', '--topic', 'drafting tokens with a small model and verifying them with the large one', '--preview-days', '0');
    expect(quiet.code, quiet.err).toBe(0);
    expect(quiet.out).not.toContain('Best matches');
  });

  it('subscribe / subscriptions / unsubscribe as an operator, with clear refusals', async () => {
    expect((await run('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', '--max-papers', '5')).code).toBe(0);
    expect((await run('subscribe', '--channel', 'discord:123456789012345678', '--topic', 'graph neural networks')).code).toBe(0);
    const dup = await run('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'RLHF');
    expect(dup.code, dup.err).toBe(0);
    expect(dup.out).toContain('already subscribed to "RLHF"; nothing changed');
    // Subscribing again is how a limit changes.
    const tighter = await run('subscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf', '--min-score', '0.6');
    expect(tighter.code, tighter.err).toBe(0);
    expect(tighter.out).toContain('now min score 0.6, max 5 papers');
    const teams = await run('subscribe', '--user', 'teams:U1', '--topic', 'rlhf');
    expect(teams.code).toBe(2);
    expect(teams.err).toContain('Unknown platform');
    const list = JSON.parse((await run('subscriptions', '--json')).out) as Array<{ subscriber: string; topicSlug: string; maxPapers: number | null }>;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ subscriber: 'slack:U0123ABCD', topicSlug: 'rlhf', maxPapers: 5, minScore: 0.6 })]));
    expect((await run('unsubscribe', '--user', 'slack:U0123ABCD', '--topic', 'rlhf')).code).toBe(0);
    expect(JSON.parse((await run('subscriptions', '--user', 'slack:U0123ABCD', '--json')).out)).toEqual([]);
    expect((await run('subscribe', '--topic', 'rlhf')).code).toBe(2);
  });

  it('match says when it read only the newest 5,000 papers, and that --since reaches older ones', async () => {
    const many = createMemoryStores();
    const at = new Date('2026-11-01T00:00:00Z');
    await many.papers.upsertMany(
      Array.from({ length: 5_001 }, (_, i) => ({ arxivId: `2610.${String(10_000 + i)}`, source: 'hf' as const, title: `Paper ${i} on neural audio codecs`, abstract: 'We compress speech with a neural audio codec.' })),
      at,
    );
    const config = loadConfig({ PAPERBOY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const r = await runCli({ config, openStores: async () => many }, ['match', 'audio codecs', '--limit', '1']);
    expect(r.out.split('\n')[0]).toMatch(/^audio codecs: [\d,]+ match(?:es)? among the newest 5,000 papers \(--since picks older ones\)/);
    // With --since given it does not point to --since again.
    const since = await runCli({ config, openStores: async () => many }, ['match', 'audio codecs', '--limit', '1', '--since', '2026-10-01']);
    expect(since.out.split('\n')[0]).toMatch(/among the newest 5,000 papers first stored since 2026-10-01 \(the most one match reads\), the best 1 shown$/);
  }, 120_000);
});
