/** `paperboy db status` on a database a newer build migrated says so, not a bare "up to date". */
import { describe, expect, it } from 'vitest';
import { statusText } from '../../../src/cli/commands/db.js';
import type { MigrationStatus } from '../../../src/store/index.js';

const base: MigrationStatus = { provider: 'sqlite', database: 'file:./x.db', applied: ['20260101000000_init'], pending: [], failed: [], modified: [], unknown: [] };

describe('db status state', () => {
  it('is up to date when this build knows every applied migration', () => {
    expect(statusText(base)).toContain('state:     up to date\n');
  });

  it('names a newer build\'s migrations as a reason to upgrade', () => {
    const text = statusText({ ...base, unknown: ['20991231000000_future'] });
    expect(text).toContain('unknown:   20991231000000_future (in the database, not in this build)');
    expect(text).toContain('state:     up to date for this build, but a migration of a newer paperboy is applied: upgrade this one\n');
    expect(statusText({ ...base, unknown: ['20991231000000_a', '20991231000001_b'] })).toContain('but 2 migrations of a newer paperboy are applied');
  });
});
