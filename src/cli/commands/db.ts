/** `paperboy db migrate|status`: apply and inspect database migrations (no Prisma engine needed). */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { DatabaseUnavailableError, migrate, MigrationError, migrationStatus, type MigrationStatus } from '../../store/index.js';
import { redactUrl } from '../../core/redact-url.js';
import { count } from '../../core/count.js';
import { printJson } from '../json-output.js';

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
    .description('Database migrations (SQLite or PostgreSQL, from DATABASE_URL)')
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
}
