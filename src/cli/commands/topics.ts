/** `paperboy topics list|show|add|remove|restore`, and the argument checks the topic-related commands share. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { wholeNumberOption } from '../whole-number.js';
import type { TopicDefinition } from '../../core/ports.js';
import type { Subscription } from '../../core/subscriptions/ports.js';
import { openApp } from '../app.js';
import { fail } from '../fail.js';
import { respellingNote } from '../../core/topics/spelling.js';
import { unmetNote } from '../../core/topics/free-text.js';
import { exclusionNote } from '../../core/topics/asking.js';
import { checkTopicName, didYouMean } from '../../core/topics/names.js';
import { count, listed } from '../../core/count.js';
import { truncate } from '../../core/truncate.js';
import { printJson } from '../json-output.js';
import { dayOf } from '../../core/papers/ingest-dates.js';

/**
 * A topic argument that cannot name any topic (empty, too long, control characters) is a usage
 * error (exit 2) found before the database is opened; an unknown but well-formed name is not
 * found (exit 1). False after reporting.
 */
export function topicArgOk(ctx: CliContext, cmd: string, text: string): boolean {
  const check = checkTopicName(text);
  if (check.ok) return true;
  fail(ctx, cmd, check.error);
  return false;
}

export function topicJson(t: TopicDefinition) {
  return {
    slug: t.slug,
    name: t.name,
    description: t.description,
    mustPhrases: t.mustPhrases,
    mustNotPhrases: t.mustNotPhrases,
    categories: t.categories,
    minUpvotes: t.minUpvotes,
    builtin: t.builtin,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
  };
}

// No [] default: commander's help wrote "(default: [])" under every repeatable option.
const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/** The app and the stored topic a command names, or undefined after reporting why not. */
async function openTopic(ctx: CliContext, cmd: string, name: string) {
  if (!topicArgOk(ctx, cmd, name)) return undefined;
  const app = await openApp(ctx, cmd);
  if (!app) return undefined;
  const found = await app.topics.topics.find(name);
  if (found.status === 'unknown' && cmd === 'topics show' && !found.suggestions.length) {
    // `show` reads stored topics; what any text would match is `match`'s to show.
    return void fail(ctx, cmd, `${found.message} To see how any text is read and what it matches without saving it: paperboy match ${JSON.stringify(name)}`, 1);
  }
  if (found.status !== 'found') return void fail(ctx, cmd, found.message, 1);
  return { app, topic: found.topic };
}

/** "2 channels and 1 person": whom a topic's subscriptions reach. */
function subscribersText(subs: ReadonlyArray<{ kind: 'user' | 'channel' }>): string {
  const channels = subs.filter((s) => s.kind === 'channel').length;
  const people = subs.length - channels;
  return listed([channels ? count(channels, 'channel') : '', people ? count(people, 'person', 'people') : ''].filter(Boolean), 'and');
}

/** The `paperboy subscribe` that makes a subscription again, its limits with it. */
function resubscribeCommand(s: Subscription): string {
  const limits = `${s.minScore !== null ? ` --min-score ${s.minScore}` : ''}${s.maxPapers !== null ? ` --max-papers ${s.maxPapers}` : ''}`;
  return `paperboy subscribe --${s.kind === 'user' ? 'user' : 'channel'} ${s.subscriber} --topic ${s.topicSlug}${limits} --preview-days 0`;
}

