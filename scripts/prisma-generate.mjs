// postinstall / `npm run prisma:generate`: write both provider schemas from
// prisma/models.prisma and generate both clients, offline.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDERS, ROOT, schemaPath, writeSchemas } from './prisma-schemas.mjs';

const cli = join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(cli)) {
  // `npm ci --omit=dev` (production image): the clients must have been generated at build time.
  console.log('[prisma-generate] prisma CLI not installed; skipping generation');
  process.exit(0);
}

for (const path of writeSchemas()) console.log(`[prisma-generate] wrote ${path}`);

// The CLI refuses to start without a schema-engine binary, even for `generate`, which never
// runs it. Point it at a stand-in that fails loudly if anything does try to run it.
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= join(ROOT, 'scripts', 'prisma-engine-standin.mjs');
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
env.CHECKPOINT_DISABLE = '1';

for (const provider of PROVIDERS) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schemaPath(provider)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`[prisma-generate] prisma generate failed for ${provider} (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  console.log(`[prisma-generate] generated ${provider} client`);
}
