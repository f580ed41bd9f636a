/**
 * `npm run bench:cli-startup`: wall time and peak RSS of `paperboy papers list` (1,000 papers in
 * a SQLite database, Slack, Discord and OpenAI configured), as shipped (the compiled build,
 * `node dist/src/cli.js`, which `bin` points at) and through tsx (`npm run paperboy`), against the
 * eager baseline from the same run: the same command with discord.js, the Slack client, pg,
 * Prisma's PostgreSQL client and the OpenAI SDK loaded up front, as the CLI did before its
 * composition root went lazy; and against the previous CLI (bench/lib/eager-commands.mjs: every
 * command module, Prisma's client and its queries up front, as before the CLI loaded only the
 * command it runs). `node -e 0` is the floor no command can go under. Medians of
 * --runs runs (default 7) after one warm-up run each.
 *
 *   npm run bench:cli-startup [-- --runs 7] [--no-build]   (--no-build: tsx rows only)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStores } from '../src/store/index.js';
import { syntheticPapers } from './lib/synthetic-papers.js';
import { PROJECT_ROOT, buildCli } from './lib/build-cli.js';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 7;
const BUILD = !args.includes('--no-build');
const ROOT = PROJECT_ROOT;
const EAGER = join(ROOT, 'bench/lib/eager-platforms.mjs');
const PREVIOUS = join(ROOT, 'bench/lib/eager-commands.mjs');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  name: string;
  wallMs: number;
  rssMb: number;
}

/** One run: wall from spawn to exit (this process), peak RSS from GNU time (the child). */
function once(argv: string[], env: NodeJS.ProcessEnv): { wallMs: number; rssMb: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ...argv], { cwd: ROOT, env, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
  return { wallMs, rssMb: kb / 1024 };
}

function measure(name: string, argv: string[], env: NodeJS.ProcessEnv): Row {
  once(argv, env);
  const runs = Array.from({ length: RUNS }, () => once(argv, env));
  return { name, wallMs: median(runs.map((r) => r.wallMs)), rssMb: median(runs.map((r) => r.rssMb)) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-startup-'));
  const cleanup = [dir];
  try {
    const url = `file:${join(dir, 'paperboy.db')}`;
    const stores = await openStores(url, { migrate: true });
    await stores.papers.upsertMany(
      syntheticPapers({ count: 1000, seed: 3 }).map((p) => ({ arxivId: p.arxivId, source: 'file' as const, title: p.title, abstract: p.abstract, authors: p.authors, publishedAt: p.publishedAt })),
      new Date(),
    );
    await stores.close();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      DATABASE_URL: url,
      PAPERBOY_DATA_DIR: dir,
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      DISCORD_TOKEN: 'discord-bench-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      OPENAI_API_KEY: 'sk-bench',
    };
    const rows: Row[] = [measure('node -e 0 (floor)', ['-e', '0'], env)];
    let buildNote = '';
    if (BUILD) {
      const { cli, dir: out, ms } = buildCli('paperboy-cli-startup-');
      cleanup.push(out);
      buildNote = ` (build ${(ms / 1000).toFixed(0)} s)`;
      const eagerEnv = { ...env, PAPERBOY_EAGER_PG_CLIENT: pathToFileURL(join(out, 'src/generated/prisma-pg/client.js')).href };
      rows.push(measure('papers list, node dist (as shipped)', [cli, 'papers', 'list', '--limit', '20'], env));
      rows.push(measure('  eager baseline, node dist', ['--import', EAGER, cli, 'papers', 'list', '--limit', '20'], eagerEnv));
      rows.push(measure('  previous CLI, node dist', ['--import', PREVIOUS, cli, 'papers', 'list', '--limit', '20'], { ...env, PAPERBOY_EAGER_SRC: pathToFileURL(join(out, 'src')).href }));
    }
    const tsxArgs = ['--import', 'tsx'];
    const eagerEnv = { ...env, PAPERBOY_EAGER_PG_CLIENT: pathToFileURL(join(ROOT, 'src/generated/prisma-pg/client.ts')).href };
    rows.push(measure('papers list, tsx (npm run paperboy)', [...tsxArgs, 'src/cli.ts', 'papers', 'list', '--limit', '20'], env));
    rows.push(measure('  eager baseline, tsx', [...tsxArgs, '--import', EAGER, 'src/cli.ts', 'papers', 'list', '--limit', '20'], eagerEnv));
    rows.push(measure('  previous CLI, tsx', [...tsxArgs, '--import', PREVIOUS, 'src/cli.ts', 'papers', 'list', '--limit', '20'], { ...env, PAPERBOY_EAGER_SRC: pathToFileURL(join(ROOT, 'src')).href, PAPERBOY_EAGER_EXT: '.ts' }));

    console.log(`\nCLI start-up: \`paperboy papers list --limit 20\` on 1,000 papers (SQLite), median of ${RUNS} runs${buildNote}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('command                                     wall      peak RSS');
    for (const r of rows) console.log(`${r.name.padEnd(42)} ${r.wallMs.toFixed(0).padStart(6)} ms ${r.rssMb.toFixed(0).padStart(7)} MB`);
    const pairs: Array<[string, string]> = [
      ['papers list, node dist (as shipped)', '  eager baseline, node dist'],
      ['papers list, node dist (as shipped)', '  previous CLI, node dist'],
      ['papers list, tsx (npm run paperboy)', '  eager baseline, tsx'],
      ['papers list, tsx (npm run paperboy)', '  previous CLI, tsx'],
    ];
    for (const [lazyName, eagerName] of pairs) {
      const lazy = rows.find((r) => r.name === lazyName);
      const eager = rows.find((r) => r.name === eagerName);
      // On a busy host even `node -e 0` can take 300 ms: the floor ratio is the steadier figure.
      if (lazy && eager) console.log(`${lazyName}: ${(eager.wallMs / lazy.wallMs).toFixed(2)}× faster and ${(eager.rssMb - lazy.rssMb).toFixed(0)} MB smaller than ${eagerName.trim().replace(/,.*/, '')}; ${(lazy.wallMs / rows[0]!.wallMs).toFixed(1)}× the node floor (baseline ${(eager.wallMs / rows[0]!.wallMs).toFixed(1)}×); goal ≤ 300 ms: ${lazy.wallMs <= 300 ? 'met' : 'not met'}`);
    }
  } finally {
    for (const d of cleanup) rmSync(d, { recursive: true, force: true });
  }
}

await main();
