/** Starts replica processes (test/helpers/replica-process.ts) and follows their JSON-line events. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { TEST_REDIS_URL } from './replica-redis.js';

const ENTRY = fileURLToPath(new URL('./replica-process.ts', import.meta.url));

export interface ReplicaEvent {
  event: string;
  replica: string;
  [key: string]: unknown;
}

export interface Replica {
  name: string;
  child: ChildProcess;
  events: ReplicaEvent[];
  /** Targets whose job started here and has not finished. */
  inFlight: Set<string>;
  stderr: string[];
  exited: Promise<number | null>;
}

export interface Cluster {
  replicas: Replica[];
  events: ReplicaEvent[];
  /** Resolves when `pred` holds for some event (checked on every new event). */
  waitFor(pred: (e: ReplicaEvent) => boolean, what: string, timeoutMs?: number): Promise<ReplicaEvent>;
  kill(replica: Replica, signal: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM everyone still alive and wait for them to exit. */
  stop(): Promise<Array<number | null>>;
}

/** What every replica over the fake chat platforms is given: the database, the shared queue under `prefix`, and the fake Slack and Discord. */
export function clusterEnv(o: { databaseUrl: string; prefix: string; slackApiUrl: string; discordApiUrl: string }): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: o.prefix,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: o.slackApiUrl,
    DISCORD_TOKEN: 'discord-test-token',
    DISCORD_APPLICATION_ID: '1',
    DISCORD_API_URL: o.discordApiUrl,
  };
}

export async function startCluster(count: number, env: Record<string, string>, opts: { namePrefix?: string } = {}): Promise<Cluster> {
  const events: ReplicaEvent[] = [];
  const listeners = new Set<(e: ReplicaEvent) => void>();
  const replicas: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${opts.namePrefix ?? 'replica'}-${i + 1}`;
    // REPLICA_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the replicas: Node refuses --cpu-prof in NODE_OPTIONS.
    const extra = process.env.REPLICA_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...extra, '--import', 'tsx', ENTRY], {
      env: { ...process.env, ...env, PAPERBOY_REPLICA_ID: name, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r: Replica = { name, child, events: [], inFlight: new Set(), stderr: [], exited: once(child, 'exit').then(([code]) => code as number | null) };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let e: ReplicaEvent;
      try {
        e = JSON.parse(line) as ReplicaEvent;
      } catch {
        return;
      }
      if (e.event === 'job-start') r.inFlight.add(String(e.targetId));
      if (e.event === 'job-done') r.inFlight.delete(String(e.targetId));
      r.events.push(e);
      events.push(e);
      for (const l of listeners) l(e);
    });
    // Keep the tail of stderr for failure messages; replicas log JSON there.
    createInterface({ input: child.stderr! }).on('line', (line) => {
      r.stderr.push(line);
      if (r.stderr.length > 200) r.stderr.shift();
    });
    replicas.push(r);
  }

  const waitFor = (pred: (e: ReplicaEvent) => boolean, what: string, timeoutMs = 60_000) =>
    new Promise<ReplicaEvent>((resolve, reject) => {
      const found = events.find(pred);
      if (found) return resolve(found);
      const timer = setTimeout(() => {
        listeners.delete(check);
        const tails = replicas.map((r) => `${r.name} (exit ${r.child.exitCode}):\n${r.stderr.slice(-15).join('\n')}`).join('\n');
        reject(new Error(`timed out waiting for ${what}\n${tails}`));
      }, timeoutMs);
      // Only the new event: re-scanning every event on each one made a 100,000-target bench quadratic.
      const check = (e: ReplicaEvent) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve(e);
      };
      listeners.add(check);
    });

  // Start-up (tsx compile, migrations under an advisory lock) is slow on a busy 2-core machine.
  await Promise.all(replicas.map((r) => waitFor((e) => e.event === 'ready' && e.replica === r.name, `${r.name} ready`, 180_000)));

  return {
    replicas,
    events,
    waitFor,
    async kill(replica, signal) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill(signal);
      return replica.exited;
    },
    async stop() {
      return Promise.all(
        replicas.map(async (r) => {
          if (r.child.exitCode !== null || r.child.signalCode !== null) return r.child.exitCode;
          r.child.kill('SIGTERM');
          const timer = setTimeout(() => r.child.kill('SIGKILL'), 20_000);
          const code = await r.exited;
          clearTimeout(timer);
          return code;
        }),
      );
    },
  };
}
