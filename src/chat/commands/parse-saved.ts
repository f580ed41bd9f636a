/**
 * `/papers saved …`: `saved [channel] [page <n>]` lists, `add|remove <arXiv id>` changes, `export [format]`
 * sends a file. The paper id is checked here so a typo is answered before the database is asked.
 */
import { typedPaperId } from '../../core/papers/normalize.js';
import { EXPORT_FORMATS, isExportFormat } from '../../core/saved/formats.js';
import { USAGE, type ListOwner, type ParseOutcome } from './command.js';
import { nearest, unknown } from './slips.js';
import { listArgument } from './list-argument.js';

const SAVED_SUBCOMMANDS = ['list', 'add', 'remove', 'export'];

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

export function parseSaved(rest: string): ParseOutcome {
  let args = words(rest);
  let list: ListOwner = 'user';
  if (args[0]?.toLowerCase() === 'channel') {
    list = 'channel';
    args = args.slice(1);
  }
  const [sub = '', ...more] = args;
  switch (sub.toLowerCase()) {
    case '':
    case 'list':
    case 'page': {
      // A page, typed as the other lists take it: `saved page 3`, `saved channel list page 2`.
      const { filter, page } = listArgument(sub.toLowerCase() === 'page' ? `page ${more.join(' ')}` : more.join(' '));
      if (sub.toLowerCase() === 'page' && (filter || !page)) return { status: 'invalid', message: 'Which page? Give a number, like `page 2`.', usage: USAGE.saved };
      return { status: 'ok', command: { kind: 'saved', list, ...(page ? { page } : {}) } };
    }
    case 'add':
    case 'remove': {
      const typed = more.join(' ');
      const arxivId = typedPaperId(typed);
      if (!arxivId) {
        const shown = typed ? `“${[...typed].slice(0, 40).join('')}” is not an arXiv id.` : 'Which paper?';
        return { status: 'invalid', message: `${shown} Give one like 2501.10001 (or the arxiv.org link).`, usage: USAGE.saved };
      }
      return { status: 'ok', command: { kind: sub.toLowerCase() === 'add' ? 'saved-add' : 'saved-remove', list, arxivId } };
    }
    case 'export': {
      const format = (more[0] ?? 'bibtex').toLowerCase();
      if (!isExportFormat(format) || more.length > 1) {
        return { status: 'invalid', message: `Export formats: ${EXPORT_FORMATS.join(', ')}.`, usage: USAGE.saved };
      }
      return { status: 'ok', command: { kind: 'saved-export', list, format } };
    }
    default: {
      const where = list === 'channel' ? 'saved channel' : 'saved';
      const meant = nearest(sub.toLowerCase(), SAVED_SUBCOMMANDS);
      if (meant) return unknown(`${where} ${sub}`, meant, (word) => `${where} ${word} ${more.join(' ')}`);
      return { status: 'invalid', message: `I don't know “saved ${[...sub].slice(0, 30).join('')}”.`, usage: USAGE.saved };
    }
  }
}
