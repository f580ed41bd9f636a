// The offline engine stand-in must make Prisma's migrate commands fail loudly: with a stand-in
// that merely exits, `prisma migrate diff --script` exits 0 and prints nothing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('prisma CLI with the offline engine stand-in', () => {
  it('migrate diff exits non-zero and says what to use instead', () => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/prisma/build/index.js'), 'migrate', 'diff', '--from-empty', '--to-schema', 'prisma/schema.sqlite.prisma', '--script'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: join(root, 'scripts/prisma-engine-standin.mjs'), CHECKPOINT_DISABLE: '1' },
        timeout: 60_000,
      },
    );
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('CREATE TABLE');
    expect(`${r.stdout}${r.stderr}`).toContain('db migrate');
  });
});
