/**
 * Scale-out: the same digest run delivered by one replica and by three replicas (separate
 * processes) on one PostgreSQL database and one Redis, to local fake Slack and Discord
 * servers with per-request latency. Prints messages/s for each, the ratio, duplicate and
 * missing parts (must be zero), 429s the fakes answered, and peak RSS per replica.
 *
 * Usage: npm run bench:scale [-- --targets 400] [--replicas 1,3] [--latency 20] [--papers 12]
 *        [--concurrency 8] [--discord-global 50] [--cron '0 * * * * *']
 *
 * Rate limits: the fakes enforce Slack's and Discord's per-channel limits, and Discord's global
 * per-bot limit at --discord-global requests/s: by default Discord's real 50/s (the bench used
 * to raise it to 500/s, which measured a bot Discord does not allow; large bots that Discord
 * has granted more can pass their figure). Each
 * replica's Discord REST client keeps its share of that limit; the fleet-wide BullMQ job limiter
 * is opened up (production keeps it at 20 jobs/s per platform) so what is measured is paperboy.
 *
 * The timer starts at the first schedule slot a replica claims, so it covers enqueueing and
 * delivering, not process start-up. Targets are seeded with SQL (100,000 one at a time through
 * the stores would take longer than the run).
 */
import { availableParallelism, loadavg } from 'node:os';
import { startFakeDiscord } from '../test/helpers/fake-discord.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { clusterEnv, startCluster, type ReplicaEvent } from '../test/helpers/replica-cluster.js';
import { withPostgres, type TestDatabase } from '../test/helpers/db.js';
import { TOPIC, discordTargetId, seedWorld, slackTargetId } from '../test/helpers/replica-fixture.js';
import { removePrefix, uniquePrefix } from '../test/helpers/replica-redis.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1]! : fallback);
const TARGETS = Number(arg('targets', '400'));
const REPLICAS = arg('replicas', '1,3').split(',').map(Number);
const LATENCY = Number(arg('latency', '20'));
const PAPERS = Number(arg('papers', '12'));
const CONCURRENCY = arg('concurrency', '8');
const DISCORD_GLOBAL = Number(arg('discord-global', '50'));
// The service's default: the producer reads every target each tick, so not every second.
const CRON = arg('cron', '0 * * * * *');

interface Run {
  replicas: number;
  targets: number;
  parts: number;
  seconds: number;
  perSecond: number;
  duplicates: number;
  missing: number;
  peakRssMb: number[];
  /** When the last target of each platform was done: which platform held the run up. */
  slackSeconds: number;
  rateLimited: number;
  discordSeconds: number;
}

