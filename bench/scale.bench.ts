/**
 * Scale-out: the same digest run delivered by one replica and by three replicas (separate
 * processes) on one PostgreSQL database and one Redis, to local fake Slack and Discord
 * servers with per-request latency. Prints messages/s for each, the ratio, duplicate and
 * missing parts (must be zero), and peak RSS per replica.
 *
 * Usage: npm run bench:scale [-- --targets 400] [--replicas 1,3] [--latency 20] [--papers 12]
 *
 * Each digest job reads only its own target's rows (openDigests(targetId), subscriptions by
 * subscriber), so a run costs O(targets); 100,000 targets is still not practical here: each
 * job costs tens of ms of replica CPU (about a dozen Prisma queries plus rendering and the HTTP
 * post). See the printed load average: the replicas share 2 cores with PostgreSQL, Redis, the
 * fake platforms and whatever else runs.
 */
import { availableParallelism, loadavg } from 'node:os';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { startCluster, type ReplicaEvent } from '../test/helpers/replica-cluster.js';
import { withPostgres, type TestDatabase } from '../test/helpers/db.js';
import { seedWorld } from '../test/helpers/replica-fixture.js';
import { TEST_REDIS_URL, removePrefix, uniquePrefix } from '../test/helpers/replica-redis.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const TARGETS = Number(arg('targets', '400'));
const REPLICAS = arg('replicas', '1,3').split(',').map(Number);
const LATENCY = Number(arg('latency', '20'));
const PAPERS = Number(arg('papers', '12'));
const CONCURRENCY = arg('concurrency', '8');

interface Run {
  replicas: number;
  targets: number;
  parts: number;
  seconds: number;
  perSecond: number;
  duplicates: number;
  missing: number;
  peakRssMb: number[];
}

async function runOnce(replicas: number): Promise<Run> {
  const db = await withPostgres();
  const prefix = uniquePrefix('scale');
  const undo: Array<() => Promise<unknown>> = [() => db.drop(), () => removePrefix(prefix)];
  try {
    return await measure(replicas, db, prefix, undo);
  } finally {
    // Also after a failure: no replica, fake server, Redis key or database is left behind.
    for (const u of undo.reverse()) await u().catch(() => undefined);
  }
}

async function measure(replicas: number, db: TestDatabase, prefix: string, undo: Array<() => Promise<unknown>>): Promise<Run> {
  const stores = await db.openStores();
  const now = new Date();
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const slackCount = Math.ceil(TARGETS / 2);
  process.stderr.write(`[${replicas} replica(s)] seeding ${TARGETS} targets…\n`);
  const ids = await seedWorld(stores, { slackTargets: slackCount, discordTargets: TARGETS - slackCount, papers: PAPERS, maxPapers: PAPERS, time: '00:00', seenAt: new Date(slot.getTime() - 3600_000) });
  const slack = await startFakeSlack({ channels: ids.filter((i) => i.startsWith('slack:')).map((i) => i.slice(6)), latencyMs: LATENCY });
  undo.push(() => slack.close());
  const discord = await startFakeDiscord({ channels: ids.filter((i) => i.startsWith('discord:')).map((i) => i.slice(8)), latencyMs: LATENCY });
  undo.push(() => discord.close());
  const cluster = await startCluster(replicas, {
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: 'discord-test-token',
    DISCORD_APPLICATION_ID: '1',
    DISCORD_API_URL: discord.apiUrl,
    PAPERBOY_DELIVERY_CONCURRENCY: CONCURRENCY,
    LOG_LEVEL: 'error',
  });
  undo.push(() => cluster.stop());
  process.stderr.write(`[${replicas} replica(s)] started; delivering…\n`);
  const started = performance.now();
  const done = new Set<string>();
  await cluster.waitFor(
    (e: ReplicaEvent) => {
      if (e.event === 'job-done') done.add(String(e.targetId));
      return done.size >= ids.length;
    },
    `${ids.length} targets delivered`,
    30 * 60_000,
  );
  const seconds = (performance.now() - started) / 1000;
  await cluster.stop();
  const closed = cluster.events.filter((e) => e.event === 'closed');

  const keys = [
    ...slack.posts.map((p) => `slack:${p.channel}|${String(p.metadata?.event_payload?.dedupe_key)}`),
    ...discord.posts.map((p) => `discord:${p.channelId}|${String(p.body.nonce)}`),
  ];
  const duplicates = keys.length - new Set(keys).size;
  let missing = 0;
  let ledgerParts = 0;
  for (const id of ids) {
    const parts = await stores.ledger.parts(id, slot.toISOString());
    ledgerParts += parts.length;
    missing += parts.filter((p) => p.status !== 'sent').length + (parts.length === 0 ? 1 : 0);
  }
  missing += Math.max(0, ledgerParts - new Set(keys).size);
  return {
    replicas,
    targets: ids.length,
    parts: keys.length,
    seconds,
    perSecond: keys.length / seconds,
    duplicates,
    missing,
    peakRssMb: closed.map((e) => Math.round(Number(e.peakRssBytes) / 1e6)),
  };
}

const runs: Run[] = [];
for (const r of REPLICAS) runs.push(await runOnce(r));
const base = runs[0]!;
console.log(`\nscale bench: ${TARGETS} targets × ${PAPERS} papers, fake platforms with ${LATENCY} ms latency, PostgreSQL + Redis (BullMQ), ${CONCURRENCY} jobs at once per replica and platform`);
console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1/5/15 min) at the end`);
console.log('replicas  parts   seconds  messages/s  ratio   duplicates  missing  peak RSS per replica (MB)');
for (const r of runs) {
  console.log(
    `${String(r.replicas).padStart(8)}  ${String(r.parts).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.perSecond.toFixed(1).padStart(10)}  ${(r.perSecond / base.perSecond).toFixed(2).padStart(5)}×  ${String(r.duplicates).padStart(10)}  ${String(r.missing).padStart(7)}  ${r.peakRssMb.join(', ')}`,
  );
}
if (runs.some((r) => r.duplicates || r.missing)) {
  console.error('FAIL: duplicate or missing parts');
  process.exitCode = 1;
}
