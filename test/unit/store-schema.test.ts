// CI guard: the SQLite and PostgreSQL schemas are generated from prisma/models.prisma and
// must stay in step with it (and so with each other) — an edit to one generated file alone
// would give the two providers different tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const prismaDir = join(import.meta.dirname, '..', '..', 'prisma');
const read = (name: string) => readFileSync(join(prismaDir, name), 'utf8');

/** Everything after the datasource block: the models. */
function body(schema: string): string {
  const m = /datasource db \{[^}]*\}\n/.exec(schema);
  if (!m) throw new Error('no datasource block');
  return schema.slice(m.index + m[0].length).trim();
}

function modelNames(text: string): string[] {
  return [...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).sort();
}

function provider(schema: string): string | undefined {
  return /datasource db \{[^}]*provider\s*=\s*"(\w+)"/.exec(schema)?.[1];
}

describe('prisma schemas', () => {
  const models = read('models.prisma').trim();
  const sqlite = read('schema.sqlite.prisma');
  const pg = read('schema.postgresql.prisma');

  it('both provider schemas carry exactly the models of models.prisma', () => {
    expect(body(sqlite)).toBe(models);
    expect(body(pg)).toBe(models);
  });

  it('each schema names its own provider and client output', () => {
    expect(provider(sqlite)).toBe('sqlite');
    expect(provider(pg)).toBe('postgresql');
    expect(sqlite).toContain('output              = "../src/generated/prisma-sqlite"');
    expect(pg).toContain('output              = "../src/generated/prisma-pg"');
  });

  it('covers every persistent port', () => {
    expect(modelNames(models)).toEqual(
      ['AuthorFollow', 'CacheEntry', 'DeliveredPaper', 'DeliveryPart', 'DeliveryTarget', 'Feedback', 'IngestRun', 'JobRun', 'Paper', 'PlannedDigest', 'RunLease', 'SavedPaper', 'Subscription', 'Topic'].sort(),
    );
  });
});
