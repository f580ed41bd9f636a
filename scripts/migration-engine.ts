/**
 * Loads Prisma's WASM schema engine (Node 20 cannot `import` a .wasm file) and connects it to
 * a database through a driver adapter, with the small fixes each adapter needs on this path.
 * Used only by scripts/migration-create.ts: the app applies migrations without any engine.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const pkgDir = dirname(fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')));

// The engine's API, as far as this script uses it (types ship with the package).
export type SchemaEngine = import('@prisma/schema-engine-wasm').SchemaEngine;

// lib ES2023 without DOM has no WebAssembly types; this is the part we call.
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(m: object): Array<{ module: string }> };
  Instance: new (m: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let glue: typeof import('@prisma/schema-engine-wasm') | undefined;

async function loadGlue(): Promise<typeof import('@prisma/schema-engine-wasm')> {
  if (glue) return glue;
  const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Record<string, unknown> & {
    __wbg_set_wasm(w: unknown): void;
  };
  const module = new Wasm.Module(readFileSync(join(pkgDir, 'schema_engine_bg.wasm')));
  // The wasm imports its JS glue under the module name './schema_engine_bg.js'.
  const imports: Record<string, unknown> = {};
  for (const imp of Wasm.Module.imports(module)) imports[imp.module] ??= bg;
  const instance = new Wasm.Instance(module, imports);
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  glue = bg as unknown as typeof import('@prisma/schema-engine-wasm');
  return glue;
}

/** The minimal driver-adapter shapes the fixes below touch. */
interface AdapterLike {
  executeRaw(q: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
  queryRaw(q: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<unknown>;
  dispose(): Promise<void>;
}
export interface AdapterFactoryLike {
  provider: string;
  adapterName: string;
  connect(): Promise<AdapterLike>;
  connectToShadowDb(): Promise<AdapterLike>;
}

/**
 * SQLite: the engine replays whole multi-statement migration scripts through `executeRaw`,
 * which better-sqlite3 refuses ("more than one statement"); send those to `executeScript`.
 */
export function sqliteScriptFix(adapter: AdapterLike): AdapterLike {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (q) => {
    if (q.args.length === 0 && hasSeveralStatements(q.sql)) {
      await adapter.executeScript(q.sql);
      return 0;
    }
    return executeRaw(q);
  };
  return adapter;
}

function hasSeveralStatements(sql: string): boolean {
  const statements = sql
    .replace(/--[^\n]*/g, '')
    .split(';')
    .filter((s) => s.trim() !== '');
  return statements.length > 1;
}

export async function createSchemaEngine(schemaPath: string, factory: AdapterFactoryLike, log: (line: string) => void = () => {}): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadGlue();
  const bound = bindMigrationAwareSqlAdapterFactory(factory as never);
  return SchemaEngine.new({ datamodels: [[schemaPath, readFileSync(schemaPath, 'utf8')]] }, log, bound);
}

// OIDs adapter-pg knows how to type (its ScalarColumnType / ArrayColumnType tables).
const PG_KNOWN_OIDS = new Set([
  16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
  143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561, 1563, 2951, 3807,
]);
const PG_FIRST_USER_OID = 16384;

/**
 * Postgres: the engine's catalog introspection reads built-in types adapter-pg refuses
 * (`char`, `regproc`, `pg_node_tree`, …). For this tool only, report them as text.
 */
export function pgCatalogTypesAsText<T extends { fields?: Array<{ dataTypeID: number }> }>(result: T): T {
  for (const field of result.fields ?? []) {
    if (field.dataTypeID < PG_FIRST_USER_OID && !PG_KNOWN_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
  }
  return result;
}
