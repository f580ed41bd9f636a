/**
 * `npm run discord:register`: create or overwrite the `/papers` command globally (can take a
 * while to appear) or, with DISCORD_GUILD_ID, in one guild (instant; for development). The
 * service runs syncCommands at start, so a changed definition reaches servers without anyone
 * running it.
 *
 * One command is POSTed (Discord overwrites a command of the same name), not the list PUT:
 * a PUT replaces every command of the application in that scope, so an application that also
 * serves other commands would lose them each time paperboy starts.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig, loadConfigOrReport, reportUnknownSettings } from '../../config.js';
import { unreachableReason } from '../../net/unreachable.js';
import { papersCommand } from './commands/definition.js';
import { describeError } from '../../core/error-text.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl: string;
}

export type RegisterOutcome = { status: 'registered'; scope: 'global' | 'guild'; name: string };

const commandsRoute = (options: RegisterOptions) =>
  options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);

const restFor = (options: RegisterOptions) => new REST({ api: options.apiUrl }).setToken(options.token);

export async function registerCommands(options: RegisterOptions): Promise<RegisterOutcome> {
  const result = (await restFor(options).post(commandsRoute(options), { body: papersCommand() })) as { name?: unknown };
  return { status: 'registered', scope: options.guildId ? 'guild' : 'global', name: typeof result.name === 'string' ? result.name : papersCommand().name };
}

/** `missing`/`changed`: /papers was (re-)registered for that reason; `unchanged`: nothing was sent. */
export type SyncOutcome = { status: 'unchanged' } | (RegisterOutcome & { reason: 'missing' | 'changed' });

/**
 * GET the registered commands and POST /papers (as discord:register does) only when it is
 * missing or its definition differs from papersCommand(): an unchanged definition costs one
 * read, not a write against Discord's daily command-create limit.
 */
export async function syncCommands(options: RegisterOptions): Promise<SyncOutcome> {
  const registered = (await restFor(options).get(commandsRoute(options))) as unknown[];
  const wanted = papersCommand();
  const current = registered.find((c): c is Record<string, unknown> => isObject(c) && c.name === wanted.name);
  if (current && sameCommand(current, wanted as unknown as Record<string, unknown>)) return { status: 'unchanged' };
  return { ...(await registerCommands(options)), reason: current ? 'changed' : 'missing' };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields of a command or option that papersCommand() sets, with Discord's defaults filled
 * in: Discord answers with ids, a version, permissions and contexts we never set, and leaves
 * out a `required` or `autocomplete` that is false; neither is a change.
 */
function settable(o: Record<string, unknown>): Record<string, unknown> {
  const options = Array.isArray(o.options) ? o.options.filter(isObject).map(settable) : [];
  const choices = Array.isArray(o.choices) ? o.choices.filter(isObject).map((c) => ({ name: c.name, value: c.value })) : [];
  return {
    type: o.type ?? 1,
    name: o.name,
    description: o.description ?? '',
    required: o.required === true,
    autocomplete: o.autocomplete === true,
    choices,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    channel_types: Array.isArray(o.channel_types) ? o.channel_types : [],
    options,
  };
}

function sameCommand(registered: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return JSON.stringify(settable(registered)) === JSON.stringify(settable(wanted));
}

async function main(): Promise<void> {
  // As the service and the CLI read it: .env too, and a key it ignores (DISCORD_CLIENT_ID) named.
  const config = loadConfigOrReport();
  if (!config) {
    process.exitCode = 2;
    return;
  }
  reportUnknownSettings(process.stderr);
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write('discord:register needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.\n');
    process.exitCode = 2;
    return;
  }
  const outcome = await registerCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
    apiUrl: config.DISCORD_API_URL,
  });
  process.stdout.write(`Registered /${outcome.name} ${outcome.scope === 'guild' ? `in guild ${config.DISCORD_GUILD_ID}` : 'globally'}; other commands of the application are left as they are.\n`);
}

/**
 * What a failed registration says, with what to do: "getaddrinfo ENOTFOUND discord.com" alone
 * named the problem but not the network, and a refused token or unknown application read as
 * Discord's own terse "401: Unauthorized".
 */
export function registerFailure(err: unknown, options: Pick<RegisterOptions, 'apiUrl' | 'guildId'>): string {
  const message = describeError(err);
  const status = (err as { status?: unknown }).status;
  const code = (err as { cause?: { code?: unknown } }).cause?.code ?? (err as { code?: unknown }).code;
  const host = URL.canParse(options.apiUrl) ? new URL(options.apiUrl).host : options.apiUrl;
  if (status === 401) return `discord:register failed: Discord refused the token (${message}); check DISCORD_TOKEN (the bot token from the Developer Portal's Bot page).`;
  if (status === 403 || status === 404) {
    const where = options.guildId ? 'DISCORD_APPLICATION_ID and DISCORD_GUILD_ID (the bot must be in that server)' : 'DISCORD_APPLICATION_ID';
    return `discord:register failed: Discord answered ${message}; check ${where}.`;
  }
  // A registration is a PUT of the whole list, safe to repeat, so a connection reset or timed
  // out after connecting is as much "cannot reach" as one never made (unreachable.ts words those).
  const unreachable = unreachableReason(err) ?? (typeof code === 'string' && /^(ECONNRESET|ETIMEDOUT)$/.test(code) ? code : null);
  if (unreachable) return `discord:register failed: cannot reach ${host} (${unreachable})${unreachable.includes('network up') ? '' : '; is the network up?'} (DISCORD_API_URL is ${options.apiUrl})`;
  return `discord:register failed: ${message}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    const config = loadConfig();
    process.stderr.write(`${registerFailure(err, { apiUrl: config.DISCORD_API_URL, guildId: config.DISCORD_GUILD_ID })}\n`);
    process.exitCode = 1;
  });
}
