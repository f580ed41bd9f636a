/**
 * A `paperboy digest` killed (kill -9, out of memory, a container restart) while it holds a
 * target, its first part accepted by Slack but not yet answered and the rest unsent: the run
 * that comes straight after (`paperboy digest` again, a restarted service's catch-up) on the same
 * host sees at once that the holder's process is gone, resumes the digest, and posts each part
 * exactly once (the accepted one is found in the channel's history, not posted again). It does
 * not wait out the dead run's 30-second lease, nor skip the target saying another run has it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { digestLeaseKey } from '../../src/core/digest/target-leases.js';
import { thisLeaseHost } from '../../src/store/run-lease-holder.js';
import { paperboyInProcess } from '../helpers/cli-in-process.js';
import { testDatabases, type TestDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const TARGET = 'slack:C0001';
const kinds = await testDatabases('digest-crash-restart.test.ts');

describe.each(kinds)('a digest run killed while it holds a target, on $name', (kind) => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    db = await kind.open();
    // The per-channel limit would only slow the posts down: what is under test is who may post them.
    slack = await startFakeSlack({ channels: ['C0001'], perChannelPerSec: false });
    dir = mkdtempSync(join(tmpdir(), 'paperboy-digest-crash-'));
  });
  afterAll(async () => {
    await slack.close();
    await db.drop();
  });

  const env = () => ({ DATABASE_URL: db.url, PAPERBOY_DATA_DIR: dir, SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl });

  /** The real `paperboy digest` process, started now; its output and exit once it ends. */
  function digest() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'digest', '--target', TARGET], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, HOME: dir, LOG_LEVEL: 'warn', ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
    return { child, done };
  }

  it('the next `paperboy digest` straight after resumes it at once: every part posted exactly once', async () => {
    const papers = Array.from({ length: 24 }, (_, i) => ({
      id: `2611.${String(i).padStart(5, '0')}`,
      title: `A neural audio codec with residual vector quantization, variant ${i}`,
      abstract: `We present neural speech codec ${i} that compresses audio into discrete tokens with residual vector quantization at 1 kbps.`,
      publishedAt: new Date().toISOString(),
    }));
    const file = join(dir, 'papers.jsonl');
    writeFileSync(file, papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const config = loadConfig(env());
    expect((await paperboyInProcess(config, ['ingest', '--source', 'file', '--file', file])).code).toBe(0);
    expect((await paperboyInProcess(config, ['channel', 'add', TARGET, '--topic', 'audio codecs', '--max-papers', '24'])).code).toBe(0);

    // Slack takes the first part and never answers: the run is mid-digest, the rest unsent.
    slack.fail('chat.postMessage', [{ kind: 'hang-after-accept' }]);
    const first = digest();
    let ended: { code: number | null; out: string; err: string } | null = null;
    void first.done.then((r) => (ended = r));
    for (let i = 0; i < 1200 && slack.posts.length < 1 && !ended; i++) await new Promise((r) => setTimeout(r, 50));
    expect(slack.posts.length, JSON.stringify(ended)).toBe(1);
    const leases = await db.query<{ holder: string }>(`SELECT "holder" FROM "RunLease" WHERE "key" = '${digestLeaseKey(TARGET)}'`);
    expect(leases).toHaveLength(1);
    // Named as ingest runs name theirs (host, pid, this process), plus the run: two runs in one process are two holders.
    expect(leases[0]!.holder.startsWith(`${thisLeaseHost()} pid ${first.child.pid} `)).toBe(true);

    // Alive (hung on Slack, still renewing): a digest beside it leaves the target alone and says so.
    const beside = await digest().done;
    expect(beside.err).toContain("slack:C0001 skipped — another run is already making or sending this target's digest");
    expect(slack.posts).toHaveLength(1);
    // Nothing failed: the live run is sending it. A script that must know reads --json's status 'in-progress'.
    expect(beside.code).toBe(0);

    first.child.kill('SIGKILL');
    await first.done;

    const second = await digest().done;
    expect(second.err).not.toContain('another run');
    // The take-over is said, naming the run that stopped: nothing else told the operator a run had died.
    expect(second.err).toMatch(/slack:C0001 delivered: \d+ papers in \d+ messages \(resumed after a run that stopped: /);
    expect(second.err).toContain(`(resumed after a run that stopped: ${thisLeaseHost()} pid ${first.child.pid})`);
    expect(second.code).toBe(0);

    // Each part once on Slack, matching the ledger: none posted twice, none missing.
    const keys = slack.posts.map((p) => String(p.metadata?.event_payload.dedupe_key));
    expect(new Set(keys).size).toBe(keys.length);
    const windows = await db.query<{ windowKey: string }>(`SELECT DISTINCT "windowKey" FROM "DeliveryPart" WHERE "targetId" = '${TARGET}'`);
    expect(windows).toHaveLength(1);
    const parts = await db.query<{ status: string; platformMessageId: string | null }>(`SELECT "status", "platformMessageId" FROM "DeliveryPart" WHERE "targetId" = '${TARGET}'`);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.every((p) => p.status === 'sent')).toBe(true);
    expect(keys).toHaveLength(parts.length);
    expect(new Set(parts.map((p) => p.platformMessageId))).toEqual(new Set(slack.posts.map((p) => p.ts)));
    expect(await db.query(`SELECT "key" FROM "RunLease" WHERE "key" = '${digestLeaseKey(TARGET)}'`)).toEqual([]);
  }, 120_000);
});
