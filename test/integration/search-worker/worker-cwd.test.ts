/**
 * A worker thread of a TypeScript run (npm start, npm run paperboy) registers tsx found from the
 * package, not from the working folder: run from another folder, every search and match worker
 * died with "Cannot find package 'tsx'", so search never opened and no digest was matched.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('a worker thread started from TypeScript', () => {
  it('starts whatever the working folder is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-cwd-'));
    // Type annotations: the worker runs only if tsx is registered in it.
    writeFileSync(join(dir, 'echo.ts'), "import { parentPort } from 'node:worker_threads';\nconst answer: string = 'ready';\nparentPort!.postMessage(answer);\n");
    const thread = new URL('../../../src/search-worker/thread.ts', import.meta.url).href;
    const script = `
      const { spawnWorker } = await import(${JSON.stringify(thread)});
      const worker = spawnWorker(${JSON.stringify(pathToFileURL(join(dir, 'base.ts')).href)}, './echo', {});
      worker.once('message', (m) => { process.stdout.write(String(m)); process.exit(0); });
      worker.once('error', (e) => { process.stdout.write('error: ' + e.message); process.exit(1); });
    `;
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toBe('ready');
    expect(r.status).toBe(0);
  }, 40_000);
});
