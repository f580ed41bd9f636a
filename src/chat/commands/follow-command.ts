/**
 * `/papers follow author "Ada Lovelace"`, `/papers unfollow author "…"`, `/papers follow list`:
 * parsing and answers, shared by Slack, Discord (parse.ts and handle.ts hand over to these).
 *
 * An ambiguous name is answered with a numbered list of the full names seen, each with the
 * exact command that follows it, rather than buttons: a full name can be longer than Discord's
 * 100-character custom_id leaves room for, the same answer works in the CLI, and choosing
 * re-runs the ordinary command, so there is no second path to keep in step.
 */
import type { AuthorCandidate, FollowOutcome, UnfollowOutcome } from '../../core/follows/follow-service.js';
import type { ParseOutcome } from './command.js';
import { ephemeral, type Reply } from './reply.js';
import type { ChatActor } from './services.js';
import { count } from '../../core/count.js';
import type { TargetPlatform } from '../../core/platforms.js';
import { quotedText } from '../../core/topics/names.js';
import { TYPOGRAPHIC_DOUBLE_QUOTES } from '../../core/quotes.js';
import { HINTS, hintText, usageText, type Usage } from './hints.js';
import type { NextDigest } from '../../core/targets/next-digest.js';
import { nextClause } from './handlers/words.js';
import { cleanArgument } from '../text/clean.js';
import { nearest, unknown } from './slips.js';

export type FollowCommand = { kind: 'follow-author'; author: string } | { kind: 'unfollow-author'; author: string } | { kind: 'follow-list' };

export const FOLLOW_USAGE = {
  follow: { form: HINTS.followAuthor('<name as on papers>'), example: HINTS.followAuthor('Ada Lovelace') },
  unfollow: { form: HINTS.unfollowAuthor('<name>') },
  list: { form: HINTS.followList() },
} as const satisfies Record<string, Usage>;

/** A follow, and when the first digest comes when following made the caller's delivery target. */
export type FollowAnswer = FollowOutcome | (Extract<FollowOutcome, { status: 'followed' }> & { firstDigest?: NextDigest });

/** What the chat commands need for follows; follow-services.ts builds it over the follow service. */
export interface FollowCommandServices {
  follow(userId: string, author: string): Promise<FollowAnswer>;
  unfollow(userId: string, author: string): Promise<UnfollowOutcome>;
  list(userId: string): Promise<string[]>;
}

/** Longest accepted author name (the core checks it again). */
export const MAX_AUTHOR_CHARS = 100;

/** Quotes and nothing else (`""`, `‟”`): no name. */
const QUOTES_ALONE = new RegExp(`^["'‘’${TYPOGRAPHIC_DOUBLE_QUOTES}]+$`);

function authorArg(raw: string): string {
  const cleaned = cleanArgument(raw);
  return (quotedText(cleaned) ?? cleaned.replace(QUOTES_ALONE, '')).trim();
}

/** `follow …` / `unfollow …` (the words after `/papers`, without the verb). */
export function parseFollow(verb: 'follow' | 'unfollow', rest: string): ParseOutcome {
  const m = /^\s*(\S*)\s*([\s\S]*)$/.exec(rest)!;
  const sub = m[1]!.toLowerCase();
  const usage = verb === 'follow' ? FOLLOW_USAGE.follow : FOLLOW_USAGE.unfollow;
  if (verb === 'follow' && (sub === 'list' || sub === '')) return { status: 'ok', command: { kind: 'follow-list' } };
  if (sub !== 'author') {
    // "list" takes no words: "follow Lisa Smith" is a name without "author", not a slip of it.
    const meant = nearest(sub, verb === 'follow' && !m[2] ? ['author', 'list'] : ['author']);
    if (meant) return unknown(`${verb} ${m[1]}`, meant, (word) => `${verb} ${word} ${m[2]}`);
    return { status: 'invalid', message: `Say whom: ${verb} author "<name>".`, usage };
  }
  const author = authorArg(m[2]!);
  if (!author) return { status: 'invalid', message: 'Which author? Give the name as it appears on papers.', usage };
  return { status: 'ok', command: { kind: verb === 'follow' ? 'follow-author' : 'unfollow-author', author } };
}

const paperCount = (n: number) => count(n, 'stored paper');

