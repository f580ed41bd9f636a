/**
 * The compiled CLI (`node …/src/cli.js`, what `bin` and the Docker image run), built by tsc for
 * a benchmark. The build goes to a folder inside the project's node_modules/.cache, so it
 * resolves its packages from node_modules as dist/ does; the caller removes `dir` when done.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

export function buildCli(prefix: string): { cli: string; dir: string; ms: number } {
  const cache = join(PROJECT_ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, prefix));
  const t0 = performance.now();
  const tsc = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', dir, '--sourceMap', 'false'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
  return { cli: join(dir, 'src/cli.js'), dir, ms: performance.now() - t0 };
}
