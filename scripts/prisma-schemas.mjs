// Builds the two provider schemas from prisma/models.prisma (the one source of truth).
// A Prisma schema has exactly one provider and its client is bound to it, so SQLite and
// PostgreSQL each get a file; only the header differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROVIDERS = /** @type {const} */ (['sqlite', 'postgresql']);

const OUTPUT = { sqlite: 'prisma-sqlite', postgresql: 'prisma-pg' };

export function schemaPath(provider) {
  return join(ROOT, 'prisma', `schema.${provider}.prisma`);
}

function header(provider) {
  return `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.mjs — do not edit.
// Regenerate with \`npm run prisma:generate\`.

generator client {
  provider            = "prisma-client"
  output              = "../src/generated/${OUTPUT[provider]}"
  runtime             = "nodejs"
  moduleFormat        = "esm"
  importFileExtension = "js"
  // The size-optimised query compiler: about half the WASM of the default "fast" build, and in
  // this service it costs ~45 MB less RSS (no optimising tier-up of a 3 MB module in background
  // threads) and less CPU to start; per-query compile time is not what bounds a query here.
  compilerBuild       = "small"
}

// No url here: Prisma 7 takes connections from driver adapters (src/store/connect.ts).
datasource db {
  provider = "${provider}"
}

`;
}

/** The full text of the schema for one provider. */
export function buildSchema(provider) {
  const models = readFileSync(join(ROOT, 'prisma', 'models.prisma'), 'utf8');
  return header(provider) + models;
}

/** Write both schema files; returns the paths whose content changed. */
export function writeSchemas() {
  const changed = [];
  for (const provider of PROVIDERS) {
    const path = schemaPath(provider);
    const text = buildSchema(provider);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // first run
    }
    if (current !== text) {
      writeFileSync(path, text);
      changed.push(path);
    }
  }
  return changed;
}
