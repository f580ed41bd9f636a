/**
 * `npm run discord:register`: PUT the `/papers` command globally (can take a while to appear)
 * or, with DISCORD_GUILD_ID, to one guild (instant; for development).
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../../config.js';
import { papersCommand } from './commands/definition.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl: string;
}

export type RegisterOutcome = { status: 'registered'; scope: 'global' | 'guild'; count: number };

export async function registerCommands(options: RegisterOptions): Promise<RegisterOutcome> {
  const rest = new REST({ api: options.apiUrl }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body: [papersCommand()] })) as unknown[];
  return { status: 'registered', scope: options.guildId ? 'guild' : 'global', count: result.length };
}

async function main(): Promise<void> {
  const config = loadConfig();
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
  process.stdout.write(`Registered /papers ${outcome.scope === 'guild' ? `in guild ${config.DISCORD_GUILD_ID}` : 'globally'} (${outcome.count} command).\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`discord:register failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
