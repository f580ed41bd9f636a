/**
 * Commands that take free text (`search <query...>`) read a word starting with '-' as text.
 * Commander reads it as an option: "-3dgs" and "-distillation" were unknown options, and some
 * words were worse, taken for a real one: "-normalization" became `-n ormalization` (a --limit
 * error) and "-ViT" printed the version. The user meant text (in a search, a word to leave out,
 * query-parser.ts), as a chat search takes it, so such words are moved after a `--` before
 * commander sees them.
 *
 * Options stay options: the command's and the program's own, exactly as written ("-n 5",
 * "-n5", "--limit=5", "--json", "--verbose", "-h"). A word starting with "--" that is no option
 * is left for commander to refuse: it is far more likely a mistyped --json or --limit than a
 * query word, and read as text it would silently change the answer.
 */
import type { Command, Option } from 'commander';

const freeText = new WeakSet<Command>();

/** Mark `cmd` as taking free text (see above); returns it for chaining. */
export function takesFreeText(cmd: Command): Command {
  freeText.add(cmd);
  return cmd;
}

// The program does not change commander's help flags, which are not among `options`.
const HELP = new Set(['-h', '--help']);

type Kind = 'text' | 'flag' | 'flag+value';

function kindOf(arg: string, options: readonly Option[]): Kind {
  if (!arg.startsWith('-') || arg === '-') return 'text';
  if (HELP.has(arg)) return 'flag';
  const exact = options.find((o) => o.short === arg || o.long === arg);
  if (exact) return exact.required ? 'flag+value' : 'flag';
  if (arg.startsWith('--')) return 'flag';
  // "-n5" is --limit 5; "-normalization" is a word, not --limit "ormalization".
  const short = options.find((o) => o.short === arg.slice(0, 2));
  return short?.required && !/\p{L}/u.test(arg.slice(2, 3)) ? 'flag' : 'text';
}

/** `argv` with a free-text command's dash words moved after `--`; unchanged for any other command. */
export function freeTextArgv(program: Command, argv: readonly string[]): readonly string[] {
  const until = argv.indexOf('--');
  // The program's own options take no value, so the first word that is not an option names the command.
  const at = argv.findIndex((a, i) => (until === -1 || i < until) && !a.startsWith('-'));
  const cmd = at === -1 ? undefined : program.commands.find((c) => c.name() === argv[at] || c.aliases().includes(argv[at]!));
  if (!cmd || !freeText.has(cmd)) return argv;
  const options = [...cmd.options, ...program.options];
  const flags: string[] = [];
  const text: string[] = [];
  const rest = argv.slice(at + 1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      text.push(...rest.slice(i + 1));
      break;
    }
    const kind = kindOf(arg, options);
    if (kind === 'text') text.push(arg);
    else flags.push(arg);
    if (kind === 'flag+value' && i + 1 < rest.length) flags.push(rest[++i]!);
  }
  if (!text.some((w) => w.startsWith('-'))) return argv;
  // Order kept within the text: a "quoted phrase" split over words still reads as typed.
  return [...argv.slice(0, at + 1), ...flags, '--', ...text];
}
