/** The CLI's door to the composition root: every command gets its services from here. */
import type { AppServices } from '../app/compose.js';
import { composeSearch } from '../app/search.js';
import type { SearchService } from '../core/search/search-service.js';
import type { CliContext } from './context.js';
import { cliErrorText, failOpening } from './fail.js';

// One composition per CLI context (one per process; tests make one per run), over its stores.
const apps = new WeakMap<CliContext, Promise<AppServices>>();

/** The composed services over the CLI's stores (opened once), the topic catalog seeded. */
export function cliApp(ctx: CliContext): Promise<AppServices> {
  let app = apps.get(ctx);
  if (!app) {
    app = (async () => {
      // Loaded on first use: `paperboy search` and `papers list` never need the whole graph.
      const { composeServices } = await import('../app/compose.js');
      // A CLI process answers one command: warming the search scorer would cost more than it saves.
      const services = composeServices(ctx.config, await ctx.openStores(), ctx.logger, {}, { searchWarm: false });
      await services.topics.topics.seed();
      return services;
    })();
    // A failure is reported once; the next command in the same process may try again.
    app.catch(() => apps.delete(ctx));
    apps.set(ctx, app);
  }
  return app;
}

/** cliApp, or null after reporting why the database could not be opened (exit 1). */
export async function openApp(ctx: CliContext, cmd: string): Promise<AppServices | null> {
  try {
    return await cliApp(ctx);
  } catch (err) {
    return failOpening(ctx, cmd, err);
  }
}

const searches = new WeakMap<CliContext, Promise<SearchService>>();

/**
 * Only the search service, wired as composeServices wires it, over the CLI's stores: a one-off
 * `paperboy search` loads no topic matcher, digest job or chat services. Null after reporting
 * why the database could not be opened (exit 1).
 */
export async function openSearch(ctx: CliContext, cmd: string): Promise<SearchService | null> {
  let search = searches.get(ctx);
  if (!search) {
    // A CLI process answers one command: warming the scorer would cost more than it saves.
    // On a terminal a long index opening says what it is doing (scripts read stdout only, and
    // logs say it as before).
    const stderr = ctx.stderr as NodeJS.WritableStream & { isTTY?: boolean };
    const onSlowOpen = stderr.isTTY ? (what: string) => void stderr.write(`paperboy: ${what}\n`) : undefined;
    // A data folder it cannot write is said as npm start says it, one plain line, not a warning log
    // record naming neither the variable nor the folder. The results are printed all the same and
    // the command exits 0, so the line says it is a warning and what it costs first.
    const onSnapshotNotWritten = (err: Error) => void ctx.stderr.write(`paperboy ${cmd}: warning: the search index is not saved, so the next search builds it again: ${cliErrorText(err)}\n`);
    search = (async () => composeSearch(ctx.config, await ctx.openStores(), ctx.logger, { warm: false, onSnapshotNotWritten, ...(onSlowOpen ? { onSlowOpen } : {}) }))();
    search.catch(() => searches.delete(ctx));
    searches.set(ctx, search);
  }
  try {
    return await search;
  } catch (err) {
    return failOpening(ctx, cmd, err);
  }
}
