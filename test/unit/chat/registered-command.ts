/** The registered `/papers` application command (papersCommand()'s JSON), looked up the way Discord's UI walks it. */
import { ApplicationCommandOptionType } from 'discord.js';
import { papersCommand } from '../../../src/chat/discord/commands/definition.js';

export interface DefOption {
  type: number;
  name: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  options?: DefOption[];
}

/** Built once: discord.js validates every builder call, which is slow to repeat per mention. */
const TOP = (papersCommand().options ?? []) as DefOption[];

const isSub = (o: DefOption) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;

/** The registered subcommand at `path` (a group and its subcommand, or a subcommand), or why there is none. */
export function registered(path: readonly string[]): DefOption | string {
  let options = TOP;
  let found: DefOption | undefined;
  for (const [i, word] of path.entries()) {
    found = options.find((o) => o.name === word && isSub(o));
    if (!found) return `no subcommand "${word}" after /papers ${path.slice(0, i).join(' ')}`.trimEnd();
    options = found.options ?? [];
  }
  if (!found || found.type !== ApplicationCommandOptionType.Subcommand) return `/papers ${path.join(' ')} is a group, not a subcommand`;
  return found;
}

/** The options (not subcommands) a registered subcommand takes. */
export function optionsOf(sub: DefOption): DefOption[] {
  return (sub.options ?? []).filter((o) => !isSub(o));
}

/** What a search query itself may contain (`author:…`), which is no option of the command. */
const QUERY_FILTERS = ['author', 'since', 'category'];

/**
 * Problems with each `/papers …` a text names, read as Discord would take it: its words must
 * reach a registered subcommand, a subcommand that requires options must be followed by one, and
 * every `name:` after them must be one of its options.
 * A mention ends at a backtick, a line end, ` — `, ` · `, `, then` or `)`.
 */
export function discordMentionProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/\/papers\b([^`\n)]*?)(?=`|\n|\)| — | · |, then|$)/g)) {
    const rest = m[1]!.replace(/<[^>]*>/g, '<>');
    const words = rest.trim().split(/\s+/).filter(Boolean);
    // The leading words that name groups and subcommands: as far as Discord's UI would take them.
    const path: string[] = [];
    let level = TOP;
    for (const w of words) {
      const found = level.find((o) => o.name === w && isSub(o));
      if (!found) break;
      path.push(w);
      if (found.type === ApplicationCommandOptionType.Subcommand) break;
      level = found.options ?? [];
    }
    const sub = registered(path);
    if (typeof sub === 'string') {
      problems.push(`“${m[0]}”: ${sub}`);
      continue;
    }
    const names = optionsOf(sub).map((o) => o.name);
    const tail = words.slice(path.length).join(' ');
    // Whatever follows a command that needs an option must be one (a bare mention is fine: Discord then asks for it).
    const needs = optionsOf(sub).some((o) => o.required);
    if (needs && tail && !/^\[?[a-z]+:/.test(tail)) problems.push(`“${m[0]}”: “${tail}” is no option:value`);
    for (const o of tail.matchAll(/(?:^|[\s[])([a-z]+):/g)) {
      const name = o[1]!;
      if (!names.includes(name) && !(path.join(' ') === 'search' && QUERY_FILTERS.includes(name))) problems.push(`“${m[0]}”: no option ${name}: on /papers ${path.join(' ')}`);
    }
  }
  return problems;
}
