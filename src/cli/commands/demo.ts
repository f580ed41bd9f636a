/**
 * `paperboy demo`: the whole loop offline in one command — ingest the bundled sample, match it
 * against the starter topics and print the console digest. It uses its own SQLite file so the
 * sample papers never mix with real data.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { openStores } from '../../store/index.js';
import { projectPath } from '../../project-path.js';
import { composeServices } from '../../app/compose.js';
import { createFileSource } from '../../sources/file.js';
import { ensureConsoleTarget } from '../../../jobs/digest.js';
import { runIngest, describeCounts } from '../../../jobs/ingest.js';

// Looked up (walking up, so the compiled CLI finds it too) only when the demo runs: every other
// command registers this one and must start even where samples/ is not shipped.
const bundledSample = () => projectPath('samples', 'hf-daily-papers.sample.json');

export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('Offline demo: ingest the bundled sample papers and print a digest of the starter topics')
    .option('--file <path>', 'papers file to ingest (JSON array or JSONL, Hugging Face or plain shape; default: the bundled samples/hf-daily-papers.sample.json)')
    .option('--database <url>', 'database for the demo (default: a separate SQLite file in the data directory)')
    .addHelpText('after', '\nNothing is sent anywhere and your real database is not touched.')
    .action(async (opts: { file?: string; database?: string }) => {
      const file = opts.file ?? bundledSample();
      const url = opts.database ?? `file:${join(ctx.config.PAPERBOY_DATA_DIR, 'demo.db')}`;
      const stores = await openStores(url, { migrate: true, logger: ctx.logger });
      try {
        const app = composeServices(ctx.config, stores, ctx.logger, { channelOptions: { stdout: ctx.stdout } });
        await app.topics.topics.seed();
        await ensureConsoleTarget(stores, ctx.config);
        const ingest = await runIngest({ stores, source: createFileSource(), logger: ctx.logger }, { from: '1970-01-01', to: '1970-01-01', filePath: file });
        ctx.stdout.write(`Ingested ${file}: ${describeCounts(ingest)}\n\n`);
        if (ingest.failures.length) {
          for (const f of ingest.failures) ctx.stderr.write(`paperboy demo: ${f.unit}: ${f.error}\n`);
          ctx.setExitCode(1);
          return;
        }
        // A dry run over all time: the same planning and rendering as a real digest, nothing recorded.
        const report = await app.digests.run({ targetId: 'console', since: new Date(0), dryRun: true });
        const console = report.targets[0];
        for (const part of console?.rendered ?? []) ctx.stdout.write(`${part.text}\n\n`);
        if (!console?.rendered?.length) ctx.stdout.write('No paper in the sample matched a starter topic.\n');
        ctx.stdout.write('Next: `npm start` runs the service; `npm run paperboy -- --help` lists every command.\n');
      } finally {
        await stores.close();
      }
    });
}
