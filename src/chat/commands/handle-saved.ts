/**
 * Reading lists in chat: `/papers saved …` and the 🔖 Save / Remove buttons. A person's list is
 * always the caller's own; a channel's list takes saves from anyone in the channel.
 */
import type { Command } from './command.js';
import type { HandlerDeps } from './handlers/handler-deps.js';
import type { PressedButton } from './actions.js';
import { ephemeral, type PagedList, type Reply, type ReplyBlock, type ReplyButton } from './reply.js';
import type { ChatActor } from './services.js';
import type { SavedEntry, SaveResult } from './saved-services.js';
import { mayManage } from './handlers/channel-manager.js';
import { count } from '../../core/count.js';
import type { TargetPlatform } from '../../core/platforms.js';
import { HINTS, hintText, type Hint } from './hints.js';
import { spliced, titleOf } from '../text/clean.js';
import { dayOf } from '../../core/papers/ingest-dates.js';
import { listPage, pageButtons, pageNote, pageTail } from './handlers/paging.js';

/**
 * Papers a page of a list shows. Discord draws five rows of buttons a message: one a paper (its
 * Remove), and one for ‹ Previous / Next ›. On Slack four papers with their buttons are 11
 * blocks, within the 25 App Home gives each of its sections.
 */
export const SAVED_PAGE = 4;

/** The page buttons' name for each list (reply.ts PagedList). */
const PAGED: Record<'user' | 'channel', PagedList> = { user: 'saved', channel: 'channel-saved' };

/** A command as the caller's platform takes it, in backticks. */
const code = (hint: Hint, platform: TargetPlatform) => `\`${hintText(hint, platform)}\``;

const notAChannel = (platform: TargetPlatform) => ephemeral(`A channel reading list lives in a channel, not in a direct message. ${code(HINTS.savedList('user'), platform)} is your own list.`);
const FORMAT_NAMES = { bibtex: 'BibTeX', ris: 'RIS', 'csl-json': 'CSL-JSON' } as const;

type SavedCommand = Extract<Command, { kind: 'saved' | 'saved-add' | 'saved-remove' | 'saved-export' }>;
type SavePress = Extract<PressedButton, { kind: 'save' | 'unsave' }>;

/** The list a command or button means, or null (a channel list asked for outside a channel). */
function listOf(which: 'user' | 'channel', actor: ChatActor): string | null {
  return which === 'user' ? actor.userId : actor.channelId;
}

function whose(which: 'user' | 'channel'): string {
  return which === 'user' ? 'your reading list' : "this channel's reading list";
}

/** `whose` at the start of a sentence. */
function whoseStart(which: 'user' | 'channel'): string {
  return which === 'user' ? 'Your reading list' : "This channel's reading list";
}

/** A paper's title as a list shows it, fit to sit beside the hints' code spans. */
const titled = (paper: { title: string; arxivId: string }) => `“${spliced(titleOf(paper.title, paper.arxivId))}”`;

function saveReply(r: SaveResult, which: 'user' | 'channel', platform: TargetPlatform): Reply {
  switch (r.status) {
    case 'saved':
      return ephemeral(`🔖 Saved ${titled(r.paper)} to ${whose(which)}. ${code(HINTS.savedList(which), platform)} shows it; ${code(HINTS.savedExport(which), platform)} makes a BibTeX file.`);
    case 'already-saved':
      return ephemeral(`${titled(r.paper)} is on ${whose(which)} already.`);
    case 'unknown-paper':
      return ephemeral("I don't know that paper, so it was not saved. `/papers search` finds stored papers.");
    case 'list-full':
      return ephemeral(`${whoseStart(which)} holds ${r.max} papers, its most; remove some first.`);
  }
}

/** `page`: the list's page the Remove was pressed on, redrawn (or its last page, once it has fewer) with what became of it. */
async function remove(which: 'user' | 'channel', arxivId: string, actor: ChatActor, deps: HandlerDeps, page?: number): Promise<Reply> {
  const list = listOf(which, actor);
  if (!list) return notAChannel(actor.platform);
  // Asking the platform who manages the channel costs a call: only a channel list needs it.
  const may = which === 'channel' ? await mayManage(actor) : false;
  if (typeof may !== 'boolean') return may;
  const mayManageChannel = may;
  const r = await deps.services.removeFromList({ list, arxivId, actor: { id: actor.userId, mayManageChannel } });
  const said = r.status === 'removed' ? `Removed ${arxivId} from ${whose(which)}.` : r.status === 'not-saved' ? `${arxivId} is not on ${whose(which)}.` : `You can't do that: ${r.reason}.`;
  return page === undefined ? ephemeral(said) : show(which, actor, deps, page, said);
}

