/** `paperboy db migrate|status|backup`: apply and inspect database migrations (no Prisma engine needed), copy a SQLite database. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { DatabaseUnavailableError, migrate, MigrationError, migrationStatus, type MigrationStatus } from '../../store/index.js';
import { redactUrl } from '../../core/redact-url.js';
import { count } from '../../core/count.js';
import { printJson } from '../json-output.js';

/** "412 KB", "1.3 MB": a file's size as people read it. */
function sizeText(bytes: number): string {
  const [n, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [Math.max(bytes, 1000) / 1e3, 'KB'];
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${unit}`;
}

export function statusText(s: MigrationStatus): string {
  const lines = [`database:  ${s.database} (${s.provider})`, `applied:   ${s.applied.length}${s.applied.length ? ` (latest ${s.applied.at(-1)})` : ''}`];
  lines.push(`pending:   ${s.pending.length ? s.pending.join(', ') : 'none'}`);
  for (const f of s.failed) lines.push(`FAILED:    ${f.name}${f.logs ? ` — ${f.logs.split('\n')[0]}` : ''}`);
  for (const m of s.modified) lines.push(`modified:  ${m} (file changed after it was applied)`);
  for (const u of s.unknown) lines.push(`unknown:   ${u} (in the database, not in this build)`);
  // A database nothing was applied to is new, not behind: any command migrates it first.
  const fresh = s.applied.length === 0 && s.unknown.length === 0;
  lines.push(
    s.failed.length
      ? 'state:     blocked by a failed migration'
      : !s.pending.length
        ? // Migrations a newer build applied: this build runs on them (a rolling upgrade), but
          // "up to date" alone told the person running an old build that nothing was amiss.
          s.unknown.length
          ? `state:     up to date for this build, but ${s.unknown.length === 1 ? 'a migration' : `${s.unknown.length} migrations`} of a newer paperboy ${s.unknown.length === 1 ? 'is' : 'are'} applied: upgrade this one`
          : 'state:     up to date'
        : fresh
          ? 'state:     new (no tables yet); `paperboy db migrate`, or any other command, creates them'
          : 'state:     behind; run `paperboy db migrate`',
  );
  return lines.join('\n') + '\n';
}

function fail(ctx: CliContext, cmd: string, err: unknown): void {
  const known = err instanceof DatabaseUnavailableError || err instanceof MigrationError;
  const message = err instanceof Error ? err.message : String(err);
  ctx.stderr.write(`paperboy db ${cmd}: ${known ? message : `unexpected error: ${message}`}\n`);
  ctx.setExitCode(1);
}

export function register(program: Command, ctx: CliContext): void {
  const db = program
    .command('db')
    .description('Database migrations (SQLite or PostgreSQL, from DATABASE_URL) and a backup of a SQLite one')
    .addHelpText('after', `\nDATABASE_URL: file:./data/paperboy.db (default, SQLite) or postgresql://user:pass@host:5432/db`);

  db.command('migrate')
    .description('Apply pending migrations (each atomically; safe while other processes start)')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (opts: { json?: boolean }) => {
      try {
        const r = await migrate(ctx.config.DATABASE_URL, { logger: ctx.logger });
        if (opts.json) {
          printJson(ctx, { applied: r.applied, status: r.status });
        } else {
          ctx.stdout.write(r.applied.length ? `applied ${count(r.applied.length, 'migration')}: ${r.applied.join(', ')}\n` : 'no pending migrations\n');
          ctx.stdout.write(statusText(r.status));
        }
      } catch (err) {
        fail(ctx, 'migrate', err);
      }
    });

  db.command('status')
    .description('Show applied and pending migrations; exits 1 when the database is behind or blocked')
    .option('--json', 'print the status as JSON on stdout')
    .action(async (opts: { json?: boolean }) => {
      try {
        const s = await migrationStatus(ctx.config.DATABASE_URL);
        if (opts.json) printJson(ctx, s);
        else ctx.stdout.write(statusText(s));
        if (s.pending.length > 0 || s.failed.length > 0) ctx.setExitCode(1);
      } catch (err) {
        fail(ctx, 'status', err);
      }
    })
    .addHelpText('after', `\nNever changes the database. Current DATABASE_URL: ${redactUrl(ctx.config.DATABASE_URL)}`);

  db.command('backup <file>')
    .description('Copy the SQLite database to <file> with SQLite\'s online backup (safe while the service runs; no sqlite3 program needed). PostgreSQL: use pg_dump')
    .option('-f, --force', 'replace <file> if it exists')
    .action(async (file: string, opts: { force?: boolean }) => {
      // Loaded here: `db migrate|status` need neither the backup nor the progress bar (which brings the ingest job's counts).
      const [{ backupSqlite }, { createBackupProgress }] = await Promise.all([import('../../store/sqlite-backup.js'), import('../progress.js')]);
      const progress = createBackupProgress({ stream: ctx.stderr, logger: ctx.logger });
      try {
        const r = await backupSqlite(ctx.config.DATABASE_URL, file, { force: opts.force === true, onProgress: (copied, total) => progress.step(copied, total), onWaiting: (wait) => progress.waiting(wait) });
        progress.stop();
        if (r.status === 'refused') {
          ctx.stderr.write(`paperboy db backup: ${r.message}\n`);
          return ctx.setExitCode(1);
        }
        ctx.stdout.write(`Backed up ${r.source} to ${r.file} (${sizeText(r.bytes)}).\n`);
      } catch (err) {
        progress.stop();
        fail(ctx, 'backup', err);
      }
    });
}
