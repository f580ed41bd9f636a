/**
 * `node --import ./bench/lib/eager-commands.mjs …`: does up front what the CLI did on every run
 * before it loaded only the command it runs and read through the driver (issue 14): import
 * every command module, build Prisma's SQLite client and run, through it, the two queries
 * `papers list` made (the seeded-topics check and the page of papers). The "previous CLI"
 * baseline of bench:cli-startup. PAPERBOY_EAGER_SRC is the src/ directory (a URL) of the build
 * being measured; its extension (.js or .ts) follows PAPERBOY_EAGER_EXT.
 */
const src = process.env.PAPERBOY_EAGER_SRC;
const ext = process.env.PAPERBOY_EAGER_EXT ?? '.js';
if (!src) throw new Error('PAPERBOY_EAGER_SRC is not set');
const names = ['channel', 'db', 'demo', 'digest', 'feedback', 'follow', 'ingest', 'match', 'papers', 'saved', 'search', 'subscriptions', 'topics'];
const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
  import(`${src}/generated/prisma-sqlite/client${ext}`),
  import('@prisma/adapter-better-sqlite3'),
  ...names.map((n) => import(`${src}/cli/commands/${n}${ext}`)),
]);
const file = (process.env.DATABASE_URL ?? '').replace(/^file:/, '');
const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }, { timestampFormat: 'iso8601' }) });
await client.cacheEntry.findMany({ where: { namespace: 'topics:seeded', key: { in: ['a', 'b'] } } });
await client.paper.findMany({ orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { firstSeenAt: 'desc' }, { arxivId: 'desc' }], take: 20 });
await client.$disconnect();
