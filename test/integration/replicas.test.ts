/**
 * Three replicas as separate processes on one PostgreSQL database and one Redis, delivering
 * digests to local fake Slack and Discord servers. One replica is SIGKILLed while it holds
 * digest jobs; every part must still reach the platform exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports.js';
import { startSchedules } from '../../jobs/schedule.js';
import { silentLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { clusterEnv, startCluster, type Cluster } from '../helpers/replica-cluster.js';
import { withPostgres } from '../helpers/db.js';
import { seedWorld } from '../helpers/replica-fixture.js';
import { removePrefix, uniquePrefix } from '../helpers/replica-redis.js';
import { serverFor } from '../helpers/services.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

function todayMidnightUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(await serverFor(['postgresql', 'redis'], 'replicas'))('replicas on PostgreSQL + Redis', () => {
  it('a replica killed mid-digest loses nothing: every part is posted exactly once', async () => {
    const SLACK = 12;
    const DISCORD = 6;
    const db = await withPostgres();
    cleanups.push(() => db.drop());
    const stores: Stores = await db.openStores();
    const slot = todayMidnightUtc();
    const ids = await seedWorld(stores, { slackTargets: SLACK, discordTargets: DISCORD, papers: 30, maxPapers: 20, time: '00:00', seenAt: new Date(slot.getTime() - 3600_000) });

    // Latency makes a digest take long enough to be caught mid-way.
    const slack: FakeSlack = await startFakeSlack({ channels: ids.filter((i) => i.startsWith('slack:')).map((i) => i.slice(6)), latencyMs: 60 });
    cleanups.push(() => slack.close());
    const discord: FakeDiscord = await startFakeDiscord({ channels: ids.filter((i) => i.startsWith('discord:')).map((i) => i.slice(8)), latencyMs: 60 });
    cleanups.push(() => discord.close());
    const prefix = uniquePrefix('replicas');
    cleanups.push(() => removePrefix(prefix));

    const cluster: Cluster = await startCluster(3, {
      ...clusterEnv({ databaseUrl: db.url, prefix, slackApiUrl: slack.apiUrl, discordApiUrl: discord.apiUrl }),
      // Long enough that a replica starved of CPU (2 cores, busy CI) keeps its jobs; a killed
      // one's jobs are taken over within lock + check interval.
      REPLICA_LOCK_MS: '8000',
      REPLICA_STALLED_MS: '3000',
      PAPERBOY_DELIVERY_CONCURRENCY: '3',
      LOG_LEVEL: 'warn',
    });
    cleanups.push(() => cluster.stop());

    // Kill a replica while it holds jobs, after some parts have gone out.
    await until(async () => slack.posts.length + discord.posts.length >= 4 && cluster.replicas.some((r) => r.inFlight.size > 0), 'first posts', 60_000);
    const victim = cluster.replicas.reduce((a, b) => (b.inFlight.size > a.inFlight.size ? b : a));
    const interrupted = [...victim.inFlight];
    await cluster.kill(victim, 'SIGKILL');
    expect(interrupted.length).toBeGreaterThan(0);

    await until(
      async () => {
        if ((await stores.ledger.openDigests()).length) return false;
        // The victim may have posted every part before it died; its stalled jobs are still
        // taken over (and find nothing left to post) once the lock expires — wait for that too.
        const doneBySurvivor = (id: string) => cluster.events.some((e) => e.event === 'job-done' && e.targetId === id && e.replica !== victim.name);
        if (!interrupted.every(doneBySurvivor)) return false;
        const targets = await stores.targets.list();
        return targets.length === ids.length && targets.every((t) => t.lastDigestAt?.getTime() === slot.getTime());
      },
      'every target delivered',
      90_000,
    );

    // The victim's jobs were finished by the survivors.
    for (const targetId of interrupted) {
      const doneBy = cluster.events.filter((e) => e.event === 'job-done' && e.targetId === targetId).map((e) => e.replica);
      expect(doneBy.length, `${targetId} finished by a survivor`).toBeGreaterThan(0);
      expect(doneBy).not.toContain(victim.name);
    }

    // What the platforms recorded, against the ledger: each part once, none missing.
    const slackKeys = slack.posts.map((p) => `${slackTargetIdOf(p.channel)}|${String(p.metadata?.event_payload?.dedupe_key)}`);
    const discordKeys = discord.posts.map((p) => `discord:${p.channelId}|${String(p.body.nonce)}`);
    const posted = [...slackKeys, ...discordKeys];
    const dupes = posted.filter((k, i) => posted.indexOf(k) !== i);
    const diagnostics = () =>
      cluster.replicas.map((r) => `${r.name}: ${r.stderr.filter((l) => /stall|lock|fail/i.test(l)).slice(-10).join('\n')}`).join('\n');
    expect(dupes, `duplicates ${dupes.join(', ')} (victim ${victim.name} held ${interrupted.join(', ')})\n${diagnostics()}`).toEqual([]);
    const postedIds = new Set([...slack.posts.map((p) => p.ts), ...discord.posts.map((p) => p.id)]);
    let ledgerParts = 0;
    for (const id of ids) {
      const parts = await stores.ledger.parts(id, slot.toISOString());
      expect(parts.length, `${id} has parts`).toBeGreaterThan(1);
      for (const p of parts) {
        expect(p.status, `${id} part ${p.part}`).toBe('sent');
        expect(postedIds.has(p.platformMessageId ?? ''), `${id} part ${p.part} is on the platform`).toBe(true);
      }
      ledgerParts += parts.length;
    }
    expect(posted.length).toBe(ledgerParts);

    // One replica ran each schedule slot.
    const slots = cluster.events.filter((e) => e.event === 'slot').map((e) => String(e.slot));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.length - new Set(slots).size).toBe(0);

    // The survivors shut down cleanly on SIGTERM.
    const codes = await cluster.stop();
    expect(codes.filter((_, i) => cluster.replicas[i] !== victim)).toEqual([0, 0]);
  }, 150_000);

  it('two replicas racing on the same schedule slots run each slot once', async () => {
    const db = await withPostgres();
    cleanups.push(() => db.drop());
    const [a, b] = await Promise.all([db.openStores(), db.openStores()]);
    const ran: Array<{ replica: string; slot: string }> = [];
    const start = (stores: Stores, replica: string) =>
      startSchedules({
        jobs: [{ name: 'digest', cron: '* * * * * *', timeZone: 'UTC', run: async (slot) => void ran.push({ replica, slot: slot.toISOString() }) }],
        runs: stores.runs,
        replica,
        clock: { now: () => new Date() },
        logger: silentLogger(),
      });
    const sa = start(a, 'a');
    const sb = start(b, 'b');
    cleanups.push(() => sa.stop(), () => sb.stop());
    await until(async () => new Set(ran.map((r) => r.slot)).size >= 4, 'four slots', 20_000);
    await Promise.all([sa.stop(), sb.stop()]);
    const slots = ran.map((r) => r.slot);
    expect(slots.length - new Set(slots).size).toBe(0);
    const last = await a.runs.lastRun('digest');
    expect(slots).toContain(last?.slot);
    expect(last?.status).toBe('succeeded');
  }, 60_000);
});

function slackTargetIdOf(channel: string): string {
  return `slack:${channel}`;
}
