/** CacheStore on Prisma: small key/value state shared by replicas (embeddings, token counters). */
import type { CacheStore } from '../core/ports.js';
import { paramList, statementParams, type StoreDb } from './connect.js';
import { slices } from '../slices.js';

const ROWS_PER_INSERT = 500;

export function createPrismaCacheStore(db: StoreDb): CacheStore {
  return {
    async getMany(namespace, keys) {
      const out = new Map<string, string>();
      const unique = [...new Set(keys)];
      // Raw SQL: every CLI command reads the seeded-topics marker here (cli/open-stores.ts), and
      // on SQLite `db.query` does that without loading Prisma.
      const perQuery = Math.min(10_000, db.maxParams - 1);
      for (const chunk of slices(unique, perQuery)) {
        const rows = await db.query<{ key: string; value: string }>(
          `SELECT "key", "value" FROM "CacheEntry" WHERE "namespace" = ${db.param(1)} AND "key" IN (${paramList(db, 2, chunk.length)})`,
          [namespace, ...chunk],
        );
        for (const r of rows) out.set(r.key, r.value);
      }
      return out;
    },
    async putMany(namespace, entries) {
      // Last write of a key wins, also inside one call (ON CONFLICT can't touch a row twice).
      const latest = [...new Map(entries).entries()];
      if (latest.length === 0) return;
      const now = new Date();
      await db.tx(async (tx) => {
        for (const chunk of slices(latest, ROWS_PER_INSERT)) {
          const { values: params, bind } = statementParams(db);
          const tuples = chunk.map(([key, value]) => `(${bind(namespace, key, value, now)})`);
          await tx.$executeRawUnsafe(
            `INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES ${tuples.join(', ')} ON CONFLICT ("namespace", "key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
            ...params,
          );
        }
      });
    },
    async increment(namespace, key, by) {
      if (!Number.isSafeInteger(by)) throw new Error(`cache increment must be a safe integer, got ${by}`);
      // One statement: atomic on both providers, also between replicas.
      const p = db.param;
      const rows = await db.run((c) =>
        c.$queryRawUnsafe<Array<{ value: string }>>(
          `INSERT INTO "CacheEntry" ("namespace", "key", "value", "updatedAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})
           ON CONFLICT ("namespace", "key") DO UPDATE SET "value" = CAST(CAST("CacheEntry"."value" AS BIGINT) + ${p(5)} AS TEXT), "updatedAt" = excluded."updatedAt"
           RETURNING "value"`,
          namespace,
          key,
          String(by),
          new Date(),
          by,
        ),
      );
      const value = Number(rows[0]?.value);
      if (!Number.isFinite(value)) throw new Error(`cache ${namespace}/${key} does not hold an integer`);
      return value;
    },
  };
}