/** The fixture's targets and subscriptions, one INSERT … SELECT each (same rows as seedWorld). */
async function seedTargets(db: TestDatabase, slack: number, discord: number, seenAt: Date): Promise<void> {
  const target = (idExpr: string, platform: string, n: number) =>
    `INSERT INTO "DeliveryTarget" (id, platform, kind, time, "timeZone", "weekdaysOnly", "maxPapers", "notifyEmpty", "lastDigestAt", status, "brokenReason", "failureCount")
     SELECT ${idExpr}, '${platform}', 'channel', '00:00', 'UTC', false, ${PAPERS}, false, NULL, 'active', NULL, 0 FROM generate_series(0, ${n - 1}) AS i`;
  const slackId = `'slack:C' || lpad(i::text, 8, '0')`;
  const discordId = `'discord:' || (900000000000000000 + i)::text`;
  if (slack) await db.exec(target(slackId, 'slack', slack));
  if (discord) await db.exec(target(discordId, 'discord', discord));
  await db.exec(
    `INSERT INTO "Subscription" (subscriber, kind, "topicSlug", "minScore", "maxPapers", "createdBy", "createdAt")
     SELECT id, 'channel', '${TOPIC}', NULL, NULL, 'test', '${seenAt.toISOString().replace('T', ' ').replace('Z', '')}' FROM "DeliveryTarget"`,
  );
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
  const seenAt = new Date(slot.getTime() - 3600_000);
  await seedWorld(stores, { slackTargets: 0, discordTargets: 0, papers: PAPERS, maxPapers: PAPERS, time: '00:00', seenAt });
  await seedTargets(db, slackCount, TARGETS - slackCount, seenAt);
  const ids = [...Array.from({ length: slackCount }, (_, i) => slackTargetId(i)), ...Array.from({ length: TARGETS - slackCount }, (_, i) => discordTargetId(i))];
  const slack = await startFakeSlack({ channels: ids.filter((i) => i.startsWith('slack:')).map((i) => i.slice(6)), latencyMs: LATENCY, perChannelPerSec: 1 });
  undo.push(() => slack.close());
  const discord = await startFakeDiscord({
    channels: ids.filter((i) => i.startsWith('discord:')).map((i) => i.slice(8)),
    latencyMs: LATENCY,
    // Discord allows 5 posts per 5 s per channel: a digest's parts may go out together.
    perChannelPerSec: 5,
    globalPerSec: DISCORD_GLOBAL,
  });
  undo.push(() => discord.close());
  const cluster = await startCluster(replicas, {
    ...clusterEnv({ databaseUrl: db.url, prefix, slackApiUrl: slack.apiUrl, discordApiUrl: discord.apiUrl }),
    // Each replica's REST client keeps under its share of the bot's global limit.
    DISCORD_GLOBAL_RPS: String(Math.floor((DISCORD_GLOBAL * 0.9) / replicas)),
    REPLICA_CRON: CRON,
    PAPERBOY_DELIVERY_CONCURRENCY: CONCURRENCY,
    LOG_LEVEL: 'error',
  });
  undo.push(() => cluster.stop());
  process.stderr.write(`[${replicas} replica(s)] started; delivering…\n`);
  await cluster.waitFor((e: ReplicaEvent) => e.event === 'slot', 'a schedule slot', 180_000);
  const started = performance.now();
  const done = new Set<string>();
  const lastDone = { slack: 0, discord: 0 };
  await cluster.waitFor(
    (e: ReplicaEvent) => {
      if (e.event === 'job-done' && !done.has(String(e.targetId))) {
        done.add(String(e.targetId));
        lastDone[String(e.targetId).startsWith('slack:') ? 'slack' : 'discord'] = performance.now() - started;
      }
      return done.size >= ids.length;
    },
    `${ids.length} targets delivered`,
    120 * 60_000,
  );
  const seconds = (performance.now() - started) / 1000;
  await cluster.stop();
  const closed = cluster.events.filter((e) => e.event === 'closed');

  const keys = [
    ...slack.posts.map((p) => `slack:${p.channel}|${String(p.metadata?.event_payload?.dedupe_key)}`),
    ...discord.posts.map((p) => `discord:${p.channelId}|${String(p.body.nonce)}`),
  ];
  const duplicates = keys.length - new Set(keys).size;
  // One query, not one per target: at 100,000 targets a loop of ledger reads takes minutes.
  const rows = await db.query<{ targetId: string; total: number; sent: number }>(
    `SELECT "targetId", MAX("totalParts")::int AS total, COUNT(*) FILTER (WHERE status = 'sent')::int AS sent
       FROM "DeliveryPart" WHERE "windowKey" = '${slot.toISOString()}' GROUP BY "targetId"`,
  );
  const byTarget = new Map(rows.map((r) => [r.targetId, r]));
  let missing = 0;
  let ledgerParts = 0;
  for (const id of ids) {
    const r = byTarget.get(id);
    if (!r) {
      missing += 1;
      continue;
    }
    ledgerParts += r.total;
    missing += r.total - r.sent;
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
    slackSeconds: lastDone.slack / 1000,
    rateLimited: slack.rateLimited + discord.rateLimited,
    discordSeconds: lastDone.discord / 1000,
  };
}

const runs: Run[] = [];
for (const r of REPLICAS) runs.push(await runOnce(r));
const base = runs[0]!;
console.log(`\nscale bench: ${TARGETS} targets × ${PAPERS} papers, fake platforms with ${LATENCY} ms latency, PostgreSQL + Redis (BullMQ), ${CONCURRENCY} jobs at once per replica and platform`);
console.log(`rate limits at the fakes: Slack 1 post/s per channel (burst of 3), Discord 5 per 5 s per channel (bucket) and 5 per second and ${DISCORD_GLOBAL} requests/s per bot; 429s answered: ${runs.map((r) => r.rateLimited).join(', ')}`);
console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1/5/15 min) at the end`);
console.log('replicas  parts   seconds  messages/s  ratio   duplicates  missing  last slack/discord target done (s)  peak RSS per replica (MB)');
for (const r of runs) {
  console.log(
    `${String(r.replicas).padStart(8)}  ${String(r.parts).padStart(6)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.perSecond.toFixed(1).padStart(10)}  ${(r.perSecond / base.perSecond).toFixed(2).padStart(5)}×  ${String(r.duplicates).padStart(10)}  ${String(r.missing).padStart(7)}  ${`${r.slackSeconds.toFixed(1)} / ${r.discordSeconds.toFixed(1)}`.padStart(34)}  ${r.peakRssMb.join(', ')}`,
  );
}
if (runs.some((r) => r.duplicates || r.missing)) {
  console.error('FAIL: duplicate or missing parts');
  process.exitCode = 1;
}