function entryButtons(e: SavedEntry, which: 'user' | 'channel', inChannel: boolean, page: number): ReplyButton[] {
  const id = e.paper.arxivId;
  const buttons: ReplyButton[] = [{ label: 'Open', action: { kind: 'open', url: e.paper.absUrl, arxivId: id } }];
  buttons.push({ label: 'Remove', action: { kind: 'unsave', list: which, arxivId: id, page }, style: 'danger' });
  // From your own list, one press shares a paper with the channel's list.
  if (which === 'user' && inChannel) buttons.push({ label: '➕ Channel list', action: { kind: 'save', list: 'channel', arxivId: id } });
  return buttons;
}

/** Page `wanted` of a list; `said`: what a Remove pressed on it did, said above it. */
async function show(which: 'user' | 'channel', actor: ChatActor, deps: HandlerDeps, wanted = 1, said?: string): Promise<Reply> {
  const list = listOf(which, actor);
  if (!list) return notAChannel(actor.platform);
  const read = (page: number) => deps.services.readingList(list, SAVED_PAGE, (page - 1) * SAVED_PAGE);
  let { entries, total } = await read(Math.max(1, Math.floor(wanted) || 1));
  const p = listPage(total, wanted, SAVED_PAGE);
  // Past the end (the list shrank since the button was drawn): its last page, read again.
  if (!entries.length && total > 0) ({ entries, total } = await read(p.page));
  const before = said ? `${said} ` : '';
  if (total === 0) {
    return ephemeral(
      before +
        (which === 'user'
          ? `Your reading list is empty. Press 🔖 Save on a paper in a digest or search, or ${code(HINTS.savedAdd('user'), actor.platform)}.`
          : `This channel's reading list is empty. Anyone here can add to it: ${code(HINTS.savedAdd('channel'), actor.platform)}, or ➕ Channel list in ${code(HINTS.savedList('user'), actor.platform)}.`),
    );
  }
  const head = `${whoseStart(which)}: ${count(total, 'paper')}, newest first${pageNote(p)}`;
  const blocks: ReplyBlock[] = [...(said ? [{ type: 'text' as const, text: said }] : []), { type: 'header', text: head }];
  for (const e of entries) {
    blocks.push({ type: 'paper', paper: e.paper, note: `Saved ${dayOf(e.savedAt)}`, buttons: entryButtons(e, which, actor.channelId !== null, p.page) });
  }
  const exportCmd = code(HINTS.savedExport(which), actor.platform);
  const tail = pageTail(p, total, undefined, `${exportCmd} sends them all as a BibTeX file`);
  blocks.push({ type: 'context', text: tail || `${exportCmd} sends them as a BibTeX file (or ris, csl-json).` });
  blocks.push(...pageButtons(PAGED[which], p, undefined));
  return { visibility: 'ephemeral', text: `${before}${head}: ${entries.map((e) => e.paper.title).join('; ')}`, blocks };
}

/** A list's page as a page button asks for it (actions.ts, beside the other lists that page). */
export const savedListPage =
  (which: 'user' | 'channel') =>
  (command: { page?: number }, actor: ChatActor, deps: HandlerDeps): Promise<Reply> =>
    show(which, actor, deps, command.page);

async function exportList(which: 'user' | 'channel', format: 'bibtex' | 'ris' | 'csl-json', actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  const list = listOf(which, actor);
  if (!list) return notAChannel(actor.platform);
  const file = await deps.services.exportList(list, format, which === 'user' ? 'reading-list' : 'channel-reading-list');
  if (file.count === 0) return ephemeral(`${whoseStart(which)} is empty: there is nothing to export yet.`);
  const text = `${FORMAT_NAMES[format]} for ${whose(which)}: ${count(file.count, 'paper')} (${file.filename}).`;
  return {
    ...ephemeral(text),
    file: { filename: file.filename, title: `${which === 'user' ? 'Reading list' : 'Channel reading list'} (${FORMAT_NAMES[format]})`, mime: file.mime, content: file.content, audience: which === 'user' ? 'private' : 'channel' },
  };
}

export async function runSaved(command: SavedCommand, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  switch (command.kind) {
    case 'saved':
      return show(command.list, actor, deps, command.page);
    case 'saved-add': {
      const list = listOf(command.list, actor);
      if (!list) return notAChannel(actor.platform);
      return saveReply(await deps.services.saveToList({ list, arxivId: command.arxivId, by: actor.userId }), command.list, actor.platform);
    }
    case 'saved-remove':
      return remove(command.list, command.arxivId, actor, deps);
    case 'saved-export':
      return exportList(command.list, command.format, actor, deps);
  }
}

/** The presser's own list (or the channel the press came from): never anyone else's. */
export async function runSavedButton(pressed: SavePress, actor: ChatActor, deps: HandlerDeps): Promise<Reply> {
  if (pressed.kind === 'unsave') return remove(pressed.list, pressed.arxivId, actor, deps, pressed.page);
  const list = listOf(pressed.list, actor);
  if (!list) return notAChannel(actor.platform);
  return saveReply(await deps.services.saveToList({ list, arxivId: pressed.arxivId, by: actor.userId }), pressed.list, actor.platform);
}