function candidateReply(typed: string, candidates: AuthorCandidate[], total: number, verb: 'follow' | 'unfollow', platform: TargetPlatform): Reply {
  const shown = total > candidates.length ? ` Here are the ${candidates.length} with the most stored papers; a full first name picks any other.` : '';
  const intro =
    verb === 'follow'
      ? `“${typed}” fits ${total} different authors in stored papers.${shown} Which one? Run the command next to the one you mean:`
      : `You follow ${total} authors that “${typed}” fits. Which one? Run:`;
  const pick = verb === 'follow' ? HINTS.followAuthor : HINTS.unfollowAuthor;
  const lines = candidates.map((c, i) => `${i + 1}. ${c.name}${verb === 'follow' ? ` (${paperCount(c.papers)})` : ''} — ${hintText(pick(c.name), platform)}`);
  return ephemeral(`${intro}\n${lines.join('\n')}`, [
    { type: 'text', text: intro },
    { type: 'text', text: lines.join('\n') },
  ]);
}

export function followReply(outcome: FollowAnswer, platform: TargetPlatform): Reply {
  switch (outcome.status) {
    case 'followed': {
      const first = nextClause('firstDigest' in outcome ? outcome.firstDigest : undefined);
      if (outcome.papers > 0) return ephemeral(`You follow ${outcome.author} (${paperCount(outcome.papers)}): their new papers come in your digest whatever your topics, marked “followed author”${first}.`);
      const text = `You follow ${outcome.author}. No stored paper has that author yet; new ones will come in your digest, marked “followed author”${first}.`;
      if (!outcome.similar.length) return ephemeral(text);
      const intro = 'Did you mean one of these? Switch with the commands next to it:';
      const undo = hintText(HINTS.unfollowAuthor(outcome.author), platform);
      const lines = outcome.similar.map((c) =>
        c.followed ? `${c.name} (${paperCount(c.papers)}), whom you follow already — ${undo}` : `${c.name} (${paperCount(c.papers)}) — ${undo}, then ${hintText(HINTS.followAuthor(c.name), platform)}`,
      );
      return ephemeral(`${text}\n${intro}\n${lines.join('\n')}`, [
        { type: 'text', text },
        { type: 'text', text: intro },
        { type: 'text', text: lines.join('\n') },
      ]);
    }
    case 'already-following':
      return ephemeral(`You already follow ${outcome.author}.`);
    case 'ambiguous':
      return candidateReply(outcome.typed, outcome.candidates, outcome.total, 'follow', platform);
    case 'forbidden':
      return ephemeral(`You can't do that: ${outcome.message}`);
    case 'invalid':
      return ephemeral(`${outcome.message}\nUsage: ${usageText(FOLLOW_USAGE.follow, platform)}`);
  }
}

export function unfollowReply(outcome: UnfollowOutcome, platform: TargetPlatform): Reply {
  switch (outcome.status) {
    case 'unfollowed':
      return ephemeral(`You no longer follow ${outcome.author}.`);
    case 'not-following':
      return ephemeral(`You don't follow “${outcome.typed}”. ${usageText(FOLLOW_USAGE.list, platform)} shows whom you follow.`);
    case 'ambiguous':
      return candidateReply(outcome.typed, outcome.candidates, outcome.total, 'unfollow', platform);
    case 'forbidden':
      return ephemeral(`You can't do that: ${outcome.message}`);
    case 'invalid':
      return ephemeral(`${outcome.message}\nUsage: ${usageText(FOLLOW_USAGE.unfollow, platform)}`);
  }
}

export async function runFollowCommand(command: FollowCommand, actor: Pick<ChatActor, 'userId' | 'platform'>, services: FollowCommandServices | undefined): Promise<Reply> {
  const { userId, platform } = actor;
  if (!services) return ephemeral('Following authors is not set up on this paperboy.');
  switch (command.kind) {
    case 'follow-author':
      return followReply(await services.follow(userId, command.author), platform);
    case 'unfollow-author':
      return unfollowReply(await services.unfollow(userId, command.author), platform);
    case 'follow-list': {
      const authors = await services.list(userId);
      if (authors.length === 0) return ephemeral(`You don't follow any author yet. ${usageText(FOLLOW_USAGE.follow, platform)}`);
      const text = `You follow ${count(authors.length, 'author')}:\n${authors.map((a) => `• ${a}`).join('\n')}`;
      return ephemeral(text);
    }
  }
}
