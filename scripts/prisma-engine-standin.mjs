#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which cannot be downloaded here.
// `prisma generate` only checks that an engine file exists and never runs it. Every migrate
// command does run it: fail loudly, so nothing silently "succeeds" without doing anything.
process.stderr.write(
  'paperboy: the native Prisma schema engine is not installed (offline machine).\n' +
    '  Apply migrations with `paperboy db migrate` (src/store/migrate.ts);\n' +
    '  create new ones with `npm run migration:create -- <name>` (WASM schema engine).\n',
);
process.exit(1);
