#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which cannot be downloaded here.
// `prisma generate` only checks that an engine file exists and never runs it. Migrate
// commands do run it, as a JSON-RPC server on stdin/stdout. Merely exiting is not enough:
// the CLI then waits on a promise that never settles and exits 0 having done nothing
// (measured with prisma 7.10.1). So answer every request with an error the CLI prints,
// which makes the command fail loudly.
import { createInterface } from 'node:readline';

const MESSAGE =
  'paperboy: the native Prisma schema engine is not installed (offline machine), so Prisma migrate commands cannot run here.\n' +
  '  Apply migrations with `npm run paperboy -- db migrate` (src/store/migrate.ts, no engine needed);\n' +
  '  create new ones with `npm run migration:create -- <name>` (WASM schema engine).';

if (process.argv.includes('--version') || process.argv.includes('-V')) {
  process.stdout.write('schema-engine-cli paperboy-offline-standin\n');
  process.exit(0);
}

process.stderr.write(`${MESSAGE}\n`);
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  let id = null;
  try {
    id = JSON.parse(line).id ?? null;
  } catch {
    // not a request; ignore
  }
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: 4466, message: MESSAGE, data: { is_panic: false, message: MESSAGE } } })}\n`);
  // Let the reply flush, then end like a failed engine would.
  setTimeout(() => process.exit(1), 50);
});
lines.on('close', () => process.exit(1));
// A caller that never sends anything still gets a failure, not a hang.
setTimeout(() => process.exit(1), 30_000).unref();