export function register(program: Command, ctx: CliContext): void {
  const topics = program.command('topics').description('The topics people subscribe to: the starter catalog plus your own');

  topics
    .command('list')
    .description('List topics')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const app = await openApp(ctx, 'topics list');
      if (!app) return;
      const s = app.topics;
      const all = await s.topics.list();
      if (opts.json) {
        printJson(ctx, all.map(topicJson));
        return;
      }
      // The id column is as wide as the longest id (up to 80 characters), so the others stay in line.
      const width = Math.max(34, ...all.map((t) => t.slug.length));
      for (const t of all) ctx.stdout.write(`${t.slug.padEnd(width)} ${t.builtin ? 'built-in' : 'custom  '}  ${t.name}\n`);
    });

  topics
    .command('show <name>')
    .description('Show a topic definition (by name, slug or alias)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const opened = await openTopic(ctx, 'topics show', name);
      if (!opened) return;
      const s = opened.app.topics;
      const t = opened.topic;
      const draft = (await s.drafts.get([t.slug])).get(t.slug);
      const reading = t.builtin ? null : await s.matching.reading(t);
      const marks = await s.feedback.marks(t.slug);
      const marked = (v: 'up' | 'down') => marks.filter((m) => m.verdict === v).length;
      if (opts.json) {
        // What the text view shows, as data: the vocabulary concepts and the stored definition.
        const definition = draft ? { source: draft.source, model: draft.source === 'llm' ? draft.model : null, updatedAt: draft.updatedAt, expansions: draft.expansions, exclusions: draft.exclusions } : null;
        const feedback = { up: marked('up'), down: marked('down'), marks: marks.map((m) => ({ ...m, markedAt: m.markedAt.toISOString() })) };
        printJson(ctx, { ...topicJson(t), concepts: reading?.concepts ?? [], readAs: reading?.respelled ?? [], excludes: reading?.excluded ?? [], definition, feedback });
        return;
      }
      const lines = [`${t.name}  (${t.slug}${t.builtin ? ', built-in' : ''})`, '', t.description];
      if (t.mustPhrases.length) lines.push(`must contain one of: ${t.mustPhrases.join(' | ')}`);
      if (t.mustNotPhrases.length) lines.push(`must not contain: ${t.mustNotPhrases.join(' | ')}`);
      if (t.categories.length) lines.push(`categories: ${t.categories.join(', ')}`);
      if (t.minUpvotes !== null) lines.push(`minimum upvotes: ${t.minUpvotes}`);
      if (!t.builtin) {
        const concepts = reading?.concepts ?? [];
        for (const note of [respellingNote(reading?.respelled ?? []), exclusionNote(reading?.excluded ?? []), unmetNote(reading?.unmet ?? [])]) if (note) lines.push(note);
        lines.push(concepts.length ? `matched with the vocabulary's ${concepts.map((c) => `${c.id} (${c.via})`).join(', ')}, plus its own words` : 'matched from its own words (no vocabulary concept recognised in them)');
      }
      if (draft && draft.expansions.length + draft.exclusions.length === 0) {
        lines.push(`definition: cleared ${draft.updatedAt.slice(0, 10)}; the topic matches from its own words (\`topics define\` sets one)`);
      } else if (draft) {
        lines.push(`definition (${draft.source === 'llm' ? `drafted by ${draft.model}` : 'edited'}, ${draft.updatedAt.slice(0, 10)}; change it with \`topics define\`):`);
        lines.push(`  counts for it:     ${draft.expansions.join(' | ') || '(none)'}`);
        lines.push(`  counts against it: ${draft.exclusions.join(' | ') || '(none)'}`);
      }
      // A mark moves a paper in or out of the matches: shown, so a wrong one can be found and taken back.
      if (marks.length) {
        lines.push(`marks: ${marked('up')} 👍 relevant, ${marked('down')} 👎 not relevant (\`paperboy feedback ${t.slug} <arxivId> clear\` takes one back):`);
        for (const m of marks) lines.push(`  ${m.verdict === 'up' ? '👍' : '👎'} ${m.arxivId.padEnd(12)} ${m.title === null ? '(no longer stored)' : truncate(m.title, 70)}  (${m.actor}, ${dayOf(m.markedAt)})`);
      }
      ctx.stdout.write(`${lines.join('\n')}\n`);
    });

  topics
    .command('add <name>')
    .description('Add a topic; the description (default: the name) is what the matcher expands')
    .option('-d, --description <text>', 'plain-language description: synonyms, methods, what it is not')
    .option('--must <phrase>', 'a phrase of which at least one must appear (repeatable)', collect)
    .option('--must-not <phrase>', 'a phrase that excludes a paper (repeatable)', collect)
    .option('--category <cat>', 'an arXiv category (cs.CL) or archive (cs: any cs.*) the paper must have one of (repeatable); a paper whose categories are unknown (Hugging Face alone gives none) is not held back', collect)
    .option('--min-upvotes <n>', 'minimum Hugging Face upvotes')
    .option('--json', 'print the created topic as JSON')
    .option('--create', 'add it even when its name looks like a misspelt topic\'s')
    .action(async (name: string, opts: { description?: string; must?: string[]; mustNot?: string[]; category?: string[]; minUpvotes?: string; json?: boolean; create?: boolean }) => {
      const parsedUpvotes = opts.minUpvotes === undefined ? null : wholeNumberOption(opts.minUpvotes, '--min-upvotes', 0);
      if (parsedUpvotes && !parsedUpvotes.ok) return fail(ctx, 'topics add', parsedUpvotes.error);
      const minUpvotes = parsedUpvotes ? parsedUpvotes.value : null;
      const app = await openApp(ctx, 'topics add');
      if (!app) return;
      const s = app.topics;
      // "audio codec" beside the built-in "audio codecs" is most likely that topic, as subscribe asks.
      if (!opts.create) {
        const [typed] = await s.topics.classifyTyped([name]);
        // Not classifyTyped's "No topic named …": the person is adding that name, and was told it
        // does not exist as if it should; what stopped them is how close it is to another.
        if (typed?.status === 'typo') {
          return fail(ctx, 'topics add', `nothing added: "${truncate(name, 80)}" is close to the name of an existing topic.${didYouMean(typed.suggestions)} (to add it anyway, --create)`, 1);
        }
      }
      const r = await s.topics.add(
        { name, description: opts.description, mustPhrases: opts.must ?? [], mustNotPhrases: opts.mustNot ?? [], categories: opts.category ?? [], minUpvotes },
        'operator',
      );
      if (r.status === 'invalid') return fail(ctx, 'topics add', r.message);
      if (r.status === 'exists') return fail(ctx, 'topics add', r.message, 1);
      const draft = await s.drafts.ensure(r.topic);
      if (opts.json) printJson(ctx, { ...topicJson(r.topic), draft });
      else ctx.stdout.write(`Added topic "${r.topic.name}" (${r.topic.slug}).${draft ? ` Its definition was drafted by ${draft.model}: see \`topics show\`.` : ''}\n`);
    });

  topics
    .command('define <name>')
    .description('Set what counts for a topic beyond its name (replaces a drafted or earlier definition)')
    .option('--expand <phrase>', 'a phrase papers on the topic use (repeatable)', collect)
    .option('--exclude <phrase>', 'a phrase of a neighbouring idea that counts against (repeatable)', collect)
    .option('--clear', 'clear the definition: the topic matches from its words alone (and is not drafted again)')
    .action(async (name: string, opts: { expand?: string[]; exclude?: string[]; clear?: boolean }) => {
      const expand = opts.expand ?? [];
      const exclude = opts.exclude ?? [];
      // Without phrases the definition would be replaced by nothing: that must be asked for.
      if (!opts.clear && expand.length === 0 && exclude.length === 0) return fail(ctx, 'topics define', 'give --expand "<phrase>" and/or --exclude "<phrase>" (repeatable), or --clear to clear the definition');
      if (opts.clear && (expand.length > 0 || exclude.length > 0)) return fail(ctx, 'topics define', '--clear clears the definition: give it alone, or phrases without it');
      const opened = await openTopic(ctx, 'topics define', name);
      if (!opened) return;
      const s = opened.app.topics;
      if (opened.topic.builtin) return fail(ctx, 'topics define', `"${opened.topic.name}" is a built-in topic with a curated definition; define your own topic instead`, 1);
      const r = await s.drafts.edit(opened.topic.slug, { expansions: expand, exclusions: exclude });
      if (r.status === 'invalid') return fail(ctx, 'topics define', r.message);
      ctx.stdout.write(opts.clear ? `Cleared the definition of "${opened.topic.name}": it matches from its own words.\n` : `"${opened.topic.name}": ${count(r.draft.expansions.length, 'phrase')} for, ${r.draft.exclusions.length} against.\n`);
    });

  topics
    .command('remove <name>')
    .description('Remove a topic with its subscriptions and feedback marks (a starter topic comes back with `topics restore`, its subscriptions and marks do not)')
    .option('-f, --force', 'remove it although people or channels subscribe to it or marked papers for it (their subscriptions and marks are deleted)')
    .option('-y, --yes', 'the same as --force')
    .action(async (name: string, opts: { force?: boolean; yes?: boolean }) => {
      const opened = await openTopic(ctx, 'topics remove', name);
      if (!opened) return;
      const subs = await opened.app.stores.subscriptions.list({ topicSlug: opened.topic.slug });
      const marks = (await opened.app.stores.feedback.forTopic(opened.topic.slug)).length;
      const whose = subscribersText(subs);
      const marksText = marks ? count(marks, 'feedback mark') : '';
      // Removing a topic deletes every subscription to it and every mark on it, other people's
      // with them, for good (restore brings back a starter topic, not who followed or marked it): that is asked for.
      if ((subs.length || marks) && !opts.force && !opts.yes) {
        const shown = subs.slice(0, 5).map((s) => s.subscriber).join(', ') + (subs.length > 5 ? ', …' : '');
        const held = listed([subs.length ? `${count(subs.length, 'subscription')} (${whose}: ${shown})` : '', marksText].filter(Boolean), 'and');
        return fail(ctx, 'topics remove', `"${opened.topic.name}" has ${held}, which removing it deletes for good; nothing removed. Give --force to remove it with them.`, 1);
      }
      // Removed only while its subscribers and marks are those counted above, in the delete's own
      // transaction: one made in between was deleted unlisted, and without --force.
      const removed = await opened.app.stores.topics.remove(opened.topic.slug, { subscribers: subs.map((s) => s.subscriber), marks });
      if (removed === 'changed') return fail(ctx, 'topics remove', `the subscriptions or feedback marks of "${opened.topic.name}" changed while it was being removed; nothing removed. Run it again to see them.`, 1);
      if (!removed) return fail(ctx, 'topics remove', `No topic named "${opened.topic.name}": it was removed meanwhile.`, 1);
      const topic = opened.topic;
      // Only what there was: "and its 0 subscriptions" read as if nothing else had gone with it.
      const goneParts = [subs.length ? `${count(subs.length, 'subscription')} (${whose})` : '', marksText].filter(Boolean);
      const gone = goneParts.length ? ` and its ${listed(goneParts, 'and')}` : '';
      const without = listed([subs.length ? 'subscriptions' : '', marks ? 'feedback marks' : ''].filter(Boolean), 'and');
      const back = topic.builtin ? ` It was a starter topic: \`paperboy topics restore "${topic.name}"\` brings it back${without ? ` (without its ${without})` : ''}.` : '';
      ctx.stdout.write(`Removed topic "${topic.name}" (${topic.slug})${gone}.${back}\n`);
      // The subscriptions are deleted, not hidden: the commands that make them again are the way back.
      if (topic.builtin && subs.length) ctx.stdout.write(`After the restore, these subscribe them again:\n${subs.map((s) => `  ${resubscribeCommand(s)}\n`).join('')}`);
    });

  topics
    .command('restore <name>')
    .description('Bring back a starter topic that was removed (as the catalog defines it, without the subscriptions and feedback marks it had)')
    .action(async (name: string) => {
      if (!topicArgOk(ctx, 'topics restore', name)) return;
      const app = await openApp(ctx, 'topics restore');
      if (!app) return;
      const r = await app.topics.topics.restore(name);
      if ('message' in r) return fail(ctx, 'topics restore', r.message, 1);
      // The catalog's definition comes back; what people attached to the topic was deleted with it.
      ctx.stdout.write(r.status === 'restored' ? `Restored the starter topic "${r.topic.name}" (${r.topic.slug}), as the catalog defines it; subscriptions and feedback marks it had before its removal are not brought back.\n` : `The starter topic "${r.topic.name}" is there already.\n`);
    });
}
