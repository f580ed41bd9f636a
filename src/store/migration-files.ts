/** The committed migration folders (prisma/migrations/<provider>/<name>/migration.sql). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../project-path.js';

export type Provider = 'sqlite' | 'postgresql';

export interface MigrationFile {
  /** Folder name, e.g. `20261128131847_init`; applied in name order. */
  name: string;
  sql: string;
  /** sha256 hex of the file, as Prisma records it in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** prisma/migrations/<provider>, from src/ (tsx) and dist/src/ (built) alike. */
export function defaultMigrationsDir(provider: Provider): string {
  return projectPath('prisma', 'migrations', provider);
}

export function checksumOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readMigrations(dir: string, provider: Provider): MigrationFile[] {
  const lock = join(dir, 'migration_lock.toml');
  if (existsSync(lock)) {
    const m = /provider\s*=\s*"(\w+)"/.exec(readFileSync(lock, 'utf8'));
    if (m && m[1] !== provider) throw new Error(`${lock} says provider "${m[1]}", expected "${provider}"`);
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name, 'migration.sql');
      if (!existsSync(path)) return [];
      const bytes = readFileSync(path);
      return [{ name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) }];
    });
}
